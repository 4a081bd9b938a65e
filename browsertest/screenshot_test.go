package browsertest

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// TestScreenshots writes the main views in both languages, light and dark,
// at desktop and phone widths into out/screenshots/ for people to look at.
func TestScreenshots(t *testing.T) {
	root, err := RepoRoot()
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(root, "out", "screenshots")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	report := filepath.Join(corpus, "2021-09-15_ios15.0_wechat.ndjson")
	type shot struct {
		lang, scheme string
		width        int64
		views        []string
	}
	shots := []shot{
		{"en", "light", 1280, []string{"start", "findings", "apps", "timeline", "network"}},
		{"zh", "light", 1280, []string{"start", "findings", "timeline"}},
		{"en", "dark", 1280, []string{"findings", "timeline"}},
		{"zh", "dark", 1280, []string{"findings"}},
		{"en", "light", 375, []string{"start", "findings", "timeline"}},
		{"zh", "dark", 375, []string{"start", "findings"}},
	}
	for _, s := range shots {
		ctx := tab(t, "")
		err := chromedp.Do(ctx,
			chromedp.EmulateViewport(s.width, 900),
			chromedp.Func(func(ctx2 context.Context, tg *chromedp.Target) error {
				_, err := cdp.Call(ctx2, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
					Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: s.scheme}}})
				return err
			}),
		)
		if err != nil {
			t.Fatal(err)
		}
		eval[bool](t, ctx, `localStorage.setItem('backsight-lang', '`+s.lang+`'), true`)
		if err := chromedp.Do(ctx, chromedp.Reload()); err != nil {
			t.Fatal(err)
		}
		if err := WaitReady(ctx, 20*time.Second); err != nil {
			t.Fatal(err)
		}
		loaded := false
		for _, v := range s.views {
			if v != "start" && !loaded {
				drop(t, ctx, 30*time.Second, report)
				loaded = true
			}
			if v != "start" {
				eval[bool](t, ctx, `document.getElementById('tab-`+v+`').click(), true`)
			}
			if v == "apps" {
				eval[bool](t, ctx, `((d) => { if (d) d.open = true; return true })(document.querySelector('#panel details'))`)
				time.Sleep(100 * time.Millisecond)
			}
			png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)) // 100: PNG; lower gives JPEG
			if err != nil {
				t.Fatal(err)
			}
			name := filepath.Join(dir, v+"-"+s.lang+"-"+s.scheme+"-"+itoa(s.width)+".png")
			if err := os.WriteFile(name, png, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	eval[bool](t, tab(t, ""), `localStorage.removeItem('backsight-lang'), true`)
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
