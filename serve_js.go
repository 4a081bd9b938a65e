//go:build js && wasm

package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"time"

	"github.com/syumai/workers"
	"github.com/syumai/workers/cloudflare"
	"github.com/syumai/workers/cloudflare/fetch"
)

func main() {
	workers.Serve(newHandler(assetsFS{}))
}

// assetsFS reads the site's files from the Worker's Static Assets binding
// (ASSETS in wrangler.jsonc), so the Worker and `go run .` share one
// handler: same headers, same routes, same tests.
type assetsFS struct{}

// assetsOrigin is only a name for the binding's requests: they never leave
// the Worker.
const assetsOrigin = "https://assets.invalid/"

func (assetsFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	client := fetch.NewClient(fetch.WithBinding(cloudflare.GetBinding("ASSETS")))
	req, err := fetch.NewRequest(context.Background(), http.MethodGet, assetsOrigin+name, nil)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	res, err := client.Do(req, nil)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	defer res.Body.Close()
	switch {
	case res.StatusCode == http.StatusNotFound:
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	case res.StatusCode != http.StatusOK:
		return nil, &fs.PathError{Op: "open", Path: name, Err: fmt.Errorf("assets answered %s", res.Status)}
	}
	b, err := io.ReadAll(res.Body)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	return &assetFile{Reader: bytes.NewReader(b), name: name, size: int64(len(b))}, nil
}

// assetFile is one fetched asset, held in memory.
type assetFile struct {
	*bytes.Reader
	name string
	size int64
}

func (f *assetFile) Stat() (fs.FileInfo, error) { return f, nil }
func (f *assetFile) Close() error               { return nil }
func (f *assetFile) Name() string               { return f.name }
func (f *assetFile) Size() int64                { return f.size }
func (f *assetFile) Mode() fs.FileMode          { return 0o444 }
func (f *assetFile) ModTime() time.Time         { return time.Time{} }
func (f *assetFile) IsDir() bool                { return false }
func (f *assetFile) Sys() any                   { return nil }
