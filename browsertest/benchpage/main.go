// Command benchpage times the page in headless Chromium: from the file
// input's change event to the findings on screen (the page's bs-analysis
// measure, which ends once the frame that draws them has been committed),
// the longest gap between animation frames meanwhile, and the
// time from navigation to the page being ready for a file. Each figure is
// the median of several runs, each after a fresh load, for every corpus
// file and a generated report. make bench-browser runs it.
//
// With -trace DIR, each run also records a Chrome trace of the window from
// the file being chosen to the findings on screen (DIR/<file>-<run>.json,
// for Perfetto or DevTools) and prints what it shows: each thread's busy
// and on-CPU time, GCs, wasm compiles and tier-ups, the file's reading,
// and the frame that first shows findings.
package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/chromedp/chromedp"

	"backsight/browsertest"
	"backsight/internal/sample"
)

// gapRecorder records the longest gap between animation frames until
// window.__gaps.on is cleared: a gap over 50 ms is a visible stall.
const gapRecorder = `(() => {
  const g = window.__gaps = { max: 0, last: performance.now(), on: true };
  const loop = (t) => { if (!g.on) return; if (t - g.last > g.max) { g.max = t - g.last; g.at = t; } g.last = t; requestAnimationFrame(loop); };
  requestAnimationFrame(loop);
  return true;
})()`

type result struct {
	name       string
	bytes      int64
	shown, gap []float64
	ready      []float64
	last       string // the last run's breakdown
}

func main() {
	site := flag.String("site", "build/site", "the built site")
	runs := flag.Int("runs", 5, "runs per file (the median is reported)")
	size := flag.Int64("size", 100<<20, "size of the generated report in bytes (0: none)")
	match := flag.String("match", "", "time only the files whose name contains this (the generated report is named generated-<MB>MB)")
	flag.BoolVar(&verbose, "v", false, "print every run's breakdown, not only the last of each file")
	flag.DurationVar(&settle, "settle", time.Second, "how long after the warm-up the file is chosen: a person takes longer, and the browser is still optimising meanwhile")
	flag.StringVar(&traceDir, "trace", "", "record a Chrome trace of each run's bs-files..bs-shown window into this directory (<file>-<run>.json) and print a summary of it")
	flag.Parse()
	if err := run(*site, *runs, *size, *match); err != nil {
		fmt.Fprintln(os.Stderr, "benchpage:", err)
		os.Exit(1)
	}
}

var (
	verbose  bool
	settle   time.Duration
	traceDir string
)

func run(site string, runs int, size int64, match string) error {
	corpus, err := browsertest.Corpus()
	if err != nil {
		return err
	}
	files, err := filepath.Glob(filepath.Join(corpus, "*.ndjson"))
	if err != nil {
		return err
	}
	files = slices.DeleteFunc(files, func(f string) bool { return !strings.Contains(filepath.Base(f), match) })
	if !strings.Contains(fmt.Sprintf("generated-%dMB.ndjson", size>>20), match) {
		size = 0
	}
	tmp, err := os.MkdirTemp("", "backsight-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	if size > 0 {
		path := filepath.Join(tmp, fmt.Sprintf("generated-%dMB.ndjson", size>>20))
		f, err := os.Create(path)
		if err != nil {
			return err
		}
		if err := sample.Generate(f, size, 1); err != nil {
			return err
		}
		if err := f.Close(); err != nil {
			return err
		}
		files = append(files, path)
	}
	srv := browsertest.Serve(site)
	defer srv.Close()
	ctx, cancel, err := browsertest.NewBrowser(context.Background(), filepath.Join(tmp, "profile"))
	if err != nil {
		return err
	}
	defer cancel()

	var funcs map[string][]string
	if traceDir != "" {
		if err := os.MkdirAll(traceDir, 0o755); err != nil {
			return err
		}
		if funcs, err = wasmFuncNames(site, tmp); err != nil {
			fmt.Fprintf(os.Stderr, "benchpage: the trace summaries give some wasm functions by index: %v\n", err)
		}
	}

	var results []result
	for _, file := range files {
		st, err := os.Stat(file)
		if err != nil {
			return err
		}
		r := result{name: filepath.Base(file), bytes: st.Size()}
		for i := range runs {
			trace := ""
			if traceDir != "" {
				trace = filepath.Join(traceDir, fmt.Sprintf("%s-%d.json", strings.TrimSuffix(r.name, ".ndjson"), i+1))
			}
			shown, gap, ready, parts, err := once(ctx, srv.URL, file, trace)
			r.last = parts
			if verbose {
				fmt.Fprintf(os.Stderr, "%s: %.0f ms; %s\n", r.name, shown, parts)
			}
			if err != nil {
				return fmt.Errorf("%s: %w", r.name, err)
			}
			if trace != "" {
				t, err := readTrace(trace)
				if err != nil {
					return err
				}
				fmt.Print(t.summary(filepath.Base(trace), funcs))
			}
			r.shown, r.gap, r.ready = append(r.shown, shown), append(r.gap, gap), append(r.ready, ready)
		}
		results = append(results, r)
		fmt.Fprintf(os.Stderr, "%s done\n", r.name)
	}

	w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(w, "file\tsize\tto findings (ms)\tmin\tmax\tmax frame gap (ms)\tready (ms)\t\n")
	for _, r := range results {
		fmt.Fprintf(w, "%s\t%.1f MB\t%.0f\t%.0f\t%.0f\t%.0f\t%.0f\t\n", r.name, float64(r.bytes)/1e6,
			median(r.shown), slices.Min(r.shown), slices.Max(r.shown), median(r.gap), median(r.ready))
	}
	w.Flush()
	fmt.Println("\nwhere the time went (last run of each file):")
	for _, r := range results {
		fmt.Printf("  %s: %s\n", r.name, r.last)
	}
	gz, raw, err := wasmSize(site)
	if err != nil {
		return err
	}
	fmt.Printf("\npage wasm: %d bytes, %d gzip-compressed (target: 900 KB = 921,600 bytes)\n", raw, gz)
	fmt.Printf("each file chosen %v after the warm-up (-settle)\n", settle)
	fmt.Println("targets: <= 80 ms per corpus file, <= 2 s for 100 MB, no frame gap over 50 ms, ready in <= 500 ms")
	return nil
}

