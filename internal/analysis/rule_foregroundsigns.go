package analysis

import (
	"fmt"
	"slices"

	"backsight/internal/report"
)

// signSlack is how close in time the app's own camera, microphone or picker
// use must be to count as a sign that it was on screen.
const signSlack = 60_000 // ms

var foregroundSigns = Rule{
	ID:    idForegroundSigns,
	Title: Text{"Signs you were using it", "你正在使用它的迹象"},
	Text: Text{
		"Around the same time the same app used the camera, the microphone or the system photo picker, which happen when you are using the app. " +
			"This lowers the confidence of any background verdict.",
		"大约同一时间，同一个 App 还使用了相机、麦克风或系统照片选择器，这些通常发生在你正在使用它的时候。" +
			"这会降低后台判断的可信度。",
	},
	Severity: Mitigating,
	CannotTell: Text{
		"A call can keep the microphone in the background, so this sign is not proof either.",
		"通话可以在后台继续使用麦克风，所以这个迹象也不是证明。",
	},
	Check: checkForegroundSigns,
	Weight: func(g *group, ev []Evidence) int {
		return -int(70 * ev[0].Value)
	},
}

// foregroundSign says whether an interval shows its app was being used.
func foregroundSign(iv *report.Interval) bool {
	return iv.Category == report.CategoryCamera || iv.Category == report.CategoryMicrophone || iv.Has(report.OutOfProcess)
}

func checkForegroundSigns(g *group, sc *scope) []Evidence {
	signs := sc.signs[g.App]
	if signs == nil || len(g.Uses) == 0 {
		return nil
	}
	hits := sc.hits[:0]
	for _, i := range g.Uses {
		iv := sc.at(i)
		// A sign that began before this use ended (plus slack) and ended
		// after it began (minus slack).
		t := iv.End.Millis + signSlack
		if signs.find("", t, iv.Begin.Millis-signSlack-t) >= 0 {
			hits = append(hits, i)
		}
	}
	sc.hits = hits
	if len(hits) == 0 {
		return nil
	}
	share := float64(len(hits)) / float64(len(g.Uses))
	r := resource(g.Category, g.Label)
	return []Evidence{{
		Rule: idForegroundSigns,
		Text: Text{
			fmt.Sprintf("%d of %d %s were within a minute of the app's own camera, microphone or photo-picker use.", len(hits), len(g.Uses), r.nounEN),
			fmt.Sprintf("%d 次（共 %d %s）与该 App 自己使用相机、麦克风或照片选择器的时间相差不到一分钟。", len(hits), len(g.Uses), r.nounZH),
		},
		Intervals: slices.Clone(hits),
		Value:     share,
	}}
}
