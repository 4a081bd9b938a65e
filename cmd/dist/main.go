// Command dist packs the site `make site` wrote into one self-contained HTML
// file (scripts, styles, the wasm and the sample inlined) that opens from
// disk, a USB stick or a mail attachment with no server at all.
package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
)

func main() {
	siteDir := flag.String("site", "build/site", "the folder `make site` wrote")
	out := flag.String("o", "dist/backsight.html", "the file to write")
	flag.Parse()
	page, err := build(os.DirFS(*siteDir))
	if err == nil {
		err = os.MkdirAll(filepath.Dir(*out), 0o755)
	}
	if err == nil {
		err = os.WriteFile(*out, page, 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "dist:", err)
		os.Exit(1)
	}
	fmt.Printf("wrote %s (%d bytes)\n", *out, len(page))
}

var (
	scriptTag = regexp.MustCompile(`<script src="([^"]+)"(?: defer)?></script>\n?`)
	styleTag  = regexp.MustCompile(`<link rel="stylesheet" href="([^"]+)">\n?`)
	// The page's service worker and manifest mean nothing from file://.
	dropTags = regexp.MustCompile(`<link rel="manifest" href="[^"]*">\n?|<script src="(?:[^"]*/)?offline(?:\.[0-9a-f]+)?\.js"(?: defer)?></script>\n?`)
	iconTag  = regexp.MustCompile(`<link rel="icon" href="([^"]+)"`)
	metaTag  = regexp.MustCompile(`<meta name="(backsight-[a-z-]+)" content="([^"]*)">`)
	// What is left pointing at a file once everything is inlined: an error.
	fileRef = regexp.MustCompile(`\s(?:src|href)="([^"#][^"]*)"`)
)

// types are the data: URL media types of the files the loader fetches.
var types = map[string]string{
	".wasm":   "application/wasm",
	".js":     "text/javascript",
	".ndjson": "application/x-ndjson",
	".json":   "application/json",
	".svg":    "image/svg+xml",
	".png":    "image/png",
}

// dataURL reads a file of the site into a data: URL.
func dataURL(files fs.FS, name string) (string, error) {
	b, err := readFile(files, name)
	if err != nil {
		return "", err
	}
	typ, ok := types[path.Ext(name)]
	if !ok {
		typ = "application/octet-stream"
	}
	return "data:" + typ + ";base64," + base64.StdEncoding.EncodeToString(b), nil
}

// bootstrap runs before the page's own scripts. A Worker cannot start from
// a file:// URL, so the inlined Worker script becomes a Blob URL; and since a
// page opened from disk has an opaque origin, the Worker cannot
// importScripts another Blob URL either: wasm_exec.js is put in front of
// the Worker's own script instead (worker.js then skips its importScripts).
// The loader reads the metas as if they named files.
const bootstrap = `'use strict';
(() => {
  const meta = (name) => document.querySelector('meta[name="' + name + '"]');
  const bytes = (m) => Uint8Array.from(atob(m.content.replace(/^data:[^,]*,/, '')), (c) => c.charCodeAt(0));
  const worker = meta('backsight-worker'), exec = meta('backsight-wasm-exec');
  if (!worker || !exec || !worker.content.startsWith('data:')) return;
  const source = new Blob([bytes(exec), '\n', bytes(worker)], { type: 'text/javascript' });
  worker.content = URL.createObjectURL(source);
})();
`

