package main

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/io"
	"github.com/chromedp/cdproto/tracing"
	"github.com/chromedp/chromedp"
)

// traceCategories are what -trace records: the timeline (tasks, layout,
// paint, user timing), V8's GCs and compiles, wasm's lazy compiles and
// tier-ups, and the browser's own tasks (toplevel), such as reading the
// chosen file.
var traceCategories = []string{
	"devtools.timeline", "disabled-by-default-devtools.timeline",
	"blink.user_timing", "blink", "loading", "toplevel",
	"v8", "v8.wasm", "disabled-by-default-v8.gc", "disabled-by-default-v8.compile",
	"disabled-by-default-v8.wasm.turbofan", // one V8.WasmInitializing per function TurboFan compiles
	"blink_gc", "disabled-by-default-file", // File::Read* on the thread that reads the chosen file
}

// startTrace starts recording a trace of the whole browser (every
// process, not only the tab's) on the tab of ctx.
func startTrace(ctx context.Context) error {
	_, err := chromedp.Call(ctx, tracing.Start, tracing.StartParams{
		TransferMode: tracing.StartTransferModeReturnAsStream,
		StreamFormat: tracing.StreamFormatJSON,
		TraceConfig: &tracing.TraceConfig{
			RecordMode:         tracing.TraceConfigRecordModeRecordUntilFull,
			IncludedCategories: traceCategories,
		},
	})
	if err != nil {
		return fmt.Errorf("starting the trace: %w", err)
	}
	return nil
}

