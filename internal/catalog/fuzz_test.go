package catalog

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// FuzzLookup checks that any id, however hostile, gets a short, printable
// name in both languages and a valid purpose, and never panics.
func FuzzLookup(f *testing.F) {
	for _, s := range []string{
		"com.tencent.xin", "5Q4J53EFRC.com.sbb.ch", "terminusd/com.apple.AppStore",
		"companion_proxy", "<script>", "", "a/b/c", "/", "x/", "\xff", "com.apple.",
		strings.Repeat("A", 1000), "ABCDE12345.", "terminusd/5Q4J53EFRC.com.sbb.ch",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, id string) {
		a := Lookup(id)
		if a.Name == "" || a.NameZH == "" || !a.Purpose.Valid() {
			t.Fatalf("Lookup(%q) = %+v", id, a)
		}
		if a.Known {
			return // catalog names are checked by TestTable
		}
		if n := utf8.RuneCountInString(a.Name); n > maxNameRunes {
			t.Fatalf("Lookup(%q).Name has %d runes", id, n)
		}
		for _, r := range a.Name {
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != ' ' && r != '…' {
				t.Fatalf("Lookup(%q).Name = %q contains %q", id, a.Name, r)
			}
		}
		ok, en, zh := Expected(a, id)
		if en == "" || zh == "" || ok && a.Purpose == PurposeUnknown {
			t.Fatalf("Expected(%+v, %q) = %v, %q, %q", a, id, ok, en, zh)
		}
	})
}
