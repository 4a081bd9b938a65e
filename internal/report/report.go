package report

// Interval is one use of a resource: a begin and an end paired by the
// access identifier. Quirks of real files are kept, not dropped.
type Interval struct {
	App          string
	Category     Category
	CategoryName string // the raw name when Category is CategoryOther
	ID           string
	Begin, End   Time
	Flags        IntervalFlag
	Broadcaster  string
	Begins       Pos // the line of the begin (zero with NoBegin)
	Ends         Pos // the line of the end (zero with Open)
}

// IntervalFlag marks what was unusual about an interval.
type IntervalFlag uint8

const (
	// Open: a begin with no end; the access was still going at export.
	// End is the report's last timestamp, so Duration is a lower bound.
	Open IntervalFlag = 1 << iota
	// NoBegin: an end whose begin was pruned; Begin equals End.
	NoBegin
	// DoubledBegin: the same begin appeared more than once.
	DoubledBegin
	// OutOfProcess: the user picked items in the system picker; the app did
	// not get the library.
	OutOfProcess
	// Event: a single-point access from the iOS 15 beta format.
	Event
)

// Has reports whether all of flags are set.
func (iv *Interval) Has(flags IntervalFlag) bool { return iv.Flags&flags == flags }

// DurationMillis is End minus Begin; 0 for zero-length and NoBegin intervals.
func (iv *Interval) DurationMillis() int64 { return iv.End.Millis - iv.Begin.Millis }

// CategoryLabel returns the category's name as written in the report.
func (iv *Interval) CategoryLabel() string {
	if iv.Category == CategoryOther && iv.CategoryName != "" {
		return iv.CategoryName
	}
	return iv.Category.String()
}

// Severity says whether a message lost data (Error) or only notes
// something unusual that was kept (Warning).
type Severity uint8

const (
	Error Severity = iota
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Message is a problem found while reading, with its place in the file.
// Text is lower case and says what the user can do; Excerpt is a short,
// escaped piece of the line (never the whole line).
type Message struct {
	File     string
	Line     int // 1-based; 0 for the file as a whole
	Severity Severity
	Text     string
	Excerpt  string
}

// File is what was read from one file.
type File struct {
	Name     string
	Format   string // "v4" (iOS 15.2+ and 15.0/15.1 exports), "beta", "gzip+v4", ...
	Bytes    int64
	Lines    int
	Access   []Access
	Network  []Network
	BadLines int
	Warnings int
	Messages []Message // bounded; BadLines and Warnings hold the full counts
	// NotReport is set when the file is not an App Privacy Report at all:
	// one plain-language sentence saying what it looks like and what to
	// export instead. Access and Network are then empty.
	NotReport string
	// NotReportZH is NotReport in Chinese, for the page's zh locale.
	NotReportZH string
	// Unknown counts values Backsight does not know, by what they are:
	// "field foo", "category bar", "kind baz", "identifierType x",
	// "initiatedType y", "type z". Such values are kept in the records
	// (CategoryName, KindName, AppType, InitiatedName) and each
	// occurrence is one of the Warnings; nil when there were none.
	Unknown map[string]int
}

// Report is one or several files merged: weekly exports of one phone
// overlap, so access records are de-duplicated by identifier and kind, and
// each network key keeps its newest record (hits are never added up).
type Report struct {
	Files     []*File
	Intervals []Interval // sorted by Begin
	Network   []Network  // newest per NetworkKey, sorted by App, Domain
	Start     Time       // earliest timestamp seen
	End       Time       // latest timestamp seen
}
