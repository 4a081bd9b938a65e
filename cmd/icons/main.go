// Command icons draws Backsight's app icon, a half-lit circle on a dark
// rounded square, as SVG and as PNG in the sizes the web app manifest names.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strconv"
)

// The icon's geometry in a unit square; the SVG and the PNGs are both drawn
// from these numbers, so they cannot drift apart.
const (
	corner = 0.19 // background corner radius
	radius = 0.29 // the circle's radius (to the middle of its ring)
	ring   = 0.07 // the ring's width
)

var (
	background = color.RGBA{0x1b, 0x26, 0x3b, 0xff}
	foreground = color.RGBA{0xf4, 0xf1, 0xea, 0xff}
)

// sizes are the PNGs the manifest lists (Android and desktop installs need
// 192 and 512).
var sizes = []int{192, 512}

func main() {
	out := flag.String("o", "site/icons", "the folder to write icon.svg and icon-SIZE.png into")
	flag.Parse()
	if err := write(*out); err != nil {
		fmt.Fprintln(os.Stderr, "icons:", err)
		os.Exit(1)
	}
}

func write(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "icon.svg"), svg(), 0o644); err != nil {
		return err
	}
	for _, n := range sizes {
		var buf bytes.Buffer
		if err := png.Encode(&buf, raster(n)); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("icon-%d.png", n)), buf.Bytes(), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// num prints a coordinate with at most two decimals.
func num(v float64) string { return strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64) }

func hex(c color.RGBA) string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

// svg is the icon at 512 units, the same shapes as raster.
func svg() []byte {
	const s = 512.0
	c, r := s/2, radius*s
	return fmt.Appendf(nil, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">
<rect width="512" height="512" rx="%s" fill="%s"/>
<circle cx="%s" cy="%s" r="%s" fill="none" stroke="%s" stroke-width="%s"/>
<path d="M%s %sA%s %s 0 0 0 %s %sZ" fill="%s"/>
</svg>
`, num(corner*s), hex(background), num(c), num(c), num(r), hex(foreground), num(ring*s),
		num(c), num(c-r), num(r), num(r), num(c), num(c+r), hex(foreground))
}

// coverage tells how much of the foreground and of the background cover
// the point (x, y) of the unit square: 0 or 1 for each.
func coverage(x, y float64) (fg, bg bool) {
	// Rounded square: inside unless in a corner beyond its arc.
	cx, cy := math.Max(math.Abs(x-0.5)-(0.5-corner), 0), math.Max(math.Abs(y-0.5)-(0.5-corner), 0)
	bg = math.Hypot(cx, cy) <= corner
	d := math.Hypot(x-0.5, y-0.5)
	inRing := math.Abs(d-radius) <= ring/2
	leftHalf := d <= radius && x <= 0.5
	return bg && (inRing || leftHalf), bg
}

// raster draws the icon n pixels wide, 4x4 samples a pixel for smooth
// edges.
func raster(n int) *image.NRGBA {
	const ss = 4
	img := image.NewNRGBA(image.Rect(0, 0, n, n))
	for py := 0; py < n; py++ {
		for px := 0; px < n; px++ {
			var fgN, bgN int
			for sy := 0; sy < ss; sy++ {
				for sx := 0; sx < ss; sx++ {
					x := (float64(px) + (float64(sx)+0.5)/ss) / float64(n)
					y := (float64(py) + (float64(sy)+0.5)/ss) / float64(n)
					fg, bg := coverage(x, y)
					if fg {
						fgN++
					} else if bg {
						bgN++
					}
				}
			}
			total := fgN + bgN
			if total == 0 {
				continue
			}
			// Colour: the covered samples' mix; alpha: their share.
			mix := func(f, b uint8) uint8 {
				return uint8((fgN*int(f) + bgN*int(b) + total/2) / total)
			}
			img.SetNRGBA(px, py, color.NRGBA{
				R: mix(foreground.R, background.R),
				G: mix(foreground.G, background.G),
				B: mix(foreground.B, background.B),
				A: uint8((total*255 + ss*ss/2) / (ss * ss)),
			})
		}
	}
	return img
}
