package analysis

// The types in this file are the result document: a public contract read
// by the CLI's -json output and by the page. JSON names never change.

// Version is the result document's format version.
const Version = 1

// Text is a user-facing sentence in both languages the page offers, so the
// page switches language without re-running the analysis.
type Text struct {
	EN string `json:"en"`
	ZH string `json:"zh"`
}

// Verdict is the conclusion for one app and category.
type Verdict string

const (
	// BackgroundLikely: several independent signals say the app used the
	// resource while the user was most likely not using the app.
	BackgroundLikely Verdict = "background-likely"
	// BackgroundPossible: one signal points to background use.
	BackgroundPossible Verdict = "background-possible"
	// Expected: background-like use that the catalog explains for this kind
	// of app (a backup app reading the library, a weather widget).
	Expected Verdict = "expected"
	// InUse: nothing beyond what using the app explains.
	InUse Verdict = "in-use"
)

// Confidence says how sure a verdict is.
type Confidence string

const (
	High   Confidence = "high"
	Medium Confidence = "medium"
	Low    Confidence = "low"
)

// Result is everything the analysis found in one report.
type Result struct {
	Version   int            `json:"version"`
	Files     []FileInfo     `json:"files"`
	Totals    Totals         `json:"totals"`
	Period    Period         `json:"period"`
	Options   OptionsInfo    `json:"options"`
	Rules     []RuleInfo     `json:"rules"`
	Findings  []Finding      `json:"findings"`
	Apps      []AppInfo      `json:"apps"`
	Intervals []IntervalInfo `json:"intervals"`
	Network   Network        `json:"network"`
}

// FileInfo describes one input file and what went wrong reading it.
type FileInfo struct {
	Name      string        `json:"name"`
	Format    string        `json:"format"`
	Bytes     int64         `json:"bytes"`
	Lines     int           `json:"lines"`
	Access    int           `json:"access"`
	Network   int           `json:"network"`
	BadLines  int           `json:"badLines"`
	Warnings  int           `json:"warnings"`
	NotReport *Text         `json:"notReport"`
	Messages  []MessageInfo `json:"messages"`
}

// MessageInfo is one problem found while reading a file.
type MessageInfo struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Severity string `json:"severity"` // "error" or "warning"
	Text     string `json:"text"`
	Excerpt  string `json:"excerpt"`
}

// Totals counts what the report holds.
type Totals struct {
	Files     int `json:"files"`
	Access    int `json:"access"`
	Network   int `json:"network"`
	Intervals int `json:"intervals"`
	Apps      int `json:"apps"`
	Domains   int `json:"domains"`
	BadLines  int `json:"badLines"`
	Warnings  int `json:"warnings"`
}

// Period is the time the report covers, in the device's own offset.
type Period struct {
	Start string  `json:"start"`
	End   string  `json:"end"`
	Days  float64 `json:"days"`
}

// OptionsInfo echoes the options the analysis ran with ("HH:MM").
type OptionsInfo struct {
	SleepFrom string `json:"sleepFrom"`
	SleepTo   string `json:"sleepTo"`
}

// RuleInfo is a rule's user-facing description ("why am I seeing this?").
type RuleInfo struct {
	ID         string `json:"id"`
	Title      Text   `json:"title"`
	Text       Text   `json:"text"`
	Severity   string `json:"severity"`
	CannotTell Text   `json:"cannotTell"`
}

// Finding is the verdict for one app and one category, with its evidence.
type Finding struct {
	App        string     `json:"app"`
	Name       string     `json:"name"`
	NameZH     string     `json:"nameZh"`
	Purpose    string     `json:"purpose"`
	Category   string     `json:"category"`
	Verdict    Verdict    `json:"verdict"`
	Confidence Confidence `json:"confidence"`
	Score      int        `json:"score"` // 0..100, for ranking
	Headline   Text       `json:"headline"`
	Rules      []string   `json:"rules"`
	Evidence   []Evidence `json:"evidence"`
	// Expected explains why this kind of app does this (from the catalog);
	// nil unless the verdict is Expected.
	Expected *Text `json:"expected,omitempty"`
	// NotExpected says why the catalog does not explain a background
	// verdict ("not part of what a messaging app is for"); nil otherwise.
	NotExpected *Text  `json:"notExpected,omitempty"`
	CannotTell  Text   `json:"cannotTell"`
	Setting     Text   `json:"setting"`
	Count       int    `json:"count"`
	TotalMs     int64  `json:"totalMs"`
	NightCount  int    `json:"nightCount"`
	First       string `json:"first"`
	Last        string `json:"last"`
	Intervals   []int  `json:"intervals"` // indices into Result.Intervals
}

