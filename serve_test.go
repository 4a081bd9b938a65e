package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// standIn is a build/site as `make site` writes it: hashed asset names,
// index.html, assets.json, the service worker.
func standIn() fstest.MapFS {
	mod := time.Date(2025, 4, 21, 10, 0, 0, 0, time.UTC)
	file := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s), ModTime: mod} }
	return fstest.MapFS{
		"index.html": file(`<!doctype html>
<html lang="en" data-ui="en">
<head>
<meta charset="utf-8">
<script src="loader.0123abcd.js" defer></script>
</head>
<body></body>
</html>
`),
		"app.3f2a1b9c.wasm":          file("\x00asm\x01\x00\x00\x00"),
		"loader.0123abcd.js":         file("'use strict';"),
		"style.89abcdef.css":         file("body{}"),
		"sample.ndjson":              file(`{"type":"access"}` + "\n"),
		"assets.json":                file(`["index.html","app.3f2a1b9c.wasm"]`),
		"sw.js":                      file("self.addEventListener('fetch', () => {});"),
		"offline.js":                 file("'use strict';"),
		"embed.js":                   file("'use strict';"),
		"manifest.webmanifest":       file(`{"name":"Backsight"}`),
		"icons/icon.svg":             file("<svg/>"),
		"icons/icon-192.png":         file("\x89PNG"),
		".assetsignore":              file("_headers"),
		"_headers":                   file("/*\n  X-Robots-Tag: noindex\n"),
		"blob.bin":                   file("\x01\x02"),
		"fonts/inter.0a1b2c3d.woff2": file("wOF2"),
	}
}

func do(t *testing.T, h http.Handler, method, target string, hdr ...string) *http.Response {
	t.Helper()
	req := httptest.NewRequest(method, target, strings.NewReader(""))
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Result()
}

func body(t *testing.T, res *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Every answer, whatever its status, carries the security headers.
func TestSecurityHeadersOnEveryResponse(t *testing.T) {
	h := newHandler(standIn())
	for _, c := range []struct{ method, target string }{
		{"GET", "/"},
		{"GET", "/app.3f2a1b9c.wasm"},
		{"HEAD", "/sw.js"},
		{"GET", "/missing.js"},
		{"POST", "/"},
		{"GET", "/../etc/passwd"},
		{"GET", "/embed"},
	} {
		res := do(t, h, c.method, c.target)
		for _, name := range []string{"Content-Security-Policy", "Referrer-Policy", "X-Content-Type-Options",
			"Permissions-Policy", "Cross-Origin-Opener-Policy"} {
			if res.Header.Get(name) == "" {
				t.Errorf("%s %s (%d): no %s header", c.method, c.target, res.StatusCode, name)
			}
		}
		if got := res.Header.Get("Referrer-Policy"); got != "no-referrer" {
			t.Errorf("%s %s: Referrer-Policy %q", c.method, c.target, got)
		}
		if got := res.Header.Get("X-Content-Type-Options"); got != "nosniff" {
			t.Errorf("%s %s: X-Content-Type-Options %q", c.method, c.target, got)
		}
		if got := res.Header.Get("Cross-Origin-Opener-Policy"); got != "same-origin" {
			t.Errorf("%s %s: Cross-Origin-Opener-Policy %q", c.method, c.target, got)
		}
	}
}

// directives splits a CSP into its directives, keyed by name.
func directives(csp string) map[string]string {
	m := map[string]string{}
	for _, d := range strings.Split(csp, ";") {
		d = strings.TrimSpace(d)
		name, value, _ := strings.Cut(d, " ")
		if name != "" {
			m[name] = value
		}
	}
	return m
}

func TestContentSecurityPolicy(t *testing.T) {
	h := newHandler(standIn())
	want := map[string]string{
		"default-src":     "'self'",
		"script-src":      "'self' 'wasm-unsafe-eval'",
		"style-src":       "'self'",
		"img-src":         "'self' data: blob:",
		"connect-src":     "'self'",
		"worker-src":      "'self'",
		"base-uri":        "'none'",
		"form-action":     "'none'",
		"object-src":      "'none'",
		"frame-ancestors": "'none'",
	}
	for _, target := range []string{"/", "/index.html", "/app.3f2a1b9c.wasm", "/nothing-here"} {
		csp := do(t, h, "GET", target).Header.Get("Content-Security-Policy")
		if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "'unsafe-eval'") {
			t.Errorf("%s: CSP allows inline code or eval: %s", target, csp)
		}
		got := directives(csp)
		for name, value := range want {
			if got[name] != value {
				t.Errorf("%s: %s is %q, want %q", target, name, got[name], value)
			}
		}
	}
	embed := directives(do(t, h, "GET", "/embed").Header.Get("Content-Security-Policy"))
	if embed["frame-ancestors"] != "*" {
		t.Errorf("/embed: frame-ancestors %q, want *", embed["frame-ancestors"])
	}
	for name, value := range want {
		if name != "frame-ancestors" && embed[name] != value {
			t.Errorf("/embed: %s is %q, want %q", name, embed[name], value)
		}
	}
}

