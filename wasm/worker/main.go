//go:build js && wasm

// Command worker is Backsight's analysis Worker: it reads the files the page
// hands over in 4 MiB chunks, runs internal/report and internal/analysis off
// the page's thread, and posts the result back. It is a wasm of its own so
// that the page's wasm carries neither the rules nor encoding/json.
//
// Messages in: {type: "analyze", files: [File]}, {type: "complete"} (the
// page has drawn the findings: build the network view now),
// {type: "compare", before: [File], after: [File]}, {type: "export"}.
// Messages out: {type: "ready"}, {type: "progress", phase: "read"|"analyse",
// name, done, total}, {type: "result", kind: "analysis"|"compare",
// data: Uint8Array (the result document as JSON, without its findings,
// intervals and network view), findings: [Uint8Array] (the findings in
// pieces of at most 50, ui.EncodeFindings), intervals:
// Uint8Array (ui.EncodeIntervals), lists: Uint8Array (ui.EncodeLists, the
// findings' interval lists in order)}, then, once asked ("complete"),
// {type: "network", data: Uint8Array (the network view as JSON)},
// {type: "export", data:
// Uint8Array (the whole document)} and {type: "crashed", text}.
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"runtime"
	"runtime/debug"
	"slices"
	"syscall/js"
	"time"

	"backsight/internal/analysis"
	"backsight/internal/report"
	"backsight/internal/sample"
	"backsight/wasm/ui"
)

// chunkSize is how much of a File is read at a time: large enough that a
// corpus-sized report (2 MB) is read in one go, small enough that a 100 MB
// file never sits in memory whole.
const chunkSize = 4 << 20

// last is the last document, kept for the page's "download as JSON".
var last any

func main() {
	js.Global().Set("onmessage", js.FuncOf(func(this js.Value, args []js.Value) any {
		m := args[0].Get("data")
		arrived = js.Global().Get("performance").Get("timeOrigin").Float() + now()
		go handle(m)
		return nil
	}))
	post(map[string]any{"type": "ready"})
	// A file chosen meanwhile waits for the warm-up (wasm has no
	// preemption) to reach its next pause, well before a person can pick
	// one.
	warmUp()
	select {} // serve messages until the page terminates the Worker
}

func post(m map[string]any, transfer ...any) {
	v := js.ValueOf(m)
	switch {
	case quiet:
	case len(transfer) == 0:
		js.Global().Call("postMessage", v)
	default:
		js.Global().Call("postMessage", v, transfer)
	}
}

// quiet drops the messages post is given, once made: the warm-up runs the
// very code a request runs, and the page must not hear of it.
var quiet bool

// analyze runs an "analyze" request on files (an Array of Files): it
// posts the findings as a "result" message, then completes the document
// with the network view and posts that. It returns the report, the
// complete document, and the document as the findings were posted.
func analyze(files js.Value) (r *report.Report, res, posted *analysis.Result) {
	var ms0 runtime.MemStats
	runtime.ReadMemStats(&ms0)
	t0 := now()
	handled := js.Global().Get("performance").Get("timeOrigin").Float() + t0
	fs := readAll(files)
	post(map[string]any{"type": "progress", "phase": "analyse", "done": records(fs)})
	t1 := now()
	r = report.Merge(fs...)
	t2 := now()
	res = analysis.Findings(r, analysis.DefaultOptions())
	t3 := now()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	postResult("result", r, res, map[string]any{"read": t1 - t0, "merge": t2 - t1, "analyze": t3 - t2,
		"sysMB": ms.Sys >> 20, "gcs": ms.NumGC - ms0.NumGC, "arrived": arrived, "handled": handled, "fileRead": fileReadMs})
	posted = new(analysis.Result)
	*posted = *res
	return r, res, posted
}

// complete builds the rest of the document, the network view included,
// and posts the network view.
func complete(r *report.Report, res *analysis.Result) {
	analysis.Complete(r, res)
	n := bytesToJS(marshal(res.Network))
	post(map[string]any{"type": "network", "data": n}, n.Get("buffer"))
}

// pending completes the last analysis's document: the Worker runs it when
// the page says it has drawn the findings ("complete"), or before an
// export. Run right after the findings were posted, it took the second
// core while the page drew them.
var pending func()

