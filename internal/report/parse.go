package report

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
)

// maxLine caps the bytes buffered for one line. Real lines are at most
// about 430 bytes; a longer line is skipped (and reported) without being
// held in memory. The beta network object, which may legitimately be
// one huge line, is streamed instead (see betaNet) and each record in it
// gets the same cap.
const maxLine = 64 << 10

// sniffLen is how many leading bytes decide what kind of file this is.
const sniffLen = 512

// earlyNotReport: when this many non-blank leading lines in a row hold
// no record at all, the file is declared not a report and the rest is
// not read.
const earlyNotReport = 8

type mode uint8

const (
	modeSniff     mode = iota // collecting the first bytes
	modeLines                 // ndjson lines
	modeBetaNet               // inside the beta network object
	modeGzip                  // decompressing into an inner parser
	modeNotReport             // decided: not a report; bytes are counted only
)

// Parser reads one file fed in chunks, as a browser hands over a File.
// It never needs the whole file in memory: it keeps the current line (at
// most maxLine bytes), the records, and one copy of each repeated string.
type Parser struct {
	f    *File
	mode mode

	sniff    []byte // the first bytes, until the kind of file is known
	pending  []byte // the current, incomplete line
	skipping bool   // the current line is over maxLine: discard to '\n'
	quiet    bool   // skipping without a message (already reported)
	longHead []byte // the start of a skipped line, for its message
	lineNo   int    // lines completed so far; the current line is lineNo+1

	sc    scanner
	fl    fields
	accs  blocks[accessRec]  // File.Access, until Close
	nets  blocks[networkRec] // File.Network, until Close
	strs  interner
	ids   arena // Access.ID
	clock clock

	records     int  // access, network and marker lines recognized
	misses      int  // non-blank lines before the first record
	firstJSON   bool // the first non-blank line was valid JSON
	firstBrace  bool // the first non-blank line starts with '{'
	seenLine    bool // a non-blank line was seen
	afterSect   bool // a beta <end-of-section> marker was the last record
	bn          betaNet
	gz          *gzipFeed
	unknownKeys int
}

// NewParser starts reading the file called name.
func NewParser(name string) *Parser {
	return &Parser{f: &File{Name: name, Format: "v4"}, strs: newInterner()}
}

// Write feeds the next chunk. It never fails; problems become messages.
func (p *Parser) Write(b []byte) (int, error) {
	n := len(b)
	p.f.Bytes += int64(n)
	p.feed(b)
	return n, nil
}

func (p *Parser) feed(b []byte) {
	switch p.mode {
	case modeSniff:
		need := sniffLen - len(p.sniff)
		if len(b) < need {
			p.sniff = append(p.sniff, b...)
			return
		}
		p.sniff = append(p.sniff, b[:need]...)
		b = b[need:]
		p.decide()
		head := p.sniff
		p.sniff = nil
		p.feed(head)
		p.feed(b)
	case modeGzip:
		p.gz.write(b)
	case modeNotReport:
	default:
		p.lines(b)
	}
}

// decide looks at the first bytes and picks the mode.
func (p *Parser) decide() {
	if bytes.HasPrefix(p.sniff, []byte{0x1f, 0x8b}) {
		p.mode = modeGzip
		p.gz = newGzipFeed(p.f.Name)
		return
	}
	if k, ok := sniffKind(p.sniff); ok {
		p.notReport(k)
		return
	}
	p.mode = modeLines
}

