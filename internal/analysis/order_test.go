package analysis

import (
	"bytes"
	"encoding/json"
	"slices"
	"testing"

	"backsight/internal/report"
	"backsight/internal/sample"
)

// Merge leaves intervals in begin order and the analysis skips its own
// sorting when they are; a report built another way must still give the
// same findings, only with the intervals numbered in its own order.
func TestIntervalsOutOfOrder(t *testing.T) {
	var buf bytes.Buffer
	if err := sample.Generate(&buf, 300<<10, 7); err != nil {
		t.Fatal(err)
	}
	f, err := report.Parse("generated.ndjson", &buf)
	if err != nil {
		t.Fatal(err)
	}
	r := report.Merge(f)
	// Begins repeat in generated reports; reversing would reorder those
	// ties, which the rules may break either way. Spreading the times
	// out makes each begin distinct, in the same order, so the results
	// compare exactly; the rules still fire on the stretched times
	// (periodic, night and the cross-app ones, not fixed-window).
	n := len(r.Intervals)
	for i := range r.Intervals {
		iv := &r.Intervals[i]
		iv.Begin.Millis = iv.Begin.Millis*int64(n) + int64(i)
		iv.End.Millis = iv.End.Millis*int64(n) + int64(i)
	}
	want := Findings(r, DefaultOptions())

	// The intervals in reverse: interval i of r is n-1-i of rev.
	rev := *r
	rev.Intervals = slices.Clone(r.Intervals)
	slices.Reverse(rev.Intervals)
	got := Findings(&rev, DefaultOptions())
	back := func(idx []int) {
		for k, i := range idx {
			idx[k] = n - 1 - i
		}
		slices.Sort(idx)
	}
	for k := range got.Findings {
		back(got.Findings[k].Intervals)
		for e := range got.Findings[k].Evidence {
			back(got.Findings[k].Evidence[e].Intervals)
		}
	}
	slices.Reverse(got.Intervals)
	wj, _ := json.Marshal(want)
	gj, _ := json.Marshal(got)
	if !bytes.Equal(wj, gj) {
		for k := range want.Findings {
			if w, g := want.Findings[k], got.Findings[k]; !equalJSON(w, g) {
				t.Fatalf("finding %d differs with the intervals reversed:\n got %+v\nwant %+v", k, g, w)
			}
		}
		t.Fatal("the result differs with the intervals reversed")
	}
	fired := map[string]bool{}
	for _, f := range want.Findings {
		for _, id := range f.Rules {
			fired[id] = true
		}
	}
	for _, id := range []string{idPeriodic, idWhileOtherApp, idAfterLibraryChange, idForegroundSigns} {
		if !fired[id] {
			t.Errorf("rule %s fires nowhere: the case does not test its order", id)
		}
	}
}

func equalJSON(a, b any) bool {
	aj, _ := json.Marshal(a)
	bj, _ := json.Marshal(b)
	return bytes.Equal(aj, bj)
}
