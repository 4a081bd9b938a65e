// Command backsight reads iOS App Privacy Reports and tells which apps used
// the photos, camera, microphone, contacts or location while the phone was
// likely not in use, and whom they talked to: as text, or with -json as the
// result document the page uses (docs/result.md).
//
//	backsight [-json] [-lang en|zh] [-sleep 00:00-06:00] [FILE...]
//	backsight diff [flags] BEFORE... -- AFTER...
//
// Several files merge into one history (weekly exports overlap). "-" reads
// standard input; with no file it shows the bundled synthetic sample.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"backsight/internal/analysis"
	"backsight/internal/present"
	"backsight/internal/report"
	"backsight/internal/sample"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// Exit statuses.
const (
	exitOK    = 0
	exitNone  = 1 // no file could be read as a report
	exitUsage = 2
)

type config struct {
	json  bool
	lang  present.Lang
	opts  analysis.Options
	top   int
	stdin io.Reader
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	diff := len(args) > 0 && args[0] == "diff"
	if diff {
		args = args[1:]
	}
	fs := flag.NewFlagSet("backsight", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, `usage: backsight [flags] [FILE...]
       backsight diff [flags] BEFORE... -- AFTER...

Reads iOS App Privacy Reports (.ndjson, also gzip-compressed) and shows which
apps used sensitive resources while the phone was likely not in use. Several
files merge into one history; "-" reads standard input; with no file the
bundled synthetic sample is shown. diff compares two sets of reports.

flags:
`)
		fs.PrintDefaults()
	}
	asJSON := fs.Bool("json", false, "print the result document as JSON (docs/result.md)")
	lang := fs.String("lang", defaultLang(), "language of the text: en or zh")
	sleep := fs.String("sleep", "00:00-06:00", "the sleep window, in the device's local time")
	top := fs.Int("top", 10, "rows in each network table of the text output")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if l := strings.ToLower(*lang); !strings.HasPrefix(l, "en") && !strings.HasPrefix(l, "zh") {
		fmt.Fprintf(stderr, "backsight: -lang takes en or zh, not %q\n", *lang)
		return exitUsage
	}
	cfg := config{json: *asJSON, lang: present.ParseLang(*lang), opts: analysis.DefaultOptions(), top: *top, stdin: stdin}
	var err error
	if cfg.opts.SleepFrom, cfg.opts.SleepTo, err = parseWindow(*sleep); err != nil {
		fmt.Fprintf(stderr, "backsight: -sleep: %v\n", err)
		return exitUsage
	}
	if diff {
		return runDiff(cfg, fs.Args(), stdout, stderr)
	}
	return runAnalyze(cfg, fs.Args(), stdout, stderr)
}

func runAnalyze(cfg config, names []string, stdout, stderr io.Writer) int {
	isSample := len(names) == 0
	var files []*report.File
	if isSample {
		f, _ := report.Parse(sample.Name, bytes.NewReader(sample.Report()))
		files = append(files, f)
	} else {
		files = readAll(cfg, names, stderr)
	}
	if len(files) == 0 {
		fmt.Fprintln(stderr, "backsight: no file could be read")
		return exitNone
	}
	res := analysis.Analyze(report.Merge(files...), cfg.opts)
	if err := output(cfg, stdout, res, func(w io.Writer) error {
		return present.Text(w, res, present.Options{Lang: cfg.lang, Sample: isSample, Top: cfg.top})
	}); err != nil {
		fmt.Fprintln(stderr, "backsight:", err)
		return exitNone
	}
	return status(cfg, files, stderr)
}

func runDiff(cfg config, args []string, stdout, stderr io.Writer) int {
	i := indexOf(args, "--")
	if i < 1 || i == len(args)-1 {
		fmt.Fprintln(stderr, "backsight: diff needs the reports before and after, separated by --: backsight diff OLD... -- NEW...")
		return exitUsage
	}
	before, after := readAll(cfg, args[:i], stderr), readAll(cfg, args[i+1:], stderr)
	if len(before) == 0 || len(after) == 0 {
		fmt.Fprintln(stderr, "backsight: diff needs at least one readable report on each side")
		return exitNone
	}
	d := analysis.Compare(report.Merge(before...), report.Merge(after...), cfg.opts)
	if err := output(cfg, stdout, d, func(w io.Writer) error {
		return present.DiffText(w, d, present.Options{Lang: cfg.lang, Top: cfg.top})
	}); err != nil {
		fmt.Fprintln(stderr, "backsight:", err)
		return exitNone
	}
	s1, s2 := status(cfg, before, stderr), status(cfg, after, stderr)
	return max(s1, s2)
}

// readAll parses each named file; a file that cannot be opened is reported
// and skipped, and one that is not a report stays in the list so that the
// result says what it looked like.
func readAll(cfg config, names []string, stderr io.Writer) []*report.File {
	var files []*report.File
	for _, name := range names {
		f, err := readFile(cfg, name)
		if err != nil {
			fmt.Fprintf(stderr, "backsight: %v\n", err)
		}
		if f != nil {
			files = append(files, f)
		}
	}
	return files
}

// readFile parses one file, "-" being standard input. A read error after
// the start keeps what was read before it.
func readFile(cfg config, name string) (*report.File, error) {
	if name == "-" {
		return report.Parse("standard input", cfg.stdin)
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rf, err := report.Parse(name, f)
	if err != nil {
		err = fmt.Errorf("%s: %w", name, err)
	}
	return rf, err
}

// status is exitOK when at least one file was read as a report. With
// -json it says on stderr what was wrong with each file that was not (the
// text output says it already).
func status(cfg config, files []*report.File, stderr io.Writer) int {
	code := exitNone
	for _, f := range files {
		if f.NotReport != "" {
			if cfg.json {
				fmt.Fprintf(stderr, "backsight: %s: %s\n", f.Name, f.NotReport)
			}
			continue
		}
		code = exitOK
	}
	return code
}

func output(cfg config, w io.Writer, doc any, text func(io.Writer) error) error {
	if !cfg.json {
		return text(w)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

// parseWindow reads "HH:MM-HH:MM" into minutes after midnight.
func parseWindow(s string) (from, to int, err error) {
	a, b, ok := strings.Cut(s, "-")
	if !ok {
		return 0, 0, fmt.Errorf("want HH:MM-HH:MM, such as 23:00-07:00, not %q", s)
	}
	if from, err = parseClock(a); err == nil {
		to, err = parseClock(b)
	}
	return from, to, err
}

func parseClock(s string) (int, error) {
	var h, m int
	if n, err := fmt.Sscanf(s, "%d:%d", &h, &m); err != nil || n != 2 || h < 0 || h > 24 || m < 0 || m > 59 || h == 24 && m != 0 {
		return 0, fmt.Errorf("want a time of day such as 06:30, not %q", s)
	}
	return h*60 + m, nil
}

// defaultLang follows the locale: Chinese where it says zh, else English.
func defaultLang() string {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if s := os.Getenv(v); s != "" {
			return string(present.ParseLang(s))
		}
	}
	return "en"
}

func indexOf(s []string, v string) int {
	for i, x := range s {
		if x == v {
			return i
		}
	}
	return -1
}
