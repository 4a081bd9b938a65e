//go:build js && wasm

package main

import "syscall/js"

// A large file is read in two parts at once: the analysis Worker reads
// the first half while a second Worker, the helper, reads the rest on
// another core and hands it over (see wasm/worker's readAll and
// readPart). The page only starts the helper, asks it for the part, and
// passes the part on. On a 100 MB report this saves about half the
// reading time.

// splitMin is the smallest file read in two parts: below it, starting
// the helper and handing the part over cost about what they save.
const splitMin = 8 << 20

// helper is the second Worker, started with the page on a device with
// more than one core.
type helper struct {
	w       js.Value
	ready   bool
	queued  map[string]any // the part request waiting for it to start
	job     int            // the number of the latest part request
	reading bool           // a part is being read
	done    float64        // bytes of it read so far
}

// split asks the helper to read the second half of the largest of files
// (an Array of Files) and returns the analysis request's "split" field,
// or nil when nothing is worth splitting.
func (p *page) split(files js.Value) map[string]any {
	if !twoCores() {
		return nil
	}
	index, size := -1, 0.0
	for i := range files.Length() {
		if s := files.Index(i).Get("size").Float(); s > size {
			index, size = i, s
		}
	}
	if size < splitMin {
		return nil
	}
	h := &p.helper
	if h.w.IsUndefined() {
		return nil // not started yet: the analysis Worker reads it all
	}
	h.job++
	h.reading, h.done = true, 0
	at := float64(int64(size / 2))
	req := map[string]any{"type": "part", "file": files.Index(index), "at": at, "job": h.job}
	if h.ready {
		h.w.Call("postMessage", req)
	} else {
		h.queued = req
	}
	return map[string]any{"index": index, "at": at, "job": h.job}
}

// twoCores reports whether the device has another core for the helper.
func twoCores() bool {
	return js.Global().Get("navigator").Get("hardwareConcurrency").Int() >= 2
}

func (p *page) startHelper() {
	w := p.bs.Call("newWorker", true)
	p.helper = helper{w: w, job: p.helper.job}
	w.Set("onmessage", js.FuncOf(func(this js.Value, args []js.Value) any {
		if w.Equal(p.helper.w) {
			p.onHelper(args[0].Get("data"))
		}
		return nil
	}))
	w.Set("onerror", js.FuncOf(func(this js.Value, args []js.Value) any {
		if w.Equal(p.helper.w) {
			p.crash("the second analysis Worker failed to start")
		}
		return nil
	}))
}

func (p *page) onHelper(m js.Value) {
	h := &p.helper
	switch m.Get("type").String() {
	case "ready":
		h.ready = true
		if h.queued != nil {
			h.w.Call("postMessage", h.queued)
			h.queued = nil
		}
	case "progress":
		if m.Get("job").Int() == h.job && h.reading {
			h.done = m.Get("done").Float()
			p.drawRead()
		}
	case "part":
		// Passed on as it is: the analysis Worker matches the job and
		// reads the data or the error.
		if m.Get("job").Int() == h.job {
			h.reading, h.done = false, 0
		}
		fwd := map[string]any{"type": "partData", "job": m.Get("job"), "data": m.Get("data"), "error": m.Get("error")}
		if d := m.Get("data"); !d.IsUndefined() {
			p.worker.Call("postMessage", fwd, []any{d.Get("buffer")})
		} else {
			p.worker.Call("postMessage", fwd)
		}
	case "crashed":
		p.crash(m.Get("text").String())
	}
}

// restartHelper ends the helper's work with the analysis (cancel) and
// starts a fresh one, as cancel does with the analysis Worker.
func (p *page) restartHelper() {
	if p.helper.w.IsUndefined() {
		return
	}
	p.helper.w.Call("terminate")
	p.startHelper()
}