// Close ends the file and returns what was read.
func (p *Parser) Close() *File {
	if p.mode == modeSniff {
		p.decide()
		head := p.sniff
		p.sniff = nil
		p.feed(head)
	}
	switch p.mode {
	case modeGzip:
		inner, err := p.gz.close()
		bytesRead := p.f.Bytes
		*p.f = *inner
		p.f.Bytes = bytesRead
		p.f.Format = "gzip+" + inner.Format
		if err != nil && p.f.NotReport == "" {
			p.f.BadLines++
			p.message(p.lineNo, Error, "the gzip data is damaged or cut short; what could be read was kept", nil)
		}
		return p.f
	case modeBetaNet:
		if p.bn.midLine {
			p.lineNo++
			p.f.Lines = p.lineNo
		}
		p.bad(p.lineNo, "the network section ends before its closing brace; the records before it were kept", nil)
	case modeLines:
		if p.skipping {
			p.endLong()
		} else if len(p.pending) > 0 {
			p.line(p.pending)
			p.pending = nil
		}
	}
	if p.mode != modeNotReport && p.records == 0 {
		p.notReport(p.lineKind())
	}
	p.finish()
	return p.f
}

// finish moves the records collected so far into the File (after any
// an earlier Close moved there).
func (p *Parser) finish() {
	if p.accs.n > 0 {
		p.f.Access = p.accessRecords(p.f.Access)
	}
	if p.nets.n > 0 {
		p.f.Network = p.networkRecords(p.f.Network)
	}
}

// Parse reads a whole file from r. The error is r's, never the content's.
func Parse(name string, r io.Reader) (*File, error) {
	p := NewParser(name)
	_, err := io.Copy(p, r)
	return p.Close(), err
}

// lines splits b into lines and reads each one.
func (p *Parser) lines(b []byte) {
	for len(b) > 0 {
		if p.mode == modeBetaNet {
			n := p.bn.feed(p, b)
			b = b[n:]
			continue
		}
		if p.mode != modeLines {
			return
		}
		i := bytes.IndexByte(b, '\n')
		chunk := b
		if i >= 0 {
			chunk = b[:i]
		}
		switch {
		case p.skipping:
		case len(p.pending)+len(chunk) > maxLine:
			take := maxLine - len(p.pending)
			p.pending = append(p.pending, chunk[:take]...)
			if p.afterSect && betaObjectStart(p.pending) {
				// The beta network object on one long line: stream it.
				p.startBetaNet()
				p.bn.feed(p, p.pending)
				p.pending = p.pending[:0]
				b = b[take:]
				continue
			}
			p.longHead = append(p.longHead[:0], p.pending[:min(len(p.pending), 64)]...)
			p.pending = p.pending[:0]
			p.skipping = true
		case i < 0:
			p.pending = append(p.pending, chunk...)
		case len(p.pending) > 0:
			p.pending = append(p.pending, chunk...)
			p.line(p.pending)
			p.pending = p.pending[:0]
		default:
			p.line(chunk)
		}
		if i < 0 {
			return
		}
		if p.skipping {
			p.endLong()
		}
		b = b[i+1:]
	}
}

func (p *Parser) endLong() {
	p.skipping = false
	p.lineNo++
	p.f.Lines = p.lineNo
	if p.quiet {
		// The rest of a line the beta network object gave up on.
		p.quiet = false
		return
	}
	p.seenLine = true
	p.bad(p.lineNo, "this line is longer than 64 KiB, far longer than any real report line; it was skipped", p.longHead)
	p.missed()
}

// isBlank reports whether b holds only JSON whitespace.
func isBlank(b []byte) bool {
	for _, c := range b {
		if c != ' ' && c != '\t' && c != '\r' && c != '\n' {
			return false
		}
	}
	return true
}

var bom = []byte{0xef, 0xbb, 0xbf}

