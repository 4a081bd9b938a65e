package report

import (
	"cmp"
	"encoding/binary"
	"math/bits"
	"slices"
	"strings"
	"unsafe"
)

// Merge combines files into one report: access records de-duplicated by
// identifier and kind, begins and ends paired into intervals, and the newest
// network record kept per key. Files that are not reports contribute nothing
// but stay listed.
//
// Weekly exports of one phone repeat the same access records: a record
// seen again in another file is the same record and is dropped silently,
// while a begin repeated inside one file is the real-file quirk and marks
// its interval DoubledBegin. Strings are shared across files, so merging
// many exports keeps one copy of each bundle id and domain.
func Merge(files ...*File) *Report {
	m := merger{r: &Report{Files: files}, files: files, strs: newStrTable()}
	m.fileEnds()
	m.access()
	m.network()
	return m.r
}

// merger holds Merge's working state. In the browser Merge runs in wasm on
// one thread, where Go maps keyed by strings, sorting structs of 160
// bytes and the write barriers of pointer-holding tables cost most of its
// time; so the access records are visited in place in a k-way merge of
// the files' runs, identifiers are found in a pointer-free hash table,
// and strings become small integers once.
type merger struct {
	r       *Report
	files   []*File
	fileEnd []int64 // the last timestamp of each file
	strs    strTable

	ids    idTable
	noID   map[accessKey]int32 // records without identifier (or of an unknown kind): the file first seen in
	states []idState
}

// fileEnds notes the last timestamp of each file: it bounds the intervals
// the file left open.
func (m *merger) fileEnds() {
	m.fileEnd = make([]int64, len(m.files))
	for fi, f := range m.files {
		end := int64(0)
		for i := range f.Access {
			end = max(end, f.Access[i].Time.Millis)
		}
		for i := range f.Network {
			end = max(end, f.Network[i].Last.Millis)
		}
		m.fileEnd[fi] = end
	}
}

// kindRank orders the kinds at one time: a begin before an end, so that
// zero-length intervals pair whatever the file order.
var kindRank = [...]uint8{KindOther: 1, KindBegin: 0, KindEnd: 2, KindEvent: 1}

func rankOf(k Kind) uint8 {
	if int(k) < len(kindRank) {
		return kindRank[k]
	}
	return 1
}

// before is the order in which access records are paired.
func before(a, b *Access) bool {
	return a.Time.Millis < b.Time.Millis || a.Time.Millis == b.Time.Millis && rankOf(a.Kind) < rankOf(b.Kind)
}

// runOrder returns the order of acc by time and rank, ties in file order:
// nil when acc is in order already, as real files are (time-ordered; at
// most a begin logged after an end of the same millisecond). Nearly
// sorted records are put in order by insertion; when that takes more
// moves than there are records, a sort does the rest.
func runOrder(acc []Access) []int32 {
	i := 1
	for i < len(acc) && !before(&acc[i], &acc[i-1]) {
		i++
	}
	if i >= len(acc) {
		return nil
	}
	perm := make([]int32, len(acc))
	for k := range perm {
		perm[k] = int32(k)
	}
	budget := len(acc)
	for ; i < len(perm); i++ {
		for j := i; j > 0 && before(&acc[perm[j]], &acc[perm[j-1]]); j-- {
			perm[j], perm[j-1] = perm[j-1], perm[j]
			if budget--; budget < 0 {
				slices.SortFunc(perm, func(x, y int32) int {
					a, b := &acc[x], &acc[y]
					return cmp.Or(cmp.Compare(a.Time.Millis, b.Time.Millis), cmp.Compare(rankOf(a.Kind), rankOf(b.Kind)), cmp.Compare(x, y))
				})
				return perm
			}
		}
	}
	return perm
}

// cursor walks one file's access records in order.
type cursor struct {
	acc    []Access
	perm   []int32 // nil: acc is in order
	next   int     // position in the order
	file   int32
	millis int64 // of the record at next
	rank   uint8
}

func (c *cursor) index() int {
	if c.perm != nil {
		return int(c.perm[c.next])
	}
	return c.next
}

// load caches the order key of the record at next; false at the end.
func (c *cursor) load() bool {
	if c.next >= len(c.acc) {
		return false
	}
	a := &c.acc[c.index()]
	c.millis, c.rank = a.Time.Millis, rankOf(a.Kind)
	return true
}

func (c *cursor) less(d *cursor) bool {
	return c.millis < d.millis || c.millis == d.millis && (c.rank < d.rank || c.rank == d.rank && c.file < d.file)
}

