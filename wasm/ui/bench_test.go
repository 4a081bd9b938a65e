package ui

import (
	"bytes"
	"encoding/json"
	"testing"

	"backsight/internal/analysis"
	"backsight/internal/report"
	"backsight/internal/sample"
)

// BenchmarkParseJSON parses the findings document the Worker sends for a
// generated 20 MB report (without the network view and intervals, as the
// Worker sends it): the page parses it on its own thread, so its time is
// a frame gap.
func BenchmarkParseJSON(b *testing.B) {
	var buf bytes.Buffer
	if err := sample.Generate(&buf, 20<<20, 1); err != nil {
		b.Fatal(err)
	}
	f, err := report.Parse("generated.ndjson", &buf)
	if err != nil {
		b.Fatal(err)
	}
	res := analysis.Findings(report.Merge(f), analysis.DefaultOptions())
	res.Intervals = nil
	for i := range res.Findings {
		res.Findings[i].Intervals = nil
		for j := range res.Findings[i].Evidence {
			res.Findings[i].Evidence[j].Intervals = nil
		}
	}
	doc, err := json.Marshal(res)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(doc)))
	for b.Loop() {
		if _, err := ParseJSON(doc); err != nil {
			b.Fatal(err)
		}
	}
}