func TestPermissionsPolicyDenies(t *testing.T) {
	pp := do(t, newHandler(standIn()), "GET", "/").Header.Get("Permissions-Policy")
	for _, feature := range []string{"camera", "microphone", "geolocation", "payment", "usb"} {
		if !strings.Contains(pp, feature+"=()") {
			t.Errorf("Permissions-Policy does not deny %s: %s", feature, pp)
		}
	}
}

func TestOnlyGetAndHead(t *testing.T) {
	h := newHandler(standIn())
	for _, method := range []string{"POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT"} {
		for _, target := range []string{"/", "/sample.ndjson", "/embed", "/missing"} {
			res := do(t, h, method, target)
			if res.StatusCode != http.StatusMethodNotAllowed {
				t.Errorf("%s %s: status %d, want 405", method, target, res.StatusCode)
			}
			if got := res.Header.Get("Allow"); got != "GET, HEAD" {
				t.Errorf("%s %s: Allow %q", method, target, got)
			}
			if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") {
				t.Errorf("%s %s: Content-Type %q, want text/plain", method, target, ct)
			}
			if b := body(t, res); !strings.HasPrefix(b, "this site accepts no data") {
				t.Errorf("%s %s: body %q", method, target, b)
			}
		}
	}
	res := do(t, h, "HEAD", "/index.html")
	if res.StatusCode != http.StatusOK || body(t, res) != "" {
		t.Errorf("HEAD /index.html: status %d, want 200 with no body", res.StatusCode)
	}
}

func TestMIMETypesAndCaching(t *testing.T) {
	h := newHandler(standIn())
	for _, c := range []struct{ target, ctype, cache string }{
		{"/", "text/html; charset=utf-8", cacheRevalidate},
		{"/index.html", "text/html; charset=utf-8", cacheRevalidate},
		{"/app.3f2a1b9c.wasm", "application/wasm", cacheImmutable},
		{"/loader.0123abcd.js", "text/javascript; charset=utf-8", cacheImmutable},
		{"/style.89abcdef.css", "text/css; charset=utf-8", cacheImmutable},
		{"/fonts/inter.0a1b2c3d.woff2", "font/woff2", cacheImmutable},
		{"/sw.js", "text/javascript; charset=utf-8", cacheRevalidate},
		{"/offline.js", "text/javascript; charset=utf-8", cacheRevalidate},
		{"/assets.json", "application/json", cacheRevalidate},
		{"/manifest.webmanifest", "application/manifest+json", cacheRevalidate},
		{"/sample.ndjson", "application/x-ndjson", cacheRevalidate},
		{"/icons/icon.svg", "image/svg+xml", cacheRevalidate},
		{"/icons/icon-192.png", "image/png", cacheRevalidate},
		{"/blob.bin", "application/octet-stream", cacheRevalidate},
	} {
		res := do(t, h, "GET", c.target)
		if res.StatusCode != http.StatusOK {
			t.Errorf("GET %s: status %d", c.target, res.StatusCode)
			continue
		}
		if got := res.Header.Get("Content-Type"); got != c.ctype {
			t.Errorf("GET %s: Content-Type %q, want %q", c.target, got, c.ctype)
		}
		if got := res.Header.Get("Cache-Control"); got != c.cache {
			t.Errorf("GET %s: Cache-Control %q, want %q", c.target, got, c.cache)
		}
	}
}

