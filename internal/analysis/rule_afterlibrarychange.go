package analysis

import (
	"fmt"
	"slices"

	"backsight/internal/catalog"
	"backsight/internal/report"
)

// libraryNotice is how soon after another app's camera or photo-library use
// a read counts as following the change: iOS posts its library-change
// notification within seconds.
const libraryNotice = 15_000 // ms

var afterLibraryChange = Rule{
	ID:    idAfterLibraryChange,
	Title: Text{"After a library change", "照片图库变化之后"},
	Text: Text{
		"The read began within seconds after another app (the Camera, a screenshot, a download) used the photo library. " +
			"iOS tells apps that the library changed and may wake them; Tencent gave this as the reason for WeChat's reads in 2021. " +
			"It explains why the read happened; it does not make it necessary.",
		"这次读取在另一个 App（相机、截屏、下载）使用照片图库后几秒内开始。" +
			"图库变化时 iOS 会通知 App 并可能把它唤醒；2021 年腾讯就用这一机制解释微信的读取。" +
			"它说明了读取发生的原因，但不说明读取是必要的。",
	},
	Severity: Context,
	CannotTell: Text{
		"The report does not say whether the library actually changed, only that another app used it or the camera just before.",
		"报告并不说明图库是否真的变化了，只说明另一个 App 刚刚使用过图库或相机。",
	},
	Check:  checkAfterLibraryChange,
	Weight: func(g *group, ev []Evidence) int { return 5 },
}

// changesLibrary says whether an interval may have changed the photo
// library: a camera use or an app's own (not picker) photo-library use.
func changesLibrary(iv *report.Interval) bool {
	return iv.Category == report.CategoryCamera || (iv.Category == report.CategoryPhotos && !iv.Has(report.OutOfProcess))
}

func checkAfterLibraryChange(g *group, sc *scope) []Evidence {
	if g.Category != report.CategoryPhotos {
		return nil
	}
	hits, causes := sc.hits[:0], sc.others[:0]
	for _, i := range g.Uses {
		iv := sc.at(i)
		if iv.Has(report.NoBegin) {
			continue
		}
		// Another app's use that began before this read and ended no more
		// than libraryNotice before it.
		if c := sc.library.find(g.App, iv.Begin.Millis, -libraryNotice); c >= 0 {
			hits = append(hits, i)
			causes = append(causes, c) // finding drops the repeats
		}
	}
	sc.hits, sc.others = hits, causes
	if len(hits) == 0 {
		return nil
	}
	o := catalog.Lookup(sc.at(causes[0]).App)
	first := when(sc.at(hits[0]).Begin)
	return []Evidence{{
		Rule: idAfterLibraryChange,
		Text: Text{
			fmt.Sprintf("%d of %d reads began within %d s after another app used the camera or the library (first at %s, after %s).", len(hits), len(g.Uses), libraryNotice/1000, first.EN, o.Name),
			fmt.Sprintf("%d 次（共 %d 次读取）在另一个 App 使用相机或图库后 %d 秒内开始（第一次在 %s，在“%s”之后）。", len(hits), len(g.Uses), libraryNotice/1000, first.ZH, o.NameZH),
		},
		Intervals: slices.Concat(hits, causes),
		Value:     float64(len(hits)),
	}}
}
