package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
)

const standInIndex = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="backsight-wasm" content="app.3f2a1b9c.wasm">
<meta name="backsight-worker" content="worker.0011aabb.js">
<meta name="backsight-wasm-exec" content="wasm_exec.22334455.js">
<meta name="backsight-sample" content="sample.ndjson">
<link rel="stylesheet" href="style.89abcdef.css">
<link rel="manifest" href="manifest.webmanifest">
<link rel="icon" href="icons/icon.svg" type="image/svg+xml">
<script src="wasm_exec.22334455.js" defer></script>
<script src="loader.0123abcd.js" defer></script>
<script src="offline.js" defer></script>
</head>
<body>
<a href="#main">skip</a>
<main id="main"></main>
</body>
</html>
`

func standIn() fstest.MapFS {
	f := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	return fstest.MapFS{
		"index.html":            f(standInIndex),
		"app.3f2a1b9c.wasm":     f("\x00asm\x01\x00\x00\x00\xff\xfe"),
		"worker.0011aabb.js":    f("self.onmessage = () => {}; // 分析"),
		"wasm_exec.22334455.js": f("globalThis.Go = class {};"),
		"loader.0123abcd.js":    f("window.backsight = {};"),
		"style.89abcdef.css":    f("body { color: black }"),
		"sample.ndjson":         f(`{"type":"access"}` + "\n"),
		"offline.js":            f("navigator.serviceWorker.register('sw.js');"),
		"manifest.webmanifest":  f("{}"),
		"icons/icon.svg":        f(`<svg xmlns="http://www.w3.org/2000/svg"/>`),
	}
}

var (
	cspMeta  = regexp.MustCompile(`<meta http-equiv="Content-Security-Policy" content="([^"]*)">`)
	inlineRe = regexp.MustCompile(`(?s)<(script|style)>(.*?)</(?:script|style)>`)
)

func hash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}

func TestBuild(t *testing.T) {
	out, err := build(standIn())
	if err != nil {
		t.Fatal(err)
	}
	page := string(out)

	m := cspMeta.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no CSP meta in\n%s", page)
	}
	csp := m[1]
	if !strings.Contains(page, `<link rel="icon" href="data:image/svg+xml;base64,`) {
		t.Error("the icon is not inlined as a data: URL")
	}
	if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "'self'") {
		t.Errorf("CSP too open: %s", csp)
	}
	if strings.Index(page, `<meta charset="utf-8">`) > strings.Index(page, "Content-Security-Policy") {
		t.Error("the CSP meta comes before <meta charset>")
	}

	// Every inline block is allowed by its hash, and only those.
	var scripts []string
	for _, b := range inlineRe.FindAllStringSubmatch(page, -1) {
		if !strings.Contains(csp, hash(b[2])) {
			t.Errorf("inline %s %.30q is not in the CSP", b[1], b[2])
		}
		if b[1] == "script" {
			scripts = append(scripts, b[2])
		}
	}
	if got := strings.Count(csp, "'sha256-"); got != 4 {
		t.Errorf("CSP lists %d hashes, want 4 (bootstrap, wasm_exec, loader, style)", got)
	}

	// Scripts run at the end of <body>, in the page's order, after the
	// bootstrap that turns the inlined sources into Blob URLs.
	want := []string{bootstrap, "globalThis.Go = class {};", "window.backsight = {};"}
	if len(scripts) != len(want) {
		t.Fatalf("inline scripts: %q, want %q", scripts, want)
	}
	for i := range want {
		if scripts[i] != want[i] {
			t.Errorf("script %d: %.40q, want %.40q", i, scripts[i], want[i])
		}
	}
	if strings.Index(page, "<main") > strings.Index(page, "<script>") {
		t.Error("inline scripts run before the page's body exists")
	}

	for _, gone := range []string{"offline.js", "serviceWorker", `rel="manifest"`, ` src="`} {
		if strings.Contains(page, gone) {
			t.Errorf("the single file still has %q", gone)
		}
	}

	// The metas carry the files themselves, byte for byte.
	files := standIn()
	for name, file := range map[string]string{
		"backsight-wasm":      "app.3f2a1b9c.wasm",
		"backsight-worker":    "worker.0011aabb.js",
		"backsight-wasm-exec": "wasm_exec.22334455.js",
		"backsight-sample":    "sample.ndjson",
	} {
		re := regexp.MustCompile(`<meta name="` + name + `" content="data:([^;]+);base64,([^"]*)">`)
		m := re.FindStringSubmatch(page)
		if m == nil {
			t.Errorf("%s: no data: URL", name)
			continue
		}
		b, err := base64.StdEncoding.DecodeString(m[2])
		if err != nil || !bytes.Equal(b, files[file].Data) {
			t.Errorf("%s: data: URL does not hold %s (%v)", name, file, err)
		}
		if name == "backsight-wasm" && m[1] != "application/wasm" {
			t.Errorf("%s: type %s, want application/wasm (compileStreaming needs it)", name, m[1])
		}
	}
}

func TestBuildRefuses(t *testing.T) {
	for _, c := range []struct {
		name   string
		change func(fstest.MapFS)
		want   string
	}{
		{"missing script", func(f fstest.MapFS) { delete(f, "loader.0123abcd.js") }, "loader.0123abcd.js"},
		{"missing wasm", func(f fstest.MapFS) { delete(f, "app.3f2a1b9c.wasm") }, "app.3f2a1b9c.wasm"},
		{"script that closes its tag", func(f fstest.MapFS) {
			f["loader.0123abcd.js"] = &fstest.MapFile{Data: []byte("s = '</SCRIPT>';")}
		}, "</script"},
		{"a file it cannot inline", func(f fstest.MapFS) {
			f["index.html"] = &fstest.MapFile{Data: []byte(strings.Replace(standInIndex, "<main", `<img src="logo.png"><main`, 1))}
		}, "logo.png"},
		{"another origin", func(f fstest.MapFS) {
			f["index.html"] = &fstest.MapFile{Data: []byte(strings.Replace(standInIndex, "loader.0123abcd.js", "https://cdn.example/x.js", 1))}
		}, "https://cdn.example/x.js"},
		{"no body", func(f fstest.MapFS) {
			f["index.html"] = &fstest.MapFile{Data: []byte(strings.Replace(standInIndex, "</body>", "", 1))}
		}, "</body>"},
	} {
		files := standIn()
		c.change(files)
		_, err := build(files)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one naming %q", c.name, err, c.want)
		}
	}
}
