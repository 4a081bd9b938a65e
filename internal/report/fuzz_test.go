package report

import (
	"bytes"
	"testing"
)

func fuzzSeeds(f *testing.F) {
	for _, s := range []string{
		aLine, nLine, aLine + "\r\n" + nLine, "\xef\xbb\xbf" + aLine, "{bad", "[1]", `"x"`, "",
		withField(`"accessor":null`), withField(`"accessor":{"identifier":"a\u00e9\ud83d\ude00\ud800x","foo":1}`),
		withField(`"accessCount":2147483648`), withField(`"accessCount":-0`), withField(`"hits":1e3`),
		strings2(`{"_marker":"<end-of-section>"}`, `{"a":[{"domain":"x","timeStamp":"2021-06-10T09:00:00Z"}]}`),
		"\x1f\x8b\x08\x00", "\x89PNG\r\n\x1a\n",
	} {
		f.Add([]byte(s))
	}
}

func strings2(a, b string) string { return a + "\n" + b + "\n" }

// FuzzParse: any input, fed whole or in two pieces, must parse to the
// same result without panicking; messages stay bounded and short.
func FuzzParse(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		whole := parseBytes("fuzz", data)
		cut := len(data) / 3
		p := NewParser("fuzz")
		p.Write(data[:cut])
		p.Write(data[cut:])
		if d := diffFiles(p.Close(), whole); d != "" {
			t.Fatalf("split at %d differs: %s", cut, d)
		}
		if len(whole.Messages) > maxMessages {
			t.Fatalf("%d messages", len(whole.Messages))
		}
		for _, m := range whole.Messages {
			if len(m.Excerpt) > 4*64 {
				t.Fatalf("excerpt of %d bytes", len(m.Excerpt))
			}
		}
		Merge(whole)
	})
}

// FuzzDifferential: after a valid first line (so the file is a report),
// every line must read the same with the scanner and encoding/json.
// Inputs that enter the beta network object are the streaming reader's
// business, not the line scanner's, and are left out.
func FuzzDifferential(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		if bytes.Contains(data, []byte("_marker")) || bytes.Contains(data, []byte(`_marke\u0072`)) {
			return
		}
		in := append([]byte(aLine+"\n"), data...)
		if bytes.Contains(in, []byte(`\u005fmarker`)) || bytes.Contains(bytes.ToLower(in), []byte(`\u005f`)) {
			return // an escaped _marker key
		}
		if d := diffFiles(parseBytes("fuzz", in), refParse("fuzz", in)); d != "" {
			t.Fatalf("fast and reference differ on %q: %s", in, d)
		}
	})
}

// FuzzMerge: two files cut from one input merge without panicking, as
// refMerge does, and every record lands in at most one interval.
func FuzzMerge(f *testing.F) {
	fuzzSeeds(f)
	f.Add([]byte(aLine + "\n" + aLine + "\n" + aLine[:len(aLine)-60] + "intervalEnd\",\"timeStamp\":\"2021-09-05T10:00:54.207+08:00\",\"type\":\"access\"}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		cut := len(data) / 2
		a, b := parseBytes("a", data[:cut]), parseBytes("b", data[cut:])
		r := Merge(a, b, a)
		if d := diffReports(r, refMerge(a, b, a)); d != "" {
			t.Fatalf("Merge and refMerge differ: %s", d)
		}
		if len(r.Intervals) > len(a.Access)+len(b.Access) {
			t.Fatalf("%d intervals from %d records", len(r.Intervals), len(a.Access)+len(b.Access))
		}
		for _, iv := range r.Intervals {
			if iv.End.Millis < iv.Begin.Millis && !iv.Has(Open) {
				t.Fatalf("interval ends before it begins: %+v", iv)
			}
		}
	})
}