// line reads one complete line without its '\n'.
func (p *Parser) line(b []byte) {
	p.lineNo++
	p.f.Lines = p.lineNo
	if p.lineNo == 1 {
		b = bytes.TrimPrefix(b, bom)
	}
	if len(b) > 0 && b[len(b)-1] == '\r' {
		b = b[:len(b)-1]
	}
	if isBlank(b) {
		return
	}
	if p.afterSect && betaObjectStart(b) {
		p.startBetaNet()
		p.lineNo-- // betaNet counts this line's newline itself
		n := p.bn.feed(p, b)
		switch {
		case p.mode == modeBetaNet:
			p.bn.feed(p, []byte{'\n'})
		case p.skipping:
			p.endLong()
		default:
			p.line(b[n:]) // what follows the object's closing brace
		}
		return
	}
	first := !p.seenLine
	p.seenLine = true
	if first {
		p.firstBrace = bytes.HasPrefix(bytes.TrimLeft(b, " \t"), []byte{'{'})
	}
	switch p.sc.scanLine(b, &p.fl) {
	case scanInvalid:
		p.bad(p.lineNo, "this line is not valid JSON; it was skipped", b)
		p.missed()
		return
	case scanNotObject:
		p.firstJSON = p.firstJSON || first
		p.bad(p.lineNo, "this line is JSON but not an object; it was skipped", b)
		p.missed()
		return
	}
	p.firstJSON = p.firstJSON || first
	if !p.build(&p.fl, b, p.lineNo, 0) {
		p.missed()
	}
}

// missed counts a leading line without a record and gives up on a file
// that starts with too many of them.
func (p *Parser) missed() {
	if p.records > 0 {
		return
	}
	p.misses++
	if p.misses >= earlyNotReport {
		p.notReport(p.lineKind())
	}
}

// Messages and their texts. Lower case, and each says what happened to
// the data, so the user knows whether anything was lost.
const (
	msgNoAccessTime  = "this access line has no valid timeStamp; it was skipped"
	msgNoNetworkTime = "this network line has no valid timeStamp; it was skipped"
	msgNotRecord     = "this line is neither an access nor a network record; it was kept out of the analysis"
)

// build turns one line's fields into a record. app is the bundle id a
// beta network object filed the record under ("" elsewhere). It reports
// whether the line was a record (or a beta marker).
func (p *Parser) build(fl *fields, line []byte, lineNo int, app handle) bool {
	if fl.hasUnknown {
		p.unknown(lineNo, "field", fl.unknown, line)
	}
	for f := field(0); fl.wrong != 0 && f < numFields; f++ {
		if fl.wrong&(1<<f) != 0 {
			p.warn(lineNo, fmt.Sprintf("the field %q has a value of an unexpected type; it was ignored", fieldNames[f]), line)
		}
	}
	switch {
	case fl.is(fType):
		switch string(fl.val(fType)) {
		case "access":
			return p.access(fl, line, lineNo)
		case "networkActivity":
			return p.network(fl, line, lineNo, app)
		}
		p.unknown(lineNo, "type", fl.val(fType), line)
		return false
	case fl.wrong&(1<<fType) != 0:
		return false
	case fl.is(fMarker):
		p.records++
		p.f.Format = "beta"
		p.afterSect = string(fl.val(fMarker)) == "<end-of-section>"
		return true
	case fl.is(fAccessor) || fl.is(fStream) || fl.is(fTCCService):
		p.f.Format = "beta"
		return p.access(fl, line, lineNo)
	case fl.is(fDomain):
		p.f.Format = "beta"
		return p.network(fl, line, lineNo, app)
	}
	p.warn(lineNo, msgNotRecord, line)
	return false
}

// tccCategories maps the beta's tccService values to categories.
var tccCategories = map[string]Category{
	"kTCCServicePhotos":       CategoryPhotos,
	"kTCCServiceCamera":       CategoryCamera,
	"kTCCServiceMicrophone":   CategoryMicrophone,
	"kTCCServiceAddressBook":  CategoryContacts,
	"kTCCServiceCalendar":     CategoryCalendar,
	"kTCCServiceMediaLibrary": CategoryMediaLibrary,
}

// streamCategories maps the beta's stream values that name a category
// by themselves (no tccService).
var streamCategories = map[string]Category{
	"com.apple.privacy.accounting.stream.location":    CategoryLocation,
	"com.apple.privacy.accounting.stream.replay-kit":  CategoryScreenRecording,
	"com.apple.privacy.accounting.stream.screen-time": CategoryOther,
}

