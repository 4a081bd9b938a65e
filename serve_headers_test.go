//go:build !js

package main

import (
	"bufio"
	"bytes"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"testing/fstest"
)

// parseHeaders reads a _headers file into its rules, keyed by URL pattern,
// failing the test on anything Cloudflare would not accept.
func parseHeaders(t *testing.T, b []byte) (map[string]http.Header, []string) {
	t.Helper()
	rules := map[string]http.Header{}
	var order []string
	var cur http.Header
	sc := bufio.NewScanner(bytes.NewReader(b))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if len(line) > 2000 {
			t.Errorf("line %d: %d characters, Cloudflare's limit is 2000", n, len(line))
		}
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
		case strings.HasPrefix(line, "  "):
			name, value, ok := strings.Cut(strings.TrimSpace(line), ": ")
			if cur == nil || !ok {
				t.Fatalf("line %d: %q is no header of a rule", n, line)
			}
			cur.Add(name, value)
		case strings.HasPrefix(line, "/"):
			if _, dup := rules[line]; dup {
				t.Errorf("line %d: a second rule for %s", n, line)
			}
			cur = http.Header{}
			rules[line] = cur
			order = append(order, line)
		default:
			t.Fatalf("line %d: %q is neither a rule, a header nor a comment", n, line)
		}
	}
	return rules, order
}

// The _headers file makes Static Assets answer each file as the handler
// does: the handler's headers for that file are exactly the ones Cloudflare
// gets from the catch-all rule plus the file's own, with no header set by
// both (Cloudflare would join the two values).
func TestHeadersFileMatchesHandler(t *testing.T) {
	files := standIn()
	b, err := headersFile(files)
	if err != nil {
		t.Fatal(err)
	}
	rules, order := parseHeaders(t, b)
	if len(order) == 0 || order[0] != "/*" {
		t.Fatalf("the first rule is not /*: %v", order)
	}
	all := rules["/*"]
	h := newHandler(files)
	served := 0
	for _, target := range append([]string{"/"}, order[1:]...) {
		own, ok := rules[target]
		if !ok {
			t.Errorf("no rule for %s", target)
			continue
		}
		res := do(t, h, "GET", target)
		if res.StatusCode != http.StatusOK {
			t.Errorf("a rule for %s, which the handler answers %d", target, res.StatusCode)
			continue
		}
		served++
		want := res.Header.Clone()
		// Headers of the response rather than the file: Cloudflare sets
		// its own.
		for _, name := range []string{"Etag", "Last-Modified", "Accept-Ranges", "Content-Length"} {
			want.Del(name)
		}
		got := all.Clone()
		for name, values := range own {
			if all.Get(name) != "" {
				t.Errorf("%s and /* both set %s: Cloudflare would send both values joined", target, name)
			}
			got[name] = values
		}
		if g, w := fmt.Sprint(got), fmt.Sprint(want); g != w {
			t.Errorf("%s: _headers gives\n%s\nthe handler sends\n%s", target, g, w)
		}
	}
	for name := range files {
		if _, ok := fileName("/" + name); ok != (rules["/"+name] != nil) {
			t.Errorf("%s: served by the handler %v, has a rule %v", name, ok, !ok)
		}
	}
	if served != len(order) {
		t.Errorf("%d rules, %d of them for files the handler serves", len(order), served)
	}
}

func TestHeadersFileRefuses(t *testing.T) {
	tooMany := fstest.MapFS{}
	for i := range maxHeaderRules {
		tooMany[fmt.Sprintf("f%03d.txt", i)] = &fstest.MapFile{}
	}
	for _, c := range []struct {
		name  string
		files fstest.MapFS
		want  string
	}{
		{"more rules than Cloudflare takes", tooMany, "at most 100 rules"},
		{"a name _headers cannot hold", fstest.MapFS{"a b.js": {}}, "a b.js: a _headers rule cannot name"},
		{"a placeholder in a name", fstest.MapFS{"x:y.js": {}}, "cannot name"},
	} {
		_, err := headersFile(c.files)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one saying %q", c.name, err, c.want)
		}
	}
}
