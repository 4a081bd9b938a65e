// Command backsight-site serves Backsight's page: natively on localhost
// (`go run .`) and, built with GOOS=js GOARCH=wasm, as the Cloudflare Worker.
package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"net/http"
	"path"
	"regexp"
	"strings"
	"time"
)

// The Content-Security-Policy of every page. Nothing is inline and nothing
// is fetched from another origin: the report never leaves the device, and the
// policy makes a compromised dependency unable to send it anywhere either.
// 'wasm-unsafe-eval' lets the page compile its own wasm and nothing more.
const cspBase = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; " +
	"style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; " +
	"worker-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'none'; " +
	"object-src 'none'"

var (
	// cspPage forbids framing: nobody may overlay the page to trick a user.
	cspPage = cspBase + "; frame-ancestors 'none'"
	// cspEmbed lets any site frame the embed route: it is made to be put in
	// an <iframe> on privacy-advocacy sites we do not know in advance, and
	// it shows nothing but what the visitor drops into it.
	cspEmbed = cspBase + "; frame-ancestors *"
)

// permissionsPolicy denies every powerful feature: the page reads a file the
// user picks and needs none of them.
const permissionsPolicy = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), " +
	"serial=(), bluetooth=(), hid=(), midi=(), magnetometer=(), gyroscope=(), " +
	"accelerometer=(), display-capture=(), browsing-topics=(), interest-cohort=()"

// noData is the whole answer to any method that could carry a body.
const noData = "this site accepts no data: Backsight reads your report in your browser, never on a server\n"

// mimeTypes are set explicitly: the platform's tables differ (Debian's
// mime.types, Workers, Windows registry) and a wasm served with the wrong
// type cannot be compiled with WebAssembly.compileStreaming.
var mimeTypes = map[string]string{
	".html":        "text/html; charset=utf-8",
	".js":          "text/javascript; charset=utf-8",
	".mjs":         "text/javascript; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".wasm":        "application/wasm",
	".webmanifest": "application/manifest+json",
	".json":        "application/json",
	".ndjson":      "application/x-ndjson",
	".svg":         "image/svg+xml",
	".png":         "image/png",
	".ico":         "image/x-icon",
	".txt":         "text/plain; charset=utf-8",
	".woff2":       "font/woff2",
}

// hashed matches the content-hashed names `make site` writes
// (app.3f2a1b9c.wasm, loader.3f2a1b9c.js): their bytes never change, so
// browsers may keep them for a year without asking again.
var hashed = regexp.MustCompile(`\.[0-9a-f]{8,64}\.[a-z0-9]+$`)

const (
	cacheImmutable  = "public, max-age=31536000, immutable"
	cacheRevalidate = "no-cache"
)

// site serves the files of one build of the page.
type site struct {
	files fs.FS
}

// newHandler returns the site's handler over the files of `make site`
// (build/site natively, the Workers Static Assets in the Worker).
func newHandler(files fs.FS) http.Handler {
	return &site{files: files}
}

// commonHeaders go with every answer: pages, files, errors. The Worker's
// _headers file (serve_headers.go) sends the same with the files Workers
// Static Assets serves, which is why Allow is here and not only on 405s:
// Cloudflare answers a POST to one of those files itself, with an empty 405
// that carries these headers and no others.
var commonHeaders = []header{
	{"Allow", "GET, HEAD"},
	{"Content-Security-Policy", cspPage},
	{"Referrer-Policy", "no-referrer"},
	{"X-Content-Type-Options", "nosniff"},
	{"Permissions-Policy", permissionsPolicy},
	{"Cross-Origin-Opener-Policy", "same-origin"},
	{"Cross-Origin-Resource-Policy", "same-origin"},
}

// header is one response header; a list of them keeps the _headers file in
// a stable order.
type header struct{ name, value string }

// fileHeaders are the headers of one file of the site, by its name: its
// type, how long browsers may keep it, and the service worker's scope.
func fileHeaders(name string) []header {
	ctype, ok := mimeTypes[path.Ext(name)]
	if !ok {
		ctype = "application/octet-stream"
	}
	hs := []header{{"Content-Type", ctype}}
	if hashed.MatchString(name) {
		hs = append(hs, header{"Cache-Control", cacheImmutable})
	} else {
		// The page, sw.js and assets.json name the hashed files: a stale
		// copy would pin an old version, so browsers must ask each time
		// (and get a cheap 304 thanks to the ETag).
		hs = append(hs, header{"Cache-Control", cacheRevalidate})
	}
	if name == "sw.js" {
		// A service worker's scope may not reach above its own folder;
		// say so explicitly in case the site is served under a sub-path.
		hs = append(hs, header{"Service-Worker-Allowed", "./"})
	}
	return hs
}

func (s *site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	for _, x := range commonHeaders {
		h.Set(x.name, x.value)
	}

	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		plain(w, http.StatusMethodNotAllowed, noData)
		return
	}
	name, ok := fileName(r.URL.Path)
	if !ok {
		plain(w, http.StatusNotFound, "no such page: check the address, or start again at the site's first page\n")
		return
	}
	if name == "embed" {
		s.serveEmbed(w, r)
		return
	}
	s.serveFile(w, r, name)
}