// once loads the page afresh, chooses the file, and reads the page's marks.
// With a trace path, it records a trace from just before the file is
// chosen until the page says "shown" (its first page of findings all drawn,
// a little after bs-shown: so the trace holds the frame that shows them)
// and writes it there.
func once(browser context.Context, url, file, trace string) (shown, gap, ready float64, parts string, err error) {
	ctx, cancel := chromedp.NewContext(browser)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(url+"/")); err != nil {
		return 0, 0, 0, "", err
	}
	if err := browsertest.WaitReady(ctx, 30*time.Second); err != nil {
		return 0, 0, 0, "", err
	}
	ready, err = chromedp.Run(ctx, chromedp.Evaluate[float64](`performance.getEntriesByName('bs-ready')[0].startTime`))
	if err != nil {
		return 0, 0, 0, "", err
	}
	// The Worker and the page warm up right after "ready" (see
	// wasm/worker's warmUp); the figures are for a file chosen after that.
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`performance.getEntriesByName('bs-warm').length > 0`,
		chromedp.WithPollingTimeout(30*time.Second))); err != nil {
		return 0, 0, 0, "", fmt.Errorf("no warm-up: %w", err)
	}
	warm, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`performance.getEntriesByName('bs-warm')[0].startTime`))
	if err != nil {
		return 0, 0, 0, "", err
	}
	time.Sleep(settle)
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](gapRecorder)); err != nil {
		return 0, 0, 0, "", err
	}
	if trace != "" {
		if err := startTrace(ctx); err != nil {
			return 0, 0, 0, "", err
		}
	}
	if err := chromedp.Do(ctx, chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{file})); err != nil {
		return 0, 0, 0, "", err
	}
	state, err := browsertest.WaitShown(ctx, 120*time.Second)
	if err != nil {
		return 0, 0, 0, "", err
	}
	if trace != "" {
		if err := stopTrace(ctx, trace); err != nil {
			return 0, 0, 0, "", err
		}
	}
	if state != "shown" {
		return 0, 0, 0, "", fmt.Errorf("the page shows %s", state)
	}
	var m struct {
		Shown float64 `json:"shown"`
		Gap   float64 `json:"gap"`
	}
	if m, err = chromedp.Run(ctx, chromedp.Evaluate[struct {
		Shown float64 `json:"shown"`
		Gap   float64 `json:"gap"`
	}](`(() => { window.__gaps.on = false; return { shown: performance.getEntriesByName('bs-analysis')[0].duration, gap: window.__gaps.max }; })()`)); err != nil {
		return 0, 0, 0, "", err
	}
	parts, err = chromedp.Run(ctx, chromedp.Evaluate[string](`(() => {
	  const t = window.backsight.timing || {}, at = (n) => performance.getEntriesByName(n).at(-1).startTime;
	  const f = (x) => Math.round(x);
	  const origin = performance.timeOrigin;
	  return 'posted ' + f(at('bs-posted') - at('bs-files')) + ', arrived ' + f(t.arrived - origin - at('bs-files')) + ', handled ' + f(t.handled - origin - at('bs-files')) + '; worker: read ' + f(t.read) + ' (file ' + f(t.fileRead) + '), merge ' + f(t.merge) + ', analyze ' + f(t.analyze) + ', encode ' + f(t.encode) + ' (memory ' + t.sysMB + ' MB, ' + t.gcs + ' GCs)' +
	    ' (findings ' + t.findingBytes + ' B, intervals ' + t.intervalBytes + ' B); back ' + f(at('bs-result') - (t.posted - origin)) + '; page: files->result ' + f(at('bs-result') - at('bs-files')) +
	    ', JSON.parse ' + f(at('bs-parsed') - at('bs-result')) + ', decode ' + f(at('bs-decoded') - at('bs-parsed')) + ', render ' + f(at('bs-rendered') - at('bs-decoded')) +
	    ', to frame ' + f(at('bs-shown') - at('bs-rendered')) +
	    '; longest frame gap ends ' + f(window.__gaps.at - at('bs-files')) + ' ms after bs-files';
	})()`))
	return m.Shown, m.Gap, ready, fmt.Sprintf("warm at %.0f ms; %s", warm, parts), err
}

func median(v []float64) float64 {
	s := slices.Clone(v)
	slices.Sort(s)
	return s[len(s)/2]
}

func wasmSize(site string) (gz, raw int, err error) {
	m, err := filepath.Glob(filepath.Join(site, "app.*.wasm"))
	if err != nil || len(m) != 1 {
		return 0, 0, fmt.Errorf("no single app.*.wasm in %s", site)
	}
	b, err := os.ReadFile(m[0])
	if err != nil {
		return 0, 0, err
	}
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(b)
	zw.Close()
	return buf.Len(), len(b), nil
}
