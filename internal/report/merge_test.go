package report

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"

	"backsight/internal/sample"
)

// diffReports describes the first difference between two merges.
func diffReports(a, b *Report) string {
	switch {
	case a.Start != b.Start || a.End != b.End:
		return fmt.Sprintf("start, end %v %v vs %v %v", a.Start, a.End, b.Start, b.End)
	case len(a.Intervals) != len(b.Intervals) || len(a.Network) != len(b.Network):
		return fmt.Sprintf("%d/%d intervals, %d/%d network", len(a.Intervals), len(b.Intervals), len(a.Network), len(b.Network))
	case (a.Network == nil) != (b.Network == nil):
		return fmt.Sprintf("network nil %v vs %v", a.Network == nil, b.Network == nil)
	}
	for i := range a.Intervals {
		if a.Intervals[i] != b.Intervals[i] {
			return fmt.Sprintf("interval %d: %+v vs %+v", i, a.Intervals[i], b.Intervals[i])
		}
	}
	for i := range a.Network {
		if a.Network[i] != b.Network[i] {
			return fmt.Sprintf("network %d: %+v vs %+v", i, a.Network[i], b.Network[i])
		}
	}
	if !reflect.DeepEqual(a.Files, b.Files) {
		return "files differ"
	}
	return ""
}

// splitLines cuts data into n overlapping pieces at line boundaries, as
// weekly exports of one phone overlap.
func splitLines(data []byte, n int) [][]byte {
	lines := bytes.SplitAfter(data, []byte("\n"))
	var out [][]byte
	for k := range n {
		from, to := k*len(lines)/(n+1), (k+2)*len(lines)/(n+1)
		out = append(out, bytes.Join(lines[from:min(to, len(lines))], nil))
	}
	return out
}

// TestMergeDifferential holds Merge to refMerge (the simple sort-and-map
// version) on the corpus, generated reports cut into overlapping exports,
// and files built to hit the slow paths: records out of order, without
// identifier, of unknown kinds, and network keys repeated within a file.
func TestMergeDifferential(t *testing.T) {
	var corpus []*File
	for _, c := range corpusFigures {
		corpus = append(corpus, parseBytes(c.file, readCorpus(t, c.file)))
	}
	var gen bytes.Buffer
	if err := sample.Generate(&gen, 3<<20, 7); err != nil {
		t.Fatal(err)
	}
	var pieces []*File
	for i, b := range splitLines(gen.Bytes(), 3) {
		pieces = append(pieces, parseBytes(fmt.Sprint("piece", i), b))
	}
	bundled := parseBytes("sample", sample.Report())

	cases := map[string][]*File{
		"generated pieces":             pieces,
		"generated pieces, reversed":   {pieces[2], pieces[1], pieces[0]},
		"generated pieces, repeated":   {pieces[0], pieces[1], pieces[0], pieces[2], pieces[1]},
		"bundled sample":               {bundled},
		"corpus, all":                  corpus,
		"corpus, 2025 twice":           append(corpus[5:], corpus[5:]...),
		"corpus, 2025 reversed":        {corpus[8], corpus[7], corpus[6], corpus[5]},
		"shuffled access":              {shuffled(corpus[4], 1, len(corpus[4].Access))},
		"a few swaps":                  {shuffled(corpus[5], 2, 20)},
		"shuffled and in order":        {corpus[6], shuffled(corpus[6], 3, len(corpus[6].Access))},
		"without identifiers":          {withoutIDs(corpus[7]), withoutIDs(corpus[8])},
		"unknown kinds":                {oddKinds(corpus[4])},
		"network keys repeated":        {repeatedNetwork(corpus[3])},
		"network keys repeated, twice": {repeatedNetwork(corpus[3]), corpus[3]},
		"nothing":                      {},
		"empty file":                   {parseBytes("empty", nil)},
	}
	for _, c := range corpusFigures {
		cases["corpus "+c.file] = []*File{parseBytes(c.file, readCorpus(t, c.file))}
	}
	for name, files := range cases {
		t.Run(name, func(t *testing.T) {
			if d := diffReports(Merge(files...), refMerge(files...)); d != "" {
				t.Error(d)
			}
		})
	}
	// Network keys too wide to pack into a word are sorted by comparison.
	defer func(b int) { packBits = b }(packBits)
	packBits = 0
	for _, name := range []string{"corpus, all", "network keys repeated, twice", "generated pieces, repeated"} {
		t.Run(name+", keys not packed", func(t *testing.T) {
			if d := diffReports(Merge(cases[name]...), refMerge(cases[name]...)); d != "" {
				t.Error(d)
			}
		})
	}
}

// shuffled returns f with swaps random pairs of its access records swapped.
func shuffled(f *File, seed uint64, swaps int) *File {
	g := *f
	g.Access = append([]Access(nil), f.Access...)
	rng := rand.New(rand.NewPCG(seed, 1))
	for range swaps {
		i, j := rng.IntN(len(g.Access)), rng.IntN(len(g.Access))
		g.Access[i], g.Access[j] = g.Access[j], g.Access[i]
	}
	return &g
}

// withoutIDs returns f with every third access record's identifier removed.
func withoutIDs(f *File) *File {
	g := *f
	g.Access = append([]Access(nil), f.Access...)
	for i := 0; i < len(g.Access); i += 3 {
		g.Access[i].ID = ""
	}
	return &g
}

// oddKinds returns f with some kinds changed to KindOther, KindEvent and
// a value outside the enum.
func oddKinds(f *File) *File {
	g := *f
	g.Access = append([]Access(nil), f.Access...)
	for i := 0; i < len(g.Access); i += 5 {
		g.Access[i].Kind = Kind(i / 5 % 5 * 2 % 7)
	}
	return &g
}

// repeatedNetwork returns f with its network records repeated, some with
// a later Last, in another order.
func repeatedNetwork(f *File) *File {
	g := *f
	g.Network = append([]Network(nil), f.Network...)
	for i, n := range f.Network {
		if i%2 == 0 {
			n.Last.Millis += int64(i%3) - 1
			n.Hits++
			g.Network = append(g.Network, n)
		}
	}
	return &g
}

// TestRunOrder: the order of one file's records is by time, begins
// before ends at one time, ties in file order, on either path (insertion
// and the sort once insertion is over budget).
func TestRunOrder(t *testing.T) {
	at := func(millis int64, k Kind) Access { return Access{Time: Time{Millis: millis}, Kind: k} }
	tests := []struct {
		name string
		acc  []Access
		want []int32 // nil: in order already
	}{
		{"empty", nil, nil},
		{"in order", []Access{at(1, KindBegin), at(1, KindEvent), at(1, KindEnd), at(2, KindEnd)}, nil},
		{"end before begin at one time", []Access{at(1, KindEnd), at(1, KindBegin)}, []int32{1, 0}},
		{"ties stay in file order", []Access{at(2, KindBegin), at(1, KindEnd), at(1, KindEnd), at(1, KindOther), at(1, KindEvent)},
			[]int32{3, 4, 1, 2, 0}},
		{"reversed (over budget)", []Access{at(5, KindEnd), at(4, KindEnd), at(3, KindEnd), at(2, KindEnd), at(1, KindEnd), at(1, KindEnd)},
			[]int32{4, 5, 3, 2, 1, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := runOrder(tt.acc); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("runOrder = %v, want %v", got, tt.want)
			}
		})
	}
}
