package analysis

import (
	"bytes"
	"os"
	"strconv"
	"testing"

	"backsight/internal/report"
	"backsight/internal/sample"
)

// Parse time is not part of these benchmarks: the report is parsed and
// merged once, before b.Loop, which starts the timer.

func BenchmarkAnalyzeCorpus(b *testing.B) {
	r := load(b, append([]string{
		"2021-09-15_ios15.0_wechat.ndjson", "2021-09-27_ios15.0_short.ndjson", "2022-04-27_ios15.4_small.ndjson",
		"2024-04_ios16.ndjson", "2024-10-19_ios18.ndjson",
	}, weekly2025...)...)
	for b.Loop() {
		Analyze(r, DefaultOptions())
	}
	b.ReportMetric(float64(len(r.Intervals)), "intervals")
}

// BenchmarkAnalyzeGenerated runs on a generated report of BENCH_MB
// megabytes (100 by default, as `make bench-analysis` does).
func BenchmarkAnalyzeGenerated(b *testing.B) {
	r := generated(b)
	for b.Loop() {
		Analyze(r, DefaultOptions())
	}
	b.ReportMetric(float64(len(r.Intervals)), "intervals")
}

// BenchmarkFindingsGenerated is BenchmarkAnalyzeGenerated without the
// network view: what the page's analysis Worker runs before it shows the
// findings.
func BenchmarkFindingsGenerated(b *testing.B) {
	r := generated(b)
	for b.Loop() {
		Findings(r, DefaultOptions())
	}
	b.ReportMetric(float64(len(r.Intervals)), "intervals")
}

// generated parses and merges a generated report of BENCH_MB megabytes
// (100 by default).
func generated(b *testing.B) *report.Report {
	b.Helper()
	mb := int64(100)
	if s := os.Getenv("BENCH_MB"); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			b.Fatalf("BENCH_MB=%q: want a whole number of megabytes", s)
		}
		mb = n
	}
	var buf bytes.Buffer
	if err := sample.Generate(&buf, mb<<20, 1); err != nil {
		b.Fatal(err)
	}
	f, err := report.Parse("generated.ndjson", &buf)
	if err != nil {
		b.Fatal(err)
	}
	return report.Merge(f)
}

// BenchmarkPerFile is what the page's Worker does with one corpus file
// once it is parsed: Merge, then Findings, the part of the analysis the
// page waits for before it shows the findings.
func BenchmarkPerFile(b *testing.B) {
	for _, name := range []string{"2021-09-15_ios15.0_wechat.ndjson", "2024-10-19_ios18.ndjson", "2025-02-04_ios18.ndjson", "2025-02-16_ios18_broadcaster.ndjson"} {
		f := load(b, name).Files[0]
		b.Run(name+"/merge", func(b *testing.B) {
			for b.Loop() {
				report.Merge(f)
			}
		})
		r := report.Merge(f)
		b.Run(name+"/findings", func(b *testing.B) {
			for b.Loop() {
				Findings(r, DefaultOptions())
			}
		})
	}
}
