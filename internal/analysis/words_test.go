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
	}
	for _, tt := range tests {
		if got, want := stamp(tt), tt.String(); got != want {
			t.Errorf("stamp(%+v) = %s, want %s", tt, got, want)
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