// Revalidated files answer a repeated request with 304 and no body.
func TestRevalidation(t *testing.T) {
	h := newHandler(standIn())
	for _, target := range []string{"/", "/sw.js", "/assets.json", "/embed?lang=zh"} {
		first := do(t, h, "GET", target)
		tag := first.Header.Get("ETag")
		if tag == "" {
			t.Errorf("%s: no ETag", target)
			continue
		}
		again := do(t, h, "GET", target, "If-None-Match", tag)
		if again.StatusCode != http.StatusNotModified || body(t, again) != "" {
			t.Errorf("%s with If-None-Match: status %d, want 304 and no body", target, again.StatusCode)
		}
	}
	// A different embed query is a different page.
	zh := do(t, h, "GET", "/embed?lang=zh").Header.Get("ETag")
	en := do(t, h, "GET", "/embed?lang=en").Header.Get("ETag")
	if zh == en {
		t.Errorf("/embed?lang=zh and ?lang=en share the ETag %s", zh)
	}
}

func TestServiceWorkerScope(t *testing.T) {
	res := do(t, newHandler(standIn()), "GET", "/sw.js")
	if got := res.Header.Get("Service-Worker-Allowed"); got != "./" {
		t.Errorf("sw.js: Service-Worker-Allowed %q", got)
	}
}

func TestRejectedPaths(t *testing.T) {
	h := newHandler(standIn())
	for _, target := range []string{
		"/missing.js",
		"/icons/",
		"/icons",
		"/../serve.go",
		"/icons/../../serve.go",
		"/%2e%2e/serve.go",
		"/..%2fserve.go",
		"/icons%2f..%2f..%2fserve.go",
		"/.assetsignore",
		"/_headers",
		"/_redirects",
		"/icons/.hidden",
		"/a%5c..%5cserve.go",
		"/index.html%00.png",
		"//index.html",
		"/./index.html",
	} {
		res := do(t, h, "GET", target)
		if res.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: status %d, want 404", target, res.StatusCode)
		}
		b := body(t, res)
		if strings.Contains(b, "<html") || strings.Contains(b, "package main") {
			t.Errorf("GET %s: leaked content %.40q", target, b)
		}
		if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") {
			t.Errorf("GET %s: Content-Type %q", target, ct)
		}
	}
}

func TestFileName(t *testing.T) {
	for _, c := range []struct {
		in, want string
		ok       bool
	}{
		{"/", "index.html", true},
		{"/app.3f2a1b9c.wasm", "app.3f2a1b9c.wasm", true},
		{"/icons/icon.svg", "icons/icon.svg", true},
		{"", "", false},
		{"index.html", "", false},
		{"/../x", "", false},
		{"/a/../x", "", false},
		{"/a//b", "", false},
		{"/a\\b", "", false},
		{"/a\x00", "", false},
		{"/.git/config", "", false},
		{"/dir/", "", false},
	} {
		got, ok := fileName(c.in)
		if got != c.want || ok != c.ok {
			t.Errorf("fileName(%q) = %q, %v; want %q, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

func TestEmbedPage(t *testing.T) {
	h := newHandler(standIn())
	for _, c := range []struct {
		query   string
		want    []string
		notWant []string
	}{
		{"", []string{`<html data-embed="" lang="en" data-ui="en">`}, []string{"data-theme"}},
		{"?lang=zh&theme=dark", []string{`<html data-embed="" lang="zh-Hans" data-ui="zh" data-theme="dark">`}, []string{`lang="en"`}},
		{"?lang=en&theme=light", []string{`lang="en" data-ui="en" data-theme="light"`}, nil},
		{`?lang="><script>alert(1)</script>&theme=x"onload="y`, []string{`<html data-embed="" lang="en" data-ui="en">`}, []string{"alert", "onload", "data-theme"}},
	} {
		res := do(t, h, "GET", "/embed"+c.query)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("/embed%s: status %d", c.query, res.StatusCode)
		}
		b := body(t, res)
		if !strings.Contains(b, `<head>`+"\n"+`<script src="embed.js"></script>`) {
			t.Errorf("/embed%s: embed.js is not the first script:\n%s", c.query, b)
		}
		if !strings.Contains(b, `<script src="loader.0123abcd.js" defer></script>`) {
			t.Errorf("/embed%s: the page's own scripts are gone:\n%s", c.query, b)
		}
		for _, w := range c.want {
			if !strings.Contains(b, w) {
				t.Errorf("/embed%s: no %q in\n%s", c.query, w, b)
			}
		}
		for _, w := range c.notWant {
			if strings.Contains(b, w) {
				t.Errorf("/embed%s: %q in\n%s", c.query, w, b)
			}
		}
	}
}
