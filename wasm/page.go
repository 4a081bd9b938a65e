//go:build js && wasm

package main

import (
	"errors"
	"runtime"
	"syscall/js"

	"backsight/wasm/jsawait"
	"backsight/wasm/ui"
)

// page is the state of the one page: the Worker, the language, and the
// last result, kept so that a language switch re-renders without
// re-running the analysis.
type page struct {
	bs          js.Value // window.backsight, set up by the loader
	lang        string
	worker      js.Value
	workerReady bool
	queued      map[string]any // a request waiting for the Worker to start
	busy        bool
	decoding    *resultDecoder // the result being decoded between frames, if any

	res  *ui.Result
	diff *ui.Diff
	// netBytes is the network view as the Worker sent it, parsed into
	// res.Network on first use (see network()).
	netBytes  js.Value
	netParsed bool
	tab       string
	sel       string // the app the timeline shows; "" for all with findings

	// Rendering work spread over later frames (see later.go). gen counts
	// what has been drawn into #app: a job queued for an older drawing
	// is dropped.
	gen        int
	jobs, idle []func()
}

var pg *page

func runPage() {
	bs := js.Global().Get("backsight")
	pg = &page{bs: bs, lang: ui.EN, tab: "findings"}
	if bs.Get("lang").String() == ui.ZH {
		pg.lang = ui.ZH
	}
	pg.startWorker()
	pg.wire()
	bs.Set("ready", true)
	setHidden(byID("loading"), true)
	if p := bs.Get("pending"); p.Type() == js.TypeString { // "sample", clicked early
		bs.Set("pending", js.Null())
		pg.loadSample()
	} else if !p.IsNull() && !p.IsUndefined() {
		bs.Set("pending", js.Null())
		pg.analyze(p)
	} else if in := byID("file").Underlying(); in.Get("files").Length() > 0 {
		// A file chosen before the program was ready.
		pg.analyze(in.Get("files"))
	}
}

// startWorker starts a fresh Worker (at load, and after a cancel).
func (p *page) startWorker() {
	p.worker = p.bs.Call("newWorker")
	p.workerReady = false
	w := p.worker
	w.Set("onmessage", js.FuncOf(func(this js.Value, args []js.Value) any {
		if !w.Equal(p.worker) {
			return nil // a message from a Worker cancelled meanwhile
		}
		p.onWorker(args[0].Get("data"))
		return nil
	}))
	w.Set("onerror", js.FuncOf(func(this js.Value, args []js.Value) any {
		msg := "the analysis Worker failed to start"
		if m := args[0].Get("message"); m.Type() == js.TypeString {
			msg = m.String()
		}
		p.crash(msg)
		return nil
	}))
}

func (p *page) onWorker(m js.Value) {
	switch m.Get("type").String() {
	case "ready":
		p.workerReady = true
		mark("bs-ready")
		if p.queued != nil {
			q := p.queued
			p.queued = nil
			p.send(q)
		}
	case "progress":
		p.progress(m)
	case "result":
		received := now()
		mark("bs-result")
		if t := m.Get("timing"); !t.IsUndefined() {
			js.Global().Get("backsight").Set("timing", t) // for make bench-browser
		}
		p.busy = false
		setHidden(byID("status"), true)
		if m.Get("kind").String() == "compare" {
			parsed, err := ui.ParseJSON(bytesOf(m.Get("data")))
			if err != nil {
				p.crash(err.Error())
				return
			}
			p.diff, p.res = ui.DecodeDiff(parsed), nil
			p.show(true)
			return
		}
		// The network view follows in a message of its own, which may
		// arrive while this result is decoded.
		p.netBytes, p.netParsed = js.Undefined(), false
		p.decoding = &resultDecoder{m: m}
		p.decode(p.decoding, received)
	case "warm":
		p.warm(m)
		mark("bs-warm")
	case "network":
		// Kept as bytes: JSON.parse runs when a view needs it, so the
		// findings never wait for the network view.
		p.netBytes = m.Get("data")
		p.netParsed = false
		if p.res != nil && p.decoding == nil && (p.tab == "apps" || p.tab == "network") {
			p.showTab(p.tab, false)
		}
	case "export":
		u8 := m.Get("data")
		b := make([]byte, u8.Length())
		js.CopyBytesToGo(b, u8)
		name := "backsight-findings.json"
		if p.diff != nil {
			name = "backsight-compare.json"
		}
		download(name, "application/json", b)
	case "crashed":
		p.crash(ui.F(p.lang, "workerCrashed", m.Get("text").String()))
	}
}

