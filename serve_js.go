//go:build js && wasm

package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"syscall/js"
	"time"

	"github.com/syumai/workers"

	"backsight/wasm/jsawait"
	"github.com/syumai/workers/cloudflare"
)

func main() {
	workers.Serve(newHandler(assetsFS{}))
}

// assetsFS reads the site's files from the Worker's Static Assets binding
// (ASSETS in wrangler.jsonc), so the Worker and `go run .` share one
// handler: same headers, same routes, same tests. Static Assets serves the
// files itself (with the headers of `go run . -headers`); the Worker sees
// only /embed, missing files and methods other than GET and HEAD, and reads
// index.html for /embed.
type assetsFS struct{}

// assetsOrigin is only a name for the binding's requests: they never leave
// the Worker.
const assetsOrigin = "https://assets.invalid/"

func (assetsFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	b, err := fetchAsset(name)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	return &assetFile{Reader: bytes.NewReader(b), name: name, size: int64(len(b))}, nil
}

// fetchAsset calls env.ASSETS.fetch itself: the binding's fetch must be
// called as a method (with the binding as `this`), which
// github.com/syumai/workers/cloudflare/fetch v0.30.2 does not do.
func fetchAsset(name string) ([]byte, error) {
	assets := cloudflare.GetBinding("ASSETS")
	if assets.IsUndefined() {
		return nil, errors.New("no ASSETS binding: check the assets section of wrangler.jsonc")
	}
	url := assetsOrigin + name
	if name == "index.html" {
		// html_handling (wrangler.jsonc) answers /index.html with a
		// redirect to /: ask for / and skip the round trip.
		url = assetsOrigin
	}
	res, err := jsawait.Await(assets.Call("fetch", url))
	if err != nil {
		return nil, fmt.Errorf("assets: %w", err)
	}
	switch status := res.Get("status").Int(); {
	case status == http.StatusNotFound:
		return nil, fs.ErrNotExist
	case status != http.StatusOK:
		return nil, fmt.Errorf("assets answered %d", status)
	}
	buf, err := jsawait.Await(res.Call("arrayBuffer"))
	if err != nil {
		return nil, fmt.Errorf("assets: %w", err)
	}
	arr := js.Global().Get("Uint8Array").New(buf)
	b := make([]byte, arr.Get("byteLength").Int())
	js.CopyBytesToGo(b, arr)
	return b, nil
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
