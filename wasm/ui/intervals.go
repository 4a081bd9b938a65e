package ui

import (
	"encoding/binary"
	"errors"
	"time"
)

// Intervals are the result's access intervals in columns. There can be a
// few hundred thousand of them: the Worker sends them as one compact
// binary block (EncodeIntervals) that the page reads with a single copy
// instead of walking a parsed JSON array field by field.
type Intervals struct {
	Apps, Cats []string // the string tables App and Cat index
	App        []uint32
	Cat        []uint16
	Begin, End []int64 // Unix milliseconds
	BeginOff   []int32 // the device's UTC offset in seconds at the begin
	EndOff     []int32
	Ms         []int64
	Flags      []uint8 // bits in FlagNames order
	File, Line []int32
}

// FlagNames are the result's interval flags, in bit order.
var FlagNames = []string{"open", "noBegin", "doubledBegin", "outOfProcess", "event"}

// IntervalRecord is one interval as the Worker has it.
type IntervalRecord struct {
	App, Category    string
	Begin, End       int64 // Unix milliseconds
	BeginOff, EndOff int32 // the device's UTC offset in seconds
	Ms               int64
	Flags            uint8 // bits in FlagNames order
	File, Line       int32
}

// FlagBits returns the bits of the named flags, in FlagNames order.
func FlagBits(names []string) uint8 {
	var bits uint8
	for _, f := range names {
		for bit, n := range FlagNames {
			if f == n {
				bits |= 1 << bit
			}
		}
	}
	return bits
}

// Len is the number of intervals.
func (iv *Intervals) Len() int {
	if iv == nil {
		return 0
	}
	return len(iv.Begin)
}

// BeginTime returns interval i's begin in the device's own clock.
func (iv *Intervals) BeginTime(i int) time.Time {
	return time.UnixMilli(iv.Begin[i]).In(zone(iv.BeginOff[i]))
}

// EndTime returns interval i's end in the device's own clock.
func (iv *Intervals) EndTime(i int) time.Time {
	return time.UnixMilli(iv.End[i]).In(zone(iv.EndOff[i]))
}

// AppOf and CatOf return interval i's app and category.
func (iv *Intervals) AppOf(i int) string { return iv.Apps[iv.App[i]] }
func (iv *Intervals) CatOf(i int) string { return iv.Cats[iv.Cat[i]] }

// FlagList returns interval i's flag names.
func (iv *Intervals) FlagList(i int) []string {
	var out []string
	for b, n := range FlagNames {
		if iv.Flags[i]&(1<<b) != 0 {
			out = append(out, n)
		}
	}
	return out
}

var zones = map[int32]*time.Location{}

// zone returns a fixed zone for an offset, shared: a report has a handful.
func zone(off int32) *time.Location {
	z, ok := zones[off]
	if !ok {
		z = time.FixedZone("", int(off))
		zones[off] = z
	}
	return z
}

const (
	intervalsMagic = "BSI1"
	recordSize     = 8 + 4 + 8 + 4 + 8 + 1 + 4 + 4 + 4 + 2
)

// EncodeIntervals writes recs in the binary form DecodeIntervals reads.
func EncodeIntervals(recs []IntervalRecord) []byte {
	// Each record's app and category as indices into string tables.
	var apps stringTable[uint32]
	var cats stringTable[uint16]
	type idx struct {
		app uint32
		cat uint16
	}
	ids := make([]idx, len(recs))
	for i := range recs {
		ids[i] = idx{apps.index(recs[i].App), cats.index(recs[i].Category)}
	}
	// The size is known but for the string tables: one allocation, not
	// a doubling per few thousand intervals.
	b := make([]byte, 0, len(intervalsMagic)+12+recordSize*len(recs)+64*(len(apps.list)+len(cats.list)))
	b = append(b, intervalsMagic...)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(recs)))
	for _, table := range [][]string{apps.list, cats.list} {
		b = binary.LittleEndian.AppendUint32(b, uint32(len(table)))
		for _, s := range table {
			b = binary.LittleEndian.AppendUint32(b, uint32(len(s)))
			b = append(b, s...)
		}
	}
	le := binary.LittleEndian
	for i := range recs {
		r := &recs[i]
		b = le.AppendUint64(b, uint64(r.Begin))
		b = le.AppendUint32(b, uint32(r.BeginOff))
		b = le.AppendUint64(b, uint64(r.End))
		b = le.AppendUint32(b, uint32(r.EndOff))
		b = le.AppendUint64(b, uint64(r.Ms))
		b = append(b, r.Flags)
		b = le.AppendUint32(b, uint32(r.File))
		b = le.AppendUint32(b, uint32(r.Line))
		b = le.AppendUint32(b, ids[i].app)
		b = le.AppendUint16(b, ids[i].cat)
	}
	return b
}

// stringTable numbers distinct strings in the order it meets them. In
// wasm a map lookup costs more than the rest of a record's encoding, and
// neighbouring records often share their app and category, so the last
// string is checked first.
type stringTable[T uint16 | uint32] struct {
	ids   map[string]T
	list  []string
	last  string
	lastI T
}

