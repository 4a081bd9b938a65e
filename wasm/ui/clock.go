package ui

import "time"

// The page reads and writes times in the few fixed layouts of this file by
// hand: time.Parse and time.Format bring the whole layout interpreter into
// the page's wasm, which must stay small.

// Time layouts FormatTime writes.
const (
	LayoutDate      = "2006-01-02"
	LayoutMinute    = "2006-01-02 15:04"
	LayoutSecond    = "2006-01-02 15:04:05"
	LayoutClock     = "15:04"
	LayoutClockSec  = "15:04:05"
	LayoutDocument  = "2006-01-02T15:04:05.000Z07:00" // the result document's
	layoutMaxLength = len("2006-01-02T15:04:05.000+07:00")
)

// FormatTime writes t in one of the layouts above, as t.Format would; any
// other layout gives "".
func FormatTime(t time.Time, layout string) string {
	y, mo, d := t.Date()
	h, mi, s := t.Clock()
	b := make([]byte, 0, layoutMaxLength)
	date := func() {
		b = append4(b, y)
		b = append(b, '-')
		b = append2(b, int(mo))
		b = append(b, '-')
		b = append2(b, d)
	}
	clock := func(sec bool) {
		b = append2(b, h)
		b = append(b, ':')
		b = append2(b, mi)
		if sec {
			b = append(b, ':')
			b = append2(b, s)
		}
	}
	switch layout {
	case LayoutDate:
		date()
	case LayoutMinute, LayoutSecond:
		date()
		b = append(b, ' ')
		clock(layout == LayoutSecond)
	case LayoutClock, LayoutClockSec:
		clock(layout == LayoutClockSec)
	case LayoutDocument:
		date()
		b = append(b, 'T')
		clock(true)
		ms := t.Nanosecond() / 1e6
		b = append(b, '.', byte('0'+ms/100), byte('0'+ms/10%10), byte('0'+ms%10))
		_, off := t.Zone()
		if off == 0 {
			b = append(b, 'Z')
			break
		}
		sign := byte('+')
		if off < 0 {
			sign, off = '-', -off
		}
		b = append(b, sign)
		b = append2(b, off/3600)
		b = append(b, ':')
		b = append2(b, off/60%60)
	}
	return string(b)
}

func append2(b []byte, n int) []byte { return append(b, byte('0'+n/10%10), byte('0'+n%10)) }

func append4(b []byte, n int) []byte {
	if n < 0 || n > 9999 {
		return append(b, itoa(int64(n))...)
	}
	return append(b, byte('0'+n/1000), byte('0'+n/100%10), byte('0'+n/10%10), byte('0'+n%10))
}

// ParseTime reads a result time ("2021-09-05T10:00:54.207+08:00"), keeping
// the device's offset: every time shown is the phone's own clock, never the
// browser's time zone. It accepts RFC 3339 with any number of fraction
// digits, which is what the analysis writes.
func ParseTime(s string) (time.Time, bool) {
	num := func(from, n int) (int, bool) {
		if from+n > len(s) {
			return 0, false
		}
		v := 0
		for _, c := range []byte(s[from : from+n]) {
			if c < '0' || c > '9' {
				return 0, false
			}
			v = v*10 + int(c-'0')
		}
		return v, true
	}
	at := func(i int, c byte) bool { return i < len(s) && s[i] == c }
	y, ok1 := num(0, 4)
	mo, ok2 := num(5, 2)
	d, ok3 := num(8, 2)
	h, ok4 := num(11, 2)
	mi, ok5 := num(14, 2)
	sec, ok6 := num(17, 2)
	if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6) || !at(4, '-') || !at(7, '-') || !at(10, 'T') ||
		!at(13, ':') || !at(16, ':') || mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo) || h > 23 || mi > 59 || sec > 59 {
		return time.Time{}, false
	}
	i, nsec := 19, 0
	if at(i, '.') {
		i++
		scale := int(1e8)
		start := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			if scale > 0 {
				nsec += int(s[i]-'0') * scale
				scale /= 10
			}
			i++
		}
		if i == start {
			return time.Time{}, false
		}
	}
	off := 0
	switch {
	case at(i, 'Z'):
		i++
	case at(i, '+') || at(i, '-'):
		oh, ok1 := num(i+1, 2)
		om, ok2 := num(i+4, 2)
		if !ok1 || !ok2 || !at(i+3, ':') || oh > 23 || om > 59 {
			return time.Time{}, false
		}
		off = oh*3600 + om*60
		if s[i] == '-' {
			off = -off
		}
		i += 6
	default:
		return time.Time{}, false
	}
	if i != len(s) {
		return time.Time{}, false
	}
	loc := time.UTC
	if off != 0 {
		loc = zone(int32(off))
	}
	return time.Date(y, time.Month(mo), d, h, mi, sec, nsec, loc), true
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}
