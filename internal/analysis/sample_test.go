package analysis

import (
	"bytes"
	"testing"

	"backsight/internal/report"
	"backsight/internal/sample"
)

// The bundled sample is what a first-time visitor sees: it must show each
// kind of finding, not only one.
func TestSampleReport(t *testing.T) {
	f, err := report.Parse("sample.ndjson", bytes.NewReader(sample.Report()))
	if err != nil {
		t.Fatal(err)
	}
	res := Analyze(report.Merge(f), DefaultOptions())
	verdicts := map[Verdict]int{}
	rules := map[string]int{}
	for _, f := range res.Findings {
		verdicts[f.Verdict]++
		for _, r := range f.Rules {
			rules[r]++
		}
	}
	for _, v := range []Verdict{BackgroundLikely, Expected, InUse} {
		if verdicts[v] == 0 {
			t.Errorf("no %s finding in the sample (verdicts %v)", v, verdicts)
		}
	}
	for _, r := range []string{"fixed-window", "night", "periodic"} {
		if rules[r] == 0 {
			t.Errorf("rule %s fires nowhere in the sample (rules %v)", r, rules)
		}
	}
	if len(res.Network.Companies) == 0 {
		t.Error("the sample shows no company behind its domains")
	}
}
