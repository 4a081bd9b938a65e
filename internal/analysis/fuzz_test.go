package analysis

import (
	"bytes"
	"encoding/json"
	"testing"

	"backsight/internal/report"
	"backsight/internal/sample"
)

// FuzzAnalyze feeds arbitrary files through the parser to Analyze and
// Compare: they must never panic and must always give a document that
// marshals.
func FuzzAnalyze(f *testing.F) {
	f.Add(sample.Report()[:4096], 0, 360)
	f.Add([]byte(`{"accessor":{"identifier":"a","identifierType":"bundleID"},"category":"photos","identifier":"X","kind":"intervalEnd","timeStamp":"2021-09-05T10:00:54.207+08:00","type":"access"}`), 1380, 420)
	f.Add([]byte(`{"timeStamp":"2024-10-18T21:32:15.972+02:00","initiatedType":"AppInitiated","context":"x.com","domain":"::1","type":"networkActivity","domainType":1,"firstTimeStamp":"2024-10-11T22:31:47.314+02:00","bundleID":"b","domainOwner":"O","hits":8}`), -5, 99999)
	f.Fuzz(func(t *testing.T, data []byte, from, to int) {
		pf, err := report.Parse("fuzz.ndjson", bytes.NewReader(data))
		if err != nil {
			return
		}
		r := report.Merge(pf)
		opts := Options{SleepFrom: from, SleepTo: to}
		if _, err := json.Marshal(Analyze(r, opts)); err != nil {
			t.Fatal(err)
		}
		if _, err := json.Marshal(Compare(r, report.Merge(), opts)); err != nil {
			t.Fatal(err)
		}
	})
}
