package report

import (
	"bytes"
	"compress/gzip"
	"math/rand"
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf16"
)

const (
	aLine = `{"accessCount":0,"accessor":{"identifier":"com.tencent.xin","identifierType":"bundleID"},"category":"photos","identifier":"00F05BE9-D363-4BDC-9A04-D3FE49BD4110","kind":"intervalBegin","timeStamp":"2021-09-05T10:00:54.207+08:00","type":"access"}`
	nLine = `{"timeStamp":"2024-10-18T21:32:15.972+02:00","initiatedType":"AppInitiated","context":"","domain":"aax-eu.amazon-adsystem.com","contextVerificationType":0,"type":"networkActivity","domainType":1,"firstTimeStamp":"2024-10-11T22:31:47.314+02:00","bundleID":"com.9gag.ios.mobile","domainOwner":"Amazon Technologies, Inc.","hits":8,"domainClassification":1}`
)

// withField returns aLine with one more field before "type".
func withField(kv string) string { return strings.Replace(aLine, `"type":`, kv+`,"type":`, 1) }

// TestTolerance: each case is one file; the figures are what must come out.
func TestTolerance(t *testing.T) {
	big := strings.Repeat("x", 20<<20)
	deep := strings.Repeat("[", 200000) + strings.Repeat("]", 200000)
	for _, c := range []struct {
		name                     string
		in                       string
		access, network, bad, wa int
		firstLine                int // line of the first message, if any
	}{
		{"lf", aLine + "\n" + nLine + "\n", 1, 1, 0, 0, 0},
		{"crlf", aLine + "\r\n" + nLine + "\r\n", 1, 1, 0, 0, 0},
		{"bom", "\xef\xbb\xbf" + aLine + "\n" + nLine + "\n", 1, 1, 0, 0, 0},
		{"blank lines", "\n\n" + aLine + "\n \t \n" + nLine + "\n\n\n", 1, 1, 0, 0, 0},
		{"no final newline", aLine + "\n" + nLine, 1, 1, 0, 0, 0},
		{"bad json line", aLine + "\n{not json\n" + nLine + "\n", 1, 1, 1, 0, 2},
		{"not an object", aLine + "\n[1,2]\n" + nLine + "\n", 1, 1, 1, 0, 2},
		{"truncated last line", aLine + "\n" + nLine[:80], 1, 0, 1, 0, 2},
		{"20 MB line", aLine + "\n{\"x\":\"" + big + "\"}\n" + nLine + "\n", 1, 1, 1, 0, 2},
		{"200000-deep nesting", aLine + "\n" + deep + "\n" + nLine + "\n", 1, 1, 1, 0, 2},
		{"10001-deep nesting in 64 KiB", aLine + "\n" + `{"x":` + strings.Repeat("[", 10000) + strings.Repeat("]", 10000) + "}\n" + nLine + "\n", 1, 1, 1, 0, 2},
		{"9999-deep nesting is JSON", withField(`"x":`+strings.Repeat("[", 9998)+strings.Repeat("]", 9998)) + "\n", 1, 0, 0, 1, 1},
		{"no timeStamp", aLine + "\n" + strings.Replace(aLine, "timeStamp", "when", 1) + "\n", 1, 0, 1, 1, 2},
		{"bad timeStamp", aLine + "\n" + strings.Replace(aLine, "2021-09-05T10", "2021-09-31T10", 1) + "\n", 1, 0, 1, 0, 2},
		{"unknown category", strings.Replace(aLine, `"photos"`, `"health"`, 1) + "\n", 1, 0, 0, 1, 1},
		{"unknown kind", strings.Replace(aLine, `"intervalBegin"`, `"pause"`, 1) + "\n", 1, 0, 0, 1, 1},
		{"unknown identifierType", strings.Replace(aLine, `"bundleID"`, `"teamID"`, 1) + "\n", 1, 0, 0, 1, 1},
		{"unknown initiatedType", strings.Replace(nLine, `"AppInitiated"`, `"SystemInitiated"`, 1) + "\n", 0, 1, 0, 1, 1},
		{"unknown field", withField(`"motion":true`) + "\n", 1, 0, 0, 1, 1},
		{"unknown type", aLine + "\n" + `{"type":"sensorActivity","timeStamp":"2021-09-05T10:00:54.207+08:00"}` + "\n", 1, 0, 0, 1, 2},
		{"wrong-typed field", withField(`"accessCount":"many"`) + "\n", 1, 0, 0, 1, 1},
		{"escaped strings", strings.Replace(nLine, `"com.9gag.ios.mobile"`, `"terminusd\/com.apple.AppStore"`, 1) + "\n", 0, 1, 0, 0, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := parseBytes(c.name, []byte(c.in))
			if f.NotReport != "" {
				t.Fatalf("NotReport %q", f.NotReport)
			}
			if len(f.Access) != c.access || len(f.Network) != c.network || f.BadLines != c.bad || f.Warnings != c.wa {
				t.Errorf("access %d network %d bad %d warnings %d; want %d %d %d %d; %v",
					len(f.Access), len(f.Network), f.BadLines, f.Warnings, c.access, c.network, c.bad, c.wa, f.Messages)
			}
			if c.firstLine > 0 && (len(f.Messages) == 0 || f.Messages[0].Line != c.firstLine) {
				t.Errorf("first message should be on line %d: %v", c.firstLine, f.Messages)
			}
			for _, m := range f.Messages {
				if len(m.Excerpt) > 80 || m.File != c.name {
					t.Errorf("message excerpt too long or file name wrong: %+v", m)
				}
			}
			// The reference agrees wherever it can read the input.
			if d := diffFiles(f, refParse(c.name, []byte(c.in))); d != "" {
				t.Errorf("differs from the reference: %s", d)
			}
		})
	}
}

