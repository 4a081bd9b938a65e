package report

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// corpusDir finds the real reports in shared/corpus beside the clone,
// walking up from the package directory. A missing corpus fails the
// test: CI has it, and a skipped conformance test proves nothing.
func corpusDir(tb testing.TB) string {
	tb.Helper()
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for {
		c := filepath.Join(dir, "shared", "corpus")
		if _, err := os.Stat(filepath.Join(c, "README.md")); err == nil {
			return c
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			tb.Fatal("shared/corpus not found above the package directory; put the corpus beside the clone")
		}
		dir = parent
	}
}

func readCorpus(tb testing.TB, name string) []byte {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join(corpusDir(tb), name))
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

func parseBytes(name string, data []byte) *File {
	p := NewParser(name)
	p.Write(data)
	return p.Close()
}

// corpusFigures were counted independently with Python's json module
// (pairing by identifier, as described in the report) and cross-checked
// with grep and jq (access/network lines, begins, ends, distinct
// domains); see the parser's report for the commands.
var corpusFigures = []struct {
	file                              string
	access, network, apps, domains    int
	intervals, open, noBegin, doubled int
	zero                              int
}{
	{"2021-09-15_ios15.0_wechat.ndjson", 826, 6537, 69, 4972, 413, 0, 0, 0, 0},
	{"2021-09-27_ios15.0_short.ndjson", 18, 72, 11, 69, 9, 0, 0, 0, 0},
	{"2022-04-27_ios15.4_small.ndjson", 8, 64, 9, 58, 4, 0, 0, 0, 0},
	{"2024-04_ios16.ndjson", 146, 179, 22, 146, 73, 0, 0, 0, 2},
	{"2024-10-19_ios18.ndjson", 3573, 1645, 69, 1184, 1787, 2, 0, 1, 21},
	{"2025-02-04_ios18.ndjson", 5229, 1646, 85, 1193, 2615, 1, 0, 0, 31},
	{"2025-02-16_ios18_broadcaster.ndjson", 5067, 2057, 100, 1463, 2534, 1, 0, 0, 26},
	{"2025-03-30_ios18_dst.ndjson", 3294, 566, 59, 403, 1647, 0, 0, 0, 13},
	{"2025-04-21_ios18.ndjson", 2814, 1127, 74, 778, 1407, 0, 0, 0, 15},
}

type intervalCounts struct{ intervals, open, noBegin, doubled, zero int }

func countIntervals(r *Report) intervalCounts {
	c := intervalCounts{intervals: len(r.Intervals)}
	for i := range r.Intervals {
		iv := &r.Intervals[i]
		switch {
		case iv.Has(Open):
			c.open++
		case iv.Has(NoBegin):
		case iv.DurationMillis() == 0:
			c.zero++
		}
		if iv.Has(NoBegin) {
			c.noBegin++
		}
		if iv.Has(DoubledBegin) {
			c.doubled++
		}
	}
	return c
}

func TestCorpusConformance(t *testing.T) {
	for _, want := range corpusFigures {
		t.Run(want.file, func(t *testing.T) {
			f := parseBytes(want.file, readCorpus(t, want.file))
			if f.NotReport != "" || f.BadLines != 0 || f.Warnings != 0 || f.Format != "v4" {
				t.Fatalf("NotReport %q, %d bad lines, %d warnings, format %q; want a clean v4 file: %v",
					f.NotReport, f.BadLines, f.Warnings, f.Format, f.Messages)
			}
			apps, domains := map[string]bool{}, map[string]bool{}
			for _, a := range f.Access {
				apps[a.App] = true
			}
			for _, n := range f.Network {
				apps[n.App] = true
				domains[n.Domain] = true
			}
			got := [4]int{len(f.Access), len(f.Network), len(apps), len(domains)}
			if exp := [4]int{want.access, want.network, want.apps, want.domains}; got != exp {
				t.Errorf("access, network, apps, domains = %v, want %v", got, exp)
			}
			ic := countIntervals(Merge(f))
			if exp := (intervalCounts{want.intervals, want.open, want.noBegin, want.doubled, want.zero}); ic != exp {
				t.Errorf("intervals (all, open, noBegin, doubled, zero-length) = %+v, want %+v", ic, exp)
			}
		})
	}
}

// TestMerge2025 merges the five overlapping weekly exports: each access
// record and network key must appear once.
func TestMerge2025(t *testing.T) {
	var files []*File
	for _, c := range corpusFigures {
		if c.file[:4] == "2025" {
			files = append(files, parseBytes(c.file, readCorpus(t, c.file)))
		}
	}
	r := Merge(files...)
	if got, want := countIntervals(r), (intervalCounts{8203, 2, 0, 0, 85}); got != want {
		t.Errorf("merged intervals = %+v, want %+v", got, want)
	}
	if len(r.Network) != 3413 {
		t.Errorf("merged network records = %d, want 3413 distinct keys", len(r.Network))
	}
	// Merging again with every file twice changes nothing.
	r2 := Merge(append(files, files...)...)
	if countIntervals(r2) != countIntervals(r) || len(r2.Network) != len(r.Network) {
		t.Errorf("merging each file twice gave %+v and %d network records", countIntervals(r2), len(r2.Network))
	}
	for i := 1; i < len(r.Intervals); i++ {
		if r.Intervals[i].Begin.Millis < r.Intervals[i-1].Begin.Millis {
			t.Fatalf("intervals not sorted by begin at %d", i)
		}
	}
	// One copy of each string across files.
	apps := map[string]string{}
	for _, iv := range r.Intervals {
		if s, ok := apps[iv.App]; ok && unsafeData(s) != unsafeData(iv.App) {
			t.Fatalf("app %q stored twice after Merge", iv.App)
		}
		apps[iv.App] = iv.App
	}
}

// TestCorpusDifferential holds the scanner to encoding/json on every
// line of every corpus file.
func TestCorpusDifferential(t *testing.T) {
	for _, c := range corpusFigures {
		data := readCorpus(t, c.file)
		if d := diffFiles(parseBytes(c.file, data), refParse(c.file, data)); d != "" {
			t.Errorf("%s: fast and reference parsers differ: %s", c.file, d)
		}
	}
}

// diffFiles describes the first difference between two parse results.
func diffFiles(a, b *File) string {
	switch {
	case a.Lines != b.Lines:
		return fmt.Sprintf("lines %d vs %d", a.Lines, b.Lines)
	case a.BadLines != b.BadLines || a.Warnings != b.Warnings:
		return fmt.Sprintf("bad lines %d vs %d, warnings %d vs %d\n%v\n%v", a.BadLines, b.BadLines, a.Warnings, b.Warnings, a.Messages, b.Messages)
	case !reflect.DeepEqual(a.Messages, b.Messages):
		return fmt.Sprintf("messages\n%v\n%v", a.Messages, b.Messages)
	case len(a.Access) != len(b.Access) || len(a.Network) != len(b.Network):
		return fmt.Sprintf("%d/%d access, %d/%d network", len(a.Access), len(b.Access), len(a.Network), len(b.Network))
	case !reflect.DeepEqual(a.Unknown, b.Unknown):
		return fmt.Sprintf("unknown %v vs %v", a.Unknown, b.Unknown)
	}
	for i := range a.Access {
		if a.Access[i] != b.Access[i] {
			return fmt.Sprintf("access %d: %+v vs %+v", i, a.Access[i], b.Access[i])
		}
	}
	for i := range a.Network {
		if a.Network[i] != b.Network[i] {
			return fmt.Sprintf("network %d: %+v vs %+v", i, a.Network[i], b.Network[i])
		}
	}
	return ""
}
