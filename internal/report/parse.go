package report

import (
	"bytes"
	"encoding/json"
	"io"
	"strings"
	"time"
)

// Parser reads one file fed in chunks, as a browser hands over a File.
// It never needs the whole file in memory: only the current line.
type Parser struct {
	f       *File
	pending []byte
}

// NewParser starts reading the file called name.
func NewParser(name string) *Parser {
	return &Parser{f: &File{Name: name, Format: "v4"}}
}

// Write feeds the next chunk. It never fails; problems become messages.
func (p *Parser) Write(b []byte) (int, error) {
	n := len(b)
	p.f.Bytes += int64(n)
	for len(b) > 0 {
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			p.pending = append(p.pending, b...)
			break
		}
		if len(p.pending) > 0 {
			p.pending = append(p.pending, b[:i]...)
			p.line(p.pending)
			p.pending = p.pending[:0]
		} else {
			p.line(b[:i])
		}
		b = b[i+1:]
	}
	return n, nil
}

// Close ends the file and returns what was read.
func (p *Parser) Close() *File {
	if len(p.pending) > 0 {
		p.line(p.pending)
		p.pending = nil
	}
	return p.f
}

// Parse reads a whole file from r. The error is r's, never the content's.
func Parse(name string, r io.Reader) (*File, error) {
	p := NewParser(name)
	_, err := io.Copy(p, r)
	return p.Close(), err
}

type jsonLine struct {
	Type     string `json:"type"`
	Accessor *struct {
		Identifier     string `json:"identifier"`
		IdentifierType string `json:"identifierType"`
	} `json:"accessor"`
	Category     string `json:"category"`
	Identifier   string `json:"identifier"`
	Kind         string `json:"kind"`
	TimeStamp    string `json:"timeStamp"`
	OutOfProcess bool   `json:"outOfProcess"`
	Broadcaster  *struct {
		Identifier string `json:"identifier"`
	} `json:"broadcaster"`
	AccessCount *int32 `json:"accessCount"`

	BundleID                string `json:"bundleID"`
	Domain                  string `json:"domain"`
	Context                 string `json:"context"`
	DomainOwner             string `json:"domainOwner"`
	InitiatedType           string `json:"initiatedType"`
	DomainType              int8   `json:"domainType"`
	DomainClassification    int8   `json:"domainClassification"`
	ContextVerificationType *int8  `json:"contextVerificationType"`
	FirstTimeStamp          string `json:"firstTimeStamp"`
	Hits                    int64  `json:"hits"`
}

func (p *Parser) line(b []byte) {
	f := p.f
	f.Lines++
	pos := Pos{Line: int32(f.Lines)}
	b = bytes.TrimRight(b, "\r")
	if len(bytes.TrimSpace(b)) == 0 {
		return
	}
	var l jsonLine
	if err := json.Unmarshal(b, &l); err != nil {
		p.bad(f.Lines, "this line is not valid JSON; it was skipped", b)
		return
	}
	switch l.Type {
	case "access":
		a := Access{Category: CategoryOther, AccessCount: -1, Pos: pos, ID: l.Identifier, OutOfProcess: l.OutOfProcess}
		if l.Accessor != nil {
			a.App, a.AppType = l.Accessor.Identifier, l.Accessor.IdentifierType
		}
		if c, ok := ParseCategory(l.Category); ok {
			a.Category = c
		} else {
			a.CategoryName = l.Category
		}
		switch l.Kind {
		case "intervalBegin":
			a.Kind = KindBegin
		case "intervalEnd":
			a.Kind = KindEnd
		}
		t, ok := parseTime(l.TimeStamp)
		if !ok {
			p.bad(f.Lines, "this access line has no valid timeStamp; it was skipped", b)
			return
		}
		a.Time = t
		if l.Broadcaster != nil {
			a.Broadcaster = l.Broadcaster.Identifier
		}
		if l.AccessCount != nil {
			a.AccessCount = *l.AccessCount
		}
		f.Access = append(f.Access, a)
	case "networkActivity":
		n := Network{App: l.BundleID, Domain: l.Domain, Context: l.Context, Owner: l.DomainOwner,
			DomainType: l.DomainType, Class: l.DomainClassification, ContextVer: -1, Hits: l.Hits, Pos: pos}
		if l.ContextVerificationType != nil {
			n.ContextVer = *l.ContextVerificationType
		}
		switch l.InitiatedType {
		case "AppInitiated":
			n.Initiated = AppInitiated
		case "NonAppInitiated":
			n.Initiated = NonAppInitiated
		}
		n.First, _ = parseTime(l.FirstTimeStamp)
		var ok bool
		if n.Last, ok = parseTime(l.TimeStamp); !ok {
			p.bad(f.Lines, "this network line has no valid timeStamp; it was skipped", b)
			return
		}
		f.Network = append(f.Network, n)
	default:
		p.warn(f.Lines, "this line has an unknown type; it was kept out of the analysis", b)
	}
}

func parseTime(s string) (Time, bool) {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return Time{}, false
	}
	return TimeOf(t), true
}

// maxMessages bounds the messages kept per file; the counts stay exact.
const maxMessages = 100

func (p *Parser) bad(line int, text string, b []byte) {
	p.f.BadLines++
	p.message(line, Error, text, b)
}

func (p *Parser) warn(line int, text string, b []byte) {
	p.f.Warnings++
	p.message(line, Warning, text, b)
}

func (p *Parser) message(line int, sev Severity, text string, b []byte) {
	if len(p.f.Messages) >= maxMessages {
		return
	}
	p.f.Messages = append(p.f.Messages, Message{File: p.f.Name, Line: line, Severity: sev, Text: text, Excerpt: Excerpt(b)})
}

// Excerpt returns at most 60 characters of b, with anything that is not
// printable ASCII escaped, so a message never echoes a whole hostile line.
func Excerpt(b []byte) string {
	const max = 60
	var sb strings.Builder
	for i, c := range b {
		if i == max {
			sb.WriteString("…")
			break
		}
		if c >= 0x20 && c < 0x7f {
			sb.WriteByte(c)
		} else {
			sb.WriteString(`\x`)
			sb.WriteByte("0123456789abcdef"[c>>4])
			sb.WriteByte("0123456789abcdef"[c&15])
		}
	}
	return sb.String()
}
