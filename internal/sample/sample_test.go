package sample

import (
	"bytes"
	"testing"

	"backsight/internal/catalog"
	"backsight/internal/report"
)

// The bundled sample must read cleanly and show what its doc promises.
func TestBundledReadsCleanly(t *testing.T) {
	f, err := report.Parse(Name, bytes.NewReader(Report()))
	if err != nil {
		t.Fatal(err)
	}
	if f.BadLines != 0 || f.Warnings != 0 || f.NotReport != "" {
		t.Fatalf("bad lines %d, warnings %d, not report %q: %v", f.BadLines, f.Warnings, f.NotReport, f.Messages)
	}
	r := report.Merge(f)
	var night45, open, broadcast int
	for _, iv := range r.Intervals {
		h := iv.Begin.Go().Hour()
		if iv.App == wechat && iv.Category == report.CategoryPhotos && h < 6 {
			if d := iv.DurationMillis(); d < 44_700 || d > 45_100 {
				t.Errorf("night read of %d ms, want about 45 s", d)
			}
			night45++
		}
		if iv.Has(report.Open) {
			open++
		}
		if iv.Broadcaster != "" {
			broadcast++
		}
	}
	if night45 < 14 || open != 1 || broadcast != 1 {
		t.Errorf("night reads %d (want >= 14), open %d (want 1), broadcaster %d (want 1)", night45, open, broadcast)
	}
	if len(r.Network) < 20 {
		t.Errorf("%d network records, want >= 20", len(r.Network))
	}
}

func TestGenerateSizeAndDeterminism(t *testing.T) {
	for _, size := range []int64{1_000_000, 3_000_000} {
		var a, b bytes.Buffer
		if err := Generate(&a, size, 7); err != nil {
			t.Fatal(err)
		}
		Generate(&b, size, 7)
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Errorf("size %d: two runs with one seed differ", size)
		}
		if n := int64(a.Len()); n < size || n > size+1000 {
			t.Errorf("size %d: wrote %d bytes", size, n)
		}
		f, _ := report.Parse("gen", &a)
		if f.BadLines != 0 || len(f.Access) == 0 || len(f.Network) == 0 {
			t.Errorf("size %d: %d bad lines, %d access, %d network", size, f.BadLines, len(f.Access), len(f.Network))
		}
	}
}

// The generated apps named after real ones must be apps the catalog
// knows, or they would not stand for real ones.
func TestGeneratedKnownApps(t *testing.T) {
	for _, id := range knownApps {
		if !catalog.Lookup(id).Known {
			t.Errorf("%s: not in the catalog", id)
		}
	}
}
