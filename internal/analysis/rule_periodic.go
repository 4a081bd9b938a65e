package analysis

import (
	"fmt"
	"iter"
	"slices"
)

const (
	periodMin      = 60_000 // ms: faster repeats are one continuous use
	periodSlack    = 0.10   // gaps within 10% of each other share a period
	periodMinCount = 5      // gaps at one period before it counts
	periodMinShare = 0.4    // of all gaps
)

var periodic = Rule{
	ID:    idPeriodic,
	Title: Text{"At a steady period", "固定周期"},
	Text: Text{
		"Uses repeated at a steady interval (for example every 15 minutes), the way a timer or a location-polling loop does. " +
			"People open apps at irregular times.",
		"使用以固定的间隔重复（比如每 15 分钟一次），就像定时器或轮询位置的循环那样。" +
			"人打开 App 的时间是不规律的。",
	},
	Severity: Strong,
	CannotTell: Text{
		"A steady period shows a timer, not whether the app was on screen when it fired.",
		"固定周期说明有定时器，但不说明触发时 App 是否在屏幕上。",
	},
	Check: checkPeriodic,
	Weight: func(g *group, ev []Evidence) int {
		share := ev[0].Value
		if len(g.Uses) > 1 {
			share = float64(len(ev[0].Intervals)) / float64(len(g.Uses))
		}
		return 35 + int(25*min(share, 1))
	},
}

func checkPeriodic(g *group, sc *scope) []Evidence {
	// Only the lengths are sorted, not the gaps: the window found in them
	// never splits a run of equal lengths (it would have taken the whole
	// run), so it holds exactly the gaps whose length lies between its
	// first and last. Sorting gaps stably by length took most of this
	// rule's time in wasm.
	gaps := 0
	long := sc.lengths[:0]
	for ms := range gapsOf(g.Uses, sc) {
		gaps++
		if ms >= periodMin {
			long = append(long, ms)
		}
	}
	sc.lengths = long
	slices.Sort(long)
	lo, hi, i := 0, 0, 0
	for j := range long {
		for float64(long[j]) > float64(long[i])*(1+periodSlack) {
			i++
		}
		if j+1-i > hi-lo {
			lo, hi = i, j+1
		}
	}
	n := hi - lo
	if n < periodMinCount || float64(n) < periodMinShare*float64(gaps) {
		return nil
	}
	period := long[lo+n/2]
	idx := make([]int, 0, 2*n)
	for ms, uses := range gapsOf(g.Uses, sc) {
		if ms >= long[lo] && ms <= long[hi-1] {
			idx = append(idx, uses[0], uses[1])
		}
	}
	slices.Sort(idx)
	idx = slices.Compact(idx)
	p := span(period)
	r := resource(g.Category, g.Label)
	return []Evidence{{
		Rule: idPeriodic,
		Text: Text{
			fmt.Sprintf("%d of %d gaps between %s were about %s (within %.0f%%).", n, gaps, r.nounEN, p.EN, 100*periodSlack),
			fmt.Sprintf("%d 个（共 %d 个）%s间隔约为 %s（误差 %.0f%% 以内）。", n, gaps, trimCi(r.nounZH), p.ZH, 100*periodSlack),
		},
		Intervals: idx,
		Value:     float64(period) / 1000,
	}}
}

// gapsOf yields the gaps between the uses' begins, each with the uses on
// either side. The second of two uses beginning within sameSecond belongs
// to the same wake-up and makes no gap.
func gapsOf(uses []int, sc *scope) iter.Seq2[int64, [2]int] {
	return func(yield func(int64, [2]int) bool) {
		prev := -1
		for _, i := range uses {
			if prev >= 0 {
				d := sc.at(i).Begin.Millis - sc.at(prev).Begin.Millis
				if d < sameSecond {
					continue
				}
				if !yield(d, [2]int{prev, i}) {
					return
				}
			}
			prev = i
		}
	}
}
