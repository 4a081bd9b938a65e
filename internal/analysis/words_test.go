package analysis

import (
	"testing"

	"backsight/internal/report"
)

// stamp must write exactly what report.Time.String writes.
func TestStamp(t *testing.T) {
	tests := []report.Time{
		{Millis: 1630807254207, Offset: 8 * 3600},  // 2021-09-05T10:00:54.207+08:00
		{Millis: 1743291000000, Offset: 2 * 3600},  // DST day, +02:00
		{Millis: 1743291000001, Offset: -5 * 3600}, // negative offset
		{Millis: 1700000000999, Offset: 0},         // Z
		{Millis: 1700000000000, Offset: 5*3600 + 45*60},
		{Millis: -1, Offset: -9*3600 - 30*60}, // before the epoch
		{Millis: 253402300799999, Offset: 0},  // 9999-12-31
		{Millis: 253402300800000, Offset: 0},  // year 10000: the slow path
		{Millis: -62135596800001, Offset: 0},  // year 0
		{Millis: 951782400000, Offset: 0},     // 2000-02-29
		{Millis: 4107542400000, Offset: 3600}, // 2100-03-01
	}
	for _, tt := range tests {
		if got, want := stamp(tt), tt.String(); got != want {
			t.Errorf("stamp(%+v) = %s, want %s", tt, got, want)
		}
	}
}

// TestStampSweep checks the fast path's calendar against the time
// package's across four centuries, a day and a few hours at a time, with
// every kind of offset.
func TestStampSweep(t *testing.T) {
	const day = 86400000
	offsets := []int32{0, 3600, -3600, 5*3600 + 45*60, -9*3600 - 30*60, 14 * 3600}
	for i, ms := 0, int64(-2208988800000); ms < 10413792000000; i, ms = i+1, ms+37*day+3600001 {
		tt := report.Time{Millis: ms, Offset: offsets[i%len(offsets)]}
		if got, want := stamp(tt), tt.String(); got != want {
			t.Fatalf("stamp(%+v) = %s, want %s", tt, got, want)
		}
	}
}

func TestSecsAndClock(t *testing.T) {
	for _, tt := range []struct {
		ms   int64
		want string
	}{{45000, "45"}, {44700, "44.7"}, {44960, "45"}, {500, "0.5"}} {
		if got := secs(tt.ms); got != tt.want {
			t.Errorf("secs(%d) = %s, want %s", tt.ms, got, tt.want)
		}
	}
	for _, tt := range []struct {
		min  int
		want string
	}{{0, "00:00"}, {360, "06:00"}, {22*60 + 30, "22:30"}, {1440, "00:00"}, {-60, "23:00"}} {
		if got := clock(tt.min); got != tt.want {
			t.Errorf("clock(%d) = %s, want %s", tt.min, got, tt.want)
		}
	}
}