func (p *Parser) access(fl *fields, line []byte, lineNo int) bool {
	ts := fTimeStamp
	if !fl.is(fTimeStamp) {
		ts = fTimestamp
	}
	t, ok := p.clock.parse(fl.val(ts))
	if !ok {
		p.bad(lineNo, msgNoAccessTime, line)
		return false
	}
	a := accessRec{time: t, accessCount: -1, line: int32(lineNo)}
	if fl.is(fAccessorID) {
		a.app = p.strs.get(fl.val(fAccessorID))
	}
	if fl.is(fAccessorType) {
		a.appType = p.strs.get(fl.val(fAccessorType))
		if p.strs.list[a.appType] != "bundleID" {
			p.unknown(lineNo, "identifierType", fl.val(fAccessorType), line)
		}
	}
	switch {
	case fl.is(fCategory):
		var known bool
		if a.category, known = ParseCategory(string(fl.val(fCategory))); !known {
			a.categoryName = p.strs.get(fl.val(fCategory))
			p.unknown(lineNo, "category", fl.val(fCategory), line)
		}
	case fl.is(fTCCService):
		c, known := tccCategories[string(fl.val(fTCCService))]
		if !known {
			a.categoryName = p.strs.get(fl.val(fTCCService))
			p.unknown(lineNo, "category", fl.val(fTCCService), line)
		}
		a.category = c
	case fl.is(fStream):
		c, known := streamCategories[string(fl.val(fStream))]
		if !known || c == CategoryOther {
			a.categoryName = p.strs.get(fl.val(fStream))
			p.unknown(lineNo, "category", fl.val(fStream), line)
		}
		a.category = c
	default:
		p.unknown(lineNo, "category", nil, line)
	}
	if fl.is(fKind) {
		var known bool
		if a.kind, known = parseKind(string(fl.val(fKind))); !known {
			a.kindName = p.strs.get(fl.val(fKind))
			p.unknown(lineNo, "kind", fl.val(fKind), line)
		}
	} else {
		p.unknown(lineNo, "kind", nil, line)
	}
	if fl.is(fIdentifier) {
		a.id = p.ids.put(fl.val(fIdentifier))
	}
	a.outOfProcess = fl.is(fOutOfProcess) && fl.outOfProcess
	if fl.is(fBroadcasterID) {
		a.broadcaster = p.strs.get(fl.val(fBroadcasterID))
	}
	if fl.is(fAccessCount) {
		a.accessCount = int32(fl.num[fAccessCount])
	}
	p.records++
	*p.accs.add() = a
	return true
}

func (p *Parser) network(fl *fields, line []byte, lineNo int, app handle) bool {
	t, ok := p.clock.parse(fl.val(fTimeStamp))
	if !ok {
		p.bad(lineNo, msgNoNetworkTime, line)
		return false
	}
	n := networkRec{last: t, contextVer: -1, line: int32(lineNo)}
	switch {
	case fl.is(fBundleID):
		n.app = p.strs.get(fl.val(fBundleID))
	case fl.is(fBundleName):
		n.app = p.strs.get(fl.val(fBundleName))
	default:
		n.app = app
	}
	if fl.is(fDomain) {
		n.domain = p.strs.get(fl.val(fDomain))
	}
	if fl.is(fContext) {
		n.context = p.strs.get(fl.val(fContext))
	}
	if fl.is(fOwner) {
		n.owner = p.strs.get(fl.val(fOwner))
	}
	if fl.is(fInitiated) {
		var known bool
		if n.initiated, known = parseInitiated(string(fl.val(fInitiated))); !known {
			n.initiatedName = p.strs.get(fl.val(fInitiated))
			p.unknown(lineNo, "initiatedType", fl.val(fInitiated), line)
		}
	}
	if fl.is(fFirst) {
		if n.first, ok = p.clock.parse(fl.val(fFirst)); !ok {
			p.warn(lineNo, `the field "firstTimeStamp" is not a valid time; it was left empty`, line)
		}
	}
	n.domainType = int8(fl.num[fDomainType] * int64(fl.has>>fDomainType&1))
	n.class = int8(fl.num[fClass] * int64(fl.has>>fClass&1))
	if fl.is(fContextVer) {
		n.contextVer = int8(fl.num[fContextVer])
	}
	if fl.is(fHits) {
		n.hits = fl.num[fHits]
	}
	p.records++
	*p.nets.add() = n
	return true
}

