package report

import (
	"errors"
	"maps"
	"slices"

	"backsight/internal/wire"
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
const fileMagic = "BSF2"

// EncodeFile writes f in the compact binary form (internal/wire) that
// DecodeFile reads. The strings records repeat (apps, domains, ...) are
// written once, where first used, and then as their number.
func EncodeFile(f *File) []byte {
	e := fileEncoder{index: map[string]uint64{}}
	w := &e.w
	for _, s := range []string{f.Name, f.Format, f.NotReport, f.NotReportZH} {
		w.Str(s)
	}
	for _, n := range []int{f.Lines, f.BadLines, f.Warnings, len(f.Access), len(f.Network), len(f.Messages), len(f.Unknown)} {
		w.Uint(uint64(n))
	}
	w.Int(f.Bytes)
	for _, k := range slices.Sorted(maps.Keys(f.Unknown)) {
		w.Str(k)
		w.Uint(uint64(f.Unknown[k]))
	}
	for _, m := range f.Messages {
		w.Uint(uint64(m.Line))
		w.Byte(byte(m.Severity))
		w.Str(m.Text)
		w.Str(m.Excerpt)
	}
	for i := range f.Access {
		a := &f.Access[i]
		e.shared(a.App)
		e.shared(a.AppType)
		e.shared(a.CategoryName)
		e.shared(a.KindName)
		e.shared(a.Broadcaster)
		w.Str(a.ID)
		w.Byte(byte(a.Category))
		w.Byte(byte(a.Kind))
		w.Byte(boolByte(a.OutOfProcess))
		e.time(a.Time)
		w.Int(int64(a.AccessCount))
		w.Uint(uint64(a.Pos.Line))
	}
	for i := range f.Network {
		n := &f.Network[i]
		e.shared(n.App)
		e.shared(n.Domain)
		e.shared(n.Context)
		e.shared(n.Owner)
		e.shared(n.InitiatedName)
		w.Byte(byte(n.Initiated))
		w.Byte(byte(n.DomainType))
		w.Byte(byte(n.Class))
		w.Byte(byte(n.ContextVer))
		e.time(n.First)
		e.time(n.Last)
		w.Int(n.Hits)
		w.Uint(uint64(n.Pos.Line))
	}
	return w.Bytes(fileMagic)
}

// fileEncoder numbers the shared strings as it meets them: 0 is "", 1 the
// first one met, and so on.
type fileEncoder struct {
	w     wire.Writer
	index map[string]uint64
	last  string // the previous shared string: records repeat it often
	lastI uint64
}

func (e *fileEncoder) time(t Time) {
	e.w.Int(t.Millis)
	e.w.Int(int64(t.Offset))
}

// shared writes a string records repeat as its number, followed at its
// first use by the string itself.
func (e *fileEncoder) shared(s string) {
	switch {
	case s == "":
		e.w.Uint(0)
	case s == e.last:
		e.w.Uint(e.lastI)
	default:
		i, ok := e.index[s]
		if !ok {
			i = uint64(len(e.index) + 1)
			e.index[s] = i
		}
		e.w.Uint(i)
		if !ok {
			e.w.Str(s)
		}
		e.last, e.lastI = s, i
	}
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
	r, err := wire.NewReader(b, fileMagic)
	if err != nil {
		return nil, errEncodedFile
	}
	table := []string{""} // the shared strings met so far
	shared := func() string {
		i := r.Uint()
		switch {
		case i < uint64(len(table)):
			return table[i]
		case i == uint64(len(table)):
			table = append(table, r.Str())
			return table[i]
		}
		r.Count() // past the end: marks the damage
		return ""
	}
	tm := func() Time { return Time{Millis: r.Int(), Offset: int32(r.Int())} }
	f := &File{Name: r.Str(), Format: r.Str(), NotReport: r.Str(), NotReportZH: r.Str()}
	f.Lines, f.BadLines, f.Warnings = int(r.Uint()), int(r.Uint()), int(r.Uint())
	nAccess, nNetwork, nMessages, nUnknown := r.Count(), r.Count(), r.Count(), r.Count()
	f.Bytes = r.Int()
	if nUnknown > 0 {
		f.Unknown = make(map[string]int, nUnknown)
	}
	for range nUnknown {
		k := r.Str()
		f.Unknown[k] = int(r.Uint())
	}
	for range nMessages {
		f.Messages = append(f.Messages, Message{File: f.Name, Line: int(r.Uint()), Severity: Severity(r.Byte()),
			Text: r.Str(), Excerpt: r.Str()})
	}
	if r.Err() != nil {
		return nil, errEncodedFile
	}
	f.Access = make([]Access, nAccess)
	for i := range f.Access {
		a := &f.Access[i]
		a.App, a.AppType, a.CategoryName, a.KindName, a.Broadcaster = shared(), shared(), shared(), shared(), shared()
		a.ID = r.Str()
		a.Category, a.Kind, a.OutOfProcess = Category(r.Byte()), Kind(r.Byte()), r.Byte() != 0
		a.Time = tm()
		a.AccessCount = int32(r.Int())
		a.Pos.Line = int32(r.Uint())
		if r.Err() != nil {
			return nil, errEncodedFile
		}
	}
	f.Network = make([]Network, nNetwork)
	for i := range f.Network {
		n := &f.Network[i]
		n.App, n.Domain, n.Context, n.Owner, n.InitiatedName = shared(), shared(), shared(), shared(), shared()
		n.Initiated, n.DomainType, n.Class, n.ContextVer = Initiated(r.Byte()), int8(r.Byte()), int8(r.Byte()), int8(r.Byte())
		n.First, n.Last = tm(), tm()
		n.Hits = r.Int()
		n.Pos.Line = int32(r.Uint())
		if r.Err() != nil {
			return nil, errEncodedFile
		}
	}
	if r.Close() != nil {
		return nil, errEncodedFile
	}
	return f, nil
}
