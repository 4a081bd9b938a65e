package browsertest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"backsight/internal/analysis"
	"backsight/internal/report"
	"backsight/internal/sample"
	"backsight/wasm/ui"
)

// One site build, one server and one browser serve every test: starting
// Chromium and building two wasm files are the slow parts.
var (
	srv     *httptest.Server
	browser context.Context
	corpus  string
)

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	tmp, err := os.MkdirTemp("", "backsight-browsertest-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(tmp)
	if corpus, err = Corpus(); err != nil {
		fmt.Fprintln(os.Stderr, "browsertest:", err)
		return 1
	}
	site, err := Site(tmp)
	if err != nil {
		fmt.Fprintln(os.Stderr, "browsertest:", err)
		return 1
	}
	srv = Serve(site)
	defer srv.Close()
	ctx, cancel, err := NewBrowser(context.Background(), filepath.Join(tmp, "profile"))
	if err != nil {
		fmt.Fprintln(os.Stderr, "browsertest:", err)
		return 1
	}
	defer cancel()
	browser = ctx
	return m.Run()
}

// tab opens the page in a new tab and waits until it takes a file.
func tab(t *testing.T, query string) context.Context {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browser)
	t.Cleanup(cancel)
	logConsole(t, ctx)
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/"+query)); err != nil {
		t.Fatal(err)
	}
	if err := WaitReady(ctx, 20*time.Second); err != nil {
		t.Fatal(err)
	}
	return ctx
}

// logConsole logs the page's console and uncaught exceptions to the test:
// a CSP violation or a Go panic shows up there.
func logConsole(t *testing.T, ctx context.Context) {
	t.Helper()
	if err := chromedp.Do(ctx); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Listen(ctx, func(ev any) {
		switch e := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			var parts []string
			for _, a := range e.Args {
				parts = append(parts, string(a.Value)+a.Description)
			}
			t.Logf("console.%s: %s", e.Type, strings.Join(parts, " "))
		case *runtime.EventExceptionThrown:
			t.Logf("exception: %s %v", e.ExceptionDetails.Text, e.ExceptionDetails.Exception)
		}
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, runtime.Enable, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
}

func eval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return v
}

// countRequests counts the requests the page makes from now on.
func countRequests(t *testing.T, ctx context.Context) *atomic.Int32 {
	t.Helper()
	var n atomic.Int32
	if err := chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*network.EventRequestWillBeSent); ok {
			n.Add(1)
			t.Logf("request during analysis: %s", e.Request.URL)
		}
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatal(err)
	}
	return &n
}

// drop chooses files in the file control, as a person does, and waits for
// the result.
func drop(t *testing.T, ctx context.Context, timeout time.Duration, files ...string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.SetUploadFiles(chromedp.CSS("#file"), files)); err != nil {
		t.Fatal(err)
	}
	state, err := WaitShown(ctx, timeout)
	if err != nil {
		t.Fatalf("no result on screen: %v", err)
	}
	if state != "shown" {
		t.Fatalf("the page shows a crash: %s", state)
	}
}