// Evidence is what one rule saw in one finding.
type Evidence struct {
	Rule      string  `json:"rule"`
	Text      Text    `json:"text"`
	Intervals []int   `json:"intervals"` // indices into Result.Intervals
	Value     float64 `json:"value"`     // the rule's figure (seconds, a count, a share)
}

// AppInfo ranks one app by concern across categories and network.
type AppInfo struct {
	App        string   `json:"app"`
	Name       string   `json:"name"`
	NameZH     string   `json:"nameZh"`
	Purpose    string   `json:"purpose"`
	Score      int      `json:"score"`
	Verdict    Verdict  `json:"verdict"` // the worst of its findings; "" with network only
	Categories []string `json:"categories"`
	Domains    int      `json:"domains"`
	Hits       int64    `json:"hits"`
	Trackers   int      `json:"trackers"`
}

// IntervalInfo is one interval for the timeline.
type IntervalInfo struct {
	App      string   `json:"app"`
	Category string   `json:"category"`
	Begin    string   `json:"begin"`
	End      string   `json:"end"`
	Ms       int64    `json:"ms"`
	Flags    []string `json:"flags"`
	File     int      `json:"file"` // index into Result.Files
	Line     int      `json:"line"` // the begin's line (the end's with noBegin)
}

// Network is the network view: per app, per domain, per company, per website.
type Network struct {
	Note      Text         `json:"note"`
	Apps      []NetApp     `json:"apps"`
	Domains   []NetDomain  `json:"domains"`
	Companies []NetCompany `json:"companies"`
	Websites  []NetWebsite `json:"websites"`
}

// NetApp is one app's contacts.
type NetApp struct {
	App     string         `json:"app"`
	Name    string         `json:"name"`
	NameZH  string         `json:"nameZh"`
	Hits    int64          `json:"hits"`
	Domains []NetAppDomain `json:"domains"`
}

// NetAppDomain is one network record of an app.
type NetAppDomain struct {
	Domain    string `json:"domain"`
	Hits      int64  `json:"hits"`
	First     string `json:"first"`
	Last      string `json:"last"`
	Initiated string `json:"initiated"` // "app" or "user"
	Context   string `json:"context"`
	Tracking  bool   `json:"tracking"`
	Owner     string `json:"owner"`
	IP        bool   `json:"ip"`
}

// NetDomain is one domain across apps.
type NetDomain struct {
	Domain   string   `json:"domain"`
	Owner    string   `json:"owner"`
	Tracking bool     `json:"tracking"`
	IP       bool     `json:"ip"`
	Hits     int64    `json:"hits"`
	Apps     []string `json:"apps"`
}

// NetCompany is one domain owner across apps: "which of my apps talk to
// this company".
type NetCompany struct {
	Owner    string   `json:"owner"`
	Tracking bool     `json:"tracking"`
	Hits     int64    `json:"hits"`
	Domains  []string `json:"domains"`
	Apps     []string `json:"apps"`
}

// NetWebsite is a website visited inside apps and the domains it made them
// contact.
type NetWebsite struct {
	Context string   `json:"context"`
	Hits    int64    `json:"hits"`
	Apps    []string `json:"apps"`
	Domains []string `json:"domains"`
}

// Diff is what changed between two reports of the same phone.
type Diff struct {
	Version  int             `json:"version"`
	Before   Side            `json:"before"`
	After    Side            `json:"after"`
	Access   []AccessChange  `json:"access"`
	Domains  []DomainChange  `json:"domains"`
	Trackers []TrackerChange `json:"trackers"`
}

// Side names one report of a comparison.
type Side struct {
	Files  []string `json:"files"`
	Period Period   `json:"period"`
}

// AccessChange is how one app's use of one category changed.
type AccessChange struct {
	App         string   `json:"app"`
	Name        string   `json:"name"`
	NameZH      string   `json:"nameZh"`
	Category    string   `json:"category"`
	Change      string   `json:"change"` // "started", "stopped", "changed", "same"
	Before      *Verdict `json:"before"`
	After       *Verdict `json:"after"`
	BeforeCount int      `json:"beforeCount"`
	AfterCount  int      `json:"afterCount"`
	Text        Text     `json:"text"`
}

// DomainChange is a domain an app newly contacts or no longer contacts.
type DomainChange struct {
	App      string `json:"app"`
	Domain   string `json:"domain"`
	Change   string `json:"change"` // "new" or "gone"
	Tracking bool   `json:"tracking"`
	Owner    string `json:"owner"`
}

// TrackerChange is a tracking company that appeared or disappeared.
type TrackerChange struct {
	Owner  string   `json:"owner"`
	Change string   `json:"change"` // "new" or "gone"
	Apps   []string `json:"apps"`
}
