package report

// indexNL finds the next newline; in wasm a word at a time is faster than
// bytes.IndexByte, a loop over single bytes there.
func indexNL(b []byte) int { return indexNLWords(b) }