// A result of at most wholeResult bytes (its findings, intervals and
// interval lists as the Worker sent them) is decoded and its first
// findings rendered in the task it arrives in: a 1.9 MB report's result
// is about 220 KB, 3-5 ms of decoding and 5-8 of rendering. A larger one
// is decoded a slice at a time between frames and rendered at the frame
// after. The choice goes by size, not by the clock: on a busy machine
// (the browser optimises wasm on other threads meanwhile) the same few ms
// of work take two or three times as long by the clock, and a clock
// limit sent small results the slow way, a frame or two later.
const wholeResult = 1 << 20

// decode decodes a result, a slice at a time for a large one (see
// wholeResult), going on at the next frame until it is done; then it
// shows the result. A new request (begin) ends it.
func (p *page) decode(d *resultDecoder, start float64) {
	if p.decoding != d {
		return
	}
	whole := d.size() <= wholeResult
	for {
		done, err := d.step()
		if err != nil {
			p.decoding = nil
			p.crash(err.Error())
			return
		}
		if done {
			break
		}
		if !whole && now()-start > decodeSlice {
			nextFrame(func() { p.decode(d, now()) })
			return
		}
	}
	p.decoding = nil
	p.res, p.diff = d.r, nil
	p.show(whole)
}

// decodeSlice is how long, in milliseconds, the page decodes a large
// result before it lets a frame be drawn: a step (an array of findings,
// the intervals) takes up to a few tens of ms for a 100 MB report.
const decodeSlice = 8

// show draws a decoded result: its first findings in the current task
// if now is true, or else at the next frame, so that decoding and
// rendering a large result are not one long stall. They are on screen
// once the frame after that has been drawn (bs-shown); the rest of the
// first page of findings follows in later frames, and the page says
// "shown" once they are all there.
func (p *page) show(now bool) {
	mark("bs-decoded")
	p.tab = "findings"
	p.sel = ""
	render := func() {
		// The introduction above the drop zone gives way to the result in
		// the same frame, and stays hidden while a next report is read.
		root().SetAttribute("data-view", "result")
		p.render()
		mark("bs-rendered")
		afterFrame(func() {
			mark("bs-shown")
			js.Global().Get("performance").Call("measure", "bs-analysis", "bs-files", "bs-shown")
			if p.res != nil {
				// Only now the Worker builds the network view: meanwhile it
				// would have taken the second core from this frame.
				p.send(map[string]any{"type": "complete"})
			}
			res, diff := p.res, p.diff
			p.whenIdle(func() {
				if p.res == res && p.diff == diff && !p.busy {
					root().SetAttribute("data-state", "shown")
				}
			})
		})
	}
	if now {
		render()
	} else {
		nextFrame(render)
	}
}

// send posts a request to the Worker, or keeps it until the Worker is ready.
func (p *page) send(m map[string]any) {
	if !p.workerReady {
		p.queued = m
		return
	}
	p.worker.Call("postMessage", m)
}

func (p *page) crash(detail string) {
	p.busy = false
	p.bs.Call("crash", detail)
}

// analyze starts the analysis of a FileList or an Array of Files.
func (p *page) analyze(files js.Value) {
	if files.Length() == 0 {
		return
	}
	mark("bs-files")
	// The Worker starts reading while the page shows the progress bar.
	p.send(map[string]any{"type": "analyze", "files": toArray(files)})
	mark("bs-posted")
	root().SetAttribute("data-state", "busy")
	p.begin(ui.T(p.lang, "starting"))
}