func finish() {
	if f := pending; f != nil {
		pending = nil
		f()
	}
}

// handle runs one request. A panic is reported to the page with its text
// and then ends the program, which the page shows as a crash.
func handle(m js.Value) {
	defer func() {
		if r := recover(); r != nil {
			post(map[string]any{"type": "crashed", "text": fmt.Sprint(r)})
			panic(r)
		}
	}()
	requested = true
	opts := analysis.DefaultOptions()
	typ := m.Get("type").String()
	if typ == "analyze" || typ == "compare" || typ == "complete" {
		defer lessGC()()
	}
	switch typ {
	case "analyze":
		// A new report: the last one's network view, if not built yet, is
		// no longer wanted.
		r, res, _ := analyze(m.Get("files"))
		last = res
		pending = func() { complete(r, res) }
	case "complete":
		finish()
	case "compare":
		pending = nil
		before := readAll(m.Get("before"))
		after := readAll(m.Get("after"))
		post(map[string]any{"type": "progress", "phase": "analyse", "done": records(before) + records(after)})
		diff := analysis.Compare(report.Merge(before...), report.Merge(after...), opts)
		last = diff
		d := bytesToJS(marshal(diff))
		post(map[string]any{"type": "result", "kind": "compare", "data": d}, d.Get("buffer"))
	case "export":
		finish()
		d := bytesToJS(marshal(last))
		post(map[string]any{"type": "export", "data": d}, d.Get("buffer"))
	}
}

// lessGC makes the collector run less often until the returned function
// is called. While a report is read and analysed its records stay alive,
// and wasm has no concurrent marking: each collection marks them all again
// on this thread. A 100 MB report keeps about 100 MB alive; with
// collections at five times the live heap, capped at 1 GiB, it takes a
// few hundred MB at its peak instead of half as much, and several fewer
// collections.
func lessGC() (restore func()) {
	gc := debug.SetGCPercent(400)
	limit := debug.SetMemoryLimit(1 << 30)
	return func() {
		debug.SetGCPercent(gc)
		debug.SetMemoryLimit(limit)
	}
}

// warmSize is the size of the generated report the warm-up analyses: big
// enough, with network records, hundreds of apps and every rule firing,
// that the browser optimises the parser, Merge and the rules the way a
// person's report uses them; small enough to be done within a second or
// two of the page being ready.
const warmSize = 1 << 20

// warmUp runs requests for a generated report right after the Worker
// starts, through the very code a person's request runs (reading a File,
// the posts dropped), again and again until a run is no longer clearly
// faster than the one before, and hands the last result to the page as
// "warm" so that the page renders it once out of sight.
//
// The browser compiles wasm in a fast baseline tier first, and optimises
// a function in the background once it has run a while, for its next
// calls. A function not yet optimised when a person's report comes is
// optimised during its analysis, on the other threads: on a machine with
// two cores that took 30-90 ms of CPU from the analysis and the page, and
// the functions this warm-up did not run at all (reading a File, the
// request's handling) were compiled during it too. Between runs it lets a
// request in, and stops if one came.
func warmUp() {
	var gen bytes.Buffer
	if err := sample.Generate(&gen, warmSize, 1); err != nil {
		panic("the warm-up report could not be generated: " + err.Error())
	}
	b := gen.Bytes()
	inputs := []js.Value{warmFile(b), warmFile(networkHeavy(b))}
	gen = bytes.Buffer{}
	var r *report.Report
	var res *analysis.Result
	var last [2]float64
	for run := range maxWarmRuns {
		in := run % len(inputs)
		start := now()
		quiet = true
		restore := lessGC()
		rr, full, posted := analyze(inputs[in])
		complete(rr, full)
		restore()
		quiet = false
		if in == 0 {
			r, res = rr, posted
		}
		took := now() - start
		if run+1 >= minWarmRuns && took > 0.85*last[in] {
			break
		}
		last[in] = took
		time.Sleep(time.Millisecond) // a message waiting is handled now
		if requested {
			return
		}
	}
	// The page is told only once the Worker is idle: a file chosen right
	// after "warm" then finds neither warm-up work still running nor its
	// garbage waiting to be collected in the middle of the analysis.
	runtime.GC()
	// The Go scheduler runs at every message and callback; the warm-up
	// alone did not run it enough to be optimised, and optimising it
	// during a person's analysis took 25-45 ms on another thread.
	for range 400 {
		runtime.Gosched()
	}
	postResult("warm", r, res, nil)
}

