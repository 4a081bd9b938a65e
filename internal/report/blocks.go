package report

import (
	"slices"
	"unsafe"
)

// blocks collects the records of one file in blocks that are filled and
// never moved; Close builds each final slice once. Appending to
// one slice instead copies every record several times (a large slice
// grows by 1.25x, so about four copies each) and leaves the old arrays
// as garbage: a third of the parse time and most of the allocations on a
// 100 MB report went there.
type blocks[T any] struct {
	full [][]T
	cur  []T
	n    int
}

// maxBlock caps a block's records (288 KB of networkRec); blocks start
// at minBlock and double, so that a short file does not pay for a large
// one (a 24 KB file's 72 network records took 192 slots from 64).
const (
	minBlock = 32
	maxBlock = 4096
)

// add returns the next slot, zeroed.
func (b *blocks[T]) add() *T {
	if len(b.cur) == cap(b.cur) {
		if b.cur != nil {
			b.full = append(b.full, b.cur)
		}
		b.cur = make([]T, 0, min(max(2*cap(b.cur), minBlock), maxBlock))
	}
	b.cur = b.cur[:len(b.cur)+1]
	b.n++
	return &b.cur[len(b.cur)-1]
}

// arena keeps the access identifiers, one per record and all different,
// in shared byte blocks: one allocation each (a 36-byte UUID takes a
// 48-byte slot) would cost more in wasm than reading the line, and the
// blocks hold no pointers for the GC to follow. A block stays alive
// while any of its strings does; its bytes are never written again once
// handed out.
type arena struct {
	full [][]byte
	cur  []byte
}

// arenaBlock is the largest block; a longer string gets its own. Blocks
// start at minArenaBlock and double, so a 24 KB file's two arenas take
// about 3 KB instead of 32 KB (allocated per parse, and so collected).
const (
	minArenaBlock = 1 << 10
	arenaBlock    = 16 << 10
)

// ref is where put stored a string.
type ref struct{ blk, off, n uint32 }

func (a *arena) put(b []byte) ref {
	if len(b) == 0 {
		return ref{}
	}
	if cap(a.cur)-len(a.cur) < len(b) {
		if a.cur != nil {
			a.full = append(a.full, a.cur)
		}
		a.cur = make([]byte, 0, max(min(2*cap(a.cur), arenaBlock), minArenaBlock, len(b)))
	}
	r := ref{uint32(len(a.full)), uint32(len(a.cur)), uint32(len(b))}
	a.cur = append(a.cur, b...)
	return r
}

// string stores b and returns it as a string.
func (a *arena) string(b []byte) string { return a.str(a.put(b)) }

func (a *arena) str(r ref) string {
	if r.n == 0 {
		return ""
	}
	blk := a.cur
	if int(r.blk) < len(a.full) {
		blk = a.full[r.blk]
	}
	return unsafe.String(&blk[r.off], r.n)
}

// accessRec and networkRec are Access and Network while the file is
// read: strings are handles and refs, so the records hold no pointers.
// The GC then neither scans the blocks nor runs write barriers when
// records are stored, which on a 100 MB report in wasm (where the GC
// runs on the one thread) was a third of the time.
type accessRec struct {
	app, appType, categoryName, kindName, broadcaster handle
	id                                                ref
	time                                              Time
	accessCount, line                                 int32
	category                                          Category
	kind                                              Kind
	outOfProcess                                      bool
}

type networkRec struct {
	app, domain, context, owner, initiatedName handle
	first, last                                Time
	hits                                       int64
	line                                       int32
	initiated                                  Initiated
	domainType, class, contextVer              int8
}

// accessRecords appends the collected access records to s as Access.
//
// Both conversions store field by field into the zeroed array. Appending
// a composite literal builds it on the stack and copies it in with
// typedmemmove, which while the GC is marking (a third of the records
// when parsing the wechat file) costs a call and a bulk write barrier per
// record, 4% of the parse; single stores take the inline barrier.
func (p *Parser) accessRecords(s []Access) []Access {
	s, out := grow(s, p.accs.n)
	str := p.strs.list
	k := 0
	for _, blk := range append(p.accs.full, p.accs.cur) {
		for i := range blk {
			r, d := &blk[i], &out[k]
			k++
			d.App, d.AppType, d.CategoryName = str[r.app], str[r.appType], str[r.categoryName]
			d.ID, d.KindName, d.Broadcaster = p.ids.str(r.id), str[r.kindName], str[r.broadcaster]
			d.Time, d.Pos.Line, d.AccessCount = r.time, r.line, r.accessCount
			d.Category, d.Kind, d.OutOfProcess = r.category, r.kind, r.outOfProcess
		}
	}
	p.accs = blocks[accessRec]{}
	return s
}

// networkRecords appends the collected network records to s as Network.
func (p *Parser) networkRecords(s []Network) []Network {
	s, out := grow(s, p.nets.n)
	str := p.strs.list
	k := 0
	for _, blk := range append(p.nets.full, p.nets.cur) {
		for i := range blk {
			r, d := &blk[i], &out[k]
			k++
			d.App, d.Domain, d.Context, d.Owner = str[r.app], str[r.domain], str[r.context], str[r.owner]
			d.InitiatedName = str[r.initiatedName]
			d.First, d.Last, d.Hits, d.Pos.Line = r.first, r.last, r.hits, r.line
			d.Initiated, d.DomainType, d.Class, d.ContextVer = r.initiated, r.domainType, r.class, r.contextVer
		}
	}
	p.nets = blocks[networkRec]{}
	return s
}

// grow extends s by n zeroed elements and returns it and the new part.
func grow[T any](s []T, n int) (all, added []T) {
	if s == nil {
		// make zeroes the array once; slices.Grow would zero it twice (in
		// the allocation and again as the appended part).
		s = make([]T, n)
		return s, s
	}
	s = slices.Grow(s, n)
	all = s[:len(s)+n]
	return all, all[len(s):]
}
