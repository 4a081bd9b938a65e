package ui

import (
	"testing"
	"time"
)

// FormatTime must write what time.Format writes, in every layout, for
// times in every kind of offset.
func TestFormatTime(t *testing.T) {
	zones := []*time.Location{time.UTC, time.FixedZone("", 8*3600), time.FixedZone("", -9*3600-30*60), time.FixedZone("", 5*3600+45*60)}
	layouts := []string{LayoutDate, LayoutMinute, LayoutSecond, LayoutClock, LayoutClockSec, LayoutDocument}
	for i, ms := 0, int64(-2208988800000); ms < 4102444800000; i, ms = i+1, ms+13*86400000+3723456 {
		tt := time.UnixMilli(ms).In(zones[i%len(zones)])
		for _, l := range layouts {
			if got, want := FormatTime(tt, l), tt.Format(l); got != want {
				t.Fatalf("FormatTime(%v, %q) = %q, want %q", tt, l, got, want)
			}
		}
	}
	if got := FormatTime(time.Now(), "Jan 2"); got != "" {
		t.Errorf("an unknown layout gave %q", got)
	}
}

// ParseTime must accept what time.Parse accepts in RFC 3339 (as the
// analysis writes it) and give the same instant and offset.
func TestParseTime(t *testing.T) {
	for _, s := range []string{
		"2021-09-05T10:00:54.207+08:00", "2025-03-30T03:10:00.000+02:00", "2024-02-29T23:59:59.999Z",
		"1970-01-01T00:00:00Z", "2021-09-05T10:00:54-09:30", "2021-09-05T10:00:54.123456789+05:45",
		"2021-09-05T10:00:54.1+00:00",
	} {
		got, ok := ParseTime(s)
		want, err := time.Parse(time.RFC3339Nano, s)
		if !ok || err != nil {
			t.Errorf("%s: ParseTime ok %v, time.Parse %v", s, ok, err)
			continue
		}
		_, goff := got.Zone()
		_, woff := want.Zone()
		if !got.Equal(want) || goff != woff {
			t.Errorf("%s: got %v, want %v", s, got, want)
		}
	}
	for _, s := range []string{
		"", "not a time", "2021-09-05", "2021-09-05T10:00:54", "2021-13-05T10:00:54Z", "2023-02-29T10:00:54Z",
		"2021-09-05T24:00:00Z", "2021-09-05T10:00:54.Z", "2021-09-05T10:00:54+0800", "2021-09-05T10:00:54Z ",
		"2021-09-05 10:00:54Z", "2021-09-05T10:00:54+08:00x",
	} {
		if _, ok := ParseTime(s); ok {
			t.Errorf("ParseTime(%q) accepted it", s)
		}
	}
}

func FuzzParseTime(f *testing.F) {
	f.Add("2021-09-05T10:00:54.207+08:00")
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := ParseTime(s)
		if !ok {
			return
		}
		want, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			t.Fatalf("ParseTime accepted %q, time.Parse: %v", s, err)
		}
		if !got.Equal(want) {
			t.Fatalf("%q: got %v, want %v", s, got, want)
		}
	})
}
