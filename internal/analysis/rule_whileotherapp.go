package analysis

import (
	"fmt"
	"slices"

	"backsight/internal/catalog"
	"backsight/internal/report"
)

// onScreenFor is how long after a use began another app must still have
// held the camera or the screen recording: a use that merely overlaps the
// moment of switching apps is not evidence.
const onScreenFor = 2_000 // ms

var whileOtherApp = Rule{
	ID:    idWhileOtherApp,
	Title: Text{"While another app held the screen", "其他 App 占用屏幕时"},
	Text: Text{
		"The use began while a different app was using the camera, which iOS allows only to the app on screen. " +
			"So this app was most likely not the one you were looking at.",
		"这次使用开始时，另一个 App 正在使用相机，而 iOS 只允许屏幕上的 App 这样做。" +
			"因此这个 App 很可能不是你当时正在看的那个。",
	},
	Severity: Strong,
	CannotTell: Text{
		"Picture-in-picture video calls can keep the camera of an app that is not on screen; the report does not mark them.",
		"画中画视频通话可以让不在屏幕上的 App 继续使用相机；报告不会标出这种情况。",
	},
	Check: checkWhileOtherApp,
	Weight: func(g *group, ev []Evidence) int {
		return 40 + min(20, 5*int(ev[0].Value))
	},
}

// screenHolder says whether an interval shows its app on screen: only the
// camera does. The microphone is left out on purpose (calls and audio
// recorders keep it in the background), and so is screen recording: in the
// real files it is FaceTime sharing the screen while you use other apps.
func screenHolder(iv *report.Interval) bool {
	return iv.Category == report.CategoryCamera
}

func checkWhileOtherApp(g *group, sc *scope) []Evidence {
	if g.Category == report.CategoryCamera || g.Category == report.CategoryScreenRecording || g.Category == report.CategoryMicrophone {
		return nil // these are the on-screen signs themselves
	}
	hits, others := sc.hits[:0], sc.others[:0]
	for _, i := range g.Uses {
		iv := sc.at(i)
		if iv.Has(report.NoBegin) {
			continue
		}
		if h := sc.screen.find(g.App, iv.Begin.Millis, onScreenFor); h >= 0 {
			hits = append(hits, i)
			others = append(others, h) // finding drops the repeats
		}
	}
	sc.hits, sc.others = hits, others
	if len(hits) == 0 {
		return nil
	}
	r := resource(g.Category, g.Label)
	o := catalog.Lookup(sc.at(others[0]).App)
	first := when(sc.at(hits[0]).Begin)
	return []Evidence{{
		Rule: idWhileOtherApp,
		Text: Text{
			fmt.Sprintf("%d of %d %s began while another app held the screen (first at %s, while %s was using the camera).", len(hits), len(g.Uses), r.nounEN, first.EN, o.Name),
			fmt.Sprintf("%d 次（共 %d %s）开始于其他 App 占用屏幕期间（第一次在 %s，当时“%s”正在使用相机）。", len(hits), len(g.Uses), r.nounZH, first.ZH, o.NameZH),
		},
		Intervals: slices.Concat(hits, others),
		Value:     float64(len(hits)),
	}}
}
