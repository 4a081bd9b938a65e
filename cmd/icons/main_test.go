package main

import (
	"bytes"
	"fmt"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

// The committed icon.svg is this program's output: edit the geometry here
// and run `make icons`, never the file by hand.
func TestCommittedSVGIsGenerated(t *testing.T) {
	b, err := os.ReadFile("../../site/icons/icon.svg")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b, svg()) {
		t.Errorf("site/icons/icon.svg differs from the generated icon: run `make icons`\n%s", svg())
	}
}

func TestRaster(t *testing.T) {
	for _, n := range sizes {
		img := raster(n)
		at := func(fx, fy float64) color.NRGBA { return img.NRGBAAt(int(fx*float64(n)), int(fy*float64(n))) }
		opaque := func(c color.RGBA) color.NRGBA { return color.NRGBA{c.R, c.G, c.B, 0xff} }
		for _, c := range []struct {
			name string
			x, y float64
			want color.NRGBA
		}{
			{"corner outside the rounded square", 0.005, 0.005, color.NRGBA{}},
			{"background near the edge", 0.5, 0.05, opaque(background)},
			{"lit half of the circle", 0.4, 0.5, opaque(foreground)},
			{"dark half inside the ring", 0.6, 0.5, opaque(background)},
			{"the ring on the right", 0.5 + radius, 0.5, opaque(foreground)},
		} {
			if got := at(c.x, c.y); got != c.want {
				t.Errorf("%d px, %s: %v, want %v", n, c.name, got, c.want)
			}
		}
	}
}

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	if err := write(dir); err != nil {
		t.Fatal(err)
	}
	for _, n := range sizes {
		f, err := os.Open(filepath.Join(dir, fmt.Sprintf("icon-%d.png", n)))
		if err != nil {
			t.Fatal(err)
		}
		cfg, err := png.DecodeConfig(f)
		f.Close()
		if err != nil || cfg.Width != n || cfg.Height != n {
			t.Errorf("icon-%d.png: %dx%d, %v", n, cfg.Width, cfg.Height, err)
		}
	}
}
