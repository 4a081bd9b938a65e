//go:build js && wasm

package main

import (
	"bytes"
	"encoding/json"
	"os"
	"reflect"
	"testing"

	"backsight/internal/analysis"
	"backsight/internal/report"
	"backsight/internal/sample"
	"backsight/wasm/ui"
)

// TestFindingsTransport: the findings the page decodes from the binary
// form are those it decodes from the JSON document, for the sample and
// a corpus file.
func TestFindingsTransport(t *testing.T) {
	wechat, err := os.ReadFile("../../../shared/corpus/2021-09-15_ios15.0_wechat.ndjson")
	if err != nil {
		t.Fatalf("the corpus is missing (put shared/corpus beside the clone): %v", err)
	}
	for name, data := range map[string][]byte{"sample": sample.Report(), "wechat": wechat} {
		f, err := report.Parse(name, bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		res := analysis.Findings(report.Merge(f), analysis.DefaultOptions())
		doc, err := json.Marshal(res.Findings)
		if err != nil {
			t.Fatal(err)
		}
		parsed, err := ui.ParseJSON(doc)
		if err != nil {
			t.Fatal(err)
		}
		want := ui.DecodeFindings(parsed)
		for i := range want {
			want[i].Intervals = nil
		}
		got, err := ui.DecodeFindingsFrom(ui.EncodeFindings(uiFindings(res.Findings)))
		if err != nil {
			t.Fatal(err)
		}
		if len(want) == 0 || !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %d findings from the binary form unlike the %d from JSON", name, len(got), len(want))
		}
	}
}
