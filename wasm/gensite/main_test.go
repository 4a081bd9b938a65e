package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

func TestBuild(t *testing.T) {
	src, err := os.ReadFile("../../site/index.html")
	if err != nil {
		t.Fatal(err)
	}
	site := t.TempDir()
	files := map[string]string{
		"index.html": string(src), "style.css": "body{}", "loader.js": "'use strict';", "worker.js": "'use strict';",
		"sw.js": "// sw", "icons/icon.svg": "<svg/>",
	}
	for name, body := range files {
		p := filepath.Join(site, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tmp := t.TempDir()
	os.WriteFile(filepath.Join(tmp, "app.wasm"), []byte("\x00asm page"), 0o644)
	os.WriteFile(filepath.Join(tmp, "analysis.wasm"), []byte("\x00asm worker"), 0o644)
	out := filepath.Join(tmp, "out")
	if err := build(site, filepath.Join(tmp, "app.wasm"), filepath.Join(tmp, "analysis.wasm"), out); err != nil {
		t.Fatal(err)
	}

	index, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range hashed {
		if strings.Contains(string(index), `"`+h.name+`"`) {
			t.Errorf("index.html still names %s unhashed", h.name)
		}
	}
	// Every local reference in index.html exists in the build.
	refs := regexp.MustCompile(`(?:src|href|content)="([a-z_]+\.[0-9a-f]{8}\.[a-z]+|[a-z]+\.(?:js|webmanifest)|icons/[a-z.]+)"`)
	found := 0
	for _, m := range refs.FindAllStringSubmatch(string(index), -1) {
		if m[1] == "offline.js" || m[1] == "manifest.webmanifest" {
			continue // the serve helper's files; not in this test's site
		}
		found++
		if _, err := os.Stat(filepath.Join(out, m[1])); err != nil {
			t.Errorf("index.html names %s, which the build lacks", m[1])
		}
	}
	if found < len(hashed) {
		t.Errorf("only %d local references found in index.html", found)
	}

	var assets []string
	b, err := os.ReadFile(filepath.Join(out, "assets.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &assets); err != nil {
		t.Fatal(err)
	}
	var onDisk []string
	filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && d.Name() != "assets.json" {
			rel, _ := filepath.Rel(out, p)
			onDisk = append(onDisk, filepath.ToSlash(rel))
		}
		return err
	})
	slices.Sort(onDisk)
	if !slices.Equal(assets, onDisk) {
		t.Errorf("assets.json lists %v; the build holds %v", assets, onDisk)
	}
	if !slices.Contains(assets, "sw.js") || !slices.Contains(assets, "icons/icon.svg") {
		t.Errorf("other site files were not copied: %v", assets)
	}
}

func TestHashName(t *testing.T) {
	a, b := hashName("app.wasm", []byte("one")), hashName("app.wasm", []byte("two"))
	if a == b || !regexp.MustCompile(`^app\.[0-9a-f]{8}\.wasm$`).MatchString(a) {
		t.Errorf("hashName gave %q and %q", a, b)
	}
}
