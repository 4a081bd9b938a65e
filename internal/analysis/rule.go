package analysis

import (
	"cmp"
	"slices"

	"backsight/internal/report"
)

// Severity ranks how much a rule's evidence weighs.
type Severity string

const (
	// Strong evidence points to background use on its own.
	Strong Severity = "strong"
	// Supporting evidence adds to other signals.
	Supporting Severity = "supporting"
	// Context explains a finding without making it more serious.
	Context Severity = "context"
	// Mitigating evidence lowers the confidence of a background verdict.
	Mitigating Severity = "mitigating"
)

// Rule is one background-access signal: its user-facing explanation and the
// check that finds its evidence in one app's use of one category.
type Rule struct {
	ID         string // kebab-case, stable: it is in the JSON
	Title      Text
	Text       Text // "why am I seeing this?"
	Severity   Severity
	CannotTell Text // what this signal cannot prove
	// Check returns the rule's evidence for g, nil when it sees nothing.
	// Its interval lists may be in any order and repeat indices: finding
	// sorts them and drops the repeats.
	Check func(g *group, sc *scope) []Evidence
	// Weight turns the evidence into score points (negative for
	// mitigating rules); it gets the evidence Check returned.
	Weight func(g *group, ev []Evidence) int
}

// The rules' IDs, also used by the rules' own checks (a rule value cannot
// refer to itself while it is being initialized).
const (
	idFixedWindow        = "fixed-window"
	idPeriodic           = "periodic"
	idWhileOtherApp      = "while-other-app"
	idNight              = "night"
	idAfterLibraryChange = "after-library-change"
	idForegroundSigns    = "foreground-signs"
)

// Rules lists every rule in the order findings show their evidence.
var Rules = []*Rule{
	&fixedWindow,
	&periodic,
	&whileOtherApp,
	&night,
	&afterLibraryChange,
	&foregroundSigns,
}

func rulesInfo() []RuleInfo {
	out := make([]RuleInfo, 0, len(Rules))
	for _, r := range Rules {
		out = append(out, RuleInfo{ID: r.ID, Title: r.Title, Text: r.Text, Severity: string(r.Severity), CannotTell: r.CannotTell})
	}
	return out
}

// group is one app's use of one category: the unit a finding is about.
type group struct {
	App      string
	Category report.Category
	Label    string // the category as the report writes it
	All      []int  // indices into the report's intervals, in begin order
	// Uses are the intervals in which the app itself got the resource:
	// All without the system picker's (outOfProcess) intervals.
	Uses []int
}

// scope is what every rule may look at beyond its group: the whole report
// (for the cross-app rules), the options and indexes built once.
type scope struct {
	r    *report.Report
	opts Options
	iv   []report.Interval

	screen  *coverIndex            // camera and screen recording, any app
	library *coverIndex            // what changes the photo library, any app
	signs   map[string]*coverIndex // per app: its own foreground signs

	// Scratch lists the checks reuse from one group to the next, as the
	// groups are checked one at a time; evidence is copied out of them
	// at its final size. Lists grown afresh per group and check were
	// 13 of the 62 MB Findings allocated on the 100 MB report.
	hits, others []int
	lengths      []int64
}

func (sc *scope) at(i int) *report.Interval { return &sc.iv[i] }

// coverIndex answers "did an interval of another app begin before t and
// last until at least t+d?" in O(log n): intervals sorted by begin with a
// running record of the two latest ends from different apps, so one of
// them is always from an app other than the one asking.
type coverIndex struct {
	iv    []report.Interval
	begin []int64
	// top[k]: the best two among the first k+1 intervals. Their apps are
	// looked up in iv: an app string here would put pointers in the
	// index, for the garbage collector to scan (in wasm on the one
	// thread), and the end, checked first, rules out most candidates
	// without a look into iv.
	top [][2]cover
}

type cover struct {
	end int64
	idx int // index into the report's intervals; -1 for none
}

func newCoverIndex(iv []report.Interval, idx []int) *coverIndex {
	if !inBeginOrder(iv, idx) {
		slices.SortFunc(idx, func(a, b int) int {
			return cmp.Or(cmp.Compare(iv[a].Begin.Millis, iv[b].Begin.Millis), cmp.Compare(a, b))
		})
	}
	c := &coverIndex{iv: iv, begin: make([]int64, len(idx)), top: make([][2]cover, len(idx))}
	best := [2]cover{{idx: -1}, {idx: -1}}
	for k, i := range idx {
		c.begin[k] = iv[i].Begin.Millis
		n := cover{end: iv[i].End.Millis, idx: i}
		switch {
		case best[0].idx < 0 || n.end > best[0].end:
			if best[0].idx < 0 || iv[best[0].idx].App != iv[i].App {
				best[1] = best[0]
			}
			best[0] = n
		case iv[i].App != iv[best[0].idx].App && (best[1].idx < 0 || n.end > best[1].end):
			best[1] = n
		}
		c.top[k] = best
	}
	return c
}

// inBeginOrder reports whether idx, indices into iv, is sorted by begin
// and then by index, as lists built in order from a merged report are:
// checking costs a pass, sorting again with a comparison function many.
func inBeginOrder(iv []report.Interval, idx []int) bool {
	for k := 1; k < len(idx); k++ {
		a, b := iv[idx[k-1]].Begin.Millis, iv[idx[k]].Begin.Millis
		if a > b || a == b && idx[k-1] > idx[k] {
			return false
		}
	}
	return true
}

// find returns an interval of an app other than app (any app when app is
// "") that began at or before t and ended at or after t+d, or -1.
func (c *coverIndex) find(app string, t, d int64) int {
	if c == nil {
		return -1
	}
	k, _ := slices.BinarySearch(c.begin, t+1)
	k-- // the last interval beginning at or before t
	if k < 0 {
		return -1
	}
	for _, b := range c.top[k] {
		if b.idx >= 0 && b.end >= t+d && (app == "" || c.iv[b.idx].App != app) {
			return b.idx
		}
	}
	return -1
}