// build returns the single-file page for the site in files.
func build(files fs.FS) ([]byte, error) {
	index, err := readFile(files, "index.html")
	if err != nil {
		return nil, err
	}
	page := string(index)
	page = dropTags.ReplaceAllString(page, "")

	var scriptHashes, styleHashes []string
	inline := func(kind, body string) string {
		sum := sha256.Sum256([]byte(body))
		h := "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
		if kind == "style" {
			styleHashes = append(styleHashes, h)
		} else {
			scriptHashes = append(scriptHashes, h)
		}
		return "<" + kind + ">" + body + "</" + kind + ">\n"
	}

	var firstErr error
	fail := func(err error) {
		if firstErr == nil {
			firstErr = err
		}
	}
	page = styleTag.ReplaceAllStringFunc(page, func(tag string) string {
		name := styleTag.FindStringSubmatch(tag)[1]
		b, err := readFile(files, name)
		if err != nil {
			fail(err)
			return tag
		}
		if bytes.Contains(bytes.ToLower(b), []byte("</style")) {
			fail(fmt.Errorf("%s contains </style and cannot be inlined", name))
		}
		return inline("style", string(b))
	})
	// The scripts are deferred in the page: inlined, they move to the end of
	// <body>, in their order, which runs them when the DOM is there too.
	var scripts []string
	page = scriptTag.ReplaceAllStringFunc(page, func(tag string) string {
		name := scriptTag.FindStringSubmatch(tag)[1]
		b, err := readFile(files, name)
		if err != nil {
			fail(err)
			return tag
		}
		if bytes.Contains(bytes.ToLower(b), []byte("</script")) {
			fail(fmt.Errorf("%s contains </script and cannot be inlined", name))
		}
		scripts = append(scripts, string(b))
		return ""
	})
	page = metaTag.ReplaceAllStringFunc(page, func(tag string) string {
		m := metaTag.FindStringSubmatch(tag)
		url, err := dataURL(files, m[2])
		if err != nil {
			fail(err)
			return tag
		}
		return `<meta name="` + m[1] + `" content="` + url + `">`
	})
	page = iconTag.ReplaceAllStringFunc(page, func(tag string) string {
		url, err := dataURL(files, iconTag.FindStringSubmatch(tag)[1])
		if err != nil {
			fail(err)
			return tag
		}
		return `<link rel="icon" href="` + url + `"`
	})
	if firstErr != nil {
		return nil, firstErr
	}

	var tail strings.Builder
	tail.WriteString(inline("script", bootstrap))
	for _, s := range scripts {
		tail.WriteString(inline("script", s))
	}
	i := strings.LastIndex(page, "</body>")
	if i < 0 {
		return nil, fmt.Errorf("index.html has no </body>: is it the page `make site` wrote?")
	}
	page = page[:i] + tail.String() + page[i:]

	for _, m := range fileRef.FindAllStringSubmatch(page, -1) {
		if !strings.HasPrefix(m[1], "data:") {
			return nil, fmt.Errorf("index.html still refers to %q, which dist does not know how to inline", m[1])
		}
	}

	// The file has no server to send headers, so its policy is a <meta>:
	// only the inlined code (by hash), the Blob URLs it makes itself, and
	// data: URLs for the wasm and the sample; nothing from any network.
	csp := "default-src 'none'; script-src " + strings.Join(scriptHashes, " ") +
		" blob: 'wasm-unsafe-eval'; style-src " + strings.Join(styleHashes, " ") +
		"; img-src data: blob:; connect-src data: blob:; worker-src blob:; " +
		"base-uri 'none'; form-action 'none'; object-src 'none'"
	meta := `<meta http-equiv="Content-Security-Policy" content="` + csp + `">` + "\n" +
		`<meta name="referrer" content="no-referrer">` + "\n"
	// After <meta charset>, which must stay in the first 1024 bytes.
	at := regexp.MustCompile(`(?i)<meta charset="[^"]*">\n?`).FindStringIndex(page)
	if at == nil {
		at = regexp.MustCompile(`<head>\n?`).FindStringIndex(page)
	}
	if at == nil {
		return nil, fmt.Errorf("index.html has no <head>: is it the page `make site` wrote?")
	}
	page = page[:at[1]] + meta + page[at[1]:]
	return []byte(page), nil
}

// readFile reads a file the page names by a relative URL.
func readFile(files fs.FS, url string) ([]byte, error) {
	name := strings.TrimPrefix(url, "./")
	if !fs.ValidPath(name) || strings.Contains(name, ":") {
		return nil, fmt.Errorf("index.html names %q: dist inlines only files of the site, by relative URL", url)
	}
	b, err := fs.ReadFile(files, name)
	if err != nil {
		return nil, fmt.Errorf("index.html names %q, which is not in the site: run `make site` again", url)
	}
	return b, nil
}
