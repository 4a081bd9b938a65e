package report

import (
	"encoding/binary"
	"errors"
	"maps"
	"slices"
)

// A large file can be read in two parts at once, on two threads: the
// first by an ordinary Parser up to a line boundary, the rest by a part
// parser, whose File is then encoded (EncodeFile), handed over, decoded
// (DecodeFile) and appended to the first (Append). The result is the
// File one Parser would have read, line numbers included.

// NewPartParser starts reading the part of the file called name that
// begins right after a line boundary which is not the file's start. The
// caller has checked with AtPartBoundary that the part before it was a
// plain report with records, so the kind of file is not sniffed again
// and the part is never declared "not a report"; its lines are numbered
// from 1, which Append shifts.
func NewPartParser(name string) *Parser {
	p := NewParser(name)
	p.mode = modeLines
	p.seenLine = true
	p.records = 1 // stands for the first part's records: see above
	return p
}

// AtPartBoundary reports whether the bytes written so far end with a
// complete line of a plain ndjson report (not gzip, not the iOS 15 beta
// shapes, not inside an over-long line) that holds records: then the rest
// of the file, read by NewPartParser from here, appends exactly.
func (p *Parser) AtPartBoundary() bool {
	return p.mode == modeLines && !p.skipping && len(p.pending) == 0 && !p.afterSect &&
		p.records > 0 && p.f.Format == "v4"
}

// Append adds part, the File a part parser read from where f ends, to f:
// records, counts and messages, with part's line numbers shifted past f's
// lines. Messages stay bounded as one Parser bounds them (the first
// maxMessages); so does Unknown, except that when both parts hold new
// kinds of unknown values, which of them count under "other" can differ.
func (f *File) Append(part *File) {
	shift := int32(f.Lines)
	for i := range part.Access {
		part.Access[i].Pos.Line += shift
	}
	for i := range part.Network {
		part.Network[i].Pos.Line += shift
	}
	f.Access = append(f.Access, part.Access...)
	f.Network = append(f.Network, part.Network...)
	for _, m := range part.Messages {
		if len(f.Messages) == maxMessages {
			break
		}
		m.File, m.Line = f.Name, m.Line+int(shift)
		f.Messages = append(f.Messages, m)
	}
	for _, k := range slices.Sorted(maps.Keys(part.Unknown)) {
		if f.Unknown == nil {
			f.Unknown = make(map[string]int)
		}
		if _, ok := f.Unknown[k]; !ok && len(f.Unknown) >= maxUnknown {
			f.Unknown["other"] += part.Unknown[k]
			continue
		}
		f.Unknown[k] += part.Unknown[k]
	}
	f.Bytes += part.Bytes
	f.Lines += part.Lines
	f.BadLines += part.BadLines
	f.Warnings += part.Warnings
}

// fileMagic starts an encoded File; the digit is the layout's version.
const fileMagic = "BSF1"

