package analysis

import (
	"fmt"
	"iter"
	"strconv"
	"time"

	"backsight/internal/report"
)

// This file holds the small pieces of wording shared by the rules and the
// findings, in both languages.

// secs formats milliseconds as seconds with at most one decimal ("45 s",
// "44.7 s").
func secs(ms int64) string {
	s := strconv.FormatFloat(float64(ms)/1000, 'f', 1, 64)
	if len(s) > 2 && s[len(s)-2:] == ".0" {
		s = s[:len(s)-2]
	}
	return s
}

// span formats a period in the largest fitting unit ("15 min", "2 h").
func span(ms int64) Text {
	switch {
	case ms < 2*60_000:
		return Text{secs(ms) + " s", secs(ms) + " 秒"}
	case ms < 2*3600_000:
		m := strconv.FormatInt((ms+30_000)/60_000, 10)
		return Text{m + " min", m + " 分钟"}
	}
	h := strconv.FormatFloat(float64(ms)/3600_000, 'f', 1, 64)
	return Text{h + " h", h + " 小时"}
}

// when formats a time as the phone's clock showed it: "05:36 on 15 Sep" and
// "9月15日 05:36".
func when(t report.Time) Text {
	g := t.Go()
	return Text{
		EN: g.Format("15:04 on 2 Jan"),
		ZH: fmt.Sprintf("%d月%d日 %s", int(g.Month()), g.Day(), g.Format("15:04")),
	}
}

// res names a category as the object of a sentence.
type res struct {
	verbEN, verbZH string // "read your photo library", "读取了你的照片图库"
	nounEN, nounZH string // "reads", "次读取"
}

func resource(category report.Category, label string) res {
	switch category {
	case report.CategoryPhotos:
		return res{"read your photo library", "读取了你的照片图库", "reads", "次读取"}
	case report.CategoryLocation:
		return res{"used your location", "获取了你的位置", "uses", "次获取"}
	case report.CategoryContacts:
		return res{"read your contacts", "读取了你的通讯录", "reads", "次读取"}
	case report.CategoryCamera:
		return res{"used your camera", "使用了你的相机", "uses", "次使用"}
	case report.CategoryMicrophone:
		return res{"used your microphone", "使用了你的麦克风", "uses", "次使用"}
	case report.CategoryMediaLibrary:
		return res{"read your media library", "读取了你的媒体资料库", "reads", "次读取"}
	case report.CategoryScreenRecording:
		return res{"recorded your screen", "录制了你的屏幕", "recordings", "次录制"}
	case report.CategoryCalendar:
		return res{"read your calendar", "读取了你的日历", "reads", "次读取"}
	}
	return res{fmt.Sprintf("used %q", label), fmt.Sprintf("使用了“%s”", label), "uses", "次使用"}
}

