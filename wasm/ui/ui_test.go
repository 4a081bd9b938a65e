package ui

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"backsight/internal/analysis"
	"backsight/internal/report"
)

func TestStringsComplete(t *testing.T) {
	verbs := regexp.MustCompile(`%[sd]`)
	for k, v := range uiStrings {
		if v[0] == "" || v[1] == "" {
			t.Errorf("%s: a translation is missing: %q", k, v)
		}
		if en, zh := verbs.FindAllString(v[0], -1), verbs.FindAllString(v[1], -1); !reflect.DeepEqual(en, zh) {
			t.Errorf("%s: English has %v, Chinese %v", k, en, zh)
		}
	}
}

// TestEveryKeyUsedExists reads the page's sources: every literal key it
// asks for is in the table, and every key in the table is asked for (keys
// built at run time have a prefix ending in ".").
func TestEveryKeyUsedExists(t *testing.T) {
	files, err := filepath.Glob("../*.go")
	if err != nil || len(files) == 0 {
		t.Fatal("no page sources in ../", err)
	}
	files = append(files, "format.go", "table.go", "timeline.go")
	// Any string literal that looks like a key counts as asking for it.
	use := regexp.MustCompile(`"([A-Za-z]+\.?[A-Za-z]*)"`)
	used := map[string]bool{}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range use.FindAllStringSubmatch(string(src), -1) {
			used[m[1]] = true
		}
	}
	// Literal keys the page asks for: p.t("key"), p.f("key", ...).
	call := regexp.MustCompile(`(?:\.t|\.f|ui\.T|ui\.F)\((?:p\.lang, )?"([A-Za-z]+)"`)
	for _, f := range files {
		src, _ := os.ReadFile(f)
		for _, m := range call.FindAllStringSubmatch(string(src), -1) {
			if _, ok := uiStrings[m[1]]; !ok {
				t.Errorf("%s asks for %q, which is not in the table", f, m[1])
			}
		}
	}
	for k := range uiStrings {
		prefix, _, dynamic := strings.Cut(k, ".")
		if !used[k] && !(dynamic && used[prefix+"."]) {
			t.Errorf("%q is in the table but never used", k)
		}
	}
}

