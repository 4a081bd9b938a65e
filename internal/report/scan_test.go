package report

import (
	"encoding/binary"
	"math/bits"
	"math/rand/v2"
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