func (p *page) compare(before, after js.Value) {
	if before.Length() == 0 || after.Length() == 0 {
		p.notice(ui.T(p.lang, "noFiles"))
		return
	}
	mark("bs-files")
	p.send(map[string]any{"type": "compare", "before": toArray(before), "after": toArray(after)})
	root().SetAttribute("data-state", "busy")
	p.begin(ui.T(p.lang, "starting"))
}

// toArray copies a FileList into an Array: a FileList cannot be posted
// to a Worker in every browser, an Array of Files can.
func toArray(list js.Value) js.Value {
	return js.Global().Get("Array").Call("from", list)
}

// begin hides the previous result and, if the request is still running
// statusDelay ms later, shows the progress bar.
func (p *page) begin(text string) {
	p.busy = true
	p.decoding = nil
	p.gen++
	setHidden(byID("crash"), true)
	byID("status-text").SetTextContent(text)
	byID("progress").Underlying().Call("removeAttribute", "value")
	clear(byID("app"))
	gen := p.gen
	js.Global().Call("setTimeout", oneShot(func() {
		if p.busy && p.gen == gen {
			setHidden(byID("status"), false)
		}
	}), statusDelay)
}

// statusDelay is how long, in ms, a request runs before the progress bar
// shows. A report of a few MB is done before that: a bar flashing for a
// frame or two tells a person nothing, and drawing it cost the page's
// thread 10 ms of layout and paint while the Worker, on a two-core
// machine, needed the time.
const statusDelay = 150

func (p *page) notice(text string) {
	app := byID("app")
	clear(app)
	add(app, attr(el("p", "notice", text), "role", "status"))
}

func (p *page) progress(m js.Value) {
	pr := byID("progress").Underlying()
	switch m.Get("phase").String() {
	case "read":
		done, total := m.Get("done").Float(), m.Get("total").Float()
		pr.Set("max", total)
		pr.Set("value", done)
		byID("status-text").SetTextContent(ui.F(p.lang, "reading", m.Get("name").String(),
			ui.Bytes(int64(done)), ui.Bytes(int64(total))))
	case "analyse":
		pr.Call("removeAttribute", "value")
		byID("status-text").SetTextContent(ui.F(p.lang, "analysing", ui.Count(int64(m.Get("done").Int()))))
	}
}

// cancel ends the running analysis: the Worker is terminated (the only
// way to stop Go code mid-loop) and a fresh one started for the next file.
func (p *page) cancel() {
	if !p.busy {
		return
	}
	p.worker.Call("terminate")
	p.busy = false
	p.queued = nil
	p.startWorker()
	setHidden(byID("status"), true)
	root().SetAttribute("data-state", "cancelled")
	p.notice(ui.T(p.lang, "cancelled"))
	focus(byID("file"))
}

// loadSample fetches the bundled sample: the page's own asset, like its
// CSS; nothing is sent.
func (p *page) loadSample() {
	mark("bs-files")
	p.begin(ui.T(p.lang, "loadingSample"))
	go func() {
		url := p.bs.Get("sampleURL").String()
		resp, err := jsawait.Await(js.Global().Call("fetch", url))
		if err == nil && !resp.Get("ok").Bool() {
			err = errSample
		}
		var blob js.Value
		if err == nil {
			blob, err = jsawait.Await(resp.Call("blob"))
		}
		if err != nil {
			p.busy = false
			setHidden(byID("status"), true)
			p.notice(ui.T(p.lang, "sampleFailed"))
			return
		}
		f := js.Global().Get("File").New([]any{blob}, "sample-report.ndjson", map[string]any{"type": "application/x-ndjson"})
		root().SetAttribute("data-state", "busy")
		p.send(map[string]any{"type": "analyze", "files": []any{f}})
	}()
}

var errSample = errors.New("the sample report is missing")

