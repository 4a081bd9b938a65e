package report

import "unsafe"

// unsafeData is the address of a string's bytes, to check interning.
func unsafeData(s string) *byte { return unsafe.StringData(s) }