// cloudflareConfig are the files in build/site that configure Workers
// Static Assets rather than belong to the page; Cloudflare never serves them
// and neither does the handler.
var cloudflareConfig = map[string]bool{"_headers": true, "_redirects": true}

// fileName maps a URL path to a file of the site. It refuses what could
// reach outside the site (.., backslashes, NUL), hidden files, Cloudflare's
// configuration, and directories other than the root.
func fileName(urlPath string) (string, bool) {
	if !strings.HasPrefix(urlPath, "/") {
		return "", false
	}
	name := strings.TrimPrefix(urlPath, "/")
	if name == "" {
		return "index.html", true
	}
	if strings.HasSuffix(name, "/") || strings.ContainsAny(name, "\\\x00") || !fs.ValidPath(name) {
		return "", false
	}
	for _, part := range strings.Split(name, "/") {
		if strings.HasPrefix(part, ".") {
			return "", false
		}
	}
	if cloudflareConfig[name] {
		return "", false
	}
	return name, true
}

func (s *site) serveFile(w http.ResponseWriter, r *http.Request, name string) {
	b, mod, err := s.read(name)
	if err != nil {
		notFound(w, err)
		return
	}
	h := w.Header()
	for _, x := range fileHeaders(name) {
		h.Set(x.name, x.value)
	}
	if h.Get("Cache-Control") == cacheRevalidate {
		h.Set("ETag", etag(b))
	}
	http.ServeContent(w, r, "", mod, bytes.NewReader(b))
}

// serveEmbed answers /embed: the page, framable by any site, with the
// language and theme from the query (?lang=zh&theme=dark) and embed.js,
// which tells the parent the page's height.
func (s *site) serveEmbed(w http.ResponseWriter, r *http.Request) {
	b, mod, err := s.read("index.html")
	if err != nil {
		notFound(w, err)
		return
	}
	q := r.URL.Query()
	page := embedPage(b, q.Get("lang"), q.Get("theme"))
	h := w.Header()
	h.Set("Content-Security-Policy", cspEmbed)
	h.Set("Content-Type", mimeTypes[".html"])
	h.Set("Cache-Control", cacheRevalidate)
	h.Set("ETag", etag(page))
	// The parent may be any origin; the page still opens no window that
	// could reach back into it.
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	h.Del("Cross-Origin-Resource-Policy")
	http.ServeContent(w, r, "", mod, bytes.NewReader(page))
}

// embedPage turns index.html into the embed page: <html> gets data-embed,
// data-theme and the language (both checked against what the page knows,
// so the query cannot inject markup), and embed.js runs first.
func embedPage(index []byte, lang, theme string) []byte {
	attrs := ` data-embed=""`
	switch lang {
	case "en":
		attrs += ` lang="en" data-ui="en"`
	case "zh":
		attrs += ` lang="zh-Hans" data-ui="zh"`
	}
	switch theme {
	case "light", "dark":
		attrs += ` data-theme="` + theme + `"`
	}
	page := string(index)
	if i := strings.Index(page, "<html"); i >= 0 {
		end := i + len("<html")
		rest := page[end:]
		if lang == "en" || lang == "zh" {
			rest = dropAttrs(rest)
		}
		page = page[:end] + attrs + rest
	}
	const tag = `<script src="embed.js"></script>`
	if i := strings.Index(page, "<head>"); i >= 0 {
		i += len("<head>")
		page = page[:i] + "\n" + tag + page[i:]
	} else {
		page = tag + page
	}
	return []byte(page)
}

// langAttrs matches the attributes embedPage replaces on <html>.
var langAttrs = regexp.MustCompile(`\s(?:lang|data-ui)="[^"]*"`)

// dropAttrs removes lang and data-ui from the start tag that rest
// continues (everything up to the first '>').
func dropAttrs(rest string) string {
	end := strings.IndexByte(rest, '>')
	if end < 0 {
		return rest
	}
	return langAttrs.ReplaceAllString(rest[:end], "") + rest[end:]
}

// read returns a file's bytes and modification time. The site's files are
// small except the wasm, and reading whole files lets the handler compute
// ETags and serve ranges from memory.
func (s *site) read(name string) ([]byte, time.Time, error) {
	f, err := s.files.Open(name)
	if err != nil {
		return nil, time.Time{}, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, time.Time{}, err
	}
	if info.IsDir() {
		return nil, time.Time{}, fs.ErrNotExist
	}
	b, err := io.ReadAll(f)
	return b, info.ModTime(), err
}

func etag(b []byte) string {
	sum := sha256.Sum256(b)
	return `"` + hex.EncodeToString(sum[:8]) + `"`
}

func notFound(w http.ResponseWriter, err error) {
	if errors.Is(err, fs.ErrNotExist) {
		plain(w, http.StatusNotFound, "no such page: check the address, or start again at the site's first page\n")
		return
	}
	plain(w, http.StatusInternalServerError, "the site's files could not be read: try again in a moment\n")
}

func plain(w http.ResponseWriter, code int, text string) {
	h := w.Header()
	h.Set("Content-Type", "text/plain; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Del("ETag")
	w.WriteHeader(code)
	io.WriteString(w, text)
}
