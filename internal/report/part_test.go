package report

import (
	"bytes"
	"fmt"
	"reflect"
	"testing"

	"backsight/internal/sample"
)

// partStart is where a part parser starts when a file is split near mid:
// right after the first newline at or after mid-1 (so a split that falls
// right after a newline starts there), or len(b) when there is none.
func partStart(b []byte, mid int) int {
	i := bytes.IndexByte(b[mid-1:], '\n')
	if i < 0 {
		return len(b)
	}
	return mid + i
}

// parseInParts reads b as two parts split near mid, the second handed
// over through EncodeFile and DecodeFile as the page's Workers do. ok is
// false when the first part does not end at a boundary a part can
// start from.
func parseInParts(t *testing.T, name string, b []byte, mid int) (f *File, ok bool) {
	t.Helper()
	start := partStart(b, mid)
	first := NewParser(name)
	for rest := b[:start]; len(rest) > 0; rest = rest[min(len(rest), 1<<20):] {
		first.Write(rest[:min(len(rest), 1<<20)])
	}
	if !first.AtPartBoundary() {
		return nil, false
	}
	second := NewPartParser(name)
	second.Write(b[start:])
	part, err := DecodeFile(EncodeFile(second.Close()))
	if err != nil {
		t.Fatalf("%s split at %d: %v", name, start, err)
	}
	f = first.Close()
	f.Append(part)
	return f, true
}

// TestParts: a file read in two parts is the File one Parser reads, for
// every corpus file, a generated report and hand-written ones with bad
// lines, unknown values and a missing final newline, split at many places.
func TestParts(t *testing.T) {
	var gen bytes.Buffer
	if err := sample.Generate(&gen, 1<<20, 7); err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{"generated": gen.Bytes(), "sample": sample.Report()}
	for _, c := range corpusFigures {
		files[c.file] = readCorpus(t, c.file)
	}
	access := `{"accessor":{"identifier":"com.example.a","identifierType":"bundleID"},"category":"photos","identifier":"ID%d","kind":"intervalBegin","timeStamp":"2024-05-01T03:00:0%d.000+02:00","type":"access"}`
	var hand bytes.Buffer
	for i := range 40 {
		switch i % 5 {
		case 1:
			hand.WriteString("{not json\n")
		case 2:
			fmt.Fprintf(&hand, `{"type":"access","category":"newThing%d","kind":"intervalBegin","timeStamp":"2024-05-01T03:00:00Z","identifier":"X%d","accessor":{"identifier":"a","identifierType":"bundleID"}}`+"\n", i, i)
		case 3:
			hand.WriteString("\r\n")
		default:
			fmt.Fprintf(&hand, access+"\n", i, i%10)
		}
	}
	hand.WriteString(fmt.Sprintf(access, 99, 9)) // no final newline
	files["hand-written"] = hand.Bytes()

	for name, b := range files {
		whole := parseBytes(name, b)
		splits := 0
		for k := 1; k < 12; k++ {
			mid := len(b) * k / 12
			got, ok := parseInParts(t, name, b, mid)
			if !ok {
				continue
			}
			splits++
			if !reflect.DeepEqual(got, whole) {
				t.Errorf("%s split near %d: the parts differ from the whole file (access %d/%d, network %d/%d, lines %d/%d, bad %d/%d, messages %d/%d)",
					name, mid, len(got.Access), len(whole.Access), len(got.Network), len(whole.Network),
					got.Lines, whole.Lines, got.BadLines, whole.BadLines, len(got.Messages), len(whole.Messages))
			}
		}
		if splits == 0 {
			t.Errorf("%s: no split point ended at a part boundary", name)
		}
	}
}

// TestPartBoundary: files a part cannot be split from say so.
func TestPartBoundary(t *testing.T) {
	for _, c := range []struct {
		name string
		b    []byte
	}{
		{"not a report", bytes.Repeat([]byte("hello world\n"), 1000)},
		{"inside a line", []byte(`{"type":"access","category":"photos"`)},
		{"gzip", []byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0}},
	} {
		p := NewParser(c.name)
		p.Write(c.b)
		if p.AtPartBoundary() {
			t.Errorf("%s: AtPartBoundary is true", c.name)
		}
	}
}

// TestEncodeFile: every corpus file survives EncodeFile and DecodeFile,
// and a damaged encoding is refused without a panic.
func TestEncodeFile(t *testing.T) {
	for _, c := range corpusFigures {
		f := parseBytes(c.file, readCorpus(t, c.file))
		enc := EncodeFile(f)
		got, err := DecodeFile(enc)
		if err != nil {
			t.Fatalf("%s: %v", c.file, err)
		}
		if !reflect.DeepEqual(got, f) {
			t.Errorf("%s: decoded File differs", c.file)
		}
	}
	enc := EncodeFile(parseBytes("sample", sample.Report()[:20000]))
	for n := range len(enc) {
		if _, err := DecodeFile(enc[:n]); err == nil {
			t.Fatalf("a file cut to %d of %d bytes was accepted", n, len(enc))
		}
	}
	bad := bytes.Clone(enc)
	for i := len(fileMagic); i < len(bad); i += 7 {
		bad[i] ^= 0xff
		DecodeFile(bad) // must not panic; it may or may not notice
		bad[i] ^= 0xff
	}
}

func FuzzDecodeFile(f *testing.F) {
	f.Add(EncodeFile(parseBytes("sample", sample.Report()[:4000])))
	f.Fuzz(func(t *testing.T, b []byte) {
		if got, err := DecodeFile(b); err == nil {
			if again, err := DecodeFile(EncodeFile(got)); err != nil || !reflect.DeepEqual(again, got) {
				t.Fatalf("a decoded File does not survive a second round: %v", err)
			}
		}
	})
}
