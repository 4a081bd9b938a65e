package ui

import (
	"errors"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// ParseJSON parses a JSON document into a tree the page reads as a
// Source. The page copies the Worker's bytes into Go once and parses them
// here: reading a JavaScript object field by field through syscall/js
// costs a call per field, and encoding/json would double the page's wasm.
func ParseJSON(b []byte) (Source, error) {
	p := jsonParser{b: b}
	p.space()
	n, err := p.value(0)
	if err != nil {
		return nil, err
	}
	p.space()
	if p.i != len(p.b) {
		return nil, p.fail("extra data after the document")
	}
	return n, nil
}

// Node is one parsed JSON value.
type Node struct {
	kind byte // 'n'ull, 'b'ool, '0' number, 's'tring, 'a'rray, 'o'bject
	b    bool
	num  float64
	str  string
	arr  []*Node // array items, or object values
	keys []string
}

func (n *Node) field(k string) *Node {
	if n == nil || n.kind != 'o' {
		return nil
	}
	for i, key := range n.keys {
		if key == k {
			return n.arr[i]
		}
	}
	return nil
}

func (n *Node) Str(k string) string  { return n.field(k).String() }
func (n *Node) Num(k string) float64 { return n.field(k).Float() }
func (n *Node) Bool(k string) bool   { f := n.field(k); return f != nil && f.kind == 'b' && f.b }

func (n *Node) Get(k string) Source {
	f := n.field(k)
	if f == nil || f.kind == 'n' {
		return nil // a Source holding a nil *Node would not be nil
	}
	return f
}

func (n *Node) Len() int {
	if n == nil || n.kind != 'a' {
		return 0
	}
	return len(n.arr)
}

func (n *Node) Index(i int) Source {
	if n == nil || n.kind != 'a' || i < 0 || i >= len(n.arr) || n.arr[i].kind == 'n' {
		return nil
	}
	return n.arr[i]
}

func (n *Node) String() string {
	if n == nil || n.kind != 's' {
		return ""
	}
	return n.str
}

func (n *Node) Float() float64 {
	if n == nil || n.kind != '0' {
		return 0
	}
	return n.num
}

// A result document of a 100 MB report is a few MB of JSON: the parser
// allocates its nodes in blocks, a few large allocations rather than one
// per value.
type jsonParser struct {
	b     []byte
	i     int
	nodes []Node // the free part of the current block
}

func (p *jsonParser) node(kind byte) *Node {
	if len(p.nodes) == 0 {
		p.nodes = make([]Node, 512)
	}
	n := &p.nodes[0]
	p.nodes = p.nodes[1:]
	n.kind = kind
	return n
}

// maxDepth bounds nesting; the result document is 5 levels deep.
const maxDepth = 64

func (p *jsonParser) fail(what string) error {
	return errors.New("the analysis sent a damaged result (" + what + " at byte " + strconv.Itoa(p.i) + "); reload the page and try again")
}

func (p *jsonParser) space() {
	for p.i < len(p.b) {
		switch p.b[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

func (p *jsonParser) value(depth int) (*Node, error) {
	if depth > maxDepth {
		return nil, p.fail("too deeply nested")
	}
	if p.i >= len(p.b) {
		return nil, p.fail("unexpected end")
	}
	switch c := p.b[p.i]; {
	case c == '{':
		return p.object(depth)
	case c == '[':
		return p.array(depth)
	case c == '"':
		s, err := p.string()
		n := p.node('s')
		n.str = s
		return n, err
	case c == 't' || c == 'f' || c == 'n':
		for _, lit := range [...]string{"true", "false", "null"} {
			if len(p.b)-p.i >= len(lit) && string(p.b[p.i:p.i+len(lit)]) == lit {
				p.i += len(lit)
				if lit == "null" {
					return p.node('n'), nil
				}
				n := p.node('b')
				n.b = lit == "true"
				return n, nil
			}
		}
		return nil, p.fail("unknown literal")
	default:
		start := p.i
		for p.i < len(p.b) && (p.b[p.i] == '-' || p.b[p.i] == '+' || p.b[p.i] == '.' || p.b[p.i] == 'e' ||
			p.b[p.i] == 'E' || p.b[p.i] >= '0' && p.b[p.i] <= '9') {
			p.i++
		}
		f, err := strconv.ParseFloat(string(p.b[start:p.i]), 64)
		if err != nil || start == p.i {
			return nil, p.fail("bad number")
		}
		n := p.node('0')
		n.num = f
		return n, nil
	}
}

func (p *jsonParser) object(depth int) (*Node, error) {
	n := p.node('o')
	p.i++ // {
	p.space()
	if p.i < len(p.b) && p.b[p.i] == '}' {
		p.i++
		return n, nil
	}
	for {
		p.space()
		if p.i >= len(p.b) || p.b[p.i] != '"' {
			return nil, p.fail("expected a key")
		}
		k, err := p.string()
		if err != nil {
			return nil, err
		}
		p.space()
		if p.i >= len(p.b) || p.b[p.i] != ':' {
			return nil, p.fail("expected ':'")
		}
		p.i++
		p.space()
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		n.keys = append(n.keys, k)
		n.arr = append(n.arr, v)
		p.space()
		if p.i >= len(p.b) {
			return nil, p.fail("unexpected end")
		}
		switch p.b[p.i] {
		case ',':
			p.i++
		case '}':
			p.i++
			return n, nil
		default:
			return nil, p.fail("expected ',' or '}'")
		}
	}
}

func (p *jsonParser) array(depth int) (*Node, error) {
	n := p.node('a')
	p.i++ // [
	p.space()
	if p.i < len(p.b) && p.b[p.i] == ']' {
		p.i++
		return n, nil
	}
	for {
		p.space()
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		n.arr = append(n.arr, v)
		p.space()
		if p.i >= len(p.b) {
			return nil, p.fail("unexpected end")
		}
		switch p.b[p.i] {
		case ',':
			p.i++
		case ']':
			p.i++
			return n, nil
		default:
			return nil, p.fail("expected ',' or ']'")
		}
	}
}

// string reads a quoted string; the common case has no escapes and is one
// slice conversion.
func (p *jsonParser) string() (string, error) {
	p.i++ // "
	start := p.i
	for p.i < len(p.b) && p.b[p.i] != '"' && p.b[p.i] != '\\' {
		p.i++
	}
	if p.i < len(p.b) && p.b[p.i] == '"' {
		s := string(p.b[start:p.i])
		p.i++
		return s, nil
	}
	buf := append([]byte(nil), p.b[start:p.i]...)
	for p.i < len(p.b) {
		c := p.b[p.i]
		switch {
		case c == '"':
			p.i++
			return string(buf), nil
		case c != '\\':
			buf = append(buf, c)
			p.i++
		case p.i+1 >= len(p.b):
			return "", p.fail("unexpected end")
		default:
			e := p.b[p.i+1]
			p.i += 2
			switch e {
			case '"', '\\', '/':
				buf = append(buf, e)
			case 'b':
				buf = append(buf, '\b')
			case 'f':
				buf = append(buf, '\f')
			case 'n':
				buf = append(buf, '\n')
			case 'r':
				buf = append(buf, '\r')
			case 't':
				buf = append(buf, '\t')
			case 'u':
				r, ok := p.hex4()
				if !ok {
					return "", p.fail("bad \\u escape")
				}
				if utf16.IsSurrogate(r) {
					r2 := rune(-1)
					if p.i+1 < len(p.b) && p.b[p.i] == '\\' && p.b[p.i+1] == 'u' {
						p.i += 2
						r2, _ = p.hex4()
					}
					r = utf16.DecodeRune(r, r2)
				}
				buf = utf8.AppendRune(buf, r)
			default:
				return "", p.fail("bad escape")
			}
		}
	}
	return "", p.fail("unterminated string")
}

func (p *jsonParser) hex4() (rune, bool) {
	if len(p.b)-p.i < 4 {
		return 0, false
	}
	v, err := strconv.ParseUint(string(p.b[p.i:p.i+4]), 16, 32)
	if err != nil {
		return 0, false
	}
	p.i += 4
	return rune(v), true
}