// access pairs the access records of all files in time order: a stable
// merge of the files' runs, ties going to the earlier file.
func (m *merger) access() {
	n := 0
	for _, f := range m.files {
		n += len(f.Access)
	}
	m.r.Intervals = make([]Interval, 0, n/2+1)
	m.ids = newIDTable(n)
	m.states = make([]idState, 0, n/2+1)

	// A min-heap of the files' cursors; with one file it is just a loop.
	h := make([]cursor, 0, len(m.files))
	for fi, f := range m.files {
		c := cursor{acc: f.Access, perm: runOrder(f.Access), file: int32(fi)}
		if c.load() {
			h = append(h, c)
		}
	}
	if len(h) == 1 {
		c := &h[0]
		for ; c.next < len(c.acc); c.next++ {
			m.visit(c.file, c.index())
		}
	} else {
		for i := len(h)/2 - 1; i >= 0; i-- {
			down(h, i)
		}
		for len(h) > 0 {
			c := &h[0]
			m.visit(c.file, c.index())
			c.next++
			if !c.load() {
				h[0] = h[len(h)-1]
				h = h[:len(h)-1]
			}
			down(h, 0)
		}
	}

	// An interval still open at export lasted at least until the last
	// timestamp of the newest file that holds its begin (not the merged
	// report's end: a later export that dropped the record says nothing).
	for i := range m.states {
		st := &m.states[i]
		if st.open {
			iv := &m.r.Intervals[st.begin]
			iv.End = Time{Millis: max(st.openEnd, iv.Begin.Millis), Offset: iv.Begin.Offset}
		}
	}
}

func down(h []cursor, i int) {
	for {
		l := 2*i + 1
		if l >= len(h) {
			return
		}
		if r := l + 1; r < len(h) && h[r].less(&h[l]) {
			l = r
		}
		if !h[l].less(&h[i]) {
			return
		}
		h[i], h[l] = h[l], h[i]
		i = l
	}
}

// accessKey identifies a record without identifier (not seen in real
// files) by its app, category, kind and time, and one of a kind Backsight
// does not know by identifier and kind.
type accessKey struct {
	id       string
	kind     Kind
	app, cat string
	millis   int64
}

// idState is what pairing knows about one access identifier.
type idState struct {
	file, idx int32    // a record with this identifier, for comparisons
	first     [4]int32 // by Kind: the file that kind was first seen in, -1 if not yet
	begin     int32    // the interval of its begin
	open      bool     // that interval has no end yet
	openEnd   int64    // the last time of the files holding its begin
}

// visit pairs the record files[fi].Access[i], the next in time order.
func (m *merger) visit(fi int32, i int) {
	a := &m.files[fi].Access[i]
	m.r.see(a.Time)
	pos := Pos{File: fi, Line: a.Pos.Line}
	var st *idState
	if a.ID == "" || int(a.Kind) >= len(st.first) {
		// A record is the same record in another file when its identifier
		// and kind match; a record without identifier when its app,
		// category, kind and time do.
		k := accessKey{id: a.ID, kind: a.Kind}
		if a.ID == "" {
			k.app, k.cat, k.millis = a.App, a.CategoryLabel(), a.Time.Millis
		}
		if m.noID == nil {
			m.noID = make(map[accessKey]int32)
		}
		if _, dup := m.noID[k]; dup {
			return
		}
		m.noID[k] = fi
	} else {
		st = m.state(a.ID, fi, i)
		if first := st.first[a.Kind]; first >= 0 {
			if a.Kind == KindBegin {
				if first == fi {
					m.r.Intervals[st.begin].Flags |= DoubledBegin
				}
				if st.open {
					st.openEnd = max(st.openEnd, m.fileEnd[fi])
				}
			}
			return
		}
		st.first[a.Kind] = fi
	}

	var oop IntervalFlag
	if a.OutOfProcess {
		oop = OutOfProcess
	}
	if a.Kind == KindEnd && st != nil && st.open {
		b := &m.r.Intervals[st.begin]
		b.End, b.Ends = a.Time, pos
		b.Flags = b.Flags&^Open | oop
		if b.Broadcaster == "" && a.Broadcaster != "" {
			b.Broadcaster = m.strs.str(a.Broadcaster)
		}
		st.open = false
		return
	}

	// The interval is filled in place, field by field: copying a whole
	// Interval in (append) takes the slow bulk write barrier whenever the
	// GC is marking, which in wasm is much of the time.
	n := len(m.r.Intervals)
	if n == cap(m.r.Intervals) {
		m.r.Intervals = append(m.r.Intervals, Interval{})
	} else {
		m.r.Intervals = m.r.Intervals[:n+1] // the slot is still zero
	}
	iv := &m.r.Intervals[n]
	iv.App, iv.ID = m.strs.str(a.App), a.ID
	if a.CategoryName != "" {
		iv.CategoryName = m.strs.str(a.CategoryName)
	}
	if a.Broadcaster != "" {
		iv.Broadcaster = m.strs.str(a.Broadcaster)
	}
	iv.Category, iv.Begin, iv.End, iv.Flags = a.Category, a.Time, a.Time, oop
	switch a.Kind {
	case KindBegin:
		iv.Flags |= Open
		iv.Begins = pos
		if st != nil {
			st.begin, st.open, st.openEnd = int32(n), true, m.fileEnd[fi]
		} else {
			// Without identifier nothing ends it.
			iv.End = Time{Millis: max(m.fileEnd[fi], a.Time.Millis), Offset: a.Time.Offset}
		}
	case KindEnd:
		iv.Flags |= NoBegin
		iv.Ends = pos
	default:
		iv.Flags |= Event
		iv.Begins, iv.Ends = pos, pos
	}
}

