// Package browsertest drives the built page in headless Chromium: it builds
// the site, serves it with the production Content-Security-Policy, and
// starts a fresh browser. The page's end-to-end tests and make
// bench-browser use it; other parts of the project may too.
package browsertest

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/chromedp/chromedp"
)

// CSP is the policy serve.go sends: tests use the same so that a
// violation (an inline script or style, a fetch elsewhere) fails here.
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; worker-src 'self'; " +
	"style-src 'self'; img-src 'self' data: blob:; object-src 'none'; base-uri 'none'; form-action 'none'"

// RepoRoot finds the module root by walking up from the working directory.
func RepoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory")
		}
		dir = parent
	}
}

// Corpus returns the real reports' directory, shared/corpus beside the
// clone (CI puts it there); an error says where it was looked for.
func Corpus() (string, error) {
	root, err := RepoRoot()
	if err != nil {
		return "", err
	}
	dir := filepath.Join(root, "..", "shared", "corpus")
	if _, err := os.Stat(dir); err != nil {
		return "", fmt.Errorf("the corpus is missing: put shared/corpus beside the clone (looked in %s)", dir)
	}
	return dir, nil
}

// Site returns a built site: $BACKSIGHT_SITE when set (make test-browser
// sets it after make site), else a fresh build of the working tree into
// tmp, so the tests never run against a stale build.
func Site(tmp string) (string, error) {
	if dir := os.Getenv("BACKSIGHT_SITE"); dir != "" {
		if _, err := os.Stat(filepath.Join(dir, "index.html")); err != nil {
			return "", fmt.Errorf("BACKSIGHT_SITE=%s has no index.html; run make site", dir)
		}
		return dir, nil
	}
	root, err := RepoRoot()
	if err != nil {
		return "", err
	}
	out := filepath.Join(tmp, "site")
	goCmd := func(wasm bool, args ...string) error {
		cmd := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), args...)
		cmd.Dir = root
		if wasm {
			cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
		}
		if b, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("go %s: %v\n%s", strings.Join(args, " "), err, b)
		}
		return nil
	}
	// The two wasm builds run side by side: they are most of the time.
	errs := make(chan error, 2)
	for _, pkg := range [][2]string{{"app.wasm", "./wasm"}, {"analysis.wasm", "./wasm/worker"}} {
		go func() {
			errs <- goCmd(true, "build", "-trimpath", "-ldflags=-s -w", "-o", filepath.Join(tmp, pkg[0]), pkg[1])
		}()
	}
	if err := errors.Join(<-errs, <-errs); err != nil {
		return "", err
	}
	err = goCmd(false, "run", "./wasm/gensite", "-site", "site", "-wasm", filepath.Join(tmp, "app.wasm"),
		"-worker-wasm", filepath.Join(tmp, "analysis.wasm"), "-out", out)
	if err != nil {
		return "", err
	}
	return out, nil
}

// Serve serves dir with the production CSP and the wasm MIME type.
func Serve(dir string) *httptest.Server {
	files := http.FileServer(http.Dir(dir))
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", CSP)
		w.Header().Set("X-Content-Type-Options", "nosniff")
		files.ServeHTTP(w, r)
	}))
}

// Chromium finds the browser; the error says how to install it.
func Chromium() (string, error) {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium", nil
	}
	return "", errors.New("chromium is not installed: run make deps (it installs Debian's chromium)")
}

// NewBrowser starts headless Chromium with a fresh profile. The flags that
// turn off background networking matter: without them Chromium keeps
// calling home, which the closed test network refuses and which would
// count as requests.
func NewBrowser(ctx context.Context, profile string) (context.Context, context.CancelFunc, error) {
	bin, err := Chromium()
	if err != nil {
		return nil, nil, err
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(bin),
		chromedp.UserDataDir(profile),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.WindowSize(1280, 900),
	}
	actx, cancelA := chromedp.NewExecAllocator(ctx, opts...)
	bctx, cancelB := chromedp.NewContext(actx)
	if err := chromedp.Do(bctx); err != nil {
		cancelB()
		cancelA()
		return nil, nil, fmt.Errorf("starting chromium: %w", err)
	}
	return bctx, func() { cancelB(); cancelA() }, nil
}

// WaitReady waits until the page's Go program and its Worker are ready
// for a file (the page's "bs-ready" mark).
func WaitReady(ctx context.Context, timeout time.Duration) error {
	_, err := chromedp.Run(ctx, chromedp.Poll[bool](
		`!!(window.backsight && window.backsight.ready && performance.getEntriesByName('bs-ready').length > 0)`,
		chromedp.WithPollingTimeout(timeout)))
	if err != nil {
		return fmt.Errorf("the page did not get ready for a file: %w", err)
	}
	return nil
}

// WaitShown waits until a result (or a crash) is on screen and returns the
// state: "shown", or "crash: <detail>".
func WaitShown(ctx context.Context, timeout time.Duration) (string, error) {
	return chromedp.Run(ctx, chromedp.Poll[string](
		`(() => { const c = document.getElementById('crash');
		  if (c && !c.hidden) return 'crash: ' + document.getElementById('crash-detail').textContent;
		  return document.documentElement.dataset.state === 'shown' ? 'shown' : false; })()`,
		chromedp.WithPollingTimeout(timeout)))
}