// intern returns one string per distinct value per parser, so the many
// records of one app share its bundle id. The lookup does not allocate.
func (p *Parser) intern(b []byte) string { return p.strs.list[p.strs.get(b)] }

// handle is an interned string: its index in interner.list, 0 for "".
type handle uint32

// interner keeps one copy of each string. A small direct-mapped cache
// sits in front of the table: bundle ids, identifier types and owners
// repeat from line to line, and a hit costs one hash of two words and
// one comparison instead of hashing the whole string. The table is open
// addressing over handles, so it holds no pointers: a Go map of strings
// costs write barriers and GC work in wasm, where the GC shares the one
// thread.
type interner struct {
	list  []string
	slots []internSlot // a power of two, at most half full
	cache [256]handle
	arena arena // the strings' bytes: a 100 MB report has ~80,000 domains
}

type internSlot struct {
	hash uint32 // the hash's upper half: places the slot, checked before the string
	h    handle // 0 for a free slot
}

func newInterner() interner {
	return interner{list: []string{""}, slots: make([]internSlot, 256)}
}

// get returns b's handle. It inlines, so that an empty value (most
// contexts and domain owners) costs no call, which in wasm is dear.
func (in *interner) get(b []byte) handle {
	if len(b) == 0 {
		return 0
	}
	return in.lookup(b)
}

func (in *interner) lookup(b []byte) handle {
	n := len(b)
	var h uint64
	if n >= 8 {
		h = binary.LittleEndian.Uint64(b) ^ binary.LittleEndian.Uint64(b[n-8:])*0xff51afd7ed558ccd
	} else {
		h = uint64(b[0]) | uint64(b[n-1])<<8 | uint64(b[n/2])<<16
	}
	slot := &in.cache[((h^uint64(n))*0x9e3779b97f4a7c15)>>56]
	if in.list[*slot] == string(b) {
		return *slot
	}
	full := hashBytes(b)
	h32 := uint32(full >> 32)
	mask := uint32(len(in.slots) - 1)
	for k := h32 & mask; ; k = (k + 1) & mask {
		e := &in.slots[k]
		if e.h == 0 {
			id := handle(len(in.list))
			in.list = append(in.list, in.arena.string(b))
			*e = internSlot{h32, id}
			if 2*len(in.list) > len(in.slots) {
				in.rehash()
			}
			*slot = id
			return id
		}
		if e.hash == h32 && in.list[e.h] == string(b) {
			*slot = e.h
			return e.h
		}
	}
}

// rehash doubles the table. A slot's place comes from its stored hash,
// so the strings are neither read nor hashed again: rehashing was 5% of
// parsing a network-heavy file, mostly cache misses on the strings.
func (in *interner) rehash() {
	old := in.slots
	in.slots = make([]internSlot, 2*len(old))
	mask := uint32(len(in.slots) - 1)
	for _, e := range old {
		if e.h == 0 {
			continue
		}
		k := e.hash & mask
		for in.slots[k].h != 0 {
			k = (k + 1) & mask
		}
		in.slots[k] = e
	}
}

// hashSeed makes hashBytes differ from run to run, so that a crafted
// report cannot choose strings that collide.
var hashSeed = rand.Uint64()