// state finds or adds the state of the identifier id, which the record
// files[fi].Access[i] holds.
func (m *merger) state(id string, fi int32, i int) *idState {
	h := m.ids.hash(id)
	mask := uint32(len(m.ids.slots) - 1)
	for s := uint32(h) & mask; ; s = (s + 1) & mask {
		sl := &m.ids.slots[s]
		if sl.st == 0 {
			m.states = append(m.states, idState{file: fi, idx: int32(i), first: [4]int32{-1, -1, -1, -1}})
			*sl = idSlot{hash: uint32(h >> 32), st: int32(len(m.states))}
			return &m.states[len(m.states)-1]
		}
		if sl.hash == uint32(h>>32) {
			st := &m.states[sl.st-1]
			if m.files[st.file].Access[st.idx].ID == id {
				return st
			}
		}
	}
}

// idTable maps identifiers to their idState: open addressing over a hash
// with a random seed (a crafted report cannot choose identifiers that
// collide), with slots that hold no pointers; the identifier itself is
// compared in the record that first had it.
type idTable struct {
	slots []idSlot
}

type idSlot struct {
	hash uint32 // the hash's upper half, checked before the identifier
	st   int32  // 1 + the index in merger.states; 0 for a free slot
}

// newIDTable makes a table for up to n identifiers, at most two thirds full.
func newIDTable(n int) idTable {
	size := 16
	for size < n+n/2 {
		size *= 2
	}
	return idTable{slots: make([]idSlot, size)}
}

// hash is hashBytes on s.
func (t *idTable) hash(s string) uint64 { return hashBytes(unsafe.Slice(unsafe.StringData(s), len(s))) }

// strTable numbers strings by address and keeps one copy of each. The
// parser already keeps one copy per file, so a string's address and
// length identify it without hashing its bytes. An address is only
// compared, never followed: the files keep the strings alive, and Go's
// heap does not move.
type strTable struct {
	list  []string // by number; 0 is ""
	canon []string // by number: the shared copy, "" until str asks
	m     map[string]string
	addrs []addrSlot // open addressing by address and length
	used  int
}

type addrSlot struct {
	p  uintptr
	n  int
	id uint32
}

func newStrTable() strTable {
	return strTable{list: []string{""}, canon: []string{""}, m: make(map[string]string), addrs: make([]addrSlot, 1024)}
}

// id returns the number of the string at s's address: equal strings at
// two addresses get two numbers.
func (t *strTable) id(s string) uint32 {
	if s == "" {
		return 0 // small enough to inline: most contexts are ""
	}
	return t.lookup(s)
}

func (t *strTable) lookup(s string) uint32 {
	p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
	mask := uint64(len(t.addrs) - 1)
	for k := addrHash(p, len(s)) & mask; ; k = (k + 1) & mask {
		e := &t.addrs[k]
		if e.p == p && e.n == len(s) {
			return e.id
		}
		if e.p == 0 {
			id := uint32(len(t.list))
			t.list = append(t.list, s)
			t.canon = append(t.canon, "")
			*e = addrSlot{p, len(s), id}
			if t.used++; 2*t.used > len(t.addrs) {
				t.rehash(2 * len(t.addrs))
			}
			return id
		}
	}
}

// reserve makes room for n more strings without growing.
func (t *strTable) reserve(n int) {
	t.list = slices.Grow(t.list, n)
	t.canon = slices.Grow(t.canon, n)
	size := len(t.addrs)
	for size < 2*(t.used+n) {
		size *= 2
	}
	if size > len(t.addrs) {
		t.rehash(size)
	}
}

