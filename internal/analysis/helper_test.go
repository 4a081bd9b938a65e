package analysis

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"backsight/internal/report"
)

// build makes a report from one line per interval:
//
//	"com.tencent.xin photos 2021-09-07T01:05:01+08:00 45s [outOfProcess]"
//
// app, category, begin (RFC 3339, the offset is the phone's) and length.
func build(t testing.TB, lines ...string) *report.Report {
	t.Helper()
	r := &report.Report{Files: []*report.File{{Name: "case.ndjson", Format: "v4"}}}
	for n, l := range lines {
		f := strings.Fields(l)
		if len(f) < 4 {
			t.Fatalf("case line %q: want app, category, begin and length", l)
		}
		begin, err := time.Parse(time.RFC3339, f[2])
		if err != nil {
			t.Fatalf("case line %q: %v", l, err)
		}
		d, err := time.ParseDuration(f[3])
		if err != nil {
			t.Fatalf("case line %q: %v", l, err)
		}
		cat, ok := report.ParseCategory(f[1])
		iv := report.Interval{App: f[0], Category: cat, ID: fmt.Sprint(n),
			Begin: report.TimeOf(begin), End: report.TimeOf(begin.Add(d)),
			Begins: report.Pos{Line: int32(2*n + 1)}, Ends: report.Pos{Line: int32(2*n + 2)}}
		if !ok {
			iv.CategoryName = f[1]
		}
		if slices.Contains(f[4:], "outOfProcess") {
			iv.Flags |= report.OutOfProcess
		}
		r.Intervals = append(r.Intervals, iv)
	}
	slices.SortStableFunc(r.Intervals, func(a, b report.Interval) int { return int(a.Begin.Millis - b.Begin.Millis) })
	for _, iv := range r.Intervals {
		if r.Start.IsZero() || iv.Begin.Millis < r.Start.Millis {
			r.Start = iv.Begin
		}
		if iv.End.Millis > r.End.Millis {
			r.End = iv.End
		}
	}
	return r
}

// every returns lines for n intervals of app and category starting at
// start, step apart, with the given lengths (cycled).
func every(app, category, start string, step time.Duration, n int, lengths ...string) []string {
	return spaced(app, category, start, []time.Duration{step}, n, lengths...)
}

// irregular is like every with gaps no timer produces.
func irregular(app, category, start string, n int, lengths ...string) []string {
	gaps := []time.Duration{97 * time.Minute, 31 * time.Minute, 203 * time.Minute, 58 * time.Minute, 141 * time.Minute, 12 * time.Minute}
	return spaced(app, category, start, gaps, n, lengths...)
}

func spaced(app, category, start string, gaps []time.Duration, n int, lengths ...string) []string {
	t0, err := time.Parse(time.RFC3339, start)
	if err != nil {
		panic(err)
	}
	var out []string
	for i := range n {
		out = append(out, fmt.Sprintf("%s %s %s %s", app, category, t0.Format(time.RFC3339Nano), lengths[i%len(lengths)]))
		t0 = t0.Add(gaps[i%len(gaps)])
	}
	return out
}

// findingFor returns the finding of app and category, failing the test when
// there is none.
func findingFor(t testing.TB, res *Result, app, category string) Finding {
	t.Helper()
	for _, f := range res.Findings {
		if f.App == app && f.Category == category {
			return f
		}
	}
	t.Fatalf("no finding for %s %s", app, category)
	return Finding{}
}

// corpus returns the path of a real report in the shared corpus, found by
// walking up from the package directory. A missing corpus fails the test:
// CI has it beside the clone.
func corpus(t testing.TB, name string) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		p := filepath.Join(dir, "shared", "corpus", name)
		if _, err := os.Stat(p); err == nil {
			return p
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatalf("corpus file %s not found: put the shared corpus beside the clone (../shared/corpus)", name)
		}
		dir = parent
	}
}

// load parses and merges real reports.
func load(t testing.TB, names ...string) *report.Report {
	t.Helper()
	var files []*report.File
	for _, n := range names {
		f, err := os.Open(corpus(t, n))
		if err != nil {
			t.Fatal(err)
		}
		pf, err := report.Parse(n, f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, pf)
	}
	return report.Merge(files...)
}
