package analysis

import (
	"fmt"
	"slices"

	"backsight/internal/report"
)

var night = Rule{
	ID:    idNight,
	Title: Text{"At night", "夜间"},
	Text: Text{
		"Uses that began inside your sleep window (by default 00:00-06:00, on the phone's own clock at that moment, right across a daylight-saving change). " +
			"You may have been awake, so this only adds to other signs.",
		"在你的睡眠时段内开始的使用（默认 00:00-06:00，按手机当时自己的时钟，夏令时切换也照算）。" +
			"你当时也可能醒着，所以这只是辅助其他迹象。",
	},
	Severity: Supporting,
	CannotTell: Text{
		"The report does not know when you sleep; change the window if yours differs.",
		"报告并不知道你何时睡觉；如果你的作息不同，请调整时段。",
	},
	Check: checkNight,
	Weight: func(g *group, ev []Evidence) int {
		n := int(ev[0].Value)
		return 10 + min(15, 3*n)
	},
}

func checkNight(g *group, sc *scope) []Evidence {
	hits := sc.hits[:0]
	for _, i := range g.Uses {
		if sc.opts.atNight(sc.at(i).Begin) {
			hits = append(hits, i)
		}
	}
	sc.hits = hits
	if len(hits) == 0 {
		return nil
	}
	r := resource(g.Category, g.Label)
	last := when(sc.at(hits[len(hits)-1]).Begin)
	from, to := clock(sc.opts.SleepFrom), clock(sc.opts.SleepTo)
	return []Evidence{{
		Rule: idNight,
		Text: Text{
			fmt.Sprintf("%d of %d %s began between %s and %s; the last at %s.", len(hits), len(g.Uses), r.nounEN, from, to, last.EN),
			fmt.Sprintf("%d 次（共 %d %s）在 %s 至 %s 之间开始；最近一次在 %s。", len(hits), len(g.Uses), r.nounZH, from, to, last.ZH),
		},
		Intervals: slices.Clone(hits),
		Value:     float64(len(hits)),
	}}
}

// atNight reports whether t falls inside the sleep window on the phone's
// own clock at t.
func (o Options) atNight(t report.Time) bool {
	from, to := norm(o.SleepFrom), norm(o.SleepTo)
	if from == to {
		return false
	}
	m := int(((t.Local()/60_000)%1440 + 1440) % 1440)
	if from < to {
		return m >= from && m < to
	}
	return m >= from || m < to // the window wraps midnight
}

// norm brings minutes after midnight into [0, 1440).
func norm(m int) int { return ((m % 1440) + 1440) % 1440 }