// wire attaches the static page's controls.
func (p *page) wire() {
	in := byID("file")
	on(in, "change", func(js.Value) {
		files := in.Underlying().Get("files")
		p.analyze(files)
	})
	drop := byID("drop")
	on(nil, "dragover", func(e js.Value) {
		e.Call("preventDefault")
		drop.Class().Add("over")
	})
	on(nil, "dragleave", func(e js.Value) {
		if e.Get("relatedTarget").IsNull() {
			drop.Class().Remove("over")
		}
	})
	on(nil, "drop", func(e js.Value) {
		e.Call("preventDefault")
		drop.Class().Remove("over")
		files := e.Get("dataTransfer").Get("files")
		if p.busy {
			return
		}
		p.analyze(files)
	})
	on(byID("sample"), "click", func(js.Value) { p.loadSample() })
	on(byID("cancel"), "click", func(js.Value) { p.cancel() })
	on(byID("lang"), "click", func(js.Value) {
		if p.lang == ui.ZH {
			p.setLang(ui.EN)
		} else {
			p.setLang(ui.ZH)
		}
	})
	cmpBtn := byID("compare")
	on(cmpBtn, "click", func(js.Value) {
		form := byID("compare-form")
		open := form.Underlying().Get("hidden").Bool()
		setHidden(form, !open)
		cmpBtn.SetAttribute("aria-pressed", map[bool]string{true: "true", false: "false"}[open])
		if open {
			focus(byID("before"))
		}
	})
	on(byID("compare-run"), "click", func(js.Value) {
		p.compare(byID("before").Underlying().Get("files"), byID("after").Underlying().Get("files"))
	})
	on(nil, "keydown", func(e js.Value) {
		if e.Get("key").String() == "Escape" && p.busy {
			p.cancel()
		}
	})
}

// setLang switches the language: the static text by CSS, the rendered
// result by rendering it again from the kept document.
func (p *page) setLang(lang string) {
	p.lang = lang
	root := root()
	root.SetAttribute("data-ui", lang)
	if lang == ui.ZH {
		root.SetAttribute("lang", "zh-Hans")
	} else {
		root.SetAttribute("lang", "en")
	}
	remember(lang)
	if p.res != nil || p.diff != nil {
		p.render()
	}
}

// remember keeps the language choice; storage may be disabled (private
// windows, embedded frames), which must not break the switch.
func remember(lang string) {
	defer func() { recover() }()
	js.Global().Get("localStorage").Call("setItem", "backsight-lang", lang)
}

// exportJSON asks the Worker for the whole document: it holds it, the page
// keeps only what it shows.
func (p *page) exportJSON() {
	p.send(map[string]any{"type": "export"})
}

// networkReady parses the network view on first use. It reports false
// while the Worker has not sent it yet.
func (p *page) networkReady() bool {
	if p.netParsed {
		return true
	}
	if p.netBytes.IsUndefined() || p.netBytes.IsNull() || p.res == nil {
		return false
	}
	note := p.res.Network.Note
	p.res.Network = ui.DecodeNetwork(source(parseJSON(p.netBytes)))
	if p.res.Network.Note == (ui.Text{}) {
		p.res.Network.Note = note
	}
	p.netBytes = js.Undefined()
	p.netParsed = true
	return true
}

// parseJSON parses UTF-8 JSON bytes with the browser's own parser, far
// faster than decoding in wasm.
func parseJSON(u8 js.Value) js.Value {
	return js.Global().Get("JSON").Call("parse", js.Global().Get("TextDecoder").New().Call("decode", u8))
}

// nextFrame runs f at the next animation frame.
func nextFrame(f func()) {
	js.Global().Call("requestAnimationFrame", oneShot(f))
}

// afterFrame runs f once the next animation frame has been drawn: a
// message posted from the frame's callback arrives after the frame's
// style, layout, paint and commit, which follow the callbacks.
func afterFrame(f func()) {
	nextFrame(func() {
		ch := js.Global().Get("MessageChannel").New()
		ch.Get("port1").Set("onmessage", oneShot(func() {
			ch.Get("port1").Call("close")
			f()
		}))
		ch.Get("port2").Call("postMessage", nil)
	})
}

// bytesOf copies a Uint8Array into Go.
func bytesOf(u8 js.Value) []byte {
	b := make([]byte, u8.Length())
	js.CopyBytesToGo(b, u8)
	return b
}

