//go:build !js

package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"strings"
)

// maxHeaderRules is Workers Static Assets' limit on the rules of one
// _headers file; a site that outgrows it needs a pattern per folder.
const maxHeaderRules = 100

// headersFile writes Cloudflare's _headers file for the site in files: the
// handler's security headers (and Allow) for every path, and each file's own type and
// caching, so that Workers Static Assets answers like the handler without
// running the Worker. Rules are per file rather than patterns because the
// format's patterns cannot tell a hashed name from another, and a header set
// by two rules is sent with both values joined.
func headersFile(files fs.FS) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("# Written by `go run . -headers` (make worker) from serve.go: edit that, not this.\n")
	b.WriteString("# Workers Static Assets applies these to the files it serves itself; the\n")
	b.WriteString("# Worker's own answers (/embed, errors) set the same headers in Go.\n")
	rule := func(urlPath string, hs []header) {
		b.WriteString("\n" + urlPath + "\n")
		for _, x := range hs {
			b.WriteString("  " + x.name + ": " + x.value + "\n")
		}
	}
	rule("/*", commonHeaders)
	rules := 1
	err := fs.WalkDir(files, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if _, ok := fileName("/" + name); !ok {
			return nil // never served: hidden files, _headers itself
		}
		if strings.ContainsAny(name, " \t:*!#") {
			return fmt.Errorf("%s: a _headers rule cannot name this file; rename it without spaces, ':', '*', '!' or '#'", name)
		}
		rule("/"+name, fileHeaders(name))
		rules++
		if name == "index.html" {
			// The handler answers / with index.html, and so does Static
			// Assets; its headers match the request's path, not the file's.
			rule("/", fileHeaders(name))
			rules++
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if rules > maxHeaderRules {
		return nil, fmt.Errorf("the site has %d files but a _headers file holds at most %d rules: put files in folders and give each folder one rule", rules, maxHeaderRules)
	}
	return b.Bytes(), nil
}