func TestUnknownValuesKept(t *testing.T) {
	in := strings.Replace(strings.Replace(aLine, `"photos"`, `"health"`, 1), `"intervalBegin"`, `"pause"`, 1) + "\n" +
		strings.Replace(nLine, `"AppInitiated"`, `"SystemInitiated"`, 1) + "\n"
	f := parseBytes("u", []byte(in))
	a, n := f.Access[0], f.Network[0]
	if a.CategoryLabel() != "health" || a.Kind != KindOther || a.KindName != "pause" || n.InitiatedLabel() != "SystemInitiated" {
		t.Errorf("unknown values not kept: %+v %+v", a, n)
	}
	if f.Unknown["category health"] != 1 || f.Unknown["kind pause"] != 1 || f.Unknown["initiatedType SystemInitiated"] != 1 {
		t.Errorf("Unknown = %v", f.Unknown)
	}
}

func TestTimestamps(t *testing.T) {
	for _, c := range []struct {
		in   string
		want time.Time
	}{
		{"2021-09-05T10:00:54.207+08:00", time.Date(2021, 9, 5, 10, 0, 54, 207e6, time.FixedZone("", 8*3600))},
		{"2021-09-05T02:00:54Z", time.Date(2021, 9, 5, 2, 0, 54, 0, time.UTC)},
		{"2021-09-05T02:00:54.1Z", time.Date(2021, 9, 5, 2, 0, 54, 100e6, time.UTC)},
		{"2021-09-05T02:00:54.123456789-05:30", time.Date(2021, 9, 5, 2, 0, 54, 123e6, time.FixedZone("", -5*3600-1800))},
		{"2024-02-29T23:59:59.999+00:00", time.Date(2024, 2, 29, 23, 59, 59, 999e6, time.UTC)},
		{"1969-12-31T23:59:59.500Z", time.Date(1969, 12, 31, 23, 59, 59, 500e6, time.UTC)},
	} {
		got, ok := parseTime([]byte(c.in))
		if want := TimeOf(c.want); !ok || got != want {
			t.Errorf("parseTime(%q) = %v, %v; want %v", c.in, got, ok, want)
		}
	}
	for _, bad := range []string{"", "2021-02-29T00:00:00Z", "2021-09-05T24:00:00Z", "2021-09-05T10:00:54", "2021-09-05 10:00:54Z", "2021-09-05T10:00:60Z"} {
		if _, ok := parseTime([]byte(bad)); ok {
			t.Errorf("parseTime(%q) accepted", bad)
		}
	}
}

