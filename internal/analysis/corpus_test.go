package analysis

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"backsight/internal/report"
)

var weekly2025 = []string{
	"2025-02-04_ios18.ndjson", "2025-02-16_ios18_broadcaster.ndjson",
	"2025-03-30_ios18_dst.ndjson", "2025-04-21_ios18.ndjson",
}

// The October 2021 case: WeChat and Taobao read the library in 30 s and
// 45 s windows at all hours; WeChat's camera use is the user taking
// pictures.
func TestCorpusWeChat(t *testing.T) {
	res := Analyze(load(t, "2021-09-15_ios15.0_wechat.ndjson"), DefaultOptions())
	for _, app := range []string{"com.tencent.xin", "com.taobao.taobao4iphone"} {
		f := findingFor(t, res, app, "photos")
		if f.Verdict != BackgroundLikely || !slices.Contains(f.Rules, "fixed-window") || !slices.Contains(f.Rules, "night") {
			t.Errorf("%s photos: %s with %v; want background-likely with fixed-window and night", app, f.Verdict, f.Rules)
		}
		if f.NightCount == 0 || f.NotExpected == nil {
			t.Errorf("%s photos: night count %d, not-expected reason %v", app, f.NightCount, f.NotExpected)
		}
	}
	if f := findingFor(t, res, "com.tencent.xin", "camera"); f.Verdict != InUse || slices.Contains(f.Rules, "fixed-window") {
		t.Errorf("WeChat camera: %s with %v; want in-use without fixed-window", f.Verdict, f.Rules)
	}
	if res.Findings[0].Verdict != BackgroundLikely {
		t.Errorf("first finding is %s %s (%s); the most serious must come first", res.Findings[0].App, res.Findings[0].Category, res.Findings[0].Verdict)
	}
	h := findingFor(t, res, "com.tencent.xin", "photos").Headline
	if !strings.Contains(h.EN, "WeChat read your photo library") || !strings.Contains(h.EN, "05:36") || !strings.Contains(h.ZH, "微信") {
		t.Errorf("WeChat headline: %+v", h)
	}
}

// The 2025 weekly exports of one phone: Apple's weather widget and Apple's
// contact reads are explained, not hidden.
func TestCorpus2025(t *testing.T) {
	res := Analyze(load(t, weekly2025...), DefaultOptions())
	w := findingFor(t, res, "com.apple.weather", "location")
	if w.Verdict != Expected || w.Expected == nil || len(w.Evidence) == 0 {
		t.Errorf("Apple Weather location: %s, reason %v, %d evidence; want expected with its evidence kept", w.Verdict, w.Expected, len(w.Evidence))
	}
	// Apple's apps reading contacts in the background are expected: Mail
	// and Messages for their own purpose, the others for your own card.
	apple, card := 0, 0
	for _, f := range res.Findings {
		if f.Category != "contacts" || !strings.HasPrefix(f.App, "com.apple.") || f.Verdict == InUse {
			continue
		}
		apple++
		if f.Verdict != Expected || f.Expected == nil {
			t.Errorf("%s contacts: %s, reason %v; want expected with a reason", f.App, f.Verdict, f.Expected)
		} else if strings.Contains(f.Expected.EN, "contact card") {
			card++
		}
	}
	if apple < 3 || card == 0 {
		t.Errorf("%d Apple apps' contact reads flagged, %d with the own-card reason; want several, some with it", apple, card)
	}
}

