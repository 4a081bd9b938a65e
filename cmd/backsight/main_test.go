package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"backsight/internal/analysis"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

const corpus = "../../../shared/corpus"

func corpusFiles(t testing.TB) []string {
	files, _ := filepath.Glob(filepath.Join(corpus, "*.ndjson"))
	if len(files) == 0 {
		t.Fatalf("no reports in %s: the real-data corpus must sit beside the checkout", corpus)
	}
	return files
}

// cli runs the command in-process and returns its exit status and output.
func cli(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func writeTemp(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestExitStatus(t *testing.T) {
	good := corpusFiles(t)[0]
	png := writeTemp(t, "photo.png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))
	missing := filepath.Join(t.TempDir(), "nope.ndjson")
	line := `{"accessor":{"identifier":"com.example.a","identifierType":"bundleID"},"category":"photos","identifier":"A","kind":"intervalBegin","timeStamp":"2025-01-01T01:00:00.000+01:00","type":"access"}`
	for _, c := range []struct {
		name  string
		stdin string
		args  []string
		code  int
		says  string // a part of what the command must say (stdout or stderr)
	}{
		{"sample when no file", "", nil, exitOK, ""},
		{"one report", "", []string{good}, exitOK, ""},
		{"stdin", line + "\n", []string{"-"}, exitOK, ""},
		{"missing file", "", []string{missing}, exitNone, "no such file"},
		{"not a report", "", []string{png}, exitNone, "photo.png"},
		{"a report and a picture", "", []string{good, png}, exitOK, "photo.png"},
		{"bad flag", "", []string{"-nope"}, exitUsage, "flag provided but not defined"},
		{"bad language", "", []string{"-lang", "fr"}, exitUsage, "en or zh"},
		{"bad sleep window", "", []string{"-sleep", "late"}, exitUsage, "HH:MM-HH:MM"},
		{"bad sleep clock", "", []string{"-sleep", "25:00-06:00"}, exitUsage, "time of day"},
		{"diff without separator", "", []string{"diff", good}, exitUsage, "separated by --"},
		{"diff with empty side", "", []string{"diff", good, "--"}, exitUsage, "separated by --"},
		{"diff", "", []string{"diff", good, "--", good}, exitOK, ""},
		{"diff with unreadable side", "", []string{"diff", missing, "--", good}, exitNone, "each side"},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, stdout, stderr := cli(t, c.stdin, c.args...)
			if code != c.code || !strings.Contains(stdout+stderr, c.says) {
				t.Errorf("exit %d, stderr %q; want exit %d, output with %q", code, stderr, c.code, c.says)
			}
		})
	}
}

// The JSON names below are a public contract: users' scripts rely on them.
func TestJSONContract(t *testing.T) {
	bad := writeTemp(t, "bad.ndjson", []byte(`{"accessor":{"identifier":"com.example.a","identifierType":"bundleID"},"category":"photos","identifier":"A","kind":"intervalBegin","timeStamp":"2025-01-01T01:00:00.000+01:00","type":"access"}
{"this is": not json
`))
	code, out, _ := cli(t, "", "-json", bad, corpusFiles(t)[0])
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	var doc struct {
		Files []struct {
			Name     *string `json:"name"`
			Access   *int    `json:"access"`
			Network  *int    `json:"network"`
			BadLines *int    `json:"badLines"`
			Messages []struct {
				Line int `json:"line"`
			} `json:"messages"`
		} `json:"files"`
		Totals   map[string]int `json:"totals"`
		Findings []struct {
			App      *string  `json:"app"`
			Name     *string  `json:"name"`
			Category *string  `json:"category"`
			Verdict  string   `json:"verdict"`
			Evidence []any    `json:"evidence"`
			Rules    []string `json:"rules"`
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Files) != 2 {
		t.Fatalf("%d files, want 2", len(doc.Files))
	}
	f := doc.Files[0]
	if f.Name == nil || f.Access == nil || f.Network == nil || f.BadLines == nil {
		t.Fatalf("files[0] lacks name, access, network or badLines: %s", out[:min(len(out), 400)])
	}
	if *f.Access != 1 || *f.BadLines != 1 || len(f.Messages) != 1 || f.Messages[0].Line != 2 {
		t.Errorf("files[0]: access %d, badLines %d, messages %+v; want 1, 1, one at line 2", *f.Access, *f.BadLines, f.Messages)
	}
	for _, k := range []string{"files", "access", "network", "intervals", "apps", "domains", "badLines"} {
		if _, ok := doc.Totals[k]; !ok {
			t.Errorf("totals lacks %q", k)
		}
	}
	if doc.Totals["files"] != 2 || doc.Totals["badLines"] != 1 {
		t.Errorf("totals %v", doc.Totals)
	}
	if len(doc.Findings) == 0 {
		t.Fatal("no findings")
	}
	verdicts := map[string]bool{"background-likely": true, "background-possible": true, "expected": true, "in-use": true}
	for _, fd := range doc.Findings {
		if fd.App == nil || fd.Name == nil || fd.Category == nil || !verdicts[fd.Verdict] || fd.Evidence == nil || fd.Rules == nil {
			t.Errorf("finding lacks a contract field or has verdict %q: %+v", fd.Verdict, fd)
		}
	}
}

// Golden files: the JSON of every corpus file and the text and JSON of the
// sample in both languages. Review changes with git diff; rewrite with
// -update. For the corpus, the arrays that restate the real records one by
// one (intervals, each app's and each domain's network records) are left
// out: the repository must not carry a copy of a real person's report, and
// the parser's conformance test pins those records by count.
func TestGolden(t *testing.T) {
	cases := map[string][]string{
		"sample.en.txt": {"-lang", "en"},
		"sample.zh.txt": {"-lang", "zh"},
		"sample.json":   {"-json"},
	}
	for _, p := range corpusFiles(t) {
		cases[strings.TrimSuffix(filepath.Base(p), ".ndjson")+".json"] = []string{"-json", p}
	}
	isCorpus := func(args []string) bool { return len(args) == 2 && strings.HasPrefix(args[1], corpus) }
	for name, args := range cases {
		t.Run(name, func(t *testing.T) {
			code, out, stderr := cli(t, "", args...)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			// The corpus path differs between checkouts; the golden file
			// keeps the base name only.
			out = strings.ReplaceAll(out, filepath.ToSlash(corpus)+"/", "")
			if isCorpus(args) {
				out = withoutRecords(t, out)
			}
			golden := filepath.Join("testdata", "golden", name)
			if *update {
				os.MkdirAll(filepath.Dir(golden), 0o755)
				if err := os.WriteFile(golden, []byte(out), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./cmd/backsight -update to create it)", err)
			}
			if out != string(want) {
				t.Errorf("output differs from %s; run go test ./cmd/backsight -update and review git diff\n%s", golden, firstDiff(string(want), out))
			}
		})
	}
}

// withoutRecords drops the per-record arrays from a result document.
func withoutRecords(t *testing.T, doc string) string {
	var res analysis.Result
	if err := json.Unmarshal([]byte(doc), &res); err != nil {
		t.Fatal(err)
	}
	res.Intervals = nil
	res.Network.Domains = nil
	for i := range res.Network.Apps {
		res.Network.Apps[i].Domains = nil
	}
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	if err := enc.Encode(&res); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// firstDiff shows the first line where want and got part.
func firstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := range max(len(w), len(g)) {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			return "line " + strconv.Itoa(i+1) + ":\n  want: " + a + "\n  got:  " + b
		}
	}
	return ""
}

func TestTextIsCleanOfControlCharacters(t *testing.T) {
	hostile := writeTemp(t, "hostile.ndjson", []byte(`{"accessor":{"identifier":"com.evil\u001b[31mRED\u0007","identifierType":"bundleID"},"category":"photos","identifier":"A","kind":"intervalBegin","timeStamp":"2025-01-01T01:00:00.000+01:00","type":"access"}
`))
	_, out, _ := cli(t, "", hostile)
	if strings.ContainsAny(out, "\x1b\x07") {
		t.Errorf("text output carries control characters from the report:\n%q", out)
	}
}