func TestNotReport(t *testing.T) {
	utf16le := func(s string) string {
		var b bytes.Buffer
		b.WriteString("\xff\xfe")
		for _, u := range utf16.Encode([]rune(s)) {
			b.WriteByte(byte(u))
			b.WriteByte(byte(u >> 8))
		}
		return b.String()
	}
	for _, c := range []struct{ name, in, looks string }{
		{"png", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image"},
		{"jpeg", "\xff\xd8\xff\xe0\x00\x10JFIF", "a JPEG image"},
		{"gif", "GIF89a\x01\x00", "a GIF image"},
		{"heic", "\x00\x00\x00\x18ftypheic\x00\x00\x00\x00", "a HEIC photo"},
		{"pdf", "%PDF-1.7\n", "a PDF document"},
		{"zip", "PK\x03\x04\x14\x00", "a ZIP archive"},
		{"utf-16", utf16le(aLine + "\n"), "UTF-16 text"},
		{"html", "<!DOCTYPE html>\n<html><body>hi</body></html>\n", "a web page"},
		{"json array", "[" + aLine + "]\n", "a JSON array"},
		{"pretty json", "{\n  \"type\": \"access\"\n}\n", "a JSON document"},
		{"json not a report", `{"name":"backsight","version":"1.0"}` + "\n", "holds no App Privacy Report records"},
		{"plain text", "Dear diary,\ntoday I exported nothing.\n", "plain text"},
		{"binary", "\x01\x02\x03\x00\x04", "a binary file"},
		{"empty", "", "this file is empty"},
		{"blank", "\n \r\n\t\n", "this file is empty"},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := parseBytes(c.name, []byte(c.in))
			if !strings.Contains(f.NotReport, c.looks) || !strings.Contains(f.NotReport, "Save App Activity") {
				t.Errorf("NotReport = %q, want it to say %q and what to export", f.NotReport, c.looks)
			}
			if !strings.Contains(f.NotReportZH, "存储 App 活动") || len(f.Messages) != 1 || len(f.Access)+len(f.Network) != 0 {
				t.Errorf("NotReportZH %q, messages %v", f.NotReportZH, f.Messages)
			}
		})
	}
}

func gz(t testing.TB, s string) []byte {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write([]byte(s))
	w.Close()
	return b.Bytes()
}

func TestGzip(t *testing.T) {
	data := gz(t, aLine+"\n"+nLine+"\n")
	f := parseBytes("r.ndjson.gz", data)
	if f.Format != "gzip+v4" || len(f.Access) != 1 || len(f.Network) != 1 || f.BadLines != 0 || f.Bytes != int64(len(data)) {
		t.Errorf("gzip: format %q, %d access, %d network, %d bad, %d bytes", f.Format, len(f.Access), len(f.Network), f.BadLines, f.Bytes)
	}
	// Cut short: what was decompressed is kept, and one message says so.
	long := gz(t, strings.Repeat(aLine+"\n", 2000))
	f = parseBytes("cut.gz", long[:len(long)/2])
	if len(f.Access) == 0 || f.BadLines == 0 || !strings.Contains(f.Messages[len(f.Messages)-1].Text, "gzip") {
		t.Errorf("cut gzip: %d access, %d bad, %v", len(f.Access), f.BadLines, f.Messages)
	}
	// A gzip of a PNG is still not a report.
	if f := parseBytes("png.gz", gz(t, "\x89PNG\r\n\x1a\nxxxx")); !strings.Contains(f.NotReport, "PNG") {
		t.Errorf("gzip of PNG: %q", f.NotReport)
	}
}

