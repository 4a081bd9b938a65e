package ui

// The page's copy of the result document (the public contract written by
// internal/analysis). The page decodes it by hand from the browser's
// JSON.parse output instead of importing encoding/json and the analysis
// package: that keeps reflection and the rules' tables out of the page's
// wasm, which must stay small. TestDecodeMatchesAnalysis checks the names
// against the real document.

// Source is a parsed JSON value: a JavaScript object on the page, a
// map[string]any in native tests.
type Source interface {
	Str(key string) string
	Num(key string) float64
	Bool(key string) bool
	Get(key string) Source // nil when absent or null
	Len() int              // of an array; 0 otherwise
	Index(i int) Source
	String() string // of a string value
	Float() float64 // of a number value
}

// Text is a sentence in both languages.
type Text struct{ EN, ZH string }

// Result is the decoded result document. Network stays a Source: it can
// hold 100,000 records, read only as the tables show them.
type Result struct {
	Files     []FileInfo
	Totals    Totals
	Period    Period
	SleepFrom string
	SleepTo   string
	Rules     []Rule
	Findings  []Finding
	Apps      []App
	Intervals *Intervals // sent apart, in a compact binary form
	Network   Network
}

type FileInfo struct {
	Name                   string
	Bytes                  int64
	Lines, Access, Network int
	BadLines, Warnings     int
	NotReport              *Text
	Messages               []Message
}

type Message struct {
	Line                    int
	Severity, Text, Excerpt string
}

type Totals struct {
	Files, Access, Network, Intervals, Apps, Domains, BadLines, Warnings int
}

type Period struct {
	Start, End string
	Days       float64
}

type Rule struct {
	ID                      string
	Title, Text, CannotTell Text
}

type Finding struct {
	App, Name, NameZH, Purpose, Category string
	Verdict, Confidence                  string
	Score                                int
	Headline                             Text
	Rules                                []string
	Evidence                             []Evidence
	Expected                             *Text
	CannotTell, Setting                  Text
	Count, NightCount                    int
	TotalMs                              int64
	First, Last                          string
	Intervals                            []int
}

type Evidence struct {
	Rule string
	Text Text
}

type App struct {
	App, Name, NameZH, Purpose, Verdict string
	Score                               int
	Categories                          []string
	Domains, Trackers                   int
	Hits                                int64
}

// Network holds the network view's arrays as they came.
type Network struct {
	Note                               Text
	Apps, Domains, Companies, Websites Source
}

// Decode reads the result document (without its intervals).
func Decode(s Source) *Result {
	r := &Result{}
	for i := range length(s.Get("files")) {
		f := s.Get("files").Index(i)
		fi := FileInfo{Name: f.Str("name"), Bytes: int64(f.Num("bytes")), Lines: int(f.Num("lines")),
			Access: int(f.Num("access")), Network: int(f.Num("network")), BadLines: int(f.Num("badLines")),
			Warnings: int(f.Num("warnings")), NotReport: optText(f.Get("notReport"))}
		for j := range length(f.Get("messages")) {
			m := f.Get("messages").Index(j)
			fi.Messages = append(fi.Messages, Message{Line: int(m.Num("line")), Severity: m.Str("severity"),
				Text: m.Str("text"), Excerpt: m.Str("excerpt")})
		}
		r.Files = append(r.Files, fi)
	}
	if t := s.Get("totals"); t != nil {
		r.Totals = Totals{Files: int(t.Num("files")), Access: int(t.Num("access")), Network: int(t.Num("network")),
			Intervals: int(t.Num("intervals")), Apps: int(t.Num("apps")), Domains: int(t.Num("domains")),
			BadLines: int(t.Num("badLines")), Warnings: int(t.Num("warnings"))}
	}
	if p := s.Get("period"); p != nil {
		r.Period = Period{Start: p.Str("start"), End: p.Str("end"), Days: p.Num("days")}
	}
	if o := s.Get("options"); o != nil {
		r.SleepFrom, r.SleepTo = o.Str("sleepFrom"), o.Str("sleepTo")
	}
	for i := range length(s.Get("rules")) {
		u := s.Get("rules").Index(i)
		r.Rules = append(r.Rules, Rule{ID: u.Str("id"), Title: text(u.Get("title")), Text: text(u.Get("text")),
			CannotTell: text(u.Get("cannotTell"))})
	}
	for i := range length(s.Get("findings")) {
		r.Findings = append(r.Findings, decodeFinding(s.Get("findings").Index(i)))
	}
	for i := range length(s.Get("apps")) {
		a := s.Get("apps").Index(i)
		r.Apps = append(r.Apps, App{App: a.Str("app"), Name: a.Str("name"), NameZH: a.Str("nameZh"),
			Purpose: a.Str("purpose"), Verdict: a.Str("verdict"), Score: int(a.Num("score")),
			Categories: strs(a.Get("categories")), Domains: int(a.Num("domains")), Trackers: int(a.Num("trackers")),
			Hits: int64(a.Num("hits"))})
	}
	if n := s.Get("network"); n != nil {
		r.Network = DecodeNetwork(n)
	}
	return r
}

