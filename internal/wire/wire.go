// Package wire is the compact binary form in which Backsight's two wasm
// programs hand data to each other: numbers as varints, and every string's
// bytes in one block apart from the numbers, so that the reader turns the
// block into a single string and cuts each field from it, allocating once
// instead of once per string.
package wire

import (
	"encoding/binary"
	"errors"
)

// ErrDamaged is what a Reader reports for bytes no Writer wrote.
var ErrDamaged = errors.New("damaged data")

// Writer collects a message.
type Writer struct{ strs, nums []byte }

func (w *Writer) Uint(v uint64) { w.nums = binary.AppendUvarint(w.nums, v) }
func (w *Writer) Int(v int64)   { w.nums = binary.AppendVarint(w.nums, v) }

// Byte writes a small value as one byte.
func (w *Writer) Byte(b byte) { w.nums = append(w.nums, b) }

func (w *Writer) Str(s string) {
	w.Uint(uint64(len(s)))
	w.strs = append(w.strs, s...)
}

// Bytes returns the message after magic, which names its kind and layout.
func (w *Writer) Bytes(magic string) []byte {
	out := make([]byte, 0, len(magic)+binary.MaxVarintLen64+len(w.strs)+len(w.nums))
	out = append(out, magic...)
	out = binary.AppendUvarint(out, uint64(len(w.strs)))
	out = append(out, w.strs...)
	return append(out, w.nums...)
}

// Reader reads what a Writer wrote, in the same order. Past the end, or
// on a value out of range, it notes the damage (Err) and returns zero
// values from then on, so a caller checks once per record, not per field.
type Reader struct {
	strs string
	at   int
	nums []byte
	bad  bool
}

// NewReader starts reading b, which must begin with magic.
func NewReader(b []byte, magic string) (*Reader, error) {
	if len(b) < len(magic) || string(b[:len(magic)]) != magic {
		return nil, ErrDamaged
	}
	b = b[len(magic):]
	n, k := binary.Uvarint(b)
	if k <= 0 || n > uint64(len(b)-k) {
		return nil, ErrDamaged
	}
	return &Reader{strs: string(b[k : k+int(n)]), nums: b[k+int(n):]}, nil
}

func (r *Reader) Uint() uint64 {
	v, n := binary.Uvarint(r.nums)
	if n <= 0 {
		r.bad = true
		return 0
	}
	r.nums = r.nums[n:]
	return v
}

func (r *Reader) Int() int64 {
	v, n := binary.Varint(r.nums)
	if n <= 0 {
		r.bad = true
		return 0
	}
	r.nums = r.nums[n:]
	return v
}

func (r *Reader) Byte() byte {
	if len(r.nums) == 0 {
		r.bad = true
		return 0
	}
	b := r.nums[0]
	r.nums = r.nums[1:]
	return b
}

// Count reads a number of items that each take at least one byte, so a
// damaged count cannot make the caller allocate more than the message.
func (r *Reader) Count() int {
	v := r.Uint()
	if v > uint64(len(r.nums)) {
		r.bad = true
		return 0
	}
	return int(v)
}

func (r *Reader) Str() string {
	n := r.Uint()
	if n > uint64(len(r.strs)-r.at) {
		r.bad = true
		return ""
	}
	s := r.strs[r.at : r.at+int(n)]
	r.at += int(n)
	return s
}

// Err reports damage met so far.
func (r *Reader) Err() error {
	if r.bad {
		return ErrDamaged
	}
	return nil
}

// Close reports damage, or bytes left over: what was read is then not
// what was written.
func (r *Reader) Close() error {
	if r.bad || len(r.nums) != 0 || r.at != len(r.strs) {
		return ErrDamaged
	}
	return nil
}