func TestBeta(t *testing.T) {
	for _, c := range []struct {
		file            string
		access, network int
		kinds           string
	}{
		{"beta1.ndjson", 3, 3, "event event event"},
		{"beta1_oneline.ndjson", 1, 3, "event"},
		{"beta2.ndjson", 2, 1, "intervalBegin intervalEnd"},
	} {
		t.Run(c.file, func(t *testing.T) {
			data, err := os.ReadFile("testdata/" + c.file)
			if err != nil {
				t.Fatal(err)
			}
			f := parseBytes(c.file, data)
			if f.Format != "beta" || len(f.Access) != c.access || len(f.Network) != c.network || f.BadLines+f.Warnings != 0 {
				t.Fatalf("format %q, %d access, %d network, %d bad, %d warnings: %v",
					f.Format, len(f.Access), len(f.Network), f.BadLines, f.Warnings, f.Messages)
			}
			var kinds []string
			for _, a := range f.Access {
				kinds = append(kinds, a.Kind.String())
				if a.App == "" || a.Category == CategoryOther || a.Time.IsZero() {
					t.Errorf("incomplete beta access: %+v", a)
				}
			}
			if strings.Join(kinds, " ") != c.kinds {
				t.Errorf("kinds %v, want %s", kinds, c.kinds)
			}
			for _, n := range f.Network {
				if n.App == "" || n.Domain == "" || n.Hits == 0 || n.First.IsZero() || n.Pos.Line == 0 {
					t.Errorf("incomplete beta network record: %+v", n)
				}
			}
			checkChunking(t, c.file, data)
		})
	}
	data, _ := os.ReadFile("testdata/beta1.ndjson")
	f := parseBytes("beta1", data)
	if n := f.Network[2]; n.App != "com.example.weather" || n.Hits != 40 || n.Pos.Line != 34 {
		t.Errorf("third beta network record = %+v (want weather, 40 hits, line 34)", n)
	}
	if f.Lines != 47 {
		t.Errorf("beta1 has %d lines, want 47", f.Lines)
	}
	r := Merge(f)
	if len(r.Intervals) != 3 || !r.Intervals[0].Has(Event) {
		t.Errorf("beta events should become Event intervals: %+v", r.Intervals)
	}
}

// checkChunking feeds data one byte at a time and in random chunks; the
// result must equal reading it in one piece.
func checkChunking(t *testing.T, name string, data []byte) {
	t.Helper()
	whole := parseBytes(name, data)
	p := NewParser(name)
	for i := range data {
		p.Write(data[i : i+1])
	}
	if d := diffFiles(p.Close(), whole); d != "" {
		t.Errorf("%s fed byte by byte differs: %s", name, d)
	}
	rnd := rand.New(rand.NewSource(int64(len(data))))
	for round := 0; round < 5; round++ {
		p := NewParser(name)
		for rest := data; len(rest) > 0; {
			n := min(len(rest), 1+rnd.Intn(700))
			p.Write(rest[:n])
			rest = rest[n:]
		}
		if d := diffFiles(p.Close(), whole); d != "" {
			t.Errorf("%s fed in random chunks differs: %s", name, d)
		}
	}
}

func TestChunkBoundaries(t *testing.T) {
	checkChunking(t, "short", readCorpus(t, "2021-09-27_ios15.0_short.ndjson"))
	checkChunking(t, "small", readCorpus(t, "2022-04-27_ios15.4_small.ndjson"))
	checkChunking(t, "tolerance", []byte("\xef\xbb\xbf\n"+aLine+"\r\n{bad\n\n"+nLine))
	checkChunking(t, "gzip", gz(t, aLine+"\n"+nLine+"\n"))
}