// EncodeFile writes f in the compact binary form DecodeFile reads. The
// strings records repeat (apps, domains, ...) are written once in a
// table; every string's bytes go into one block that DecodeFile turns
// into a single string, so decoding allocates per table, not per record.
func EncodeFile(f *File) []byte {
	e := fileEncoder{index: map[string]uint64{}}
	e.head = append(e.head, fileMagic...)
	for _, s := range []string{f.Name, f.Format, f.NotReport, f.NotReportZH} {
		e.inline(s)
	}
	for _, n := range []int64{f.Bytes, int64(f.Lines), int64(f.BadLines), int64(f.Warnings),
		int64(len(f.Access)), int64(len(f.Network)), int64(len(f.Messages)), int64(len(f.Unknown))} {
		e.int(n)
	}
	for _, k := range slices.Sorted(maps.Keys(f.Unknown)) {
		e.inline(k)
		e.int(int64(f.Unknown[k]))
	}
	for _, m := range f.Messages {
		e.int(int64(m.Line))
		e.int(int64(m.Severity))
		e.inline(m.Text)
		e.inline(m.Excerpt)
	}
	for i := range f.Access {
		a := &f.Access[i]
		e.shared(a.App)
		e.shared(a.AppType)
		e.shared(a.CategoryName)
		e.shared(a.KindName)
		e.shared(a.Broadcaster)
		e.inline(a.ID)
		e.recs = append(e.recs, byte(a.Category), byte(a.Kind), boolByte(a.OutOfProcess))
		e.time(a.Time)
		e.int(int64(a.AccessCount))
		e.int(int64(a.Pos.Line))
	}
	for i := range f.Network {
		n := &f.Network[i]
		e.shared(n.App)
		e.shared(n.Domain)
		e.shared(n.Context)
		e.shared(n.Owner)
		e.shared(n.InitiatedName)
		e.recs = append(e.recs, byte(n.Initiated), byte(n.DomainType), byte(n.Class), byte(n.ContextVer))
		e.time(n.First)
		e.time(n.Last)
		e.int(n.Hits)
		e.int(int64(n.Pos.Line))
	}
	out := binary.AppendUvarint(e.head, uint64(len(e.table)))
	for _, s := range e.table {
		out = binary.AppendUvarint(out, uint64(len(s)))
	}
	out = binary.AppendUvarint(out, uint64(len(e.strs)))
	out = append(out, e.strs...)
	return append(out, e.recs...)
}

// fileEncoder collects an encoded File: the header, the shared strings'
// table, all strings' bytes and the records (with the header's counts,
// messages and inline strings' lengths).
type fileEncoder struct {
	head  []byte
	table []string
	index map[string]uint64
	last  string // the previous shared string: records repeat it often
	lastI uint64
	strs  []byte
	recs  []byte
}

func (e *fileEncoder) int(n int64) { e.recs = binary.AppendVarint(e.recs, n) }

func (e *fileEncoder) time(t Time) {
	e.int(t.Millis)
	e.int(int64(t.Offset))
}

// inline writes a string that is seldom repeated (an access identifier,
// a message) in place.
func (e *fileEncoder) inline(s string) {
	e.recs = binary.AppendUvarint(e.recs, uint64(len(s)))
	e.strs = append(e.strs, s...)
}

// shared writes a string that records repeat as its index in the table
// (0 is "").
func (e *fileEncoder) shared(s string) {
	var i uint64
	switch {
	case s == "":
	case s == e.last:
		i = e.lastI
	default:
		var ok bool
		if i, ok = e.index[s]; !ok {
			e.table = append(e.table, s)
			e.strs = append(e.strs, s...)
			i = uint64(len(e.table))
			e.index[s] = i
		}
		e.last, e.lastI = s, i
	}
	e.recs = binary.AppendUvarint(e.recs, i)
}

func boolByte(b bool) byte {
	if b {
		return 1
	}
	return 0
}

var errEncodedFile = errors.New("the encoded part of a file is damaged")

