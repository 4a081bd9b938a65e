// Package sample writes synthetic App Privacy Reports: the bundled sample
// that the page and the CLI show on request, and large generated reports for
// benchmarks. Nothing here comes from a real person's phone.
package sample

import (
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"sort"
	"sync"
	"time"
)

// Name is the file name the bundled sample goes by.
const Name = "sample-app-privacy-report.ndjson"

var (
	once   sync.Once
	bundle []byte
)

// Report returns the bundled sample: one synthetic week of a phone in
// China (UTC+8) on which a messenger reads the photo library in ~45 s
// windows at night and right after the camera was used, a shopping app does
// the same in ~30 s windows, a weather app polls location, a backup app
// uploads photos at night, and the user really uses camera, microphone and
// maps in the day. The caller must not modify the slice.
func Report() []byte {
	once.Do(func() {
		var b bytes.Buffer
		writeBundled(&b)
		bundle = b.Bytes()
	})
	return bundle
}

// a recorder collects access intervals and network records and writes them
// in the order iOS does: access lines by time, then network lines by app.
type recorder struct {
	rng       *rand.Rand
	zone      *time.Location
	intervals []interval
	network   []netRecord
}

type interval struct {
	app, category string
	begin, end    time.Time
	outOfProcess  bool
	broadcaster   string
	open          bool
}

type netRecord struct {
	app, domain, owner, context string
	user                        bool // NonAppInitiated
	tracking                    bool
	first, last                 time.Time
	hits                        int
}

func (r *recorder) add(app, category string, begin time.Time, d time.Duration) *interval {
	r.intervals = append(r.intervals, interval{app: app, category: category, begin: begin, end: begin.Add(d)})
	return &r.intervals[len(r.intervals)-1]
}

// uuid returns a deterministic upper-case UUID from the recorder's source.
func (r *recorder) uuid() string {
	a, b := r.rng.Uint64(), r.rng.Uint64()
	return fmt.Sprintf("%08X-%04X-%04X-%04X-%012X", a>>32, (a>>16)&0xffff, 0x4000|a&0x0fff, 0x8000|b>>52&0x3fff, b&0xffffffffffff)
}

const stamp = "2006-01-02T15:04:05.000-07:00"

type line struct {
	at   time.Time
	text string
}

// write emits the recorded access lines sorted by time, then the network
// lines grouped by app, as iOS 18 writes them (accessCount first).
func (r *recorder) write(w io.Writer) error {
	var lines []line
	for _, iv := range r.intervals {
		id := r.uuid()
		lines = append(lines, line{iv.begin, r.accessLine(iv, id, "intervalBegin", iv.begin)})
		if !iv.open {
			lines = append(lines, line{iv.end, r.accessLine(iv, id, "intervalEnd", iv.end)})
		}
	}
	sort.SliceStable(lines, func(i, j int) bool { return lines[i].at.Before(lines[j].at) })
	bw := &errWriter{w: w}
	for _, l := range lines {
		bw.printf("%s\n", l.text)
	}
	sort.SliceStable(r.network, func(i, j int) bool { return r.network[i].app < r.network[j].app })
	for _, n := range r.network {
		bw.printf("%s\n", netLine(n))
	}
	return bw.err
}

func (r *recorder) accessLine(iv interval, id, kind string, at time.Time) string {
	extra := ""
	if iv.outOfProcess {
		extra += `,"outOfProcess":true`
	}
	if iv.broadcaster != "" {
		extra += fmt.Sprintf(`,"broadcaster":{"identifier":%q,"identifierType":"bundleID"}`, iv.broadcaster)
	}
	return fmt.Sprintf(`{"accessCount":0,"accessor":{"identifier":%q,"identifierType":"bundleID"}%s,"category":%q,"identifier":%q,"kind":%q,"timeStamp":%q,"type":"access"}`,
		iv.app, extra, iv.category, id, kind, at.In(r.zone).Format(stamp))
}

func netLine(n netRecord) string {
	initiated, domainType, class, verification := "AppInitiated", 2, 1, 0
	if n.user {
		initiated = "NonAppInitiated"
	}
	if n.tracking {
		domainType = 1
	}
	if isIP(n.domain) {
		class = 2
	}
	if n.context != "" {
		verification = 2
	}
	zone := n.last.Location()
	return fmt.Sprintf(`{"timeStamp":%q,"initiatedType":%q,"context":%q,"domain":%q,"contextVerificationType":%d,"type":"networkActivity","domainType":%d,"firstTimeStamp":%q,"bundleID":%q,"domainOwner":%q,"hits":%d,"domainClassification":%d}`,
		n.last.Format(stamp), initiated, n.context, n.domain, verification, domainType, n.first.In(zone).Format(stamp), n.app, n.owner, n.hits, class)
}

func isIP(s string) bool {
	for _, c := range s {
		if !(c >= '0' && c <= '9' || c == '.' || c == ':' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return len(s) > 0
}

type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}
