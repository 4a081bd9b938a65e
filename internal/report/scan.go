package report

import (
	"encoding/binary"
	"math/bits"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// The hand-written scanner below reads one line's JSON object into a
// fields value without allocating: strings are spans of the line (or of
// a scratch buffer when they hold escapes), numbers are parsed in place.
// It validates the whole line as encoding/json would (the reference in
// parse_reference_test.go is encoding/json, and the differential tests
// and fuzzers hold the two to the same answers), but only the fields the
// report uses are extracted.

// field names a known key; fields keeps one value per field and, as
// encoding/json does, the last of duplicate keys wins.
type field uint8

const (
	fType field = iota
	fAccessor
	fAccessorID   // accessor.identifier
	fAccessorType // accessor.identifierType
	fCategory
	fIdentifier
	fKind
	fTimeStamp
	fTimestamp // the iOS 15 beta's lower-case spelling
	fOutOfProcess
	fBroadcaster
	fBroadcasterID // broadcaster.identifier
	fAccessCount
	fStream     // beta: "com.apple.privacy.accounting.stream.tcc"
	fTCCService // beta: "kTCCServicePhotos"
	fBundleID
	fBundleName // beta: "hasApp.bundleName"
	fDomain
	fContext
	fOwner
	fInitiated
	fDomainType
	fClass
	fContextVer
	fFirst
	fHits
	fMarker // beta: "_marker"
	numFields
)

// fieldNames are the keys as written in reports, used in messages.
var fieldNames = [numFields]string{
	fType: "type", fAccessor: "accessor", fAccessorID: "accessor.identifier",
	fAccessorType: "accessor.identifierType", fCategory: "category", fIdentifier: "identifier",
	fKind: "kind", fTimeStamp: "timeStamp", fTimestamp: "timestamp", fOutOfProcess: "outOfProcess",
	fBroadcaster: "broadcaster", fBroadcasterID: "broadcaster.identifier", fAccessCount: "accessCount",
	fStream: "stream", fTCCService: "tccService", fBundleID: "bundleID", fBundleName: "hasApp.bundleName",
	fDomain: "domain", fContext: "context", fOwner: "domainOwner", fInitiated: "initiatedType",
	fDomainType: "domainType", fClass: "domainClassification", fContextVer: "contextVerificationType",
	fFirst: "firstTimeStamp", fHits: "hits", fMarker: "_marker",
}

// valueKind is the JSON type a field must have; anything else (except
// null, which means absent) is noted as a wrong value and ignored.
type valueKind uint8

const (
	vString valueKind = iota
	vBool
	vInt8
	vInt32
	vInt64
	vObject // accessor, broadcaster
)

var fieldKinds = [numFields]valueKind{
	fAccessor: vObject, fBroadcaster: vObject, fOutOfProcess: vBool,
	fAccessCount: vInt32, fDomainType: vInt8, fClass: vInt8, fContextVer: vInt8, fHits: vInt64,
}

// fields is what one line says. has and wrong are bit sets over field.
//
// String values are spans, not slices: a slice holds a pointer, and
// storing a pointer into the Parser (on the heap) takes a write barrier
// whenever the GC is marking, which flushing the barrier buffers made
// 4-9% of parsing a network-heavy file. The spans index the scanner's
// line, found through a pointer that does not change from line to line,
// or the unescaped strings, stored only for a line with escapes.
type fields struct {
	has, wrong   uint32
	str          [numFields]span
	num          [numFields]int64
	line         *[]byte // what spans without escBit index: scanner.b
	esc          []byte  // what spans with escBit index: unescaped strings
	outOfProcess bool
	unknown      []byte // the first key nobody knows, in document order
	hasUnknown   bool
}

// span is a string value: bytes [off, end) of fields.line, or of
// fields.esc when off has escBit. Lines and records are capped at
// maxLine, so offsets fit with room to spare.
type span struct{ off, end uint32 }

const escBit = 1 << 31

// val returns the string value of f, nil when f is absent.
func (fl *fields) val(f field) []byte {
	if !fl.is(f) {
		return nil
	}
	sp := fl.str[f]
	if sp.off&escBit != 0 {
		return fl.esc[sp.off&^escBit : sp.end]
	}
	return (*fl.line)[sp.off:sp.end]
}

func (fl *fields) reset() {
	fl.has, fl.wrong = 0, 0
	if fl.hasUnknown { // not a pointer store per line: see scanLine
		fl.unknown, fl.hasUnknown = nil, false
	}
	fl.outOfProcess = false
}

func (fl *fields) is(f field) bool { return fl.has&(1<<f) != 0 }

func (fl *fields) set(f field)   { fl.has |= 1 << f; fl.wrong &^= 1 << f }
func (fl *fields) clear(f field) { fl.has &^= 1 << f; fl.wrong &^= 1 << f }
func (fl *fields) bad(f field)   { fl.has &^= 1 << f; fl.wrong |= 1 << f }

func (fl *fields) noteUnknown(key []byte) {
	if !fl.hasUnknown {
		fl.unknown, fl.hasUnknown = key, true
	}
}

// topField maps a top-level key; ignored keys (known, but unused) give
// ok with f == numFields.
func topField(key []byte) (f field, ok bool) {
	switch string(key) {
	case "type":
		return fType, true
	case "accessor":
		return fAccessor, true
	case "category":
		return fCategory, true
	case "identifier":
		return fIdentifier, true
	case "kind":
		return fKind, true
	case "timeStamp":
		return fTimeStamp, true
	case "timestamp":
		return fTimestamp, true
	case "outOfProcess":
		return fOutOfProcess, true
	case "broadcaster":
		return fBroadcaster, true
	case "accessCount":
		return fAccessCount, true
	case "stream":
		return fStream, true
	case "tccService":
		return fTCCService, true
	case "bundleID":
		return fBundleID, true
	case "hasApp.bundleName":
		return fBundleName, true
	case "domain":
		return fDomain, true
	case "context":
		return fContext, true
	case "domainOwner":
		return fOwner, true
	case "initiatedType":
		return fInitiated, true
	case "domainType":
		return fDomainType, true
	case "domainClassification":
		return fClass, true
	case "contextVerificationType":
		return fContextVer, true
	case "firstTimeStamp":
		return fFirst, true
	case "hits":
		return fHits, true
	case "_marker":
		return fMarker, true
	case "version", "effectiveUserId", "recordType", "exportTimestamp":
		// Beta bookkeeping: known, not needed.
		return numFields, true
	}
	return numFields, false
}

// maxDepth is encoding/json's nesting limit; deeper input is invalid for
// both parsers, and the scanner's stack is a fixed bit set of this size.
const maxDepth = 10000

// scanner reads one JSON object. It never recurses, so nesting costs one
// bit per level, and never allocates once its scratch buffer has grown.
type scanner struct {
	b       []byte
	i       int
	depth   int
	stack   [maxDepth/64 + 1]uint64 // bit set: 1 = array at that depth
	scratch []byte                  // unescaped strings of the current line
	fl      *fields
	sub     field // fAccessor or fBroadcaster while inside that object
	k       int   // keys read so far in the current line, in document order
	// shape is the previous lines' keys by position (numFields where a
	// key was unknown or not extracted): the key prediction in object.
	shape [maxShape]field
}

type scanError uint8

const (
	scanOK        scanError = iota
	scanInvalid             // not JSON
	scanNotObject           // JSON, but not an object
)

// scanLine reads b into fl. b must not hold the line's newline.
func (s *scanner) scanLine(b []byte, fl *fields) scanError {
	s.b, s.i, s.depth, s.k = b, 0, 0, 0
	// Pointers are stored only when they change: each store takes a
	// write barrier while the GC marks (2% of the time in wasm).
	if s.fl != fl {
		s.fl = fl
	}
	if fl.line != &s.b {
		fl.line = &s.b
	}
	s.scratch = s.scratch[:0]
	fl.reset()
	s.ws()
	if s.i >= len(s.b) {
		return scanInvalid
	}
	if s.b[s.i] != '{' {
		if !s.skipValue() {
			return scanInvalid
		}
		s.ws()
		if s.i != len(s.b) {
			return scanInvalid
		}
		return scanNotObject
	}
	if !s.object(true) {
		return scanInvalid
	}
	s.ws()
	if s.i != len(s.b) {
		return scanInvalid
	}
	return scanOK
}

// skipWS skips whitespace; compact JSON has none, so the common case is
// one inlined compare.
func (s *scanner) skipWS() {
	if s.i < len(s.b) && s.b[s.i] <= ' ' {
		s.ws()
	}
}

func (s *scanner) ws() {
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

func (s *scanner) push(array bool) bool {
	s.depth++
	if s.depth > maxDepth {
		return false
	}
	w, bit := s.depth/64, uint64(1)<<(s.depth%64)
	if array {
		s.stack[w] |= bit
	} else {
		s.stack[w] &^= bit
	}
	return true
}

func (s *scanner) inArray() bool {
	return s.stack[s.depth/64]&(uint64(1)<<(s.depth%64)) != 0
}

// object reads the top-level object (top) or an accessor/broadcaster
// object, extracting known fields. s.b[s.i] is '{'.
func (s *scanner) object(top bool) bool {
	if !s.push(false) {
		return false
	}
	s.i++
	s.skipWS()
	if s.i < len(s.b) && s.b[s.i] == '}' {
		s.i++
		s.depth--
		return true
	}
	ctx := numFields // the context of a top-level key
	if !top {
		ctx = s.sub
	}
	for {
		// The lines of one file repeat one key order, so the key at this
		// position in the previous line is checked first with a single
		// comparison of its literal `"key":`; a raw key without escapes
		// equal to that literal is that key, so this is exact.
		k := s.k
		s.k++
		f := field(numFields)
		known := false
		if k < maxShape {
			if p := s.shape[k]; p < numFields && fieldCtx[p] == ctx {
				// match, written out for keys of 8 to 24 bytes (most of
				// them): a call per key costs much in wasm.
				lw, rest := &keyWords[p], s.b[s.i:]
				n := lw.n
				if n >= 8 && n <= 24 && len(rest) >= n {
					if binary.LittleEndian.Uint64(rest) == lw.w[0] && binary.LittleEndian.Uint64(rest[n-8:]) == lw.last &&
						(n <= 16 || binary.LittleEndian.Uint64(rest[8:]) == lw.w[1]) {
						s.i += n
						f, known = p, true
					}
				} else if n = lw.match(rest); n > 0 {
					s.i += n
					f, known = p, true
				}
			}
		}
		if !known {
			if s.i >= len(s.b) || s.b[s.i] != '"' {
				return false
			}
			key, ok := s.str()
			if !ok {
				return false
			}
			s.skipWS()
			if s.i >= len(s.b) || s.b[s.i] != ':' {
				return false
			}
			s.i++
			if top {
				f, known = topField(key)
			} else {
				f, known = s.subField(key)
			}
			if !known {
				s.fl.noteUnknown(key)
			}
			if k < maxShape {
				s.shape[k] = f
			}
		}
		s.skipWS()
		if s.i >= len(s.b) {
			return false
		}
		var ok bool
		switch {
		case f == numFields:
			ok = s.skipValue()
		case fieldKinds[f] == vString && s.b[s.i] == '"':
			// Most values are strings: read them here, not through value,
			// and strSpan's common case is written out (a call per value
			// costs much in wasm): every byte before j is plain, so a '"'
			// at j closes the string; anything else is strSpan's to read.
			b, j := s.b, s.i+1
			for ; j+8 <= len(b); j += 8 {
				if m := special(binary.LittleEndian.Uint64(b[j:])); m != 0 {
					j += bits.TrailingZeros64(m) >> 3
					break
				}
			}
			var v span
			if j < len(b) && b[j] == '"' {
				v, ok = span{uint32(s.i + 1), uint32(j)}, true
				s.i = j + 1
			} else {
				v, ok = s.strSpan()
			}
			if ok {
				s.fl.str[f] = v
				s.fl.set(f)
			}
		case fieldKinds[f] >= vInt8 && fieldKinds[f] <= vInt64:
			// Numbers too, in their common form (see smallInt).
			var n int64
			if n, ok = s.smallInt(fieldKinds[f]); ok {
				s.fl.num[f] = n
				s.fl.set(f)
			} else {
				ok = s.value(f)
			}
		default:
			ok = s.value(f)
		}
		if !ok {
			return false
		}
		s.skipWS()
		if s.i >= len(s.b) {
			return false
		}
		switch s.b[s.i] {
		case ',':
			s.i++
			s.skipWS()
		case '}':
			s.i++
			s.depth--
			return true
		default:
			return false
		}
	}
}

// maxShape is how many keys per line the key prediction remembers; real
// lines have at most 14, counting the accessor's.
const maxShape = 32

// keyLits are the keys as they open a member in compact JSON.
var keyLits = func() (l [numFields]string) {
	for f, name := range fieldNames {
		if i := strings.LastIndexByte(name, '.'); i >= 0 && field(f) != fBundleName {
			name = name[i+1:] // accessor.identifier is "identifier" inside accessor
		}
		l[f] = `"` + name + `":`
	}
	return l
}()

// keyWords are keyLits as words, so that a predicted key is checked with
// a few word compares rather than a call to memequal, which in wasm is a
// byte loop behind a call.
var keyWords = func() (w [numFields]litWords) {
	for f, lit := range keyLits {
		w[f] = newLitWords(lit)
	}
	return w
}()

// litWords is a literal of 7 to 32 bytes as the little-endian words that
// cover it: at offsets 0, 8 and 16 (those that fit), and the last 8 bytes
// (for a 7-byte literal: 4-byte words at 0 and 3).
type litWords struct {
	n    int
	w    [3]uint64
	last uint64
}

func newLitWords(lit string) litWords {
	if len(lit) < 7 || len(lit) > 32 {
		panic("report: key literal of " + lit + " not between 7 and 32 bytes")
	}
	b := []byte(lit)
	l := litWords{n: len(b)}
	if len(b) < 8 {
		l.w[0], l.last = uint64(binary.LittleEndian.Uint32(b)), uint64(binary.LittleEndian.Uint32(b[len(b)-4:]))
		return l
	}
	for k := 0; k*8+8 <= len(b) && k < 3; k++ {
		l.w[k] = binary.LittleEndian.Uint64(b[k*8:])
	}
	l.last = binary.LittleEndian.Uint64(b[len(b)-8:])
	return l
}

// match returns the literal's length if b starts with it, else 0.
func (l *litWords) match(b []byte) int {
	n := l.n
	if len(b) < n {
		return 0
	}
	if n < 8 {
		if uint64(binary.LittleEndian.Uint32(b)) != l.w[0] || uint64(binary.LittleEndian.Uint32(b[n-4:])) != l.last {
			return 0
		}
		return n
	}
	if binary.LittleEndian.Uint64(b[n-8:]) != l.last || binary.LittleEndian.Uint64(b) != l.w[0] {
		return 0
	}
	if n > 16 && binary.LittleEndian.Uint64(b[8:]) != l.w[1] || n > 24 && binary.LittleEndian.Uint64(b[16:]) != l.w[2] {
		return 0
	}
	return n
}

// fieldCtx is the object a field's key belongs to: the accessor or
// broadcaster object for their members, numFields for the top level.
var fieldCtx = func() (c [numFields]field) {
	for f := range c {
		c[f] = numFields
	}
	c[fAccessorID], c[fAccessorType] = fAccessor, fAccessor
	c[fBroadcasterID] = fBroadcaster
	return c
}()

// subField maps a key inside accessor or broadcaster; known keys Backsight
// does not need give ok with f == numFields.
func (s *scanner) subField(key []byte) (f field, ok bool) {
	switch {
	case string(key) == "identifier" && s.sub == fAccessor:
		return fAccessorID, true
	case string(key) == "identifierType" && s.sub == fAccessor:
		return fAccessorType, true
	case string(key) == "identifier" && s.sub == fBroadcaster:
		return fBroadcasterID, true
	case string(key) == "identifierType" && s.sub == fBroadcaster:
		return numFields, true
	}
	return numFields, false
}

// value reads the value of a known field.
func (s *scanner) value(f field) bool {
	fl := s.fl
	c := s.b[s.i]
	if c == 'n' {
		if !s.lit("null") {
			return false
		}
		fl.clear(f)
		if f == fAccessor {
			fl.clear(fAccessorID)
			fl.clear(fAccessorType)
		} else if f == fBroadcaster {
			fl.clear(fBroadcasterID)
		}
		return true
	}
	switch fieldKinds[f] {
	case vString:
		if c == '"' {
			v, ok := s.strSpan()
			if !ok {
				return false
			}
			fl.str[f] = v
			fl.set(f)
			return true
		}
	case vBool:
		if c == 't' || c == 'f' {
			v := c == 't'
			if v && !s.lit("true") || !v && !s.lit("false") {
				return false
			}
			fl.outOfProcess = v
			fl.set(f)
			return true
		}
	case vInt8, vInt32, vInt64:
		if n, ok := s.smallInt(fieldKinds[f]); ok {
			fl.num[f] = n
			fl.set(f)
			return true
		}
		if c == '-' || c >= '0' && c <= '9' {
			lit, ok := s.number()
			if !ok {
				return false
			}
			if n, ok := parseInt(lit, fieldKinds[f]); ok {
				fl.num[f] = n
				fl.set(f)
			} else {
				fl.bad(f)
			}
			return true
		}
	case vObject:
		if c == '{' {
			// A repeated accessor replaces the earlier one as a whole.
			if f == fAccessor {
				fl.clear(fAccessorID)
				fl.clear(fAccessorType)
			} else {
				fl.clear(fBroadcasterID)
			}
			s.sub = f
			ok := s.object(false)
			if !ok {
				return false
			}
			fl.set(f)
			return true
		}
	}
	if f == fAccessor {
		fl.clear(fAccessorID)
		fl.clear(fAccessorType)
	} else if f == fBroadcaster {
		fl.clear(fBroadcasterID)
	}
	fl.bad(f)
	return s.skipValue()
}

// smallInt reads the common case of an integer value in one pass: up to
// 18 digits without sign, fraction or exponent, in the range of k, and
// followed by ',' or '}'. Anything else (ok false) is left to number
// and parseInt.
func (s *scanner) smallInt(k valueKind) (int64, bool) {
	b := s.b
	j, end := s.i, min(len(b), s.i+18)
	var n int64
	for ; j < end; j++ {
		d := b[j] - '0'
		if d > 9 {
			break
		}
		n = n*10 + int64(d)
	}
	if j == s.i || j >= len(b) || b[j] != ',' && b[j] != '}' || b[s.i] == '0' && j-s.i > 1 ||
		k == vInt8 && n >= 1<<7 || k == vInt32 && n >= 1<<31 {
		return 0, false
	}
	s.i = j
	return n, true
}

// parseInt reads an integer literal into the range of k, as
// encoding/json would into an int8, int32 or int64: no fraction, no
// exponent, no overflow.
func parseInt(lit []byte, k valueKind) (int64, bool) {
	neg := lit[0] == '-'
	if neg {
		lit = lit[1:]
	}
	var limit uint64
	switch k {
	case vInt8:
		limit = 1 << 7
	case vInt32:
		limit = 1 << 31
	default:
		limit = 1 << 63
	}
	var n uint64
	for _, c := range lit {
		if c < '0' || c > '9' {
			return 0, false
		}
		if n > (limit+9)/10 {
			return 0, false
		}
		n = n*10 + uint64(c-'0')
	}
	if neg {
		if n > limit {
			return 0, false
		}
		return -int64(n), true
	}
	if n >= limit {
		return 0, false
	}
	return int64(n), true
}

func (s *scanner) lit(w string) bool {
	if len(s.b)-s.i < len(w) || string(s.b[s.i:s.i+len(w)]) != w {
		return false
	}
	s.i += len(w)
	return true
}

// number checks a JSON number at s.i and returns its literal.
func (s *scanner) number() ([]byte, bool) {
	b, i := s.b, s.i
	start := i
	if i < len(b) && b[i] == '-' {
		i++
	}
	if i >= len(b) {
		return nil, false
	}
	switch {
	case b[i] == '0':
		i++
	case b[i] >= '1' && b[i] <= '9':
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
	default:
		return nil, false
	}
	if i < len(b) && b[i] == '.' {
		i++
		d := i
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
		if i == d {
			return nil, false
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		d := i
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
		if i == d {
			return nil, false
		}
	}
	s.i = i
	return b[start:i], true
}

// str reads a string at s.i (a '"') and returns its value: a slice of the
// line when it holds no escapes and only ASCII, else unescaped into
// scratch exactly as encoding/json does (invalid UTF-8 and lone
// surrogates become U+FFFD).
func (s *scanner) str() ([]byte, bool) {
	sp, ok := s.strSpan()
	if !ok {
		return nil, false
	}
	if sp.off&escBit != 0 {
		return s.scratch[sp.off&^escBit : sp.end : sp.end], true
	}
	return s.b[sp.off:sp.end], true
}

// strSpan is str returning where the value is (see span).
func (s *scanner) strSpan() (span, bool) {
	b := s.b
	start := s.i + 1
	j := start
	// Eight bytes at a time: one load, a few word operations and one
	// branch per word instead of four compares per byte (a loop of
	// single-byte compares is what made string scanning the hot spot,
	// natively and even more so in wasm).
	for ; j+8 <= len(b); j += 8 {
		if m := special(binary.LittleEndian.Uint64(b[j:])); m != 0 {
			j += bits.TrailingZeros64(m) >> 3
			if b[j] == '"' {
				s.i = j + 1
				return span{uint32(start), uint32(j)}, true
			}
			return s.slowStr(start)
		}
	}
	for ; j < len(b); j++ {
		c := b[j]
		if c == '"' {
			s.i = j + 1
			return span{uint32(start), uint32(j)}, true
		}
		if c == '\\' || c < 0x20 || c >= 0x80 {
			return s.slowStr(start)
		}
	}
	return span{}, false
}

const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// special returns a word whose lowest set bit is the high bit of the
// first byte of x (little-endian) that ends the fast string path: '"',
// '\\', a control byte (< 0x20) or a non-ASCII byte (>= 0x80). Bits above
// the first may be false positives (a borrow carries upwards), never
// bits below it, so only the lowest one is to be used.
func special(x uint64) uint64 {
	q := x ^ (ones * '"')
	e := x ^ (ones * '\\')
	return ((x - ones*0x20) | (q-ones)&^q | (e-ones)&^e | x) & highs
}

func (s *scanner) slowStr(start int) (span, bool) {
	b := s.b
	end := -1
	for j := start; j < len(b); j++ {
		c := b[j]
		switch {
		case c == '"':
			end = j
		case c < 0x20:
			return span{}, false
		case c == '\\':
			j++
			if j >= len(b) {
				return span{}, false
			}
			switch b[j] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				if j+4 >= len(b) {
					return span{}, false
				}
				for k := j + 1; k <= j+4; k++ {
					if unhex(b[k]) < 0 {
						return span{}, false
					}
				}
				j += 4
			default:
				return span{}, false
			}
		}
		if end >= 0 {
			break
		}
	}
	if end < 0 {
		return span{}, false
	}
	s.i = end + 1
	from := len(s.scratch)
	s.scratch = unquote(s.scratch, b[start:end])
	s.fl.esc = s.scratch
	return span{uint32(from) | escBit, uint32(len(s.scratch))}, true
}

func unhex(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c - 'a' + 10)
	case c >= 'A' && c <= 'F':
		return int(c - 'A' + 10)
	}
	return -1
}