// warmFile makes b a File in an Array, as a request holds it.
func warmFile(b []byte) js.Value {
	return js.ValueOf([]any{js.Global().Get("File").New([]any{bytesToJS(b)}, "warm-up.ndjson")})
}

// networkHeavy keeps the first eighth of a generated report's access
// lines and all its network lines: reports from iOS 15 are mostly network
// records (90% of the 2021 WeChat export), and the warm-up runs it in
// turn with the whole report so that the network paths are optimised as
// well as the access ones.
func networkHeavy(gen []byte) []byte {
	net := bytes.Index(gen, []byte(`"type":"networkActivity"`))
	if net < 0 {
		return gen
	}
	net = bytes.LastIndexByte(gen[:net], '\n') + 1
	cut := bytes.LastIndexByte(gen[:net/8], '\n') + 1
	return append(slices.Clip(gen[:cut]), gen[net:]...)
}

// The warm-up's runs: at least minWarmRuns, so that the functions a
// report uses less than the generated one have run long enough to be
// optimised too, and at most maxWarmRuns, since on a slow device the
// runs may never settle within the first seconds.
const (
	minWarmRuns = 6
	maxWarmRuns = 10
)

// Timings of the last request, for make bench-browser: when its message
// arrived (performance.timeOrigin + performance.now(), comparable with
// the page's), and how long readAll spent reading the files
// (FileReaderSync and the copy into Go).
var arrived, fileReadMs float64

// requested is set once the page has asked for anything: the warm-up
// then ends.
var requested bool

// postResult sends the findings to the page: the document as JSON
// without the findings, the intervals and the network view (Findings
// leaves that out), and those findings and intervals in binary. The
// network view follows in a message of its own, read by the page when it
// is shown.
func postResult(typ string, r *report.Report, res *analysis.Result, timing map[string]any) {
	start := now()
	data, findings, bin, lists := encodeResult(r, res)
	d, b, l := bytesToJS(data), bytesToJS(bin), bytesToJS(lists)
	transfer := []any{d.Get("buffer"), b.Get("buffer"), l.Get("buffer")}
	chunks := make([]any, len(findings))
	for i, f := range findings {
		c := bytesToJS(f)
		chunks[i] = c
		transfer = append(transfer, c.Get("buffer"))
	}
	if timing != nil {
		// The timings let make bench-browser say where the time goes.
		timing["encode"] = now() - start
		timing["posted"] = js.Global().Get("performance").Get("timeOrigin").Float() + now()
		n := len(data)
		for _, f := range findings {
			n += len(f)
		}
		timing["findingBytes"], timing["intervalBytes"] = n, len(bin)
	}
	post(map[string]any{"type": typ, "kind": "analysis", "data": d, "findings": chunks, "intervals": b, "lists": l,
		"timing": timing}, transfer...)
}

// findingsPerChunk is how many findings go into one piece of the
// "findings" field: the page decodes one piece at a time and lets frames
// be drawn in between.
const findingsPerChunk = 50

// encodeResult encodes what postResult sends: the document as JSON
// without its findings and intervals; the findings (ui.EncodeFindings,
// in pieces of findingsPerChunk), the intervals (ui.EncodeIntervals) and
// the findings' interval lists (ui.EncodeLists). The JSON of a 100 MB
// report's findings took encoding/json 200 ms here and the page 250 ms
// to read. res is left as it was.
func encodeResult(r *report.Report, res *analysis.Result) (data []byte, findings [][]byte, intervals, lists []byte) {
	ivs, fs := res.Intervals, res.Findings
	res.Intervals, res.Findings = nil, nil
	data = marshal(res)
	res.Intervals, res.Findings = ivs, fs
	ls := make([][]int, len(fs))
	for i := range fs {
		ls[i] = fs[i].Intervals
	}
	for i := 0; i < len(fs); i += findingsPerChunk {
		findings = append(findings, ui.EncodeFindings(uiFindings(fs[i:min(i+findingsPerChunk, len(fs))])))
	}
	return data, findings, ui.EncodeIntervals(intervalRecords(r, ivs)), ui.EncodeLists(ls)
}

