package report

import (
	"bytes"
	"unicode/utf8"
)

// notKind names what a file that is not a report looks like, in the
// languages the page speaks. The zero value is an empty file.
type notKind struct{ en, zh string }

var (
	kindPNG       = notKind{"a PNG image", "一张 PNG 图片"}
	kindJPEG      = notKind{"a JPEG image", "一张 JPEG 图片"}
	kindGIF       = notKind{"a GIF image", "一张 GIF 图片"}
	kindHEIC      = notKind{"a HEIC photo", "一张 HEIC 照片"}
	kindVideo     = notKind{"a video", "一段视频"}
	kindPDF       = notKind{"a PDF document", "一份 PDF 文档"}
	kindZIP       = notKind{"a ZIP archive", "一个 ZIP 压缩包"}
	kindPlist     = notKind{"a binary property list", "一个二进制属性列表（plist）"}
	kindUTF16     = notKind{"UTF-16 text (a report is UTF-8)", "UTF-16 文本（报告是 UTF-8 编码）"}
	kindHTML      = notKind{"a web page (HTML)", "一个网页（HTML）"}
	kindXML       = notKind{"an XML file", "一个 XML 文件"}
	kindJSONArray = notKind{"a JSON array, not JSON lines", "一个 JSON 数组，而不是逐行 JSON"}
	kindJSONDoc   = notKind{"a JSON document, not the report's one record per line", "一个 JSON 文档，而不是报告那样每行一条记录"}
	kindJSONOther = notKind{"a JSON file that holds no App Privacy Report records", "一个不含 App 隐私报告记录的 JSON 文件"}
	kindBinary    = notKind{"a binary file", "一个二进制文件"}
	kindText      = notKind{"plain text", "纯文本"}
	kindEmpty     = notKind{}
)

const (
	exportEN = " On the iPhone open Settings > Privacy & Security > App Privacy Report and tap Save App Activity, then drop the .ndjson file here."
	exportZH = "在 iPhone 上打开“设置 > 隐私与安全性 > App 隐私报告”，轻点“存储 App 活动”，然后把 .ndjson 文件拖到这里。"
)

// texts returns the NotReport sentence in English and Chinese.
func (k notKind) texts() (en, zh string) {
	if k == kindEmpty {
		return "this file is empty, not an App Privacy Report." + exportEN, "这个文件是空的，不是 App 隐私报告。" + exportZH
	}
	return "this looks like " + k.en + ", not an App Privacy Report." + exportEN, "这看起来是" + k.zh + "，不是 App 隐私报告。" + exportZH
}

// notReport gives up on the file: whatever was read is dropped and one
// message says what the file looks like and what to export instead.
func (p *Parser) notReport(k notKind) {
	p.mode = modeNotReport
	p.pending, p.sniff = nil, nil
	f := p.f
	f.Access, f.Network, f.Unknown = nil, nil, nil
	p.accs, p.nets, p.ids = blocks[accessRec]{}, blocks[networkRec]{}, arena{}
	f.BadLines, f.Warnings = 0, 0
	f.NotReport, f.NotReportZH = k.texts()
	f.Messages = []Message{{File: f.Name, Severity: Error, Text: f.NotReport}}
}

// lineKind says what a file whose lines held no record looks like.
func (p *Parser) lineKind() notKind {
	switch {
	case !p.seenLine:
		return kindEmpty
	case p.firstJSON:
		return kindJSONOther
	case p.firstBrace:
		return kindJSONDoc
	}
	return kindText
}

// sniffKind recognizes a file that is not a report from its first bytes;
// ok is false when it may be one (it starts like JSON lines, or is blank
// so far).
func sniffKind(b []byte) (k notKind, ok bool) {
	has := func(prefix string) bool { return bytes.HasPrefix(b, []byte(prefix)) }
	switch {
	case has("\x89PNG\r\n\x1a\n"):
		return kindPNG, true
	case has("\xff\xd8\xff"):
		return kindJPEG, true
	case has("GIF87a"), has("GIF89a"):
		return kindGIF, true
	case len(b) >= 12 && string(b[4:8]) == "ftyp":
		switch string(b[8:12]) {
		case "heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1":
			return kindHEIC, true
		}
		return kindVideo, true
	case has("%PDF-"):
		return kindPDF, true
	case has("PK\x03\x04"), has("PK\x05\x06"):
		return kindZIP, true
	case has("bplist"):
		return kindPlist, true
	case has("\xff\xfe"), has("\xfe\xff"),
		len(b) >= 2 && (b[0] != 0 && b[1] == 0 || b[0] == 0 && b[1] != 0):
		return kindUTF16, true
	}
	t := bytes.TrimLeft(bytes.TrimPrefix(b, bom), " \t\r\n")
	if len(t) == 0 || t[0] == '{' {
		return notKind{}, false
	}
	switch t[0] {
	case '[':
		return kindJSONArray, true
	case '<':
		low := bytes.ToLower(t[:min(len(t), 64)])
		if bytes.HasPrefix(low, []byte("<?xml")) {
			return kindXML, true
		}
		return kindHTML, true
	}
	// The sniffed bytes may end inside a character.
	if bytes.IndexByte(t, 0) >= 0 || !utf8.Valid(trimPartialRune(t)) {
		return kindBinary, true
	}
	return kindText, true
}

// trimPartialRune drops an incomplete UTF-8 sequence at the end of b.
func trimPartialRune(b []byte) []byte {
	for i := 1; i <= utf8.UTFMax && i <= len(b); i++ {
		c := b[len(b)-i]
		if c < utf8.RuneSelf {
			return b
		}
		if utf8.RuneStart(c) {
			if !utf8.FullRune(b[len(b)-i:]) {
				return b[:len(b)-i]
			}
			return b
		}
	}
	return b
}
