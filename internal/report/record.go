package report

import (
	"fmt"
	"time"
)

// Time is a report timestamp: milliseconds since the Unix epoch plus the
// device's UTC offset at that moment, kept so that "03:12 at night" means
// the phone's own clock, right across a DST change inside one file.
type Time struct {
	Millis int64 // since 1970-01-01T00:00:00Z
	Offset int32 // seconds east of UTC
}

// IsZero reports whether t was never set (a missing time).
func (t Time) IsZero() bool { return t.Millis == 0 && t.Offset == 0 }

// Go returns t as a time.Time in a fixed zone with the device's offset.
func (t Time) Go() time.Time {
	return time.UnixMilli(t.Millis).In(time.FixedZone("", int(t.Offset)))
}

// Local returns the wall-clock milliseconds since the epoch as the device
// showed them: Millis shifted by the offset. Hour-of-day rules use it.
func (t Time) Local() int64 { return t.Millis + int64(t.Offset)*1000 }

// String formats t as RFC 3339 with milliseconds and the original offset.
func (t Time) String() string { return t.Go().Format("2006-01-02T15:04:05.000Z07:00") }

// TimeOf converts a time.Time, keeping its offset.
func TimeOf(t time.Time) Time {
	_, off := t.Zone()
	return Time{Millis: t.UnixMilli(), Offset: int32(off)}
}

// Category is the sensitive resource of an access record. Known values are
// small integers; anything else is CategoryOther with its name kept in the
// record, so a new iOS category is shown rather than lost.
type Category uint8

const (
	CategoryOther Category = iota
	CategoryPhotos
	CategoryCamera
	CategoryMicrophone
	CategoryContacts
	CategoryLocation
	CategoryMediaLibrary
	CategoryScreenRecording
	CategoryCalendar
	CategoryUserTracking
	CategoryUnknown // iOS's own "unknown" value, not ours
	numCategories
)

var categoryNames = [numCategories]string{
	CategoryOther:           "other",
	CategoryPhotos:          "photos",
	CategoryCamera:          "camera",
	CategoryMicrophone:      "microphone",
	CategoryContacts:        "contacts",
	CategoryLocation:        "location",
	CategoryMediaLibrary:    "mediaLibrary",
	CategoryScreenRecording: "screenRecording",
	CategoryCalendar:        "calendar",
	CategoryUserTracking:    "userTracking",
	CategoryUnknown:         "unknown",
}

// String returns the name iOS writes for c ("photos", "screenRecording").
func (c Category) String() string {
	if c < numCategories {
		return categoryNames[c]
	}
	return fmt.Sprintf("category(%d)", uint8(c))
}

// ParseCategory maps a report's category string to a Category; ok is false
// for a name iOS is not known to write (the caller keeps the name).
func ParseCategory(s string) (c Category, ok bool) {
	for i := CategoryPhotos; i < numCategories; i++ {
		if categoryNames[i] == s {
			return i, true
		}
	}
	return CategoryOther, false
}

// Kind says whether an access line opens or closes an interval.
type Kind uint8

const (
	KindOther Kind = iota
	KindBegin      // "intervalBegin"
	KindEnd        // "intervalEnd"
	KindEvent      // "event", the iOS 15 beta's single-point access
)

// parseKind maps a report's kind string; ok is false for an unknown name.
func parseKind(s string) (k Kind, ok bool) {
	switch s {
	case "intervalBegin":
		return KindBegin, true
	case "intervalEnd":
		return KindEnd, true
	case "event":
		return KindEvent, true
	}
	return KindOther, false
}

func (k Kind) String() string {
	switch k {
	case KindBegin:
		return "intervalBegin"
	case KindEnd:
		return "intervalEnd"
	case KindEvent:
		return "event"
	}
	return "other"
}

// Initiated is a network record's initiatedType.
type Initiated uint8

const (
	InitiatedOther  Initiated = iota
	AppInitiated              // not attributed to the user; NOT "background"
	NonAppInitiated           // attributed to the user: web content they loaded
)

func (i Initiated) String() string {
	switch i {
	case AppInitiated:
		return "AppInitiated"
	case NonAppInitiated:
		return "NonAppInitiated"
	}
	return "other"
}

// parseInitiated maps a report's initiatedType; ok is false for an unknown name.
func parseInitiated(s string) (i Initiated, ok bool) {
	switch s {
	case "AppInitiated":
		return AppInitiated, true
	case "NonAppInitiated":
		return NonAppInitiated, true
	}
	return InitiatedOther, false
}

// Access is one "type":"access" line. The fields are ordered by size, so
// that a record takes 128 bytes rather than 152: the parser's output and
// what Merge keeps of it are mostly these.
type Access struct {
	App          string // accessor.identifier: a bundle id, sometimes team-prefixed
	AppType      string // accessor.identifierType, usually "bundleID"
	CategoryName string // the raw name when Category is CategoryOther
	ID           string // the interval's UUID, shared by begin and end
	KindName     string // the raw kind when Kind is KindOther
	Broadcaster  string // broadcaster.identifier, with screenRecording
	Time         Time
	Pos          Pos
	AccessCount  int32 // iOS 18 on; -1 when absent
	Category     Category
	Kind         Kind
	OutOfProcess bool // the user picked items in the system picker
}

// CategoryLabel returns the category's name as written in the report.
func (a *Access) CategoryLabel() string {
	if a.Category == CategoryOther && a.CategoryName != "" {
		return a.CategoryName
	}
	return a.Category.String()
}

// Network is one "type":"networkActivity" record: a rolling 7-day aggregate
// per (App, Domain, Context, Initiated), not an event. The small fields
// come last, so that a record takes 136 bytes rather than 144.
type Network struct {
	App     string // bundleID: an app, a daemon, or com.apple.webapp
	Domain  string // host name or IP literal
	Context string // the website whose content made the contact, or ""
	Owner   string // domainOwner, often ""
	// InitiatedName is the raw initiatedType when Initiated is
	// InitiatedOther, so a new iOS value is shown rather than lost.
	InitiatedName string
	First, Last   Time
	Hits          int64 // attempts in the window, even blocked ones
	Pos           Pos
	Initiated     Initiated
	DomainType    int8 // 1 tracking (Apple's label), 2 not identified; 0 absent
	Class         int8 // domainClassification: 2 bare IP, 1 name; 0 absent
	ContextVer    int8 // contextVerificationType; -1 absent
}

// Tracking reports whether Apple labelled the domain as possibly tracking
// across apps and sites (domainType 1).
func (n *Network) Tracking() bool { return n.DomainType == 1 }

// InitiatedLabel returns the initiatedType as written in the report.
func (n *Network) InitiatedLabel() string {
	if n.Initiated == InitiatedOther && n.InitiatedName != "" {
		return n.InitiatedName
	}
	return n.Initiated.String()
}

// Key identifies a network record across files.
func (n *Network) Key() NetworkKey {
	return NetworkKey{n.App, n.Domain, n.Context, n.Initiated, n.InitiatedName}
}

// NetworkKey is what one network record aggregates over.
type NetworkKey struct {
	App, Domain, Context string
	Initiated            Initiated
	InitiatedName        string // set only with InitiatedOther
}

// Pos is where a record came from: the index of its file in the merged
// report and its 1-based line number.
type Pos struct {
	File int32
	Line int32
}