// now is the Worker's performance.now(), in milliseconds.
func now() float64 { return js.Global().Get("performance").Call("now").Float() }

func marshal(v any) []byte {
	data, err := json.Marshal(v)
	if err != nil {
		panic("the result could not be encoded: " + err.Error())
	}
	return data
}

func bytesToJS(b []byte) js.Value {
	u8 := js.Global().Get("Uint8Array").New(len(b))
	js.CopyBytesToJS(u8, b)
	return u8
}

// intervalRecords converts the document's intervals for EncodeIntervals.
// The times come from the report's intervals, which the document's list
// follows index for index, rather than from parsing the document's text.
func intervalRecords(r *report.Report, ivs []analysis.IntervalInfo) []ui.IntervalRecord {
	out := make([]ui.IntervalRecord, len(ivs))
	for i := range ivs {
		iv, ri := &ivs[i], &r.Intervals[i]
		out[i] = ui.IntervalRecord{App: iv.App, Category: iv.Category, Begin: ri.Begin.Millis, BeginOff: ri.Begin.Offset,
			End: ri.End.Millis, EndOff: ri.End.Offset, Ms: iv.Ms, Flags: ui.FlagBits(iv.Flags), File: int32(iv.File), Line: int32(iv.Line)}
	}
	return out
}

func records(files []*report.File) int {
	n := 0
	for _, f := range files {
		n += len(f.Access) + len(f.Network)
	}
	return n
}

// readAll reads every File of the list (a FileList or an Array).
//
// It reads with FileReaderSync, which only Workers have: a synchronous
// read of a slice costs a copy, where a Promise per chunk also costs a
// round trip through the event loop and, in Go, a goroutine switch and
// two callbacks. The browser's read-ahead that the Promises allowed was
// worth less than that for files of a few MB, and a whole chunk at a time
// keeps a 100 MB file out of memory all the same.
func readAll(list js.Value) []*report.File {
	fileReadMs = 0
	var total, done float64
	n := list.Length()
	var largest int64
	for i := range n {
		size := list.Index(i).Get("size").Float()
		total += size
		largest = max(largest, int64(size))
	}
	buf := make([]byte, min(largest, chunkSize))
	reader := js.Global().Get("FileReaderSync").New()
	u8 := js.Global().Get("Uint8Array")
	files := make([]*report.File, 0, n)
	for i := range n {
		f := list.Index(i)
		name := f.Get("name").String()
		p := report.NewParser(name)
		size := int64(f.Get("size").Float())
		readErr := false
		for off := int64(0); off < size; off += chunkSize {
			r0 := now()
			ab, err := readSync(reader, f.Call("slice", off, min(off+chunkSize, size)))
			if err != nil {
				readErr = true
				break
			}
			k := js.CopyBytesToGo(buf, u8.New(ab))
			fileReadMs += now() - r0
			p.Write(buf[:k])
			done += float64(k)
			post(map[string]any{"type": "progress", "phase": "read", "name": name, "done": done, "total": total})
		}
		rf := p.Close()
		if readErr {
			// The browser could not read the file (moved or deleted since it
			// was chosen): what was read is kept and the page says so.
			rf.BadLines++
			rf.Messages = append(rf.Messages, report.Message{File: name, Severity: report.Error,
				Text: "the browser could not read the rest of this file; choose it again"})
		}
		files = append(files, rf)
	}
	return files
}

// readSync reads a Blob into an ArrayBuffer with a FileReaderSync,
// turning the exception it throws when the file cannot be read into an
// error.
func readSync(reader, blob js.Value) (ab js.Value, err error) {
	defer func() {
		if r := recover(); r != nil {
			jsErr, ok := r.(js.Error)
			if !ok {
				panic(r)
			}
			err = jsErr
		}
	}()
	return reader.Call("readAsArrayBuffer", blob), nil
}
