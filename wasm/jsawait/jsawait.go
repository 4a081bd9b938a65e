//go:build js && wasm

// Package jsawait waits for a JavaScript Promise from Go: the page, and the
// Cloudflare Worker entry in serve_js.go, both need it.
package jsawait

import (
	"errors"
	"syscall/js"
)

// Await blocks the calling goroutine until p settles; a rejection becomes
// an error with the reason's text. Call it from a goroutine, never from a
// JavaScript callback, or the program deadlocks.
func Await(p js.Value) (js.Value, error) {
	type result struct {
		v   js.Value
		err error
	}
	ch := make(chan result, 1)
	ok := js.FuncOf(func(_ js.Value, args []js.Value) any {
		ch <- result{v: args[0]}
		return nil
	})
	fail := js.FuncOf(func(_ js.Value, args []js.Value) any {
		msg := "the promise was rejected"
		if len(args) > 0 {
			msg = js.Global().Get("String").Invoke(args[0]).String()
		}
		ch <- result{err: errors.New(msg)}
		return nil
	})
	defer ok.Release()
	defer fail.Release()
	p.Call("then", ok, fail)
	r := <-ch
	return r.v, r.err
}
