package report

import "unsafe"

// blocks collects the records of one file in blocks that are filled and
// never moved, and builds the final slice once, at the end. Appending to
// one slice instead copies every record several times (a large slice
// grows by 1.25x, so about four copies each) and leaves the old arrays
// as garbage: a third of the parse time and most of the allocations on a
// 100 MB report went there.
type blocks[T any] struct {
	full [][]T
	cur  []T
	n    int
}

// maxBlock caps a block's records (about 600 KB of Access); blocks start
// small so that a short file does not pay for a large one.
const maxBlock = 4096

// add returns the next slot, zeroed.
func (b *blocks[T]) add() *T {
	if len(b.cur) == cap(b.cur) {
		if b.cur != nil {
			b.full = append(b.full, b.cur)
		}
		b.cur = make([]T, 0, min(max(2*cap(b.cur), 64), maxBlock))
	}
	b.cur = b.cur[:len(b.cur)+1]
	b.n++
	return &b.cur[len(b.cur)-1]
}

// take returns the records in order, exactly sized (nil for none), and
// empties b.
func (b *blocks[T]) take() []T {
	if b.n == 0 {
		return nil
	}
	all := make([]T, 0, b.n)
	for _, blk := range b.full {
		all = append(all, blk...)
	}
	all = append(all, b.cur...)
	*b = blocks[T]{}
	return all
}

// arena copies short strings into shared blocks: the access identifiers,
// one per record and all different, would otherwise be one allocation
// each (a 36-byte UUID takes a 48-byte slot), which in wasm costs more
// than reading the line. A block stays alive while any of its strings
// does; its bytes are never written again once handed out.
type arena struct{ buf []byte }

const (
	arenaBlock = 16 << 10
	arenaMax   = 128 // longer strings are allocated on their own
)

func (a *arena) str(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if len(b) > arenaMax {
		return string(b)
	}
	if cap(a.buf)-len(a.buf) < len(b) {
		a.buf = make([]byte, 0, arenaBlock)
	}
	start := len(a.buf)
	a.buf = append(a.buf, b...)
	return unsafe.String(&a.buf[start], len(b))
}
