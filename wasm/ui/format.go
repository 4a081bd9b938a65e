// Package ui holds the page's pure logic: the UI strings in both languages,
// time and size formatting in the report's own clock, table filtering and
// the CSV exports. It has no DOM, so it is tested natively.
package ui

import (
	"strconv"
	"strings"
)

// Pick returns t in lang, falling back to English when a translation is
// missing so that a sentence is never blank.
func Pick(lang string, t Text) string {
	if lang == ZH && t.ZH != "" {
		return t.ZH
	}
	return t.EN
}

// Clock formats s as "05:39" in the device's own clock; "" if s is not a time.
func Clock(s string) string {
	t, ok := ParseTime(s)
	if !ok {
		return ""
	}
	return FormatTime(t, LayoutClock)
}

// DateTime formats s as "2021-09-05 10:00" in the device's own clock.
func DateTime(s string) string {
	t, ok := ParseTime(s)
	if !ok {
		return s
	}
	return FormatTime(t, LayoutMinute)
}

// DateTimeSec formats s as "2021-09-05 10:00:54" in the device's own clock.
func DateTimeSec(s string) string {
	t, ok := ParseTime(s)
	if !ok {
		return s
	}
	return FormatTime(t, LayoutSecond)
}

// Duration formats milliseconds for people: "45 s", "3 min 12 s", "2 h 5 min".
func Duration(lang string, ms int64) string {
	if ms < 0 {
		ms = 0
	}
	u := func(en, zh string) string {
		if lang == ZH {
			return zh
		}
		return " " + en
	}
	s := ms / 1000
	switch {
	case s < 10 && ms%1000 != 0:
		return strconv.FormatFloat(float64(ms)/1000, 'f', 1, 64) + u("s", "秒")
	case s < 60:
		return itoa(s) + u("s", "秒")
	case s < 3600:
		if s%60 == 0 {
			return itoa(s/60) + u("min", "分钟")
		}
		return itoa(s/60) + u("min", "分") + " " + itoa(s%60) + u("s", "秒")
	default:
		if m := (s % 3600) / 60; m != 0 {
			return itoa(s/3600) + u("h", "小时") + " " + itoa(m) + u("min", "分钟")
		}
		return itoa(s/3600) + u("h", "小时")
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// Bytes formats a file size: "1.9 MB".
func Bytes(n int64) string {
	switch {
	case n < 1000:
		return itoa(n) + " B"
	case n < 1000*1000:
		return strconv.FormatFloat(float64(n)/1000, 'f', 0, 64) + " KB"
	default:
		return strconv.FormatFloat(float64(n)/1e6, 'f', 1, 64) + " MB"
	}
}

// Count formats an integer with thousands separators: "12,345".
func Count(n int64) string {
	s := itoa(n)
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// AppName returns the app's display name in lang, or its bundle id.
func AppName(lang, app, name, nameZH string) string {
	if lang == ZH && nameZH != "" {
		return nameZH
	}
	if name != "" {
		return name
	}
	return app
}

// Category returns the display name of a report category; categories iOS
// may add later show under their own name.
func Category(lang, c string) string {
	if _, ok := uiStrings["category."+c]; ok {
		return T(lang, "category."+c)
	}
	return c
}