func getu4(b []byte) rune {
	if len(b) < 6 || b[0] != '\\' || b[1] != 'u' {
		return -1
	}
	var r rune
	for _, c := range b[2:6] {
		h := unhex(c)
		if h < 0 {
			return -1
		}
		r = r*16 + rune(h)
	}
	return r
}

// unquote appends the value of the valid string body q to dst, following
// encoding/json's unquote rule for rule.
func unquote(dst, q []byte) []byte {
	for r := 0; r < len(q); {
		c := q[r]
		switch {
		case c == '\\':
			r++
			switch q[r] {
			case 'b':
				dst = append(dst, '\b')
			case 'f':
				dst = append(dst, '\f')
			case 'n':
				dst = append(dst, '\n')
			case 'r':
				dst = append(dst, '\r')
			case 't':
				dst = append(dst, '\t')
			case 'u':
				rr := getu4(q[r-1:])
				r += 5
				if utf16.IsSurrogate(rr) {
					rr1 := getu4(q[r:])
					if dec := utf16.DecodeRune(rr, rr1); dec != utf8.RuneError {
						r += 6
						dst = utf8.AppendRune(dst, dec)
						continue
					}
					rr = utf8.RuneError
				}
				dst = utf8.AppendRune(dst, rr)
				continue
			default: // '"', '\\', '/'
				dst = append(dst, q[r])
			}
			r++
		case c < utf8.RuneSelf:
			dst = append(dst, c)
			r++
		default:
			rr, size := utf8.DecodeRune(q[r:])
			if rr == utf8.RuneError && size == 1 {
				dst = utf8.AppendRune(dst, utf8.RuneError)
			} else {
				dst = append(dst, q[r:r+size]...)
			}
			r += size
		}
	}
	return dst
}

