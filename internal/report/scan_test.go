package report

import (
	"encoding/binary"
	"math/bits"
	"math/rand/v2"
	"strings"
	"testing"
)

// firstSpecial is special's definition, one byte at a time.
func firstSpecial(w [8]byte) int {
	for i, c := range w {
		if c == '"' || c == '\\' || c < 0x20 || c >= 0x80 {
			return i
		}
	}
	return 8
}

// TestSpecial checks the word-at-a-time test against the byte loop on
// words built from the bytes around each class boundary, including the
// borrow cases (a control byte just below a quote).
func TestSpecial(t *testing.T) {
	edges := []byte{0x00, 0x01, 0x1f, 0x20, 0x21, '"', 0x23, 0x5b, '\\', 0x5d, 0x7f, 0x80, 0x81, 0xa2, 0xdc, 0xff, 'a'}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 200000 {
		var w [8]byte
		for k := range w {
			w[k] = edges[rng.IntN(len(edges))]
			if rng.IntN(3) == 0 {
				w[k] = byte(rng.IntN(256))
			}
		}
		got := 8
		if m := special(binary.LittleEndian.Uint64(w[:])); m != 0 {
			got = bits.TrailingZeros64(m) >> 3
		}
		if want := firstSpecial(w); got != want {
			t.Fatalf("special(%q) finds byte %d, want %d", w, got, want)
		}
	}
}

// TestLitWords: a key literal matches exactly itself at the start of a
// buffer, whatever follows, and nothing that differs in any byte.
func TestLitWords(t *testing.T) {
	for _, lit := range keyLits {
		l := newLitWords(lit)
		if got := l.match([]byte(lit + `"x"}`)); got != len(lit) {
			t.Errorf("%s: match = %d, want %d", lit, got, len(lit))
		}
		if got := l.match([]byte(lit[:len(lit)-1])); got != 0 {
			t.Errorf("%s: matched a shorter buffer", lit)
		}
		for i := range len(lit) {
			b := []byte(lit + "0")
			b[i] ^= 0x20
			if got := l.match(b); got != 0 {
				t.Errorf("%s: matched %q", lit, b)
			}
		}
	}
}

// TestKeyPrediction: the key order of the line before is only a guess.
// Each case is a file whose second line reuses, breaks or fakes the
// first line's key order; the scanner must read it as encoding/json does.
func TestKeyPrediction(t *testing.T) {
	bLine := withField(`"broadcaster":{"identifier":"com.apple.facetime","identifierType":"bundleID"}`)
	for _, c := range []struct{ name, second string }{
		{"same order", strings.Replace(aLine, "photos", "camera", 1)},
		{"other order", nLine},
		{"escaped key", strings.Replace(aLine, `"category"`, `"c\u0061tegory"`, 1)},
		{"space before colon", strings.Replace(aLine, `"category":`, `"category" :`, 1)},
		{"key as a prefix", strings.Replace(aLine, `"kind":`, `"kindness":`, 1)},
		{"key cut at the end", aLine[:strings.Index(aLine, `"type"`)+4]},
		{"accessor key in broadcaster", strings.Replace(aLine, `"accessor"`, `"broadcaster"`, 1)},
		{"broadcaster after accessor", bLine},
		{"identifier at the top", strings.Replace(aLine, `"accessor":{"identifier":"com.tencent.xin","identifierType":"bundleID"},`, `"identifier":"x","identifierType":"y",`, 1)},
		{"duplicate key", strings.Replace(aLine, `"kind":"intervalBegin"`, `"kind":"intervalBegin","kind":"intervalEnd"`, 1)},
		{"null accessor", strings.Replace(aLine, `{"identifier":"com.tencent.xin","identifierType":"bundleID"}`, `null`, 1)},
	} {
		t.Run(c.name, func(t *testing.T) {
			in := []byte(aLine + "\n" + c.second + "\n" + aLine + "\n" + bLine + "\n" + c.second + "\n")
			if d := diffFiles(parseBytes(c.name, in), refParse(c.name, in)); d != "" {
				t.Errorf("fast and reference parsers differ: %s", d)
			}
		})
	}
}
