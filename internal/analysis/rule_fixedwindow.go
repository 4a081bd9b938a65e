package analysis

import (
	"fmt"
	"slices"

	"backsight/internal/report"
)

const (
	windowTolerance = 500 // ms: durations within this of each other form a window
	// windowMin is the shortest window counted. Background execution
	// windows last 30 s or more; shorter equal lengths come from API
	// timeouts (a one-shot location fix takes about 10 s on screen too)
	// or from chance (a glance is 1-3 s).
	windowMin      = 20_000 // ms
	windowMinCount = 3      // uses in one window before it counts
	windowMinShare = 0.3    // of the app's measured uses in windows
	sameSecond     = 1_000  // ms between two begins that "start together"
)

var fixedWindow = Rule{
	ID:    idFixedWindow,
	Title: Text{"Fixed-length windows", "固定时长的窗口"},
	Text: Text{
		"Many uses lasted almost exactly the same time (within half a second), often two starting in the same second. " +
			"A person browsing or typing does not produce that; iOS waking an app for a fixed background window (about 10, 30, 45 or 60 s) does.",
		"很多次使用的时长几乎完全相同（相差不到半秒），还常有两次在同一秒开始。" +
			"人在浏览或输入时不会产生这种规律；iOS 在后台把 App 唤醒一段固定时间（约 10、30、45 或 60 秒）才会这样。",
	},
	Severity: Strong,
	CannotTell: Text{
		"Equal lengths show the system ended the access, not what the app did in it; an app in the foreground can be suspended the same way.",
		"时长相同说明是系统结束了访问，但不说明 App 在这段时间做了什么；前台 App 也可能被同样挂起。",
	},
	Check: checkFixedWindow,
	Weight: func(g *group, ev []Evidence) int {
		share := 0.0
		for _, e := range ev {
			if e.Value > 0 && e.Value <= 1 {
				share = e.Value
			}
		}
		return 30 + int(40*share)
	},
}

// checkFixedWindow finds up to three duration clusters among the uses and
// reports them when together they cover enough of the uses.
func checkFixedWindow(g *group, sc *scope) []Evidence {
	measured := 0          // uses with a known length
	long := sc.lengths[:0] // the lengths of the uses long enough to be a window
	for _, i := range g.Uses {
		iv := sc.at(i)
		if iv.Flags&(report.Open|report.NoBegin|report.Event) == 0 {
			measured++
			if d := iv.DurationMillis(); d >= windowMin {
				long = append(long, d)
			}
		}
	}
	sc.lengths = long
	// The clusters are found in the sorted lengths alone. A cluster never
	// splits a run of equal lengths (it would have taken the whole run),
	// so its uses are those whose length lies between its shortest and
	// longest that no earlier cluster took. Sorting the uses themselves
	// by length, stably, took most of this rule's time in wasm.
	slices.Sort(long)
	type cluster struct {
		lo, hi, mid int64 // shortest, longest and median length
		uses        []int
	}
	var clusters []cluster
	clustered := 0
	for len(clusters) < 3 {
		lo, hi := bestWindow(long)
		if hi-lo < windowMinCount {
			break
		}
		clusters = append(clusters, cluster{lo: long[lo], hi: long[hi-1], mid: long[lo+(hi-lo)/2], uses: make([]int, 0, hi-lo)})
		clustered += hi - lo
		long = slices.Delete(long, lo, hi)
	}
	if measured == 0 || clustered < windowMinCount || float64(clustered)/float64(measured) < windowMinShare {
		return nil
	}
	for _, i := range g.Uses {
		iv := sc.at(i)
		if iv.Flags&(report.Open|report.NoBegin|report.Event) != 0 {
			continue
		}
		d := iv.DurationMillis()
		for k := range clusters {
			if c := &clusters[k]; d >= c.lo && d <= c.hi {
				c.uses = append(c.uses, i)
				break
			}
		}
	}
	share := float64(clustered) / float64(measured)
	r := resource(g.Category, g.Label)
	var ev []Evidence
	for _, c := range clusters {
		rng := secs(c.lo) + "-" + secs(c.hi)
		if secs(c.lo) == secs(c.hi) {
			rng = secs(c.lo)
		}
		slices.Sort(c.uses)
		ev = append(ev, Evidence{
			Rule: idFixedWindow,
			Text: Text{
				fmt.Sprintf("%d of %d %s lasted %s s.", len(c.uses), measured, r.nounEN, rng),
				fmt.Sprintf("%d 次（共 %d %s）持续了 %s 秒。", len(c.uses), measured, r.nounZH, rng),
			},
			Intervals: c.uses,
			Value:     float64(c.mid) / 1000,
		})
	}
	ev = append(ev, Evidence{
		Rule: idFixedWindow,
		Text: Text{
			fmt.Sprintf("In all, %.0f%% of the measured %s fall into fixed-length windows.", 100*share, r.nounEN),
			fmt.Sprintf("总计 %.0f%% 的%s落在固定时长的窗口内。", 100*share, trimCi(r.nounZH)),
		},
		Intervals: []int{},
		Value:     share,
	})
	if pairs := sameSecondPairs(g.Uses, sc); len(pairs) > 0 {
		ev = append(ev, Evidence{
			Rule: idFixedWindow,
			Text: Text{
				sameSecondEN(len(pairs)/2, r.nounEN),
				fmt.Sprintf("有 %d 次，两%s在同一秒内开始。", len(pairs)/2, r.nounZH),
			},
			Intervals: pairs,
			Value:     float64(len(pairs) / 2),
		})
	}
	return ev
}

// bestWindow returns the bounds of the longest run of the sorted lengths
// whose lengths differ by at most windowTolerance.
func bestWindow(long []int64) (lo, hi int) {
	i := 0
	for j := range long {
		for long[j]-long[i] > windowTolerance {
			i++
		}
		if j+1-i > hi-lo {
			lo, hi = i, j+1
		}
	}
	return lo, hi
}

// sameSecondPairs returns the uses (in begin order) that begin within a
// second of the previous one, each pair listed together.
func sameSecondPairs(uses []int, sc *scope) []int {
	var out []int
	for k := 1; k < len(uses); k++ {
		a, b := sc.at(uses[k-1]), sc.at(uses[k])
		if b.Begin.Millis-a.Begin.Millis < sameSecond && a.Flags&report.NoBegin == 0 && b.Flags&report.NoBegin == 0 {
			out = append(out, uses[k-1], uses[k])
			k++ // a pair, not a chain
		}
	}
	return out
}

// trimCi drops the measure word from a Chinese noun ("次读取" -> "读取").
func trimCi(s string) string {
	if len(s) > len("次") && s[:len("次")] == "次" {
		return s[len("次"):]
	}
	return s
}

// sameSecondEN says how often two uses started in the same second.
func sameSecondEN(n int, noun string) string {
	if n == 1 {
		return fmt.Sprintf("Once, two %s started within the same second.", noun)
	}
	return fmt.Sprintf("%d times, two %s started within the same second.", n, noun)
}
