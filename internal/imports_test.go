//go:build !js

// Package internal_test guards the core's boundary: the packages under
// internal/ run natively, under Node and in the page alike, so they must
// not reach for the browser, the Worker runtime, the file system or the
// network.
package internal_test

import (
	"encoding/json"
	"go/parser"
	"go/token"
	"io/fs"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// forbidden lists each import the core may not use, with the reason.
var forbidden = map[string]string{
	"syscall/js":                "only wasm/ touches JavaScript; the core must run natively and under Node",
	"honnef.co/go/js/dom/v2":    "only wasm/ touches the DOM",
	"github.com/syumai/workers": "only the Worker entry (serve.go) knows about Cloudflare",
	"os":                        "files reach the core as bytes; in the page there is no file system",
	"net/http":                  "the core never talks to the network: nothing leaves the device",
	"net":                       "the core never talks to the network: nothing leaves the device",
}

// transitive are forbidden even through another package. syscall/js is
// checked directly only: under GOOS=js the standard library itself uses it.
var transitive = []string{"honnef.co/go/js/dom/v2", "github.com/syumai/workers", "net/http", "net"}

func TestCoreImportsDirect(t *testing.T) {
	fset := token.NewFileSet()
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			if why, bad := forbidden[p]; bad {
				t.Errorf("%s imports %q: %s", path, p, why)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestCoreImportsTransitive(t *testing.T) {
	for _, goos := range []string{"linux", "js"} {
		cmd := exec.Command("go", "list", "-deps", "-json=ImportPath,Deps", "./...")
		cmd.Env = append(cmd.Environ(), "GOOS="+goos, "GOARCH=wasm")
		if goos == "linux" {
			cmd.Env = append(cmd.Environ(), "GOARCH=amd64")
		}
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("go list (GOOS=%s): %v", goos, err)
		}
		dec := json.NewDecoder(strings.NewReader(string(out)))
		for dec.More() {
			var p struct {
				ImportPath string
				Deps       []string
			}
			if err := dec.Decode(&p); err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(p.ImportPath, "backsight/internal/") {
				continue
			}
			for _, d := range p.Deps {
				for _, bad := range transitive {
					if d == bad {
						t.Errorf("GOOS=%s: %s depends on %q: %s", goos, p.ImportPath, d, forbidden[bad])
					}
				}
			}
		}
	}
}