// DecodeFile reads what EncodeFile wrote.
func DecodeFile(b []byte) (*File, error) {
	if len(b) < len(fileMagic) || string(b[:len(fileMagic)]) != fileMagic {
		return nil, errEncodedFile
	}
	d := fileDecoder{b: b[len(fileMagic):]}
	table := make([]int, d.count(len(d.b)))
	for i := range table {
		table[i] = d.count(len(d.b))
	}
	n := d.count(len(d.b))
	if d.err || n > len(d.b) {
		return nil, errEncodedFile
	}
	d.strs, d.b = string(d.b[:n]), d.b[n:]
	// The table's strings come first in the block, in the order the
	// encoder met them, interleaved with inline strings; the encoder
	// wrote each table string when it first used it, so its place is
	// known only while reading the records. shared resolves them lazily.
	d.table = make([]string, len(table)+1)
	d.tableLen = table
	f := &File{Name: d.inline(), Format: d.inline(), NotReport: d.inline(), NotReportZH: d.inline()}
	f.Bytes = d.int()
	f.Lines, f.BadLines, f.Warnings = int(d.int()), int(d.int()), int(d.int())
	nAccess, nNetwork, nMessages, nUnknown := d.size(), d.size(), d.size(), d.size()
	if nUnknown > 0 {
		f.Unknown = make(map[string]int, nUnknown)
	}
	for range nUnknown {
		k := d.inline()
		f.Unknown[k] = int(d.int())
	}
	for range nMessages {
		f.Messages = append(f.Messages, Message{File: f.Name, Line: int(d.int()), Severity: Severity(d.int()),
			Text: d.inline(), Excerpt: d.inline()})
	}
	if d.err {
		return nil, errEncodedFile
	}
	f.Access = make([]Access, nAccess)
	for i := range f.Access {
		a := &f.Access[i]
		a.App, a.AppType, a.CategoryName, a.KindName, a.Broadcaster = d.shared(), d.shared(), d.shared(), d.shared(), d.shared()
		a.ID = d.inline()
		c := d.bytes(3)
		a.Category, a.Kind, a.OutOfProcess = Category(c[0]), Kind(c[1]), c[2] != 0
		a.Time = d.time()
		a.AccessCount = int32(d.int())
		a.Pos.Line = int32(d.int())
		if d.err {
			return nil, errEncodedFile
		}
	}
	f.Network = make([]Network, nNetwork)
	for i := range f.Network {
		n := &f.Network[i]
		n.App, n.Domain, n.Context, n.Owner, n.InitiatedName = d.shared(), d.shared(), d.shared(), d.shared(), d.shared()
		c := d.bytes(4)
		n.Initiated, n.DomainType, n.Class, n.ContextVer = Initiated(c[0]), int8(c[1]), int8(c[2]), int8(c[3])
		n.First, n.Last = d.time(), d.time()
		n.Hits = d.int()
		n.Pos.Line = int32(d.int())
		if d.err {
			return nil, errEncodedFile
		}
	}
	if len(d.b) != 0 || d.at != len(d.strs) {
		return nil, errEncodedFile
	}
	return f, nil
}

// fileDecoder reads an encoded File. A read past the end, or a value out
// of range, sets err and returns zero values from then on.
type fileDecoder struct {
	b        []byte
	strs     string   // every string's bytes, in the order written
	at       int      // the next unread byte of strs
	table    []string // the shared strings met so far; [0] is ""
	tableLen []int    // their lengths
	met      int      // how many of them have been met
	err      bool
	zero     [4]byte
}

func (d *fileDecoder) int() int64 {
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.err = true
		return 0
	}
	d.b = d.b[n:]
	return v
}

// count reads a non-negative number no larger than max.
func (d *fileDecoder) count(max int) int {
	v, n := binary.Uvarint(d.b)
	if n <= 0 || v > uint64(max) {
		d.err = true
		return 0
	}
	d.b = d.b[n:]
	return int(v)
}

// size reads a count of items that each take at least one byte.
func (d *fileDecoder) size() int {
	v := d.int()
	if v < 0 || v > int64(len(d.b)) {
		d.err = true
		return 0
	}
	return int(v)
}

func (d *fileDecoder) bytes(n int) []byte {
	if len(d.b) < n {
		d.err = true
		return d.zero[:n]
	}
	c := d.b[:n]
	d.b = d.b[n:]
	return c
}

func (d *fileDecoder) time() Time {
	return Time{Millis: d.int(), Offset: int32(d.int())}
}

// take returns the next n bytes of the string block.
func (d *fileDecoder) take(n int) string {
	if n > len(d.strs)-d.at {
		d.err = true
		return ""
	}
	s := d.strs[d.at : d.at+n]
	d.at += n
	return s
}

func (d *fileDecoder) inline() string { return d.take(d.count(len(d.strs))) }

func (d *fileDecoder) shared() string {
	i := d.count(len(d.table) - 1)
	switch {
	case i == 0 || d.err:
		return ""
	case i <= d.met:
		return d.table[i]
	case i == d.met+1: // first use: its bytes are next in the block
		d.met++
		d.table[i] = d.take(d.tableLen[i-1])
		return d.table[i]
	}
	d.err = true
	return ""
}