// setting is the iOS setting that stops an app's use of a category, in the
// words iOS itself shows (iOS 17 and later; iOS 16 says "Privacy" instead
// of "Privacy & Security").
func setting(category report.Category, name, nameZH string, background bool) Text {
	var t Text
	switch category {
	case report.CategoryPhotos:
		t = Text{
			"Settings > Privacy & Security > Photos > " + name + " > Limited Access (choose the photos it may see) or None",
			"设置 > 隐私与安全性 > 照片 > " + nameZH + " > 受限访问（只允许选定的照片）或无",
		}
	case report.CategoryLocation:
		t = Text{
			"Settings > Privacy & Security > Location Services > " + name + " > While Using the App (or Never), and turn off Precise Location",
			"设置 > 隐私与安全性 > 定位服务 > " + nameZH + " > 使用App期间（或永不），并关闭“精确位置”",
		}
	case report.CategoryContacts:
		t = Text{
			"Settings > Privacy & Security > Contacts > " + name + " > None (or Limited Access)",
			"设置 > 隐私与安全性 > 通讯录 > " + nameZH + " > 无（或受限访问）",
		}
	case report.CategoryCamera:
		t = Text{"Settings > Privacy & Security > Camera > turn off " + name, "设置 > 隐私与安全性 > 相机 > 关闭“" + nameZH + "”"}
	case report.CategoryMicrophone:
		t = Text{"Settings > Privacy & Security > Microphone > turn off " + name, "设置 > 隐私与安全性 > 麦克风 > 关闭“" + nameZH + "”"}
	case report.CategoryMediaLibrary:
		t = Text{"Settings > Privacy & Security > Media & Apple Music > turn off " + name, "设置 > 隐私与安全性 > 媒体与 Apple Music > 关闭“" + nameZH + "”"}
	case report.CategoryCalendar:
		t = Text{"Settings > Privacy & Security > Calendars > " + name + " > None", "设置 > 隐私与安全性 > 日历 > " + nameZH + " > 无"}
	case report.CategoryScreenRecording:
		t = Text{
			"Stop the broadcast from Control Center (the red status bar or indicator shows it is running)",
			"在控制中心停止屏幕直播（红色状态栏或指示器表示正在进行）",
		}
	default:
		t = Text{"Settings > Privacy & Security > " + name, "设置 > 隐私与安全性 > " + nameZH}
	}
	if background {
		t.EN += "; to stop it being woken in the background: Settings > General > Background App Refresh > turn off " + name
		t.ZH += "；要阻止它在后台被唤醒：设置 > 通用 > 后台App刷新 > 关闭“" + nameZH + "”"
	}
	return t
}

// cannotTell says what the report cannot tell about a finding.
func cannotTell(category report.Category, name, nameZH string) Text {
	t := Text{
		"The report never says whether " + name + " was on screen: a background verdict is an inference from the evidence, not a record.",
		"报告从不记录“" + nameZH + "”当时是否在屏幕上：后台判断是根据证据推断的，并非记录。",
	}
	switch category {
	case report.CategoryPhotos:
		t.EN += " It does not say which photos were read or whether any left the phone."
		t.ZH += "报告也不说明读取了哪些照片，或是否有照片离开手机。"
	case report.CategoryContacts:
		t.EN += " It does not say which contacts were read or whether any were sent."
		t.ZH += "报告也不说明读取了哪些联系人，或是否被发送。"
	case report.CategoryLocation:
		t.EN += " It does not say how precise the location was or where it was sent."
		t.ZH += "报告也不说明位置的精确程度，或被发送到了哪里。"
	default:
		t.EN += " It does not say what was recorded or sent."
		t.ZH += "报告也不说明记录或发送了什么。"
	}
	return t
}

// stamp formats t like report.Time.String (RFC 3339, milliseconds, the
// phone's offset) without building a time zone per call.
func stamp(t report.Time) string {
	var b [len("2006-01-02T15:04:05.000+00:00")]byte
	return string(appendStamp(b[:0], t))
}

// stamps formats many times into one buffer, to be cut out of one string:
// the result document holds two per interval and network record, and a
// string each was two allocations per interval, 296,000 of Findings'
// 453,000 on the 100 MB report.
type stamps struct {
	buf  []byte
	ends []int // where each stamp ends in buf
}

// add appends stamp(t).
func (s *stamps) add(t report.Time) {
	s.buf = appendStamp(s.buf, t)
	s.ends = append(s.ends, len(s.buf))
}

// addEmpty appends an empty stamp, for a time that is not known.
func (s *stamps) addEmpty() { s.ends = append(s.ends, len(s.buf)) }

// cut yields the stamps added since the last cut, numbered from 0, and
// empties s for the next ones.
func (s *stamps) cut() iter.Seq2[int, string] {
	return func(yield func(int, string) bool) {
		text, start := string(s.buf), 0
		ends := s.ends
		s.buf, s.ends = s.buf[:0], s.ends[:0]
		for k, end := range ends {
			if !yield(k, text[start:end]) {
				return
			}
			start = end
		}
	}
}