func (t *stringTable[T]) index(s string) T {
	if len(t.list) > 0 && s == t.last {
		return t.lastI
	}
	i, ok := t.ids[s]
	if !ok {
		if t.ids == nil {
			t.ids = map[string]T{}
		}
		i = T(len(t.list))
		t.ids[s] = i
		t.list = append(t.list, s)
	}
	t.last, t.lastI = s, i
	return i
}

var errIntervals = errors.New("the analysis sent damaged interval data; reload the page and try again")

// DecodeIntervals reads what EncodeIntervals wrote.
func DecodeIntervals(b []byte) (*Intervals, error) {
	d, err := NewIntervalDecoder(b)
	if err != nil {
		return nil, err
	}
	for !d.Done() {
		if err := d.Step(len(b)); err != nil {
			return nil, err
		}
	}
	return d.Intervals, nil
}

// IntervalDecoder reads what EncodeIntervals wrote a slice at a time, so
// that the page can draw frames in between: a 100 MB report's 150,000
// intervals in one go took the page's thread for up to 100 ms.
type IntervalDecoder struct {
	Intervals *Intervals // filled up to the records decoded so far
	recs      []byte
	next      int
}

// NewIntervalDecoder reads the header and the string tables of b and
// makes room for the records.
func NewIntervalDecoder(b []byte) (*IntervalDecoder, error) {
	if len(b) < 8 || string(b[:4]) != intervalsMagic {
		return nil, errIntervals
	}
	le := binary.LittleEndian
	n := int(le.Uint32(b[4:]))
	b = b[8:]
	var tables [2][]string
	for t := range tables {
		if len(b) < 4 {
			return nil, errIntervals
		}
		k := int(le.Uint32(b))
		b = b[4:]
		for range k {
			if len(b) < 4 {
				return nil, errIntervals
			}
			l := int(le.Uint32(b))
			if len(b) < 4+l {
				return nil, errIntervals
			}
			tables[t] = append(tables[t], string(b[4:4+l]))
			b = b[4+l:]
		}
	}
	if len(b) != n*recordSize {
		return nil, errIntervals
	}
	iv := &Intervals{Apps: tables[0], Cats: tables[1],
		App: make([]uint32, n), Cat: make([]uint16, n), Begin: make([]int64, n), End: make([]int64, n),
		BeginOff: make([]int32, n), EndOff: make([]int32, n), Ms: make([]int64, n), Flags: make([]uint8, n),
		File: make([]int32, n), Line: make([]int32, n)}
	return &IntervalDecoder{Intervals: iv, recs: b}, nil
}

// Done reports whether every record has been decoded.
func (d *IntervalDecoder) Done() bool { return d.next == d.Intervals.Len() }

// Step decodes up to max more records.
func (d *IntervalDecoder) Step(max int) error {
	le, iv := binary.LittleEndian, d.Intervals
	end := min(d.next+max, iv.Len())
	for i := d.next; i < end; i++ {
		r := d.recs[i*recordSize:]
		iv.Begin[i] = int64(le.Uint64(r))
		iv.BeginOff[i] = int32(le.Uint32(r[8:]))
		iv.End[i] = int64(le.Uint64(r[12:]))
		iv.EndOff[i] = int32(le.Uint32(r[20:]))
		iv.Ms[i] = int64(le.Uint64(r[24:]))
		iv.Flags[i] = r[32]
		iv.File[i] = int32(le.Uint32(r[33:]))
		iv.Line[i] = int32(le.Uint32(r[37:]))
		iv.App[i] = le.Uint32(r[41:])
		iv.Cat[i] = le.Uint16(r[45:])
		if int(iv.App[i]) >= len(iv.Apps) || int(iv.Cat[i]) >= len(iv.Cats) {
			return errIntervals
		}
	}
	d.next = end
	return nil
}

const listsMagic = "BSL1"

// EncodeLists writes lists of interval indices (each finding's) in the
// binary form DecodeLists reads: in a 100 MB report they are most of the
// findings' JSON, and slow to parse on the page's thread.
func EncodeLists(lists [][]int) []byte {
	b := []byte(listsMagic)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(lists)))
	for _, l := range lists {
		b = binary.LittleEndian.AppendUint32(b, uint32(len(l)))
		for _, v := range l {
			b = binary.LittleEndian.AppendUint32(b, uint32(v))
		}
	}
	return b
}

// DecodeLists reads what EncodeLists wrote.
func DecodeLists(b []byte) ([][]int, error) {
	if len(b) < 8 || string(b[:4]) != listsMagic {
		return nil, errIntervals
	}
	le := binary.LittleEndian
	n := int(le.Uint32(b[4:]))
	b = b[8:]
	if n > len(b)/4 {
		return nil, errIntervals
	}
	lists := make([][]int, n)
	for i := range lists {
		if len(b) < 4 {
			return nil, errIntervals
		}
		k := int(le.Uint32(b))
		b = b[4:]
		if k > len(b)/4 {
			return nil, errIntervals
		}
		l := make([]int, k)
		for j := range l {
			l[j] = int(le.Uint32(b[4*j:]))
		}
		lists[i] = l
		b = b[4*k:]
	}
	if len(b) != 0 {
		return nil, errIntervals
	}
	return lists, nil
}