func text(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	return eval[string](t, ctx, `(document.querySelector(`+jsString(sel)+`) || {innerText: ''}).innerText`)
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func corpusFiles(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(corpus, "*.ndjson"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus files in %s", corpus)
	}
	return files
}

// TestCorpus drops every real report and checks what a person sees, and
// that analysing it makes no network request at all.
func TestCorpus(t *testing.T) {
	want := map[string][]string{
		// The October 2021 case: WeChat's ~45 s photo reads at night.
		"2021-09-15_ios15.0_wechat.ndjson": {"WeChat", "Photos"},
	}
	for _, file := range corpusFiles(t) {
		name := filepath.Base(file)
		t.Run(name, func(t *testing.T) {
			ctx := tab(t, "")
			requests := countRequests(t, ctx)
			resources := eval[int](t, ctx, `performance.getEntriesByType('resource').length`)
			drop(t, ctx, 30*time.Second, file)
			if n := requests.Load(); n != 0 {
				t.Errorf("%d network requests while analysing; want none", n)
			}
			if n := eval[int](t, ctx, `performance.getEntriesByType('resource').length`); n != resources {
				t.Errorf("the page loaded %d resources while analysing; want none", n-resources)
			}
			if s := text(t, ctx, ".summary-files"); !strings.Contains(s, name) {
				t.Errorf("summary names %q; want the file %s", s, name)
			}
			if s := text(t, ctx, ".summary-counts"); s == "" {
				t.Error("no counts in the summary")
			}
			findings := text(t, ctx, "#panel")
			for _, w := range want[name] {
				if !strings.Contains(findings, w) {
					t.Errorf("findings do not mention %q:\n%.2000s", w, findings)
				}
			}
			if name == "2021-09-15_ios15.0_wechat.ndjson" {
				// The headline sits in a serious (not "expected") finding.
				h := eval[string](t, ctx, `Array.from(document.querySelectorAll('.finding.verdict-background-likely, .finding.verdict-background-possible')).map(e => e.innerText).join('\n')`)
				if !strings.Contains(h, "WeChat") {
					t.Errorf("no serious WeChat finding; serious findings:\n%.2000s", h)
				}
			}
			// Every view renders without a crash.
			for _, v := range []string{"apps", "timeline", "network", "files"} {
				eval[bool](t, ctx, `document.getElementById('tab-`+v+`').click(), true`)
				if s := text(t, ctx, "#panel"); strings.TrimSpace(s) == "" {
					t.Errorf("the %s view is empty", v)
				}
			}
			if c := eval[string](t, ctx, `document.getElementById('crash').hidden ? '' : document.getElementById('crash-detail').textContent || 'crash'`); c != "" {
				t.Errorf("crash shown: %s", c)
			}
		})
	}
}

// TestMergeAndTimeline drops the weekly exports of one phone together.
func TestMergeAndTimeline(t *testing.T) {
	var files []string
	for _, f := range corpusFiles(t) {
		if strings.HasPrefix(filepath.Base(f), "2025-") {
			files = append(files, f)
		}
	}
	ctx := tab(t, "")
	drop(t, ctx, 30*time.Second, files...)
	if s := text(t, ctx, ".summary-files"); strings.Count(s, ".ndjson") != len(files) {
		t.Errorf("summary %q; want all %d files", s, len(files))
	}
	eval[bool](t, ctx, `document.getElementById('tab-timeline').click(), true`)
	eval[bool](t, ctx, `(s => { s.value = '*'; s.dispatchEvent(new Event('change')); return true })(document.getElementById('tl-app'))`)
	marks := eval[int](t, ctx, `document.querySelectorAll('svg.tl rect.mark').length`)
	if marks == 0 {
		t.Fatal("the timeline has no marks")
	}
	// A mark is focusable and says its times.
	label := eval[string](t, ctx, `(m => { m.focus(); return m.getAttribute('aria-label') + ' | ' + document.activeElement.tagName + ' | ' + document.querySelector('.readout').textContent })(document.querySelector('svg.tl rect.mark'))`)
	parts := strings.Split(label, " | ")
	if len(parts) != 3 || !strings.Contains(parts[0], ":") || parts[1] != "rect" || parts[2] != parts[0] {
		t.Errorf("focused mark: %q; want its label with times, focus on it, and the readout showing it", label)
	}
}

// hostile is a report whose every string field holds markup.
func hostile(t *testing.T) string {
	t.Helper()
	app := `<img src=x onerror="window.__pwned=1">`
	var b strings.Builder
	day := time.Date(2025, 3, 1, 3, 0, 0, 0, time.FixedZone("", 3600))
	for i := range 12 {
		begin := day.AddDate(0, 0, i)
		for _, l := range []struct {
			kind string
			at   time.Time
		}{{"intervalBegin", begin}, {"intervalEnd", begin.Add(45 * time.Second)}} {
			line, _ := json.Marshal(map[string]any{
				"accessor": map[string]string{"identifier": app, "identifierType": "bundleID"},
				"category": "photos", "identifier": fmt.Sprintf("ID-%d", i), "kind": l.kind,
				"timeStamp": l.at.Format("2006-01-02T15:04:05.000Z07:00"), "type": "access"})
			b.Write(line)
			b.WriteByte('\n')
		}
	}
	line, _ := json.Marshal(map[string]any{"timeStamp": "2025-03-10T21:32:15.972+01:00", "initiatedType": "AppInitiated",
		"context": `"><svg onload="window.__pwned=3">`, "domain": `<script>window.__pwned=2</script>`, "type": "networkActivity",
		"domainType": 1, "firstTimeStamp": "2025-03-05T22:31:47.314+01:00", "bundleID": app,
		"domainOwner": `<b onmouseover="window.__pwned=4">Evil</b>`, "hits": 8})
	b.Write(line)
	b.WriteByte('\n')
	path := filepath.Join(t.TempDir(), `<img src=x onerror=alert(1)>.ndjson`)
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestHostileReport: markup in a report is shown as text and never runs.
func TestHostileReport(t *testing.T) {
	ctx := tab(t, "")
	drop(t, ctx, 30*time.Second, hostile(t))
	seen := text(t, ctx, "#app")
	for _, v := range []string{"apps", "network", "timeline", "files"} {
		eval[bool](t, ctx, `document.getElementById('tab-`+v+`').click(), document.querySelectorAll('#panel details').forEach(d => d.open = true), true`)
		time.Sleep(50 * time.Millisecond) // let the toggle handlers build the bodies
		seen += text(t, ctx, "#app")
	}
	if p := eval[any](t, ctx, `window.__pwned === undefined ? null : window.__pwned`); p != nil {
		t.Fatalf("markup from the report ran: window.__pwned = %v", p)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll('#app img, #app script, #app b, #app [onerror], #app [onload], #app [onmouseover]').length`); n != 0 {
		t.Errorf("%d elements made from report markup", n)
	}
	for _, s := range []string{`<img src=x onerror="window.__pwned=1">`, `<script>window.__pwned=2</script>`, `<b onmouseover="window.__pwned=4">Evil</b>`, `<img src=x onerror=alert(1)>.ndjson`} {
		if !strings.Contains(seen, s) {
			t.Errorf("the page does not show %q as text", s)
		}
	}
}

// TestNotReport: a PNG gets the parser's plain message.
func TestNotReport(t *testing.T) {
	png := append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), make([]byte, 2000)...)
	path := filepath.Join(t.TempDir(), "photo.png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx := tab(t, "")
	drop(t, ctx, 30*time.Second, path)
	if s := text(t, ctx, ".not-report"); !strings.Contains(s, "PNG") {
		t.Errorf("message %q; want the parser's sentence naming a PNG image", s)
	}
}

// TestBadLines: broken lines are listed with their numbers, the rest shown.
func TestBadLines(t *testing.T) {
	src, err := os.ReadFile(filepath.Join(corpus, "2022-04-27_ios15.4_small.ndjson"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(src), "\n")
	lines[2] = `{"type":"access","timeStamp":`
	lines[4] = "garbage"
	path := filepath.Join(t.TempDir(), "broken.ndjson")
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx := tab(t, "")
	drop(t, ctx, 30*time.Second, path)
	box := text(t, ctx, ".files-box")
	for _, w := range []string{"2 lines could not be read", "3", "5"} {
		if !strings.Contains(box, w) {
			t.Errorf("the problems box does not say %q:\n%s", w, box)
		}
	}
	if text(t, ctx, "#panel") == "" {
		t.Error("the rest of the file is not shown")
	}
}

// TestLanguage: the page follows the browser's language and switches.
func TestLanguage(t *testing.T) {
	ctx := tab(t, "")
	eval[bool](t, ctx, `localStorage.removeItem('backsight-lang'), true`)
	drop(t, ctx, 30*time.Second, filepath.Join(corpus, "2021-09-15_ios15.0_wechat.ndjson"))
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#lang"))); err != nil {
		t.Fatal(err)
	}
	if l := eval[string](t, ctx, `document.documentElement.lang`); l != "zh-Hans" {
		t.Fatalf("lang = %q after the switch; want zh-Hans", l)
	}
	if s := text(t, ctx, "#tab-findings"); s != "发现" {
		t.Errorf("findings tab reads %q; want 发现", s)
	}
	if s := text(t, ctx, "#panel"); !strings.Contains(s, "微信") {
		t.Errorf("the findings do not use WeChat's Chinese name:\n%.1000s", s)
	}
	if s := text(t, ctx, "h1"); !strings.Contains(s, "哪些 App") {
		t.Errorf("the static title reads %q in Chinese mode", s)
	}
	// The choice is kept for the next visit.
	ctx2 := tab(t, "")
	if l := eval[string](t, ctx2, `document.documentElement.lang`); l != "zh-Hans" {
		t.Errorf("lang = %q on the next visit; want zh-Hans", l)
	}
	eval[bool](t, ctx2, `localStorage.removeItem('backsight-lang'), true`)
}

// TestKeyboard: the main flow works without a mouse.
func TestKeyboard(t *testing.T) {
	ctx := tab(t, "")
	// Tab until the sample button has focus; the file control comes first.
	var order []string
	for range 12 {
		if err := chromedp.Do(ctx, chromedp.KeyEvent("\t")); err != nil {
			t.Fatal(err)
		}
		id := eval[string](t, ctx, `document.activeElement.id || document.activeElement.tagName`)
		order = append(order, id)
		if id == "sample" {
			break
		}
	}
	if order[len(order)-1] != "sample" {
		t.Fatalf("Tab never reached the sample button: %v", order)
	}
	if !contains(order, "file") {
		t.Errorf("Tab skipped the file control: %v", order)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent("\r")); err != nil {
		t.Fatal(err)
	}
	if state, err := WaitShown(ctx, 30*time.Second); err != nil || state != "shown" {
		t.Fatalf("Enter on the sample button: %q, %v", state, err)
	}
	// Findings take focus; the tabs move with the arrow keys.
	if n := eval[int](t, ctx, `document.querySelectorAll('.finding[tabindex="0"]').length`); n == 0 {
		t.Fatal("no focusable findings for the sample report")
	}
	eval[bool](t, ctx, `document.getElementById('tab-findings').focus(), true`)
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.ArrowRight)); err != nil {
		t.Fatal(err)
	}
	if id := eval[string](t, ctx, `document.activeElement.id`); id != "tab-apps" {
		t.Errorf("ArrowRight on the findings tab focused %q; want tab-apps", id)
	}
	if s := eval[string](t, ctx, `document.getElementById('tab-apps').getAttribute('aria-selected')`); s != "true" {
		t.Error("the apps tab is not selected after ArrowRight")
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// TestCancel: a large file can be cancelled and the next one analysed.
func TestCancel(t *testing.T) {
	path := generated(t, 30<<20)
	ctx := tab(t, "")
	if err := chromedp.Do(ctx, chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{path})); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`!document.getElementById('status').hidden`, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Fatal("no progress shown for a 30 MB file")
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#cancel"))); err != nil {
		t.Fatal(err)
	}
	if s := eval[string](t, ctx, `document.documentElement.dataset.state`); s != "cancelled" {
		t.Fatalf("state %q after cancel", s)
	}
	if err := WaitReady(ctx, 20*time.Second); err != nil {
		t.Fatal(err)
	}
	drop(t, ctx, 30*time.Second, filepath.Join(corpus, "2022-04-27_ios15.4_small.ndjson"))
}

var generatedFiles = map[int64]string{}

// generated writes a report of about size bytes with sample.Generate.
func generated(t *testing.T, size int64) string {
	t.Helper()
	if p, ok := generatedFiles[size]; ok {
		return p
	}
	dir, err := os.MkdirTemp("", "backsight-generated-")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, fmt.Sprintf("generated-%dMB.ndjson", size>>20))
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := sample.Generate(f, size, 1); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	generatedFiles[size] = path
	return path
}

// TestLargeReport: a 100 MB report completes (no timing assertion here;
// make bench-browser measures).
func TestLargeReport(t *testing.T) {
	path := generated(t, 100<<20)
	defer os.Remove(path)
	ctx := tab(t, "")
	start := time.Now()
	drop(t, ctx, 90*time.Second, path)
	t.Logf("100 MB report on screen after %v", time.Since(start).Round(time.Millisecond))
	// What the page shows is what the native parser and analysis find.
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rf, err := report.Parse(filepath.Base(path), f)
	if err != nil {
		t.Fatal(err)
	}
	tot := analysis.Findings(report.Merge(rf), analysis.DefaultOptions()).Totals
	want := fmt.Sprintf("%s access intervals · %s apps · %s domains",
		ui.Count(int64(tot.Intervals)), ui.Count(int64(tot.Apps)), ui.Count(int64(tot.Domains)))
	if s := text(t, ctx, ".summary-counts"); s != want {
		t.Errorf("the 100 MB report's summary says %q, want %q", s, want)
	}
}

// TestCompare: a before and an after set show what changed.
func TestCompare(t *testing.T) {
	ctx := tab(t, "")
	err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS("#compare")),
		chromedp.SetUploadFiles(chromedp.CSS("#before"), []string{filepath.Join(corpus, "2025-02-04_ios18.ndjson")}),
		chromedp.SetUploadFiles(chromedp.CSS("#after"), []string{filepath.Join(corpus, "2025-04-21_ios18.ndjson")}),
		chromedp.Click(chromedp.CSS("#compare-run")),
	)
	if err != nil {
		t.Fatal(err)
	}
	if state, err := WaitShown(ctx, 30*time.Second); err != nil || state != "shown" {
		t.Fatalf("compare: %q, %v", state, err)
	}
	s := text(t, ctx, ".compare")
	for _, w := range []string{"What changed", "2025-02-04_ios18.ndjson", "2025-04-21_ios18.ndjson"} {
		if !strings.Contains(s, w) {
			t.Errorf("the compare view does not show %q:\n%.1500s", w, s)
		}
	}
	if n := eval[int](t, ctx, `document.querySelectorAll('.compare .changes li, .compare table.data tbody tr').length`); n == 0 {
		t.Error("the compare view lists no changes between two different weeks")
	}
}

// TestEarlySample clicks "Try a sample report" while the wasm is still on
// its way (the server holds it back): the click is kept, and the sample is
// analysed once the page is ready.
func TestEarlySample(t *testing.T) {
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, ".wasm") {
			time.Sleep(1500 * time.Millisecond)
		}
		srv.Config.Handler.ServeHTTP(w, r)
	}))
	defer slow.Close()
	ctx, cancel := chromedp.NewContext(browser)
	defer cancel()
	logConsole(t, ctx)
	if err := chromedp.Do(ctx, chromedp.Navigate(slow.URL+"/")); err != nil {
		t.Fatal(err)
	}
	if ready := eval[bool](t, ctx, `!!window.backsight.ready`); ready {
		t.Fatal("the page was ready before the click: the test proves nothing")
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#sample"))); err != nil {
		t.Fatal(err)
	}
	state, err := WaitShown(ctx, 30*time.Second)
	if err != nil || state != "shown" {
		t.Fatalf("the early click on the sample was lost: state %q, %v", state, err)
	}
}

// TestCrash: when the page's Go program stops (here: a browser API it
// calls throws, which panics in Go), the page says so and offers a
// reload, which brings back a working page. The Worker's crash message
// takes the same banner through page.crash.
func TestCrash(t *testing.T) {
	ctx := tab(t, "")
	eval[bool](t, ctx, `window.__crashTest = true; performance.mark = () => { throw new Error('performance.mark failed on purpose'); }; true`)
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#sample"))); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`!document.getElementById('crash').hidden`,
		chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Fatal("no crash banner after the Go program panicked")
	}
	if d := text(t, ctx, "#crash-detail"); d == "" {
		t.Error("the crash banner gives no detail")
	}
	if f := eval[string](t, ctx, `document.activeElement.id`); f != "reload" {
		t.Errorf("focus on %q after the crash, want the reload button", f)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#reload"))); err != nil {
		t.Fatal(err)
	}
	// A poll fails while the old document goes away: ask again until the
	// new one answers.
	reloaded := false
	for deadline := time.Now().Add(20 * time.Second); !reloaded && time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		reloaded, _ = chromedp.Run(ctx, chromedp.Evaluate[bool](
			`!window.__crashTest && !!(window.backsight && window.backsight.ready)`))
	}
	if !reloaded {
		t.Fatal("the reload button did not bring back a page ready for a file")
	}
	if !eval[bool](t, ctx, `document.getElementById('crash').hidden`) {
		t.Error("the crash banner is still shown after the reload")
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#sample"))); err != nil {
		t.Fatal(err)
	}
	if state, err := WaitShown(ctx, 30*time.Second); err != nil || state != "shown" {
		t.Fatalf("after the reload the sample gives %q, %v", state, err)
	}
}