// decodeResult reads a "result" message at once (see resultDecoder).
func decodeResult(m js.Value) (*ui.Result, error) {
	d := resultDecoder{m: m}
	for {
		done, err := d.step()
		if done || err != nil {
			return d.r, err
		}
	}
}

// resultDecoder reads a "result" message one step at a time, so that a big
// report's result can be decoded between frames: the document and each
// array of findings are parsed in Go from one copy of their bytes (reading
// a JSON.parse result through syscall/js costs a call per field), then
// the binary intervals and the findings' interval lists are read.
type resultDecoder struct {
	m    js.Value
	r    *ui.Result
	next int                 // the next array of findings to read
	iv   *ui.IntervalDecoder // once the findings are read
}

// step does the next piece of the work and reports whether the result is
// complete.
func (d *resultDecoder) step() (done bool, err error) {
	if d.r == nil {
		parsed, err := ui.ParseJSON(bytesOf(d.m.Get("data")))
		if err != nil {
			return false, err
		}
		d.r = ui.Decode(parsed)
		return false, nil
	}
	if chunks := d.m.Get("findings"); d.next < chunks.Length() {
		fs, err := ui.DecodeFindingsFrom(bytesOf(chunks.Index(d.next)))
		if err != nil {
			return false, err
		}
		d.r.Findings = append(d.r.Findings, fs...)
		d.next++
		return false, nil
	}
	if d.iv == nil {
		mark("bs-parsed")
		if d.iv, err = ui.NewIntervalDecoder(bytesOf(d.m.Get("intervals"))); err != nil {
			return false, err
		}
	}
	if !d.iv.Done() {
		return false, d.iv.Step(intervalsPerStep)
	}
	r := d.r
	r.Intervals = d.iv.Intervals
	lists, err := ui.DecodeLists(bytesOf(d.m.Get("lists")))
	if err != nil || len(lists) != len(r.Findings) {
		return false, errors.New("the analysis sent damaged finding data; reload the page and try again")
	}
	for i := range r.Findings {
		r.Findings[i].Intervals = lists[i]
	}
	return true, nil
}

// size is the bytes of the result's binary parts.
func (d *resultDecoder) size() int {
	n := d.m.Get("intervals").Length() + d.m.Get("lists").Length()
	chunks := d.m.Get("findings")
	for i := range chunks.Length() {
		n += chunks.Index(i).Length()
	}
	return n
}

// intervalsPerStep is how many intervals a step decodes: a few ms' work.
const intervalsPerStep = 20000

// warm renders the Worker's warm-up analysis once, out of sight, and
// throws it away: like the Worker's own warm-up, it gets the page's code
// and the browser's style system past their slow first run before a
// person's report arrives.
func (p *page) warm(m js.Value) {
	if p.busy || p.res != nil || p.diff != nil {
		return
	}
	// Decoded several times: the browser optimises a function for its
	// next calls once it has run a while. After three decodes ui.Decode
	// was still optimised during a person's first result, 40-70 ms of
	// compiling on another thread, which on two cores slowed the Worker
	// and the page right then.
	var r *ui.Result
	for range 8 {
		var err error
		if r, err = decodeResult(m); err != nil {
			return // only a warm-up: the real result will say what is wrong
		}
	}
	app := byID("app")
	style := app.Get("style")
	style.Call("setProperty", "visibility", "hidden")
	style.Call("setProperty", "position", "absolute")
	style.Call("setProperty", "width", "100%")
	p.res = r
	for _, tab := range []string{"findings", "timeline"} {
		p.tab = tab
		p.render()
		p.flushJobs()
		app.Get("offsetHeight") // lay it out now
	}
	p.res, p.tab = nil, "findings"
	clear(app)
	style.Call("removeProperty", "visibility")
	style.Call("removeProperty", "position")
	style.Call("removeProperty", "width")
	// Its garbage is collected now, not in the middle of a person's
	// report.
	runtime.GC()
	// The Go scheduler runs at every event and callback, too seldom
	// before a person's report for the browser to have optimised it;
	// optimising it then took 20-30 ms on another thread.
	for range 400 {
		runtime.Gosched()
	}
}