// hashBytes mixes b a word at a time: for the short strings of a report
// (bundle ids, host names, UUIDs) it is cheaper in wasm than the
// runtime's hash, which reads single bytes there.
func hashBytes(b []byte) uint64 {
	h := hashSeed ^ uint64(len(b))*0x9e3779b97f4a7c15
	for ; len(b) >= 8; b = b[8:] {
		h = (h ^ binary.LittleEndian.Uint64(b)) * 0xbf58476d1ce4e5b9
		h ^= h >> 29
	}
	for _, c := range b {
		h = (h ^ uint64(c)) * 0x94d049bb133111eb
	}
	h ^= h >> 32
	h *= 0xd6e8feb86659fd93
	return h ^ h>>32
}

// maxMessages bounds the messages kept per file; the counts stay exact.
const maxMessages = 100

// maxUnknown bounds the distinct entries of File.Unknown; further ones
// are counted under "other".
const maxUnknown = 100

// unknown notes a value Backsight does not know (what is "field",
// "category", ...; v nil means the value is missing).
func (p *Parser) unknown(line int, what string, v []byte, b []byte) {
	name := Excerpt(v)
	text := fmt.Sprintf("unknown %s %q; the record was kept", what, name)
	key := what + " " + name
	if v == nil {
		text = fmt.Sprintf("this line has no %s; the record was kept as \"other\"", what)
		key = what + " (missing)"
	}
	if p.f.Unknown == nil {
		p.f.Unknown = make(map[string]int)
	}
	if _, ok := p.f.Unknown[key]; !ok && len(p.f.Unknown) >= maxUnknown {
		key = "other"
	}
	p.f.Unknown[key]++
	p.warn(line, text, b)
}

func (p *Parser) bad(line int, text string, b []byte) {
	p.f.BadLines++
	p.message(line, Error, text, b)
}

func (p *Parser) warn(line int, text string, b []byte) {
	p.f.Warnings++
	p.message(line, Warning, text, b)
}

func (p *Parser) message(line int, sev Severity, text string, b []byte) {
	if len(p.f.Messages) >= maxMessages {
		return
	}
	p.f.Messages = append(p.f.Messages, Message{File: p.f.Name, Line: line, Severity: sev, Text: text, Excerpt: Excerpt(b)})
}

// Excerpt returns at most 60 characters of b, with anything that is not
// printable ASCII escaped, so a message never echoes a whole hostile line.
func Excerpt(b []byte) string {
	const max = 60
	var sb strings.Builder
	for i, c := range b {
		if i == max {
			sb.WriteString("…")
			break
		}
		if c >= 0x20 && c < 0x7f {
			sb.WriteByte(c)
		} else {
			sb.WriteString(`\x`)
			sb.WriteByte("0123456789abcdef"[c>>4])
			sb.WriteByte("0123456789abcdef"[c&15])
		}
	}
	return sb.String()
}

// gzipFeed decompresses a gzip stream fed in chunks into an inner parser.
// compress/gzip pulls from a reader, so it runs in its own goroutine
// behind a pipe; Write blocks until the chunk is consumed, which keeps
// memory bounded (this works under GOOS=js too).
type gzipFeed struct {
	pw    *io.PipeWriter
	done  chan struct{}
	inner *Parser
	err   error
}

func newGzipFeed(name string) *gzipFeed {
	pr, pw := io.Pipe()
	g := &gzipFeed{pw: pw, done: make(chan struct{}), inner: NewParser(name)}
	go func() {
		defer close(g.done)
		zr, err := gzip.NewReader(pr)
		if err == nil {
			_, err = io.Copy(g.inner, zr)
		}
		if err != nil {
			g.err = err
			io.Copy(io.Discard, pr) // let Write return
		}
	}()
	return g
}

func (g *gzipFeed) write(b []byte) { g.pw.Write(b) }

func (g *gzipFeed) close() (*File, error) {
	g.pw.Close()
	<-g.done
	return g.inner.Close(), g.err
}
