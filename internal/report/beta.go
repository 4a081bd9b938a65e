package report

// The iOS 15 betas ended the access section with an
// {"_marker":"<end-of-section>"} line and then wrote the network section
// as one JSON object keyed by bundle id, pretty-printed or on one line:
//
//	{
//	  "com.example.app" : [ {"domain":"...","hits":3,...}, ... ],
//	  ...
//	}
//
// That object can be far larger than maxLine, so betaNet streams it: a
// small state machine walks the outer object and arrays byte by byte and
// hands each record object (capped at maxLine, like a line) to the same
// scanner as a line. Nesting inside a record only moves a counter.

type bnState uint8

const (
	bnOpen      bnState = iota // before the outer '{'
	bnKeyOrEnd                 // a bundle id or the outer '}'
	bnKeyNext                  // a bundle id, after ','
	bnKey                      // inside the bundle id string
	bnColon                    // before ':'
	bnArray                    // before '['
	bnElemOrEnd                // a record or ']'
	bnElem                     // a record, after ','
	bnObject                   // inside a record
	bnAfterElem                // ',' or ']'
	bnAfterArr                 // ',' or the outer '}'
)

// maxBetaKey caps a bundle id; real ones are under 100 bytes.
const maxBetaKey = 4 << 10

type betaNet struct {
	st       bnState
	key      []byte
	obj      []byte
	overflow bool // the record is over maxLine: counted, not kept
	depth    int
	inStr    bool
	esc      bool
	objLine  int
	midLine  bool // bytes were fed since the last '\n'
	app      handle
}

// betaObjectStart reports whether a line opens the beta network object:
// a lone '{', or '{' followed by a quoted key, ':' and '['.
func betaObjectStart(b []byte) bool {
	i := 0
	ws := func() {
		for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n') {
			i++
		}
	}
	ws()
	if i >= len(b) || b[i] != '{' {
		return false
	}
	i++
	ws()
	if i == len(b) {
		return true
	}
	if b[i] != '"' {
		return false
	}
	for i++; i < len(b) && b[i] != '"'; i++ {
		if b[i] == '\\' {
			i++
		}
	}
	i++
	ws()
	if i >= len(b) || b[i] != ':' {
		return false
	}
	i++
	ws()
	return i < len(b) && b[i] == '['
}

func (p *Parser) startBetaNet() {
	p.mode = modeBetaNet
	p.afterSect = false
	p.seenLine = true
	p.bn = betaNet{key: p.bn.key[:0], obj: p.bn.obj[:0]}
}

// feed reads b and returns how many bytes it consumed: all of them,
// unless the object ended (or turned out malformed) inside b, in which
// case the parser is back in line mode for the rest.
func (bn *betaNet) feed(p *Parser, b []byte) int {
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c == '\n' {
			p.lineNo++
			p.f.Lines = p.lineNo
			bn.midLine = false
		} else {
			bn.midLine = true
		}
		if bn.st == bnObject {
			bn.objectByte(p, c)
			continue
		}
		if bn.st == bnKey {
			switch {
			case bn.esc:
				bn.esc = false
			case c == '\\':
				bn.esc = true
			case c == '"':
				bn.app = p.strs.get(unquote(nil, bn.key))
				bn.st = bnColon
				continue
			case c < 0x20:
				return bn.fail(p, b, i)
			}
			if len(bn.key) >= maxBetaKey {
				return bn.fail(p, b, i)
			}
			bn.key = append(bn.key, c)
			continue
		}
		if c == ' ' || c == '\t' || c == '\r' || c == '\n' {
			continue
		}
		switch {
		case bn.st == bnOpen && c == '{':
			bn.st = bnKeyOrEnd
		case (bn.st == bnKeyOrEnd || bn.st == bnKeyNext) && c == '"':
			bn.key = bn.key[:0]
			bn.st = bnKey
		case bn.st == bnColon && c == ':':
			bn.st = bnArray
		case bn.st == bnArray && c == '[':
			bn.st = bnElemOrEnd
		case (bn.st == bnElemOrEnd || bn.st == bnElem) && c == '{':
			bn.obj = append(bn.obj[:0], c)
			bn.overflow, bn.depth, bn.inStr, bn.esc = false, 1, false, false
			bn.objLine = p.lineNo + 1
			bn.st = bnObject
		case (bn.st == bnElemOrEnd || bn.st == bnAfterElem) && c == ']':
			bn.st = bnAfterArr
		case bn.st == bnAfterElem && c == ',':
			bn.st = bnElem
		case bn.st == bnAfterArr && c == ',':
			bn.st = bnKeyNext
		case (bn.st == bnKeyOrEnd || bn.st == bnAfterArr) && c == '}':
			p.mode = modeLines
			p.records++ // the section itself counts, even when empty
			return i + 1
		default:
			return bn.fail(p, b, i)
		}
	}
	return len(b)
}

// objectByte adds one byte to the record being read.
func (bn *betaNet) objectByte(p *Parser, c byte) {
	if len(bn.obj) < maxLine {
		bn.obj = append(bn.obj, c)
	} else {
		bn.overflow = true
	}
	switch {
	case bn.inStr:
		switch {
		case bn.esc:
			bn.esc = false
		case c == '\\':
			bn.esc = true
		case c == '"':
			bn.inStr = false
		}
		return
	case c == '"':
		bn.inStr = true
	case c == '{' || c == '[':
		bn.depth++
	case c == '}' || c == ']':
		bn.depth--
	}
	if bn.depth > 0 {
		return
	}
	bn.st = bnAfterElem
	switch {
	case bn.overflow:
		p.bad(bn.objLine, "this network record is longer than 64 KiB, far longer than any real one; it was skipped", bn.obj)
	case p.sc.scanLine(bn.obj, &p.fl) != scanOK:
		p.bad(bn.objLine, "this network record is not valid JSON; it was skipped", bn.obj)
	default:
		p.build(&p.fl, bn.obj, bn.objLine, bn.app)
	}
}

// fail reports a malformed network section and returns to line mode,
// discarding the rest of the current line.
func (bn *betaNet) fail(p *Parser, b []byte, i int) int {
	line := p.lineNo + 1
	if b[i] == '\n' {
		line-- // the newline was already counted
	}
	p.bad(line, "the network section is not the expected JSON object; the rest of this line was skipped", b[i:])
	p.mode = modeLines
	if b[i] == '\n' {
		return i + 1
	}
	p.skipping, p.quiet = true, true
	return i + 1
}