// DecodeNetwork reads the network view (the result's "network" object).
func DecodeNetwork(n Source) Network {
	if n == nil {
		return Network{}
	}
	return Network{Note: text(n.Get("note")), Apps: n.Get("apps"), Domains: n.Get("domains"),
		Companies: n.Get("companies"), Websites: n.Get("websites")}
}

// DecodeFindings reads an array of findings: the Worker sends a big
// report's findings in several such arrays, apart from the document.
func DecodeFindings(s Source) []Finding {
	out := make([]Finding, length(s))
	for i := range out {
		out[i] = decodeFinding(s.Index(i))
	}
	return out
}

func decodeFinding(f Source) Finding {
	out := Finding{App: f.Str("app"), Name: f.Str("name"), NameZH: f.Str("nameZh"), Purpose: f.Str("purpose"),
		Category: f.Str("category"), Verdict: f.Str("verdict"), Confidence: f.Str("confidence"),
		Score: int(f.Num("score")), Headline: text(f.Get("headline")), Rules: strs(f.Get("rules")),
		Expected: optText(f.Get("expected")), CannotTell: text(f.Get("cannotTell")), Setting: text(f.Get("setting")),
		Count: int(f.Num("count")), NightCount: int(f.Num("nightCount")), TotalMs: int64(f.Num("totalMs")),
		First: f.Str("first"), Last: f.Str("last"), Intervals: ints(f.Get("intervals"))}
	for i := range length(f.Get("evidence")) {
		e := f.Get("evidence").Index(i)
		out.Evidence = append(out.Evidence, Evidence{Rule: e.Str("rule"), Text: text(e.Get("text"))})
	}
	return out
}

// Diff is the decoded compare document.
type Diff struct {
	Before, After Side
	Access        []AccessChange
	Domains       []DomainChange
	Trackers      []TrackerChange
}

type Side struct {
	Files  []string
	Period Period
}

type AccessChange struct {
	App, Name, NameZH, Category, Change string
	Before, After                       string // "" for none
	BeforeCount, AfterCount             int
	Text                                Text
}

type DomainChange struct {
	App, Domain, Change, Owner string
	Tracking                   bool
}

type TrackerChange struct {
	Owner, Change string
	Apps          []string
}

// DecodeDiff reads the compare document.
func DecodeDiff(s Source) *Diff {
	side := func(x Source) Side {
		if x == nil {
			return Side{}
		}
		p := x.Get("period")
		sd := Side{Files: strs(x.Get("files"))}
		if p != nil {
			sd.Period = Period{Start: p.Str("start"), End: p.Str("end"), Days: p.Num("days")}
		}
		return sd
	}
	d := &Diff{Before: side(s.Get("before")), After: side(s.Get("after"))}
	for i := range length(s.Get("access")) {
		a := s.Get("access").Index(i)
		d.Access = append(d.Access, AccessChange{App: a.Str("app"), Name: a.Str("name"), NameZH: a.Str("nameZh"),
			Category: a.Str("category"), Change: a.Str("change"), Before: a.Str("before"), After: a.Str("after"),
			BeforeCount: int(a.Num("beforeCount")), AfterCount: int(a.Num("afterCount")), Text: text(a.Get("text"))})
	}
	for i := range length(s.Get("domains")) {
		a := s.Get("domains").Index(i)
		d.Domains = append(d.Domains, DomainChange{App: a.Str("app"), Domain: a.Str("domain"), Change: a.Str("change"),
			Owner: a.Str("owner"), Tracking: a.Bool("tracking")})
	}
	for i := range length(s.Get("trackers")) {
		a := s.Get("trackers").Index(i)
		d.Trackers = append(d.Trackers, TrackerChange{Owner: a.Str("owner"), Change: a.Str("change"), Apps: strs(a.Get("apps"))})
	}
	return d
}

func length(s Source) int {
	if s == nil {
		return 0
	}
	return s.Len()
}

func text(s Source) Text {
	if s == nil {
		return Text{}
	}
	return Text{EN: s.Str("en"), ZH: s.Str("zh")}
}

func optText(s Source) *Text {
	if s == nil {
		return nil
	}
	t := text(s)
	return &t
}

func strs(s Source) []string {
	out := make([]string, length(s))
	for i := range out {
		out[i] = s.Index(i).String()
	}
	return out
}

func ints(s Source) []int {
	n := length(s)
	out := make([]int, n)
	for i := range out {
		out[i] = int(s.Index(i).Float())
	}
	return out
}