func addrHash(p uintptr, n int) uint64 {
	h := (uint64(p) ^ uint64(n)<<48) * 0x9e3779b97f4a7c15
	return h ^ h>>29
}

func (t *strTable) rehash(size int) {
	old := t.addrs
	t.addrs = make([]addrSlot, size)
	mask := uint64(len(t.addrs) - 1)
	for _, e := range old {
		if e.p == 0 {
			continue
		}
		k := addrHash(e.p, e.n) & mask
		for t.addrs[k].p != 0 {
			k = (k + 1) & mask
		}
		t.addrs[k] = e
	}
}

// str returns the shared copy of s. It hashes s's bytes once per
// address, so it is for strings with few values: bundle ids, owners.
func (t *strTable) str(s string) string {
	id := t.id(s)
	if c := t.canon[id]; c != "" || id == 0 {
		return c
	}
	c, ok := t.m[s]
	if !ok {
		c = s
		t.m[s] = s
	}
	t.canon[id] = c
	return c
}

// prefixed is a string's first 8 bytes as a big-endian word (zero
// padded), which orders as the strings do up to a tie, and its index.
type prefixed struct {
	pre uint64
	i   int32
}

// sortStrings returns the indexes of strs in string order: a radix sort
// on the first 8 bytes, then a comparison sort within each run of equal
// prefixes (short: host names and bundle ids differ early). Comparing
// whole strings from the start, as a plain sort does, was the largest
// cost of Merge in wasm.
func sortStrings(strs []string) []int32 {
	a := make([]prefixed, len(strs))
	var count [8][256]int32
	for i, s := range strs {
		var pre uint64
		if len(s) >= 8 {
			pre = binary.BigEndian.Uint64([]byte(s[:8]))
		} else {
			for k := 0; k < 8; k++ {
				pre <<= 8
				if k < len(s) {
					pre |= uint64(s[k])
				}
			}
		}
		a[i] = prefixed{pre, int32(i)}
		for k := range count {
			count[k][byte(pre>>(8*k))]++
		}
	}
	b := make([]prefixed, len(strs))
	for k := range count {
		c := &count[k]
		if len(a) == 0 || c[byte(a[0].pre>>(8*k))] == int32(len(a)) {
			continue // all equal in this byte
		}
		sum := int32(0)
		for d, n := range c {
			c[d] = sum
			sum += n
		}
		for _, e := range a {
			d := byte(e.pre >> (8 * k))
			b[c[d]] = e
			c[d]++
		}
		a, b = b, a
	}
	for i := 0; i < len(a); {
		j := i + 1
		for j < len(a) && a[j].pre == a[i].pre {
			j++
		}
		if j-i > 1 {
			slices.SortFunc(a[i:j], func(x, y prefixed) int { return strings.Compare(strs[x.i], strs[y.i]) })
		}
		i = j
	}
	order := make([]int32, len(a))
	for i, e := range a {
		order[i] = e.i
	}
	return order
}

// The strings of a network key, by their place in netKey.str.
const (
	keyApp = iota
	keyDomain
	keyContext
	keyInitiatedName
	numKeyStrs
)

// netKey is NetworkKey with its strings as numbers in strTable, then
// as ranks in string order, so that keys compare as integers.
type netKey struct {
	str       [numKeyStrs]uint32
	initiated Initiated
}

func (a *netKey) compare(b *netKey) int {
	for f := range a.str {
		if a.str[f] != b.str[f] {
			return cmp.Compare(a.str[f], b.str[f])
		}
		if f == keyContext && a.initiated != b.initiated {
			return cmp.Compare(a.initiated, b.initiated)
		}
	}
	return 0
}

// packBits is the width of a packed network key and index; tests lower
// it to take the other path.
var packBits = 64

// netRef is where a network record is: its file and index.
type netRef struct{ file, idx int32 }

