package ui

import (
	"strconv"
	"strings"
)

// IntervalsCSV writes every access interval as CSV, one row each, with
// times in the device's own clock.
func IntervalsCSV(r *Result) []byte {
	rows := [][]string{{"app", "category", "begin", "end", "ms", "flags", "file", "line"}}
	iv := r.Intervals
	for i := range iv.Len() {
		file := ""
		if f := int(iv.File[i]); f >= 0 && f < len(r.Files) {
			file = r.Files[f].Name
		}
		rows = append(rows, []string{iv.AppOf(i), iv.CatOf(i), FormatTime(iv.BeginTime(i), TimeLayout),
			FormatTime(iv.EndTime(i), TimeLayout), itoa(iv.Ms[i]), strings.Join(iv.FlagList(i), " "),
			file, strconv.Itoa(int(iv.Line[i]))})
	}
	return writeCSV(rows)
}

// TimeLayout is the result document's time format.
const TimeLayout = LayoutDocument

// NetworkCSV writes every network record as CSV, one row each.
func NetworkCSV(r *Result) []byte {
	rows := [][]string{{"app", "domain", "owner", "tracking", "ip", "hits", "first", "last", "initiated", "context"}}
	apps := r.Network.Apps
	for i := range length(apps) {
		a := apps.Index(i)
		ds := a.Get("domains")
		for j := range length(ds) {
			d := ds.Index(j)
			rows = append(rows, []string{a.Str("app"), d.Str("domain"), d.Str("owner"),
				strconv.FormatBool(d.Bool("tracking")), strconv.FormatBool(d.Bool("ip")),
				itoa(int64(d.Num("hits"))), d.Str("first"), d.Str("last"), d.Str("initiated"), d.Str("context")})
		}
	}
	return writeCSV(rows)
}

// writeCSV writes RFC 4180 CSV by hand: encoding/csv would link fmt into
// the page's wasm.
func writeCSV(rows [][]string) []byte {
	var b strings.Builder
	for _, r := range rows {
		for i, c := range r {
			if i > 0 {
				b.WriteByte(',')
			}
			c = cell(c)
			if strings.ContainsAny(c, ",\"\r\n") {
				b.WriteByte('"')
				b.WriteString(strings.ReplaceAll(c, `"`, `""`))
				b.WriteByte('"')
			} else {
				b.WriteString(c)
			}
		}
		b.WriteString("\r\n")
	}
	return []byte(b.String())
}

// cell defuses report strings that a spreadsheet would run as a formula
// (a domain or bundle id from a hostile file starting with "=" or "@").
func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