// stopTrace ends the trace started by startTrace and writes it to path as
// Chrome's JSON trace format, which Perfetto and DevTools open.
func stopTrace(ctx context.Context, path string) error {
	complete := chromedp.Events(ctx, tracing.TracingComplete)
	if _, err := chromedp.Call(ctx, tracing.End, cdp.Empty{}); err != nil {
		return fmt.Errorf("ending the trace: %w", err)
	}
	var stream io.StreamHandle
	for ev, err := range complete {
		if err != nil {
			return fmt.Errorf("ending the trace: %w", err)
		}
		if ev.DataLossOccurred {
			fmt.Fprintf(os.Stderr, "benchpage: the trace buffer overflowed; %s lacks events\n", path)
		}
		stream = ev.Stream
		break
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	for {
		r, err := chromedp.Call(ctx, io.Read, io.ReadParams{Handle: stream, Size: 1 << 20})
		if err != nil {
			f.Close()
			return fmt.Errorf("reading the trace: %w", err)
		}
		w.Write(r.Data)
		if r.EOF {
			break
		}
	}
	if _, err := chromedp.Call(ctx, io.Close, io.CloseParams{Handle: stream}); err != nil {
		f.Close()
		return fmt.Errorf("closing the trace stream: %w", err)
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// traceEvent is one event of Chrome's JSON trace format. Times are in µs.
type traceEvent struct {
	Name string          `json:"name"`
	Cat  string          `json:"cat"`
	Ph   string          `json:"ph"`
	Ts   float64         `json:"ts"`
	Dur  float64         `json:"dur"`
	TDur float64         `json:"tdur"` // the thread's CPU time
	Pid  int             `json:"pid"`
	Tid  int             `json:"tid"`
	Args json.RawMessage `json:"args"`
}

// traceArgs are the arguments the summary reads.
type traceArgs struct {
	Name      string `json:"name"` // of thread_name and process_name
	SrcFile   string `json:"src_file"`
	SrcFunc   string `json:"src_func"`
	FuncIndex *int   `json:"func_index"`
	Mojo      struct {
		Tag string `json:"mojo_interface_tag"`
	} `json:"chrome_mojo_event_info"`
}

// span is a complete event, in ms after bs-files; cpu is how much of it
// its thread was on a CPU (the rest it waited, or another thread ran: the
// machine has 2 cores).
type span struct {
	name, cat  string
	start, end float64
	cpu        float64
	args       traceArgs
}

func (s span) len() float64 { return s.end - s.start }

// clip returns the part of s inside [a, b], with its share of the CPU
// time; its len is <= 0 if none.
func clip(s span, a, b float64) span {
	if l := s.len(); l > 0 {
		c := span{start: max(s.start, a), end: min(s.end, b)}
		s.cpu *= max(0, c.len()) / l
	}
	s.start, s.end = max(s.start, a), min(s.end, b)
	return s
}

// sum adds up the wall and CPU time of spans.
func sum(spans []span) (wall, cpu float64) {
	for _, s := range spans {
		wall, cpu = wall+s.len(), cpu+s.cpu
	}
	return wall, cpu
}

type threadID struct{ pid, tid int }

// trace is one run's trace: the complete events of each thread, and the
// user-timing marks, in ms after bs-files.
type trace struct {
	threads map[threadID][]span
	label   map[threadID]string // "page main", "worker", "browser pool", ...
	marks   map[string]float64
}

func readTrace(path string) (*trace, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var file struct {
		TraceEvents []traceEvent `json:"traceEvents"`
	}
	if err := json.Unmarshal(b, &file); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	evs := file.TraceEvents
	args := func(e traceEvent) (a traceArgs) {
		// An event whose arguments have other types is named plainly.
		json.Unmarshal(e.Args, &a)
		return a
	}
	threadNames, procNames := map[threadID]string{}, map[int]string{}
	marks := map[string]traceEvent{}
	for _, e := range evs {
		switch {
		case e.Ph == "M" && e.Name == "thread_name":
			threadNames[threadID{e.Pid, e.Tid}] = args(e).Name
		case e.Ph == "M" && e.Name == "process_name":
			procNames[e.Pid] = args(e).Name
		case strings.Contains(e.Cat, "blink.user_timing") && (e.Ph == "I" || e.Ph == "R" || e.Ph == "i"):
			marks[e.Name] = e
		}
	}
	files, ok := marks["bs-files"]
	if _, ok2 := marks["bs-shown"]; !ok || !ok2 {
		return nil, fmt.Errorf("%s: no bs-files and bs-shown marks", path)
	}
	t := &trace{threads: map[threadID][]span{}, label: map[threadID]string{}, marks: map[string]float64{}}
	for name, e := range marks {
		t.marks[name] = (e.Ts - files.Ts) / 1e3
	}
	add := func(e traceEvent, dur float64) {
		s := span{name: e.Name, cat: e.Cat, start: (e.Ts - files.Ts) / 1e3, cpu: e.TDur / 1e3, args: args(e)}
		s.end = s.start + dur/1e3
		if s.end < 0 {
			return
		}
		id := threadID{e.Pid, e.Tid}
		t.threads[id] = append(t.threads[id], s)
		t.label[id] = threadLabel(procNames[e.Pid], threadNames[id], e.Pid == files.Pid)
	}
	open := map[threadID][]traceEvent{}
	for _, e := range evs {
		id := threadID{e.Pid, e.Tid}
		switch e.Ph {
		case "X":
			add(e, e.Dur)
		case "B":
			open[id] = append(open[id], e)
		case "E":
			if st := open[id]; len(st) > 0 {
				b := st[len(st)-1]
				open[id] = st[:len(st)-1]
				add(b, e.Ts-b.Ts)
			}
		}
	}
	for id, ss := range t.threads {
		// Parents before their children: by start, the longer first.
		slices.SortFunc(ss, func(a, b span) int {
			if c := cmp.Compare(a.start, b.start); c != 0 {
				return c
			}
			return cmp.Compare(b.end, a.end)
		})
		t.threads[id] = ss
	}
	return t, nil
}

// threadLabel names a thread for the summary; the pool threads of a
// process share one label.
func threadLabel(proc, thread string, page bool) string {
	pool := strings.HasPrefix(thread, "ThreadPool")
	switch {
	case page && thread == "CrRendererMain":
		return "page main"
	case page && thread == "DedicatedWorker thread":
		return "worker"
	case page && thread == "Compositor":
		return "compositor"
	case page && pool:
		return "page pool"
	case proc == "Browser" && pool:
		return "browser pool"
	case proc == "Browser":
		return "browser " + strings.TrimPrefix(strings.TrimPrefix(thread, "Chrome_"), "Cr")
	case proc == "Renderer":
		return "other tab " + thread
	case proc == "GPU Process":
		return "gpu " + thread
	}
	return proc + " " + thread
}

// ids returns the threads with the label.
func (t *trace) ids(label string) []threadID {
	var ids []threadID
	for id, l := range t.label {
		if l == label {
			ids = append(ids, id)
		}
	}
	return ids
}

// load is what threads did in a window: the time they were busy, the self
// time of each kind of event (an event's time minus its children's), and
// the outermost events.
type load struct {
	busy, cpu float64
	self      map[string]float64
	tops      []span
}

// load sums the threads with the label over [a, b]. TurboFan's phases
// count as their wasm.TopTierCompilation task.
func (t *trace) load(label string, a, b float64) load {
	l := load{self: map[string]float64{}}
	for _, id := range t.ids(label) {
		var stack []span
		for _, s := range t.threads[id] {
			if s = clip(s, a, b); s.len() <= 0 || strings.Contains(s.cat, "turbofan") {
				continue
			}
			for len(stack) > 0 && stack[len(stack)-1].end <= s.start {
				stack = stack[:len(stack)-1]
			}
			if len(stack) == 0 {
				l.busy += s.len()
				l.cpu += s.cpu
				l.tops = append(l.tops, s)
			} else {
				p := stack[len(stack)-1]
				s.end = min(s.end, p.end)
				l.self[kind(p)] -= s.len()
			}
			l.self[kind(s)] += s.len()
			stack = append(stack, s)
		}
	}
	return l
}

// kind names an event for the self times: tasks by the function that
// posted them, mojo messages by their interface.
func kind(s span) string {
	switch {
	case s.args.Mojo.Tag != "":
		return "mojo " + strings.TrimPrefix(s.args.Mojo.Tag, "blink.mojom.")
	case s.args.SrcFunc != "":
		k := "task " + strings.TrimSuffix(filepath.Base(s.args.SrcFile), ".cc") + "." + s.args.SrcFunc
		if len(k) > 50 { // some are C++ signatures
			k = k[:50] + "..."
		}
		return k
	}
	return s.name
}

// outermost returns the events on the threads with the label that match,
// begin before until, and are not inside another that matches.
func (t *trace) outermost(label string, until float64, match func(span) bool) []span {
	var out []span
	for _, id := range t.ids(label) {
		end := math.Inf(-1)
		for _, s := range t.threads[id] {
			if match(s) && s.start >= end && s.start < until {
				out = append(out, s)
				end = s.end
			}
		}
	}
	slices.SortFunc(out, func(a, b span) int { return cmp.Compare(a.start, b.start) })
	return out
}

// summary says what each thread did from bs-files to bs-shown, in about a
// dozen lines. funcs names the page's and the Worker's wasm functions by
// index (see wasmFuncNames); without them the summary gives indices.
func (t *trace) summary(name string, funcs map[string][]string) string {
	var out strings.Builder
	end, result, rendered := t.marks["bs-shown"], t.marks["bs-result"], t.marks["bs-rendered"]
	fmt.Fprintf(&out, "%s: bs-files..bs-shown %.1f ms (bs-result at %.1f, bs-rendered at %.1f); busy ms (on CPU) and self times:\n",
		name, end, result, rendered)

	// Threads: the page's three, then up to four others busy for 2 ms or more.
	labels := map[string]int{}
	for _, l := range t.label {
		labels[l]++
	}
	order := []string{"page main", "worker", "compositor"}
	var others []string
	loads := map[string]load{}
	for l := range labels {
		loads[l] = t.load(l, 0, end)
		// The tab before this run's (chromedp opens one per run) is left out.
		if !slices.Contains(order, l) && !strings.HasPrefix(l, "other tab") && loads[l].busy >= 2 {
			others = append(others, l)
		}
	}
	slices.SortFunc(others, func(a, b string) int { return cmp.Compare(loads[b].busy, loads[a].busy) })
	for _, l := range append(order, others[:min(4, len(others))]...) {
		label := l
		if labels[l] > 1 {
			label = fmt.Sprintf("%s (%d)", l, labels[l])
		}
		fmt.Fprintf(&out, "  %-16s %5.1f (%5.1f): %s\n", label, loads[l].busy, loads[l].cpu, top(loads[l].self, 5))
	}
	before := t.load("page main", 0, result)
	fmt.Fprintf(&out, "  page main to bs-result %.1f (%.1f): %s\n", before.busy, before.cpu, top(before.self, 5))

	// Gaps: neither the page's main thread nor the Worker runs.
	both := append(slices.Clone(loads["page main"].tops), loads["worker"].tops...)
	slices.SortFunc(both, func(a, b span) int { return cmp.Compare(a.start, b.start) })
	idle, at, gaps := 0.0, 0.0, []string{}
	for _, s := range append(both, span{start: end, end: end}) {
		if g := s.start - at; g > 0 {
			idle += g
			if g >= 1 {
				gaps = append(gaps, fmt.Sprintf("%.1f+%.1f", at, g))
			}
		}
		at = max(at, s.end)
	}
	fmt.Fprintf(&out, "  neither page main nor worker busy %.1f ms; gaps >= 1 ms at %s\n", idle, list(gaps, 8))

	// GCs: the outermost event of each collection, on any thread.
	var gcs []span
	for l := range labels {
		for _, s := range t.outermost(l, end, func(s span) bool { return strings.Contains(s.name, "GC") }) {
			if s = clip(s, 0, end); s.len() >= 0.01 { // not the empty prologues and epilogues
				s.cat = l // where it ran, for the list
				gcs = append(gcs, s)
			}
		}
	}
	slices.SortFunc(gcs, func(a, b span) int { return cmp.Compare(a.start, b.start) })
	var gcList []string
	for _, s := range gcs {
		gcList = append(gcList, fmt.Sprintf("%s %s %.1f+%.2f", s.name, s.cat, s.start, s.len()))
	}
	wall, _ := sum(gcs)
	fmt.Fprintf(&out, "  GC %.1f: %s\n", wall, list(gcList, 5))

	// Wasm: lazy (Liftoff) compiles on the threads that run Go, and
	// TurboFan's tier-up on the renderer's pool threads.
	var lazy []string
	for _, m := range [][2]string{{"page main", "page"}, {"worker", "worker"}} {
		ls := t.outermost(m[0], end, func(s span) bool { return s.name == "wasm.CompileLazy" })
		if len(ls) == 0 {
			continue
		}
		wall, cpu := sum(ls)
		slices.SortFunc(ls, func(a, b span) int { return cmp.Compare(b.len(), a.len()) })
		var longest []string
		for _, s := range ls[:min(2, len(ls))] {
			longest = append(longest, fmt.Sprintf("%s %.1f (%.1f) at %.1f", funcName(funcs[m[1]], s.args.FuncIndex), s.len(), s.cpu, s.start))
		}
		lazy = append(lazy, fmt.Sprintf("%s %d in %.1f (%.1f), longest %s", m[0], len(ls), wall, cpu, strings.Join(longest, ", ")))
	}
	fmt.Fprintf(&out, "  wasm lazy compiles: %s\n", list(lazy, 2))
	var tiers []span
	funcsBegun := 0
	for l := range labels {
		for _, s := range t.outermost(l, end, func(s span) bool { return s.name == "wasm.TopTierCompilation" }) {
			tiers = append(tiers, clip(s, 0, end))
		}
		funcsBegun += len(t.outermost(l, end, func(s span) bool { return s.name == "V8.WasmInitializing" && s.start >= 0 }))
	}
	slices.SortFunc(tiers, func(a, b span) int { return cmp.Compare(a.start, b.start) })
	var tierList []string
	for _, s := range tiers {
		tierList = append(tierList, fmt.Sprintf("%.1f+%.1f", s.start, s.len()))
	}
	wall, cpu := sum(tiers)
	fmt.Fprintf(&out, "  wasm tier-up %.1f (%.1f), %d functions begun; tasks at %s\n", wall, cpu, funcsBegun, list(tierList, 7))

	// The file: which threads read it, and how long the Worker waits.
	var reads []span
	var readers []string
	for l := range labels {
		rs := t.outermost(l, end, func(s span) bool { return strings.HasPrefix(s.name, "File::Read") })
		if len(rs) > 0 {
			reads = append(reads, rs...)
			readers = append(readers, l)
		}
	}
	slices.Sort(readers)
	slices.SortFunc(reads, func(a, b span) int { return cmp.Compare(a.start, b.start) })
	if len(reads) > 0 {
		wall, cpu := sum(reads)
		fmt.Fprintf(&out, "  file: %d reads on %s, %.1f (%.1f), %.1f..%.1f", len(reads), strings.Join(readers, ", "),
			wall, cpu, reads[0].start, reads[len(reads)-1].end)
	} else {
		out.WriteString("  file: no File::Read events")
	}
	if waits := t.outermost("worker", end, func(s span) bool { return s.args.Mojo.Tag == "blink.mojom.BlobReaderClient" }); len(waits) > 0 {
		wall, cpu := sum(waits)
		fmt.Fprintf(&out, "; worker in BlobReaderClient %.1f (%.1f) from %.1f", wall, cpu, waits[0].start)
	}
	out.WriteString("\n")

	// The first frame with findings: the page's main thread's rendering
	// from bs-rendered to the end of the first Commit after it (which may
	// come after bs-shown: that mark is set in the frame's rAF callback,
	// before the frame's own layout and paint), and its raster.
	inf := math.Inf(1)
	commit := t.outermost("page main", inf, func(s span) bool { return s.name == "Commit" && s.start >= rendered })
	if len(commit) == 0 {
		out.WriteString("  frame: no Commit after bs-rendered in the trace\n")
		return out.String()
	}
	to := commit[0].end
	var frame []string
	for _, p := range [][2]string{{"UpdateLayoutTree", "style"}, {"Layout", "layout"}, {"PrePaint", "prepaint"},
		{"Paint", "paint"}, {"Layerize", "layerize"}, {"Commit", "commit"}} {
		d := 0.0
		for _, s := range t.outermost("page main", inf, func(s span) bool { return s.name == p[0] && s.start >= rendered }) {
			d += max(0, clip(s, rendered, to).len())
		}
		frame = append(frame, fmt.Sprintf("%s %.1f", p[1], d))
	}
	var raster []span
	next := inf
	if len(commit) > 1 {
		next = commit[1].start
	}
	for l := range labels {
		raster = append(raster, t.outermost(l, next, func(s span) bool { return s.name == "RasterTask" && s.start >= commit[0].start })...)
	}
	wall, _ = sum(raster)
	// Whether the findings were rendered in the result's task or, the
	// decode having taken longer than the page allows (sameTaskRender),
	// in the next frame's rAF callback: then bs-shown waits one frame more.
	in := "the result's task"
	if len(t.outermost("page main", inf, func(s span) bool {
		return s.name == "FireAnimationFrame" && s.start <= rendered && rendered <= s.end
	})) > 0 {
		in = "a rAF callback"
	}
	decode := t.load("page main", result, t.marks["bs-decoded"])
	fmt.Fprintf(&out, "  findings decoded in %.1f (%.1f), rendered in %s; their frame to its commit at %.1f: %s; raster %.1f\n",
		t.marks["bs-decoded"]-result, decode.cpu, in, to, strings.Join(frame, ", "), wall)
	return out.String()
}

// top lists the n kinds of event with the most self time.
func top(self map[string]float64, n int) string {
	kinds := slices.Collect(maps.Keys(self))
	slices.SortFunc(kinds, func(a, b string) int { return cmp.Compare(self[b], self[a]) })
	var s []string
	for _, k := range kinds[:min(n, len(kinds))] {
		if self[k] >= 0.05 {
			s = append(s, fmt.Sprintf("%s %.1f", k, self[k]))
		}
	}
	return list(s, n)
}

// list joins up to n items and says how many more there are.
func list(items []string, n int) string {
	switch {
	case len(items) == 0:
		return "none"
	case len(items) > n:
		return strings.Join(items[:n], ", ") + fmt.Sprintf(" and %d more", len(items)-n)
	}
	return strings.Join(items, ", ")
}

func funcName(names []string, index *int) string {
	switch {
	case index == nil:
		return "?"
	case *index < len(names) && names[*index] != "":
		return names[*index]
	}
	return fmt.Sprintf("func%d", *index)
}

// wasmFuncNames names the functions of the site's page and Worker wasm
// ("page", "worker") by index, for the lazy compiles. The site's wasm is
// stripped (-s), so it builds the same programs from the working tree
// without -s into tmp, and uses a build only when its function section is
// the site's: then the indices are the same functions'.
func wasmFuncNames(site, tmp string) (map[string][]string, error) {
	names := map[string][]string{}
	var errs []error
	for _, m := range [][3]string{{"page", "app.*.wasm", "./wasm"}, {"worker", "analysis.*.wasm", "./wasm/worker"}} {
		built := filepath.Join(tmp, m[0]+".wasm")
		cmd := exec.Command("go", "build", "-trimpath", "-ldflags=-w", "-o", built, m[2])
		cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
		if out, err := cmd.CombinedOutput(); err != nil {
			errs = append(errs, fmt.Errorf("building %s: %v\n%s", m[2], err, out))
			continue
		}
		sited, err := filepath.Glob(filepath.Join(site, m[1]))
		if err != nil || len(sited) != 1 {
			errs = append(errs, fmt.Errorf("no single %s in %s", m[1], site))
			continue
		}
		a, err := os.ReadFile(sited[0])
		if err != nil {
			errs = append(errs, err)
			continue
		}
		b, err := os.ReadFile(built)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if !bytes.Equal(wasmSection(a, 3, ""), wasmSection(b, 3, "")) {
			errs = append(errs, fmt.Errorf("%s differs from the working tree's %s", sited[0], m[2]))
			continue
		}
		names[m[0]] = wasmNames(wasmSection(b, 0, "name"))
	}
	return names, errors.Join(errs...)
}

// wasmSection returns the contents of the module's first section with the
// id (and, for a custom section, id 0, the name), or nil.
func wasmSection(mod []byte, id byte, custom string) []byte {
	if len(mod) < 8 {
		return nil
	}
	for r := mod[8:]; len(r) > 0; {
		sid, body, rest, ok := nextSection(r)
		if !ok {
			return nil
		}
		r = rest
		if sid != id {
			continue
		}
		if id != 0 {
			return body
		}
		l, k := binary.Uvarint(body)
		if k > 0 && uint64(len(body)-k) >= l && string(body[k:k+int(l)]) == custom {
			return body[k+int(l):]
		}
	}
	return nil
}

// nextSection splits b into its first section (or name subsection): an id
// byte and a length-prefixed body; ok is false when b is cut short.
func nextSection(b []byte) (id byte, body, rest []byte, ok bool) {
	size, n := binary.Uvarint(b[1:])
	if n <= 0 || uint64(len(b)-1-n) < size {
		return 0, nil, nil, false
	}
	end := 1 + n + int(size)
	return b[0], b[1+n : end], b[end:], true
}

// wasmNames reads the function names (subsection 1) of a name section.
func wasmNames(sec []byte) []string {
	var names []string
	for len(sec) > 0 {
		id, body, rest, ok := nextSection(sec)
		if !ok {
			return names
		}
		sec = rest
		if id != 1 {
			continue
		}
		count, k := binary.Uvarint(body)
		body = body[max(k, 0):]
		for range count {
			index, k1 := binary.Uvarint(body)
			if k1 <= 0 {
				return names
			}
			l, k2 := binary.Uvarint(body[k1:])
			if k2 <= 0 || uint64(len(body)-k1-k2) < l {
				return names
			}
			if int(index) >= len(names) {
				names = append(names, make([]string, int(index)+1-len(names))...)
			}
			names[index] = string(body[k1+k2 : k1+k2+int(l)])
			body = body[k1+k2+int(l):]
		}
	}
	return names
}
