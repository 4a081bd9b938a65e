package ui

import (
	"errors"

	"backsight/internal/wire"
)

// The findings travel from the Worker to the page in a compact binary
// form rather than as JSON: on a 100 MB report (860 findings, 2 MB of
// JSON) encoding/json took the Worker about 200 ms and reading the JSON
// the page's thread about 250 ms more. The form is internal/wire's.
// Finding.Intervals is not part of it: the interval lists go apart
// (EncodeLists).

const findingsMagic = "BSG1"

// EncodeFindings writes fs in the form DecodeFindingsFrom reads.
func EncodeFindings(fs []Finding) []byte {
	var w wire.Writer
	w.Uint(uint64(len(fs)))
	text := func(t Text) {
		w.Str(t.EN)
		w.Str(t.ZH)
	}
	for i := range fs {
		f := &fs[i]
		for _, s := range []string{f.App, f.Name, f.NameZH, f.Purpose, f.Category, f.Verdict, f.Confidence, f.First, f.Last} {
			w.Str(s)
		}
		w.Int(int64(f.Score))
		w.Int(int64(f.Count))
		w.Int(int64(f.NightCount))
		w.Int(f.TotalMs)
		text(f.Headline)
		text(f.CannotTell)
		text(f.Setting)
		if f.Expected != nil {
			w.Byte(1)
			text(*f.Expected)
		} else {
			w.Byte(0)
		}
		w.Uint(uint64(len(f.Rules)))
		for _, r := range f.Rules {
			w.Str(r)
		}
		w.Uint(uint64(len(f.Evidence)))
		for _, e := range f.Evidence {
			w.Str(e.Rule)
			text(e.Text)
		}
	}
	return w.Bytes(findingsMagic)
}

var errFindings = errors.New("the analysis sent damaged findings; reload the page and try again")

// DecodeFindingsFrom reads what EncodeFindings wrote.
func DecodeFindingsFrom(b []byte) ([]Finding, error) {
	r, err := wire.NewReader(b, findingsMagic)
	if err != nil {
		return nil, errFindings
	}
	text := func() Text { return Text{EN: r.Str(), ZH: r.Str()} }
	out := make([]Finding, r.Count())
	for i := range out {
		f := &out[i]
		for _, s := range []*string{&f.App, &f.Name, &f.NameZH, &f.Purpose, &f.Category, &f.Verdict, &f.Confidence, &f.First, &f.Last} {
			*s = r.Str()
		}
		f.Score, f.Count, f.NightCount, f.TotalMs = int(r.Int()), int(r.Int()), int(r.Int()), r.Int()
		f.Headline, f.CannotTell, f.Setting = text(), text(), text()
		if r.Byte() == 1 {
			t := text()
			f.Expected = &t
		}
		f.Rules = make([]string, r.Count())
		for j := range f.Rules {
			f.Rules[j] = r.Str()
		}
		if k := r.Count(); k > 0 {
			f.Evidence = make([]Evidence, k)
			for j := range f.Evidence {
				f.Evidence[j] = Evidence{Rule: r.Str(), Text: text()}
			}
		}
		if r.Err() != nil {
			return nil, errFindings
		}
	}
	if r.Close() != nil {
		return nil, errFindings
	}
	return out, nil
}