// appendStamp appends stamp(t) to b. The result document holds one or two
// per interval and network record, so the common case writes digits into
// fixed places of one array.
func appendStamp(dst []byte, t report.Time) []byte {
	const msPerDay = 86400000
	local := t.Local()
	days, ms := local/msPerDay, local%msPerDay
	if ms < 0 {
		days, ms = days-1, ms+msPerDay
	}
	y, mo, d := civil(days)
	if y < 0 || y > 9999 {
		return appendStampSlow(dst, t)
	}
	b := [29]byte{4: '-', 7: '-', 10: 'T', 13: ':', 16: ':', 19: '.'}
	two(b[0:], int(y/100))
	two(b[2:], int(y%100))
	two(b[5:], mo)
	two(b[8:], d)
	two(b[11:], int(ms/3600000))
	two(b[14:], int(ms/60000%60))
	two(b[17:], int(ms/1000%60))
	frac := int(ms % 1000)
	b[20], b[21], b[22] = byte('0'+frac/100), byte('0'+frac/10%10), byte('0'+frac%10)
	off := int(t.Offset)
	if off == 0 {
		b[23] = 'Z'
		return append(dst, b[:24]...)
	}
	b[23] = '+'
	if off < 0 {
		b[23], off = '-', -off
	}
	if off/3600 > 99 {
		return appendStampSlow(dst, t)
	}
	two(b[24:], off/3600)
	b[26] = ':'
	two(b[27:], off/60%60)
	return append(dst, b[:29]...)
}

// two writes n (0..99) as two digits.
func two(b []byte, n int) { b[0], b[1] = byte('0'+n/10), byte('0'+n%10) }

// civil converts days since 1970-01-01 to a proleptic Gregorian date
// (Howard Hinnant's days_from_civil, inverted).
func civil(days int64) (y int64, m, d int) {
	z := days + 719468
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era--
	}
	doe := z - era*146097                                  // [0, 146096]
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365 // [0, 399]
	doy := doe - (365*yoe + yoe/4 - yoe/100)               // [0, 365]
	mp := (5*doy + 2) / 153                                // [0, 11]
	d = int(doy - (153*mp+2)/5 + 1)
	m = int(mp + 3)
	if m > 12 {
		m -= 12
	}
	y = yoe + era*400
	if m <= 2 {
		y++
	}
	return y, m, d
}

// appendStampSlow is appendStamp for times the fast path does not cover
// (years outside 0-9999, offsets of 100 hours or more), which only damaged
// reports hold.
func appendStampSlow(b []byte, t report.Time) []byte {
	u := time.UnixMilli(t.Local()).UTC()
	y, mo, d := u.Date()
	h, mi, s := u.Clock()
	b = pad(b, y, 4)
	b = append(b, '-')
	b = pad(b, int(mo), 2)
	b = append(b, '-')
	b = pad(b, d, 2)
	b = append(b, 'T')
	b = pad(b, h, 2)
	b = append(b, ':')
	b = pad(b, mi, 2)
	b = append(b, ':')
	b = pad(b, s, 2)
	b = append(b, '.')
	b = pad(b, u.Nanosecond()/1e6, 3)
	off := int(t.Offset)
	if off == 0 {
		return append(b, 'Z')
	}
	sign := byte('+')
	if off < 0 {
		sign, off = '-', -off
	}
	b = append(b, sign)
	b = pad(b, off/3600, 2)
	b = append(b, ':')
	b = pad(b, off/60%60, 2)
	return b
}

// pad appends n in decimal with at least width digits.
func pad(b []byte, n, width int) []byte {
	var d [20]byte
	i := len(d)
	for n >= 10 || width > 1 {
		i--
		d[i] = byte('0' + n%10)
		n /= 10
		width--
	}
	i--
	d[i] = byte('0' + n)
	return append(b, d[i:]...)
}
