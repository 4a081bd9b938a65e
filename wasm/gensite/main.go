// Command gensite assembles build/site from site/, the built wasm and the
// bundled sample: the page's own assets get content-hashed names
// (app.3f2a1b9c.wasm) that index.html is rewritten to reference, other
// files in site/ (the service worker, manifest, icons) are copied as they
// are, and assets.json lists every file the service worker must precache.
//
//	go run ./wasm/gensite -site site -wasm build/app.wasm -worker-wasm build/analysis.wasm -out build/site
package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	"backsight/internal/sample"
)

// hashed are the page's assets that get content-hashed names, with the
// exact texts index.html refers to them by (each must be there).
var hashed = []struct {
	name string
	refs []string
}{
	{"style.css", []string{`href="style.css"`}},
	{"loader.js", []string{`src="loader.js"`}},
	{"wasm_exec.js", []string{`src="wasm_exec.js"`, `content="wasm_exec.js"`}},
	{"worker.js", []string{`content="worker.js"`}},
	{"app.wasm", []string{`content="app.wasm"`}},
	{"analysis.wasm", []string{`content="analysis.wasm"`}},
	{"sample.ndjson", []string{`content="sample.ndjson"`}},
}

func main() {
	siteDir := flag.String("site", "site", "the site's sources")
	wasm := flag.String("wasm", "build/app.wasm", "the built page wasm (wasm/)")
	workerWasm := flag.String("worker-wasm", "build/analysis.wasm", "the built analysis Worker wasm (wasm/worker)")
	out := flag.String("out", "build/site", "the directory to write")
	flag.Parse()
	if err := build(*siteDir, *wasm, *workerWasm, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gensite:", err)
		os.Exit(1)
	}
}

func build(siteDir, wasm, workerWasm, out string) error {
	// Start clean: stale hashed files would be precached forever.
	if err := os.RemoveAll(out); err != nil {
		return err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	contents := map[string][]byte{}
	for _, h := range hashed {
		var b []byte
		var err error
		switch h.name {
		case "app.wasm":
			b, err = os.ReadFile(wasm)
		case "analysis.wasm":
			b, err = os.ReadFile(workerWasm)
		case "wasm_exec.js":
			b, err = os.ReadFile(filepath.Join(runtime.GOROOT(), "lib", "wasm", "wasm_exec.js"))
		case "sample.ndjson":
			b = sample.Report()
		default:
			b, err = os.ReadFile(filepath.Join(siteDir, h.name))
		}
		if err != nil {
			return err
		}
		contents[h.name] = b
	}
	index, err := os.ReadFile(filepath.Join(siteDir, "index.html"))
	if err != nil {
		return err
	}
	html := string(index)
	var files []string
	for _, h := range hashed {
		name := hashName(h.name, contents[h.name])
		for _, ref := range h.refs {
			if !strings.Contains(html, ref) {
				return fmt.Errorf("index.html does not contain %s; update gensite's list", ref)
			}
			html = strings.ReplaceAll(html, ref, strings.Replace(ref, h.name, name, 1))
		}
		if err := os.WriteFile(filepath.Join(out, name), contents[h.name], 0o644); err != nil {
			return err
		}
		files = append(files, name)
	}
	if err := os.WriteFile(filepath.Join(out, "index.html"), []byte(html), 0o644); err != nil {
		return err
	}
	files = append(files, "index.html")

	// Everything else in site/ (the serve helper's service worker, manifest,
	// icons, embed script) is copied under its own name.
	own := map[string]bool{"index.html": true}
	for _, h := range hashed {
		own[h.name] = true
	}
	err = filepath.WalkDir(siteDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(siteDir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if own[rel] || strings.HasPrefix(path.Base(rel), ".") {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		dst := filepath.Join(out, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(dst, b, 0o644); err != nil {
			return err
		}
		files = append(files, rel)
		return nil
	})
	if err != nil {
		return err
	}
	slices.Sort(files)
	list, err := json.MarshalIndent(files, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(out, "assets.json"), append(list, '\n'), 0o644)
}

// hashName inserts the first 8 hex digits of b's SHA-256 before the
// extension: style.css -> style.3f2a1b9c.css.
func hashName(name string, b []byte) string {
	sum := sha256.Sum256(b)
	ext := path.Ext(name)
	return strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:4]) + ext
}
