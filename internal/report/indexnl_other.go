//go:build !wasm

package report

import "bytes"

// indexNL finds the next newline; natively bytes.IndexByte is vectorized.
func indexNL(b []byte) int { return bytes.IndexByte(b, '\n') }