// A backup app reading the library in 60 s background windows at night is
// doing its job; the same pattern from a messenger is not.
func TestBackupAppExpected(t *testing.T) {
	lines := func(app string) []string {
		return every(app, "photos", "2025-03-03T01:10:00+01:00", 24*time.Hour+17*time.Minute, 6, "60.0s", "60.2s", "59.9s")
	}
	res := Analyze(build(t, slices.Concat(lines("com.google.photos"), lines("com.tencent.xin"))...), DefaultOptions())
	g := findingFor(t, res, "com.google.photos", "photos")
	if g.Verdict != Expected || g.Expected == nil || !slices.Contains(g.Rules, "fixed-window") || !slices.Contains(g.Rules, "night") {
		t.Errorf("Google Photos: %s with %v, reason %v; want expected with fixed-window and night evidence", g.Verdict, g.Rules, g.Expected)
	}
	if w := findingFor(t, res, "com.tencent.xin", "photos"); w.Verdict != BackgroundLikely {
		t.Errorf("WeChat with the same pattern: %s; want background-likely", w.Verdict)
	}
	if res.Findings[0].App != "com.tencent.xin" {
		t.Errorf("the expected backup ranks above the messenger: %s first", res.Findings[0].App)
	}
}

// The same input gives byte-identical JSON.
func TestDeterministic(t *testing.T) {
	names := append([]string{"2021-09-15_ios15.0_wechat.ndjson", "2024-10-19_ios18.ndjson"}, weekly2025...)
	r := load(t, names...)
	a, err := json.Marshal(Analyze(r, DefaultOptions()))
	if err != nil {
		t.Fatal(err)
	}
	// A second parse as well as a second run: nothing may depend on map
	// order or on state left in the report.
	for _, r := range []*report.Report{r, load(t, names...)} {
		b, err := json.Marshal(Analyze(r, DefaultOptions()))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, b) {
			t.Fatal("two runs on the same files gave different JSON")
		}
	}
}

// Every interval index in the document points into "intervals", every
// finding has its texts in both languages, and the totals add up.
func TestDocumentConsistent(t *testing.T) {
	r := load(t, "2021-09-15_ios15.0_wechat.ndjson", "2024-04_ios16.ndjson")
	res := Analyze(r, DefaultOptions())
	if res.Totals.Intervals != len(res.Intervals) || res.Totals.Network != len(r.Network) || res.Totals.Files != 2 {
		t.Errorf("totals %+v do not match the report", res.Totals)
	}
	n := 0
	for _, f := range res.Findings {
		n += len(f.Intervals)
		for _, x := range []Text{f.Headline, f.CannotTell, f.Setting} {
			if x.EN == "" || x.ZH == "" {
				t.Errorf("%s %s: a text lacks one language: %+v", f.App, f.Category, x)
			}
		}
		for _, i := range f.Intervals {
			if iv := res.Intervals[i]; iv.App != f.App || iv.Category != f.Category {
				t.Errorf("%s %s cites interval %d of %s %s", f.App, f.Category, i, iv.App, iv.Category)
			}
		}
	}
	if n != len(res.Intervals) {
		t.Errorf("findings cover %d intervals of %d", n, len(res.Intervals))
	}
	if res.Period.Days < 1 || res.Options.SleepFrom != "00:00" || res.Options.SleepTo != "06:00" {
		t.Errorf("period %+v, options %+v", res.Period, res.Options)
	}
}

// Findings and Complete split Analyze in two: together they give the same
// document, and Findings alone carries everything but the network view and
// the intervals' Begin and End.
func TestFindingsThenComplete(t *testing.T) {
	for _, names := range [][]string{
		{"2021-09-15_ios15.0_wechat.ndjson"},
		{"2024-04_ios16.ndjson", "2024-10-19_ios18.ndjson"},
		weekly2025,
	} {
		r := load(t, names...)
		want, err := json.Marshal(Analyze(r, DefaultOptions()))
		if err != nil {
			t.Fatal(err)
		}
		res := Findings(r, DefaultOptions())
		if res.Network.Note != networkNote || res.Network.Apps != nil || res.Network.Domains != nil {
			t.Errorf("%v: Findings holds a network view: %d apps, %d domains", names, len(res.Network.Apps), len(res.Network.Domains))
		}
		if res.Intervals[0].Begin != "" || res.Intervals[0].End != "" {
			t.Errorf("%v: Findings stamps the intervals", names)
		}
		Complete(r, res)
		got, err := json.Marshal(res)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%v: Findings plus Complete differ from Analyze", names)
		}
	}
}
