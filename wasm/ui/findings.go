package ui

import (
	"encoding/binary"
	"errors"
)

// The findings travel from the Worker to the page in a compact binary
// form rather than as JSON: on a 100 MB report (860 findings, 2 MB of
// JSON) encoding/json took the Worker about 200 ms and reading the JSON
// the page's thread about 250 ms more. Strings are written once each,
// lengths and numbers as varints; the page turns the whole block into
// one string and cuts every field from it, so decoding allocates per
// finding, not per field. Finding.Intervals is not part of it: the
// interval lists go apart (EncodeLists).

const findingsMagic = "BSG1"

// EncodeFindings writes fs in the form DecodeFindingsFrom reads.
func EncodeFindings(fs []Finding) []byte {
	var w binWriter
	w.uint(uint64(len(fs)))
	for i := range fs {
		f := &fs[i]
		for _, s := range []string{f.App, f.Name, f.NameZH, f.Purpose, f.Category, f.Verdict, f.Confidence, f.First, f.Last} {
			w.str(s)
		}
		w.int(int64(f.Score))
		w.int(int64(f.Count))
		w.int(int64(f.NightCount))
		w.int(f.TotalMs)
		w.text(f.Headline)
		w.text(f.CannotTell)
		w.text(f.Setting)
		if f.Expected != nil {
			w.uint(1)
			w.text(*f.Expected)
		} else {
			w.uint(0)
		}
		w.uint(uint64(len(f.Rules)))
		for _, r := range f.Rules {
			w.str(r)
		}
		w.uint(uint64(len(f.Evidence)))
		for _, e := range f.Evidence {
			w.str(e.Rule)
			w.text(e.Text)
		}
	}
	out := append([]byte(findingsMagic), binary.AppendUvarint(nil, uint64(len(w.strs)))...)
	return append(append(out, w.strs...), w.nums...)
}

var errFindings = errors.New("the analysis sent damaged findings; reload the page and try again")

// DecodeFindingsFrom reads what EncodeFindings wrote.
func DecodeFindingsFrom(b []byte) ([]Finding, error) {
	if len(b) < len(findingsMagic) || string(b[:len(findingsMagic)]) != findingsMagic {
		return nil, errFindings
	}
	b = b[len(findingsMagic):]
	n, k := binary.Uvarint(b)
	if k <= 0 || n > uint64(len(b)-k) {
		return nil, errFindings
	}
	r := binReader{strs: string(b[k : k+int(n)]), nums: b[k+int(n):]}
	out := make([]Finding, r.count())
	for i := range out {
		f := &out[i]
		for _, s := range []*string{&f.App, &f.Name, &f.NameZH, &f.Purpose, &f.Category, &f.Verdict, &f.Confidence, &f.First, &f.Last} {
			*s = r.str()
		}
		f.Score, f.Count, f.NightCount, f.TotalMs = int(r.int()), int(r.int()), int(r.int()), r.int()
		f.Headline, f.CannotTell, f.Setting = r.text(), r.text(), r.text()
		if r.uint() == 1 {
			t := r.text()
			f.Expected = &t
		}
		f.Rules = make([]string, r.count())
		for j := range f.Rules {
			f.Rules[j] = r.str()
		}
		if k := r.count(); k > 0 {
			f.Evidence = make([]Evidence, k)
			for j := range f.Evidence {
				f.Evidence[j] = Evidence{Rule: r.str(), Text: r.text()}
			}
		}
		if r.bad {
			return nil, errFindings
		}
	}
	if len(r.nums) != 0 || r.at != len(r.strs) {
		return nil, errFindings
	}
	return out, nil
}

// binWriter collects strings' bytes and numbers (string lengths among
// them) apart, so that the reader can take all strings as one.
type binWriter struct{ strs, nums []byte }

func (w *binWriter) uint(v uint64) { w.nums = binary.AppendUvarint(w.nums, v) }
func (w *binWriter) int(v int64)   { w.nums = binary.AppendVarint(w.nums, v) }
func (w *binWriter) str(s string) {
	w.uint(uint64(len(s)))
	w.strs = append(w.strs, s...)
}
func (w *binWriter) text(t Text) {
	w.str(t.EN)
	w.str(t.ZH)
}

// binReader reads what a binWriter wrote; past the end, or on a value out
// of range, it sets bad and returns zero values.
type binReader struct {
	strs string
	at   int
	nums []byte
	bad  bool
}

func (r *binReader) uint() uint64 {
	v, n := binary.Uvarint(r.nums)
	if n <= 0 {
		r.bad = true
		return 0
	}
	r.nums = r.nums[n:]
	return v
}

func (r *binReader) int() int64 {
	v, n := binary.Varint(r.nums)
	if n <= 0 {
		r.bad = true
		return 0
	}
	r.nums = r.nums[n:]
	return v
}

// count reads a number of items, each of which takes at least a byte.
func (r *binReader) count() int {
	v := r.uint()
	if v > uint64(len(r.nums)) {
		r.bad = true
		return 0
	}
	return int(v)
}

func (r *binReader) str() string {
	n := r.uint()
	if n > uint64(len(r.strs)-r.at) {
		r.bad = true
		return ""
	}
	s := r.strs[r.at : r.at+int(n)]
	r.at += int(n)
	return s
}

func (r *binReader) text() Text { return Text{EN: r.str(), ZH: r.str()} }
