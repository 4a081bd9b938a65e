package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// A page process (pid 1: main thread 1, Worker thread 2, pool threads 3
// and 4) and the browser (pid 9). Times in µs; bs-files at 1000.
const testTrace = `{"traceEvents":[
{"ph":"M","name":"process_name","pid":1,"tid":0,"args":{"name":"Renderer"}},
{"ph":"M","name":"thread_name","pid":1,"tid":1,"args":{"name":"CrRendererMain"}},
{"ph":"M","name":"thread_name","pid":1,"tid":2,"args":{"name":"DedicatedWorker thread"}},
{"ph":"M","name":"thread_name","pid":1,"tid":3,"args":{"name":"ThreadPoolForegroundWorker"}},
{"ph":"M","name":"thread_name","pid":1,"tid":4,"args":{"name":"ThreadPoolForegroundWorker"}},
{"ph":"M","name":"process_name","pid":9,"tid":0,"args":{"name":"Browser"}},
{"ph":"M","name":"thread_name","pid":9,"tid":5,"args":{"name":"ThreadPoolForegroundWorker"}},
{"ph":"I","cat":"blink.user_timing","name":"bs-files","pid":1,"tid":1,"ts":1000},
{"ph":"I","cat":"blink.user_timing","name":"bs-result","pid":1,"tid":1,"ts":21000},
{"ph":"I","cat":"blink.user_timing","name":"bs-decoded","pid":1,"tid":1,"ts":23000},
{"ph":"I","cat":"blink.user_timing","name":"bs-rendered","pid":1,"tid":1,"ts":26000},
{"ph":"I","cat":"blink.user_timing","name":"bs-shown","pid":1,"tid":1,"ts":31000},
{"ph":"X","name":"RunTask","pid":1,"tid":2,"ts":2000,"dur":16000,"tdur":8000},
{"ph":"X","name":"FunctionCall","pid":1,"tid":2,"ts":2000,"dur":16000,"tdur":8000},
{"ph":"X","name":"wasm.CompileLazy","pid":1,"tid":2,"ts":3000,"dur":2000,"tdur":500,"args":{"func_index":2}},
{"ph":"X","name":"Receive mojo message","pid":1,"tid":2,"ts":6000,"dur":3000,"args":{"chrome_mojo_event_info":{"mojo_interface_tag":"blink.mojom.BlobReaderClient"}}},
{"ph":"X","name":"File::ReadAtCurrentPosNoBestEffort","pid":9,"tid":5,"ts":6500,"dur":1000},
{"ph":"X","name":"RunTask","pid":1,"tid":1,"ts":20000,"dur":7000,"tdur":6000},
{"ph":"X","name":"FireAnimationFrame","pid":1,"tid":1,"ts":24000,"dur":3000},
{"ph":"X","name":"Layout","pid":1,"tid":1,"ts":27500,"dur":1000},
{"ph":"X","name":"Commit","pid":1,"tid":1,"ts":33000,"dur":500},
{"ph":"X","name":"MinorGC","pid":1,"tid":1,"ts":29000,"dur":1500},
{"ph":"X","name":"wasm.TopTierCompilation","pid":1,"tid":3,"ts":5000,"dur":10000,"tdur":4000},
{"ph":"X","name":"V8.WasmInitializing","cat":"disabled-by-default-v8.wasm.turbofan","pid":1,"tid":3,"ts":5100,"dur":100},
{"ph":"X","name":"wasm.TopTierCompilation","pid":1,"tid":4,"ts":6000,"dur":4000,"tdur":4000}
]}`

func TestTraceSummary(t *testing.T) {
	path := filepath.Join(t.TempDir(), "t.json")
	if err := os.WriteFile(path, []byte(testTrace), 0o644); err != nil {
		t.Fatal(err)
	}
	tr, err := readTrace(path)
	if err != nil {
		t.Fatal(err)
	}
	w := tr.load("worker", 0, 30)
	if w.busy != 16 || w.cpu != 8 {
		t.Errorf("worker busy %v (CPU %v), want 16 (8)", w.busy, w.cpu)
	}
	// FunctionCall's self time is its 16 ms less the compile's 2 and the
	// message's 3; RunTask has none.
	if got := w.self["FunctionCall"]; got != 11 {
		t.Errorf("FunctionCall self %v, want 11", got)
	}
	if got := w.self["mojo BlobReaderClient"]; got != 3 {
		t.Errorf("mojo BlobReaderClient self %v, want 3", got)
	}
	// Two pool threads overlap: both count, not one inside the other.
	if p := tr.load("page pool", 0, 30); p.busy != 14 {
		t.Errorf("page pool busy %v, want 14", p.busy)
	}
	sum := tr.summary("t.json", map[string][]string{"worker": {"a", "b", "main.handle"}})
	for _, want := range []string{
		"bs-files..bs-shown 30.0 ms",
		"page pool (2)",
		"busy 4.5 ms; gaps >= 1 ms at 0.0+1.0, 17.0+2.0\n",
		"MinorGC page main 28.0+1.50",
		"worker 1 in 2.0 (0.5), longest main.handle 2.0 (0.5) at 2.0",
		"wasm tier-up 14.0 (8.0), 1 functions begun",
		"file: 1 reads on browser pool",
		"worker in BlobReaderClient 3.0",
		"rendered in a rAF callback; their frame to its commit at 32.5",
		"layout 1.0",
	} {
		if !strings.Contains(sum, want) {
			t.Errorf("the summary lacks %q:\n%s", want, sum)
		}
	}
	if n := strings.Count(sum, "\n"); n > 16 {
		t.Errorf("the summary has %d lines, want at most 16", n)
	}
}

func TestWasmNames(t *testing.T) {
	// A module with a function section and a name section naming
	// functions 0 and 2.
	names := []byte{1, 14, 2, 0, 4, 'm', 'a', 'i', 'n', 2, 5, 'h', 'e', 'l', 'l', 'o'}
	custom := append([]byte{4, 'n', 'a', 'm', 'e'}, names...)
	mod := append([]byte("\x00asm\x01\x00\x00\x00"), 3, 2, 1, 0)
	mod = append(mod, 0, byte(len(custom)))
	mod = append(mod, custom...)
	if got := wasmSection(mod, 3, ""); !slices.Equal(got, []byte{1, 0}) {
		t.Errorf("function section %v, want [1 0]", got)
	}
	got := wasmNames(wasmSection(mod, 0, "name"))
	if want := []string{"main", "", "hello"}; !slices.Equal(got, want) {
		t.Errorf("names %q, want %q", got, want)
	}
}