// network keeps the newest record per NetworkKey, sorted by key. Sorting
// first brings a key's records together, so no map is needed: of each
// run of equal keys the first record (in file order) with the latest
// Last is kept.
func (m *merger) network() {
	n := 0
	for _, f := range m.files {
		n += len(f.Network)
	}
	if n == 0 {
		return
	}
	m.strs.reserve(n)
	keys := make([]netKey, 0, n)
	refs := make([]netRef, 0, n)
	for fi, f := range m.files {
		for i := range f.Network {
			nr := &f.Network[i]
			m.r.see(nr.Last)
			m.r.see(nr.First)
			keys = append(keys, netKey{[numKeyStrs]uint32{m.strs.id(nr.App), m.strs.id(nr.Domain), m.strs.id(nr.Context),
				m.strs.id(nr.InitiatedName)}, nr.Initiated})
			refs = append(refs, netRef{int32(fi), int32(i)})
		}
	}
	order, canon := m.netOrder(keys)

	groups := 0
	for g := range order {
		if g == 0 || keys[order[g]] != keys[order[g-1]] {
			groups++
		}
	}
	out := make([]Network, groups)
	for g, o := 0, 0; g < len(order); o++ {
		best := order[g]
		last := m.netRecord(refs[best]).Last.Millis
		h := g + 1
		for ; h < len(order) && keys[order[h]] == keys[order[g]]; h++ {
			if l := m.netRecord(refs[order[h]]).Last.Millis; l > last {
				best, last = order[h], l
			}
		}
		g = h
		ref, k := refs[best], &keys[best]
		nr := &out[o]
		*nr = *m.netRecord(ref)
		nr.Pos.File = ref.file
		// Bundle ids through str, to share them with the intervals.
		nr.App, nr.Domain = m.strs.str(nr.App), canon[keyDomain][k.str[keyDomain]]
		nr.Context, nr.InitiatedName = canon[keyContext][k.str[keyContext]], canon[keyInitiatedName][k.str[keyInitiatedName]]
		nr.Owner = m.strs.str(nr.Owner)
	}
	m.r.Network = out
}

// netOrder turns the keys' string numbers into ranks, string by string
// (equal strings at two addresses get one rank), and returns the order of
// the keys, ties in file order, and each key string's values by rank, one
// copy each. Each string's ranks take as many bits as its distinct values
// need, so the whole key and the record's index usually fit in one word,
// and sorting is a plain sort of words.
func (m *merger) netOrder(keys []netKey) (order []int32, canon [numKeyStrs][]string) {
	var width [numKeyStrs]int
	mark := make([]uint32, len(m.strs.list))
	rank := make([]uint32, len(m.strs.list))
	ids := make([]uint32, 0, len(m.strs.list))
	strs := make([]string, 0, len(m.strs.list))
	for f := range numKeyStrs {
		ids, strs = ids[:0], strs[:0]
		for i := range keys {
			if id := keys[i].str[f]; mark[id] != uint32(f+1) {
				mark[id] = uint32(f + 1)
				ids = append(ids, id)
				strs = append(strs, m.strs.list[id])
			}
		}
		canon[f] = make([]string, 0, len(strs))
		r := -1
		for _, i := range sortStrings(strs) {
			if r < 0 || strs[i] != canon[f][r] {
				canon[f] = append(canon[f], strs[i])
				r++
			}
			rank[ids[i]] = uint32(r)
		}
		for i := range keys {
			keys[i].str[f] = rank[keys[i].str[f]]
		}
		width[f] = bits.Len(uint(r))
	}
	var maxInit Initiated
	for i := range keys {
		maxInit = max(maxInit, keys[i].initiated)
	}
	wInit := bits.Len8(uint8(maxInit))
	idxBits := bits.Len(uint(len(keys) - 1))
	order = make([]int32, len(keys))
	if width[keyApp]+width[keyDomain]+width[keyContext]+wInit+width[keyInitiatedName]+idxBits > packBits {
		for i := range order {
			order[i] = int32(i)
		}
		slices.SortFunc(order, func(a, b int32) int { return cmp.Or(keys[a].compare(&keys[b]), cmp.Compare(a, b)) })
		return order, canon
	}
	packed := make([]uint64, len(keys))
	sorted := true
	for i := range keys {
		k := &keys[i]
		v := uint64(k.str[keyApp])
		v = v<<width[keyDomain] | uint64(k.str[keyDomain])
		v = v<<width[keyContext] | uint64(k.str[keyContext])
		v = v<<wInit | uint64(k.initiated)
		v = v<<width[keyInitiatedName] | uint64(k.str[keyInitiatedName])
		v = v<<idxBits | uint64(i)
		packed[i] = v
		if i > 0 && v < packed[i-1] {
			sorted = false
		}
	}
	if !sorted {
		slices.Sort(packed)
	}
	mask := uint64(1)<<idxBits - 1
	for i, v := range packed {
		order[i] = int32(v & mask)
	}
	return order, canon
}

func (m *merger) netRecord(r netRef) *Network { return &m.files[r.file].Network[r.idx] }

func (r *Report) see(t Time) {
	if t.IsZero() {
		return
	}
	if r.Start.IsZero() || t.Millis < r.Start.Millis {
		r.Start = t
	}
	if r.End.IsZero() || t.Millis > r.End.Millis {
		r.End = t
	}
}