func TestFormat(t *testing.T) {
	tests := []struct{ got, want string }{
		{Sprintf("%s of %d", "a", 3), "a of 3"},
		{Sprintf("100%% %s", "sure"), "100% sure"},
		{Sprintf("%s and %s", "one"), "one and ?"},
		{Duration(EN, 450), "0.5 s"},
		{Duration(EN, 44_800), "44 s"},
		{Duration(EN, 4_800), "4.8 s"},
		{Duration(EN, 192_000), "3 min 12 s"},
		{Duration(EN, 180_000), "3 min"},
		{Duration(EN, 7_500_000), "2 h 5 min"},
		{Duration(ZH, 192_000), "3分 12秒"},
		{Count(1234567), "1,234,567"},
		{Count(-1000), "-1,000"},
		{Count(12), "12"},
		{Bytes(1_968_476), "2.0 MB"},
		{Clock("2021-09-15T05:39:01.000+08:00"), "05:39"},
		{DateTime("2025-03-30T03:10:00.000+02:00"), "2025-03-30 03:10"},
		{DateTime("not a time"), "not a time"},
		{AppName(ZH, "com.tencent.xin", "WeChat", "微信"), "微信"},
		{AppName(ZH, "com.x", "X", ""), "X"},
		{AppName(EN, "com.x", "", ""), "com.x"},
		{Category(ZH, "photos"), "照片"},
		{Category(EN, "newThing"), "newThing"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

// record makes an IntervalRecord from times in the device's zone.
func record(app, cat string, begin, end time.Time, ms int64, flags []string, file, line int32) IntervalRecord {
	_, bo := begin.Zone()
	_, eo := end.Zone()
	return IntervalRecord{App: app, Category: cat, Begin: begin.UnixMilli(), BeginOff: int32(bo), End: end.UnixMilli(),
		EndOff: int32(eo), Ms: ms, Flags: FlagBits(flags), File: file, Line: line}
}

func TestIntervalsRoundTrip(t *testing.T) {
	plus8 := time.FixedZone("", 8*3600)
	plus1 := time.FixedZone("", 3600)
	type want struct {
		begin, end time.Time
		flags      []string
	}
	wants := []want{
		{time.Date(2021, 9, 15, 5, 39, 1, 207e6, plus8), time.Date(2021, 9, 15, 5, 39, 46, 100e6, plus8), nil},
		{time.Date(2025, 3, 30, 1, 59, 0, 0, plus1), time.Date(2025, 3, 30, 3, 1, 0, 0, time.FixedZone("", 7200)),
			[]string{"open", "outOfProcess"}},
	}
	recs := []IntervalRecord{
		record("com.tencent.xin", "photos", wants[0].begin, wants[0].end, 44893, nil, 0, 17),
		record("<img src=x>", "newCategory", wants[1].begin, wants[1].end, 120000, wants[1].flags, 2, 9),
	}
	iv, err := DecodeIntervals(EncodeIntervals(recs))
	if err != nil {
		t.Fatal(err)
	}
	if iv.Len() != len(recs) {
		t.Fatalf("%d intervals, want %d", iv.Len(), len(recs))
	}
	for i, r := range recs {
		if iv.AppOf(i) != r.App || iv.CatOf(i) != r.Category || iv.Ms[i] != r.Ms || iv.File[i] != r.File || iv.Line[i] != r.Line {
			t.Errorf("%d: got %s %s %d %d %d", i, iv.AppOf(i), iv.CatOf(i), iv.Ms[i], iv.File[i], iv.Line[i])
		}
		if got, want := iv.BeginTime(i).Format(TimeLayout), wants[i].begin.Format(TimeLayout); got != want {
			t.Errorf("%d: begin %s, want %s (the device's own offset)", i, got, want)
		}
		if got, want := iv.EndTime(i).Format(TimeLayout), wants[i].end.Format(TimeLayout); got != want {
			t.Errorf("%d: end %s, want %s", i, got, want)
		}
		if got := iv.FlagList(i); !reflect.DeepEqual(got, wants[i].flags) {
			t.Errorf("%d: flags %v, want %v", i, got, wants[i].flags)
		}
	}
	b := EncodeIntervals(recs)
	for _, bad := range [][]byte{nil, []byte("BSI1"), b[:len(b)-1], append([]byte("XXXX"), b[4:]...)} {
		if _, err := DecodeIntervals(bad); err == nil {
			t.Errorf("DecodeIntervals accepted %d damaged bytes", len(bad))
		}
	}
}

func TestTimeline(t *testing.T) {
	z := time.FixedZone("", 8*3600)
	recs := []IntervalRecord{
		record("a", "photos", time.Date(2021, 9, 14, 23, 30, 0, 0, z), time.Date(2021, 9, 15, 0, 30, 0, 0, z), 0, nil, 0, 0),
		record("a", "photos", time.Date(2021, 9, 10, 5, 39, 0, 0, z), time.Date(2021, 9, 10, 5, 39, 45, 0, z), 0, nil, 0, 0),
		record("b", "camera", time.Date(2021, 9, 12, 12, 0, 0, 0, z), time.Date(2021, 9, 12, 12, 0, 0, 0, z), 0, nil, 0, 0),
	}
	iv, err := DecodeIntervals(EncodeIntervals(recs))
	if err != nil {
		t.Fatal(err)
	}
	days, total := Timeline(iv, []int{0, 1, 2}, 0)
	var got []string
	for _, d := range days {
		for _, m := range d.Marks {
			got = append(got, d.Date+" "+Sprintf("%d-%d", int(m.From), int(m.To))+map[bool]string{true: " cont"}[m.Continued])
		}
	}
	want := []string{"2021-09-10 339-339", "2021-09-12 720-720", "2021-09-14 1410-1440", "2021-09-15 0-30 cont"}
	if !reflect.DeepEqual(got, want) || total != 4 {
		t.Errorf("marks %q (%d days), want %q (4 days)", got, total, want)
	}
	if days, total := Timeline(iv, []int{0, 1, 2}, 2); len(days) != 2 || total != 4 || days[0].Date != "2021-09-14" {
		t.Errorf("capped to 2: %d days from %v of %d; want the latest 2 of 4", len(days), days, total)
	}
}

func TestQuery(t *testing.T) {
	names := []string{"WeChat", "Taobao", "weather", "Alipay"}
	hits := []float64{5, 50, 7, 1}
	cols := []Column{
		{Key: "colApp", Text: func(i int) string { return names[i] }},
		{Key: "colHits", Text: func(i int) string { return "" }, Num: func(i int) float64 { return hits[i] }},
	}
	tests := []struct {
		q    string
		col  int
		desc bool
		want []int
	}{
		{"", -1, false, []int{0, 1, 2, 3}},
		{"WE", -1, false, []int{0, 2}},
		{"", 0, false, []int{3, 1, 2, 0}},
		{"", 1, true, []int{1, 2, 0, 3}},
		{"zzz", 0, false, []int{}},
	}
	for _, tt := range tests {
		if got := Query(len(names), cols, tt.q, tt.col, tt.desc).Rows; !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Query(%q, %d, %v) = %v, want %v", tt.q, tt.col, tt.desc, got, tt.want)
		}
	}
	v := View{Rows: []int{0, 1, 2, 3, 4}}
	if rows, page, pages := v.Page(9, 2); !reflect.DeepEqual(rows, []int{4}) || page != 2 || pages != 3 {
		t.Errorf("Page(9, 2) = %v, %d, %d; want the last page [4], 2, 3", rows, page, pages)
	}
}

func TestCSV(t *testing.T) {
	got := string(writeCSV([][]string{{"=cmd()", `say "hi", then`, "@x", "plain"}}))
	want := `'=cmd(),"say ""hi"", then",'@x,plain` + "\r\n"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// mapSource reads encoding/json's output like the page reads JSON.parse's.
type mapSource struct{ v any }

func (m mapSource) obj() map[string]any  { o, _ := m.v.(map[string]any); return o }
func (m mapSource) Str(k string) string  { s, _ := m.obj()[k].(string); return s }
func (m mapSource) Num(k string) float64 { f, _ := m.obj()[k].(float64); return f }
func (m mapSource) Bool(k string) bool   { b, _ := m.obj()[k].(bool); return b }
func (m mapSource) Get(k string) Source {
	if v, ok := m.obj()[k]; ok && v != nil {
		return mapSource{v}
	}
	return nil
}
func (m mapSource) Len() int           { a, _ := m.v.([]any); return len(a) }
func (m mapSource) Index(i int) Source { return mapSource{m.v.([]any)[i]} }
func (m mapSource) String() string     { s, _ := m.v.(string); return s }
func (m mapSource) Float() float64     { f, _ := m.v.(float64); return f }

func corpusFile(t *testing.T, name string) []byte {
	t.Helper()
	for dir := "."; ; dir = filepath.Join(dir, "..") {
		abs, _ := filepath.Abs(dir)
		if b, err := os.ReadFile(filepath.Join(abs, "shared", "corpus", name)); err == nil {
			return b
		}
		if filepath.Dir(abs) == abs {
			t.Fatalf("the corpus file %s is missing: put shared/corpus beside the clone", name)
		}
	}
}

// TestDecodeMatchesAnalysis decodes the real document of a corpus file and
// compares it with what the analysis produced, so a renamed JSON field
// fails here, not silently in the page.
func TestDecodeMatchesAnalysis(t *testing.T) {
	f, err := report.Parse("wechat.ndjson", strings.NewReader(string(corpusFile(t, "2021-09-15_ios15.0_wechat.ndjson"))))
	if err != nil {
		t.Fatal(err)
	}
	res := analysis.Analyze(report.Merge(f), analysis.DefaultOptions())
	b, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	var doc any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	got := Decode(mapSource{doc})
	if len(got.Findings) == 0 || len(got.Findings) != len(res.Findings) {
		t.Fatalf("%d findings decoded, the analysis has %d", len(got.Findings), len(res.Findings))
	}
	for i, f := range res.Findings {
		g := got.Findings[i]
		if g.App != f.App || g.NameZH != f.NameZH || g.Verdict != string(f.Verdict) || g.Confidence != string(f.Confidence) ||
			g.Headline != Text(f.Headline) || g.Setting != Text(f.Setting) || g.CannotTell != Text(f.CannotTell) ||
			g.Count != f.Count || g.TotalMs != f.TotalMs || g.NightCount != f.NightCount || g.Last != f.Last ||
			!reflect.DeepEqual(g.Intervals, f.Intervals) || !reflect.DeepEqual(g.Rules, f.Rules) ||
			len(g.Evidence) != len(f.Evidence) {
			t.Errorf("finding %d decoded as %+v\nfrom %+v", i, g, f)
		}
	}
	if len(got.Apps) != len(res.Apps) || got.Apps[0].App != res.Apps[0].App || got.Apps[0].Domains != res.Apps[0].Domains {
		t.Errorf("apps: %d decoded, %d in the document", len(got.Apps), len(res.Apps))
	}
	if len(got.Rules) != len(res.Rules) || got.Rules[0].Title != Text(res.Rules[0].Title) {
		t.Errorf("rules decoded as %+v", got.Rules)
	}
	if got.Totals.Intervals != res.Totals.Intervals || got.Period.Start != res.Period.Start || got.SleepFrom != res.Options.SleepFrom {
		t.Errorf("totals %+v period %+v sleep %s", got.Totals, got.Period, got.SleepFrom)
	}
	if len(got.Files) != 1 || got.Files[0].Lines != res.Files[0].Lines {
		t.Errorf("files decoded as %+v", got.Files)
	}
	if got.Network.Domains.Len() != len(res.Network.Domains) || got.Network.Apps.Len() != len(res.Network.Apps) ||
		got.Network.Note != Text(res.Network.Note) {
		t.Errorf("network: %d domains, %d apps decoded", got.Network.Domains.Len(), got.Network.Apps.Len())
	}
	d0 := got.Network.Apps.Index(0).Get("domains").Index(0)
	want := res.Network.Apps[0].Domains[0]
	if d0.Str("domain") != want.Domain || int64(d0.Num("hits")) != want.Hits || d0.Str("initiated") != want.Initiated {
		t.Errorf("first network record: %s %v, want %+v", d0.Str("domain"), d0.Num("hits"), want)
	}
}

func TestListsRoundTrip(t *testing.T) {
	lists := [][]int{{3, 1, 4}, {}, {1 << 20}}
	got, err := DecodeLists(EncodeLists(lists))
	if err != nil || !reflect.DeepEqual(got, lists) {
		t.Errorf("got %v, %v; want %v", got, err, lists)
	}
	b := EncodeLists(lists)
	for _, bad := range [][]byte{nil, b[:len(b)-1], append(b, 0), []byte("BSL1\xff\xff\xff\x7f")} {
		if _, err := DecodeLists(bad); err == nil {
			t.Errorf("DecodeLists accepted %q", bad)
		}
	}
}

// TestFindingsBinary: a corpus file's findings, sent in pieces as the
// Worker sends them, come back from EncodeFindings and DecodeFindingsFrom
// as the page decodes them from the JSON document; a damaged piece is
// refused without a panic.
func TestFindingsBinary(t *testing.T) {
	f, err := report.Parse("wechat.ndjson", strings.NewReader(string(corpusFile(t, "2021-09-15_ios15.0_wechat.ndjson"))))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := json.Marshal(analysis.Findings(report.Merge(f), analysis.DefaultOptions()))
	if err != nil {
		t.Fatal(err)
	}
	parsed, err := ParseJSON(doc)
	if err != nil {
		t.Fatal(err)
	}
	want := Decode(parsed).Findings
	for i := range want {
		want[i].Intervals = nil // sent apart (EncodeLists)
	}
	for _, per := range []int{1, 5, len(want)} {
		var got []Finding
		for i := 0; i < len(want); i += per {
			fs, err := DecodeFindingsFrom(EncodeFindings(want[i:min(i+per, len(want))]))
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, fs...)
		}
		if len(want) == 0 || !reflect.DeepEqual(got, want) {
			t.Errorf("%d findings per piece: %d came back from %d", per, len(got), len(want))
		}
	}
	b := EncodeFindings(want)
	for n := 0; n < len(b); n += 97 {
		if _, err := DecodeFindingsFrom(b[:n]); err == nil {
			t.Fatalf("findings cut to %d of %d bytes were accepted", n, len(b))
		}
	}
}
