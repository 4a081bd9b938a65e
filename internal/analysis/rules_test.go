package analysis

import (
	"slices"
	"testing"
	"time"
)

// cat joins case lines.
func cat(parts ...[]string) []string { return slices.Concat(parts...) }

// Each rule has a case it must flag and one it must not, side by side with
// the rules and verdict expected for the app under test (always
// com.example.app, a bundle id the catalog does not know, so no purpose
// lowers the verdict).
func TestRules(t *testing.T) {
	const app = "com.example.app"
	day := "2025-03-03T09:13:00+01:00"
	tests := []struct {
		name     string
		opts     Options
		lines    []string
		category string
		want     []string // rules that fire, in registry order
		verdict  Verdict
	}{
		{
			name:     "fixed-window/flag: six 45 s reads at irregular times",
			lines:    irregular(app, "photos", day, 6, "44.9s", "45.0s", "44.7s", "45.1s", "44.8s", "45.0s"),
			category: "photos", want: []string{"fixed-window"}, verdict: BackgroundLikely,
		},
		{
			name:     "fixed-window/clean: six reads of varied lengths",
			lines:    irregular(app, "photos", day, 6, "12s", "37s", "95s", "61s", "150s", "23s"),
			category: "photos", want: []string{}, verdict: InUse,
		},
		{
			name:     "fixed-window/clean: equal but short uses (one-shot location fixes)",
			lines:    irregular(app, "location", day, 6, "10.0s"),
			category: "location", want: []string{}, verdict: InUse,
		},
		{
			name:     "night/flag: five nights of reads at 02:00 on the phone's clock",
			lines:    every(app, "photos", "2021-09-07T02:00:00+08:00", 24*time.Hour+7*time.Minute, 5, "12s", "40s", "3s"),
			category: "photos", want: []string{"night"}, verdict: BackgroundPossible,
		},
		{
			// Anyone may open an app at 02:00: one night alone is shown as
			// evidence but does not make a background verdict.
			name:     "night/flag: one read at night alone stays in use",
			lines:    []string{app + " photos 2021-09-07T02:00:00+08:00 12s"},
			category: "photos", want: []string{"night"}, verdict: InUse,
		},
		{
			name: "night/flag: the record's own offset counts across a DST change",
			// 00:30 at +02:00 is 23:30 at +01:00: night on the phone's clock.
			lines:    []string{app + " location 2025-03-30T00:30:00+02:00 12s"},
			category: "location", want: []string{"night"}, verdict: InUse,
		},
		{
			name:     "night/clean: just before and after the window",
			lines:    []string{app + " photos 2021-09-07T23:59:00+08:00 12s", app + " photos 2021-09-08T06:00:00+08:00 40s"},
			category: "photos", want: []string{}, verdict: InUse,
		},
		{
			name:     "night/flag: a window that wraps midnight (22:00-07:00)",
			opts:     Options{SleepFrom: 22 * 60, SleepTo: 7 * 60},
			lines:    []string{app + " photos 2021-09-07T22:30:00+08:00 12s"},
			category: "photos", want: []string{"night"}, verdict: InUse,
		},
		{
			name: "while-other-app/flag: a read while another app held the camera",
			lines: []string{
				"com.other.cam camera 2025-03-03T10:00:00+01:00 5m",
				app + " photos 2025-03-03T10:01:00+01:00 20s",
			},
			// The camera may also have changed the library: both apply.
			category: "photos", want: []string{"while-other-app", "after-library-change"}, verdict: BackgroundPossible,
		},
		{
			name: "while-other-app/clean: a read after the camera was closed, and the app's own camera",
			lines: []string{
				"com.other.cam camera 2025-03-03T10:00:00+01:00 5m",
				app + " photos 2025-03-03T10:20:00+01:00 20s",
				app + " camera 2025-03-03T11:00:00+01:00 5m",
				app + " location 2025-03-03T11:01:00+01:00 20s",
			},
			category: "photos", want: []string{}, verdict: InUse,
		},
		{
			name: "after-library-change/flag: a read seconds after another app's camera",
			lines: []string{
				"com.other.cam camera 2025-03-03T10:00:00+01:00 20s",
				app + " photos 2025-03-03T10:00:25+01:00 20s",
			},
			category: "photos", want: []string{"after-library-change"}, verdict: InUse,
		},
		{
			name: "after-library-change/clean: minutes later",
			lines: []string{
				"com.other.cam camera 2025-03-03T10:00:00+01:00 20s",
				app + " photos 2025-03-03T10:05:00+01:00 20s",
			},
			category: "photos", want: []string{}, verdict: InUse,
		},
		{
			name:     "periodic/flag: location every 15 min",
			lines:    every(app, "location", day, 15*time.Minute, 8, "12s", "3s", "7s", "15s"),
			category: "location", want: []string{"periodic"}, verdict: BackgroundLikely,
		},
		{
			name: "periodic/clean: irregular gaps",
			lines: []string{
				app + " location 2025-03-03T09:00:00+01:00 12s", app + " location 2025-03-03T09:04:00+01:00 3s",
				app + " location 2025-03-03T09:31:00+01:00 7s", app + " location 2025-03-03T11:02:00+01:00 15s",
				app + " location 2025-03-03T11:09:00+01:00 9s", app + " location 2025-03-03T14:40:00+01:00 4s",
				app + " location 2025-03-03T15:10:00+01:00 8s", app + " location 2025-03-03T18:55:00+01:00 6s",
			},
			category: "location", want: []string{}, verdict: InUse,
		},
		{
			name: "foreground-signs/flag: 45 s reads next to the app's own camera use",
			lines: cat(
				irregular(app, "photos", day, 4, "45.0s"),
				irregular(app, "camera", "2025-03-03T09:12:30+01:00", 4, "20s"),
			),
			category: "photos", want: []string{"fixed-window", "foreground-signs"}, verdict: InUse,
		},
		{
			name: "foreground-signs/clean: the camera hours away",
			lines: cat(
				irregular(app, "photos", day, 4, "45.0s"),
				[]string{app + " camera 2025-03-04T20:00:00+01:00 20s"},
			),
			category: "photos", want: []string{"fixed-window"}, verdict: BackgroundLikely,
		},
		{
			name: "foreground-signs/flag: the system picker is the user choosing",
			lines: []string{
				app + " photos 2025-03-03T10:00:00+01:00 3s outOfProcess",
				app + " photos 2025-03-03T10:00:10+01:00 8s",
			},
			category: "photos", want: []string{"foreground-signs"}, verdict: InUse,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := tt.opts
			if opts == (Options{}) {
				opts = DefaultOptions()
			}
			res := Analyze(build(t, tt.lines...), opts)
			f := findingFor(t, res, app, tt.category)
			if !slices.Equal(f.Rules, tt.want) || f.Verdict != tt.verdict {
				t.Errorf("rules %v, verdict %s; want %v, %s", f.Rules, f.Verdict, tt.want, tt.verdict)
				for _, e := range f.Evidence {
					t.Logf("  %s: %s", e.Rule, e.Text.EN)
				}
			}
			for _, e := range f.Evidence {
				if e.Text.EN == "" || e.Text.ZH == "" {
					t.Errorf("evidence of %s lacks a sentence in one language: %+v", e.Rule, e.Text)
				}
				if len(e.Intervals) == 0 && e.Rule != idFixedWindow {
					t.Errorf("evidence of %s cites no interval", e.Rule)
				}
				for _, i := range e.Intervals {
					if i < 0 || i >= len(res.Intervals) {
						t.Errorf("evidence of %s cites interval %d of %d", e.Rule, i, len(res.Intervals))
					}
				}
			}
		})
	}
}

// The registry is what the page and the CLI explain: every rule must have
// both languages everywhere, a unique kebab-case ID and a check.
func TestRuleRegistry(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range Rules {
		if seen[r.ID] {
			t.Errorf("rule %s listed twice", r.ID)
		}
		seen[r.ID] = true
		for _, x := range []Text{r.Title, r.Text, r.CannotTell} {
			if x.EN == "" || x.ZH == "" {
				t.Errorf("rule %s: text missing in one language: %+v", r.ID, x)
			}
		}
		if r.Check == nil || r.Weight == nil || r.Severity == "" {
			t.Errorf("rule %s: no check, weight or severity", r.ID)
		}
	}
	for _, id := range []string{"fixed-window", "night", "while-other-app", "after-library-change", "periodic", "foreground-signs"} {
		if !seen[id] {
			t.Errorf("rule %s missing from the registry", id)
		}
	}
}