// skipValue validates any JSON value at s.i without extracting it.
func (s *scanner) skipValue() bool {
	base := s.depth
	for {
		if s.i >= len(s.b) {
			return false
		}
		// A value.
		switch c := s.b[s.i]; {
		case c == '{' || c == '[':
			if !s.push(c == '[') {
				return false
			}
			s.i++
			s.ws()
			if s.i < len(s.b) && (c == '{' && s.b[s.i] == '}' || c == '[' && s.b[s.i] == ']') {
				s.i++
				s.depth--
				break
			}
			if c == '{' {
				if !s.key() {
					return false
				}
			}
			continue
		case c == '"':
			if _, ok := s.str(); !ok {
				return false
			}
		case c == '-' || c >= '0' && c <= '9':
			if _, ok := s.number(); !ok {
				return false
			}
		case c == 't':
			if !s.lit("true") {
				return false
			}
		case c == 'f':
			if !s.lit("false") {
				return false
			}
		case c == 'n':
			if !s.lit("null") {
				return false
			}
		default:
			return false
		}
		// After a value: close containers or move to the next element.
		for {
			if s.depth == base {
				return true
			}
			s.ws()
			if s.i >= len(s.b) {
				return false
			}
			c := s.b[s.i]
			arr := s.inArray()
			if c == ',' {
				s.i++
				s.ws()
				if !arr && !s.key() {
					return false
				}
				break
			}
			if arr && c == ']' || !arr && c == '}' {
				s.i++
				s.depth--
				continue
			}
			return false
		}
	}
}

// key reads `"key" :` inside an object being skipped.
func (s *scanner) key() bool {
	if s.i >= len(s.b) || s.b[s.i] != '"' {
		return false
	}
	if _, ok := s.str(); !ok {
		return false
	}
	s.ws()
	if s.i >= len(s.b) || s.b[s.i] != ':' {
		return false
	}
	s.i++
	s.ws()
	return true
}
