package report

import (
	"testing"
	"time"
)

// TestClockSequence reads timestamps one after another with one clock,
// as a file is read, so that the remembered date and minutes are used
// and replaced; each must read as time.Parse reads it alone.
func TestClockSequence(t *testing.T) {
	seq := []string{
		"2021-09-05T10:00:54.207+08:00",
		"2021-09-05T10:00:59.999+08:00", // same minute
		"2021-09-05T10:00:00.000+08:00",
		"2021-09-05T10:00:60.000+08:00", // same minute, no such second
		"2021-09-05T10:00:5x.000+08:00",
		"2021-09-05T10:00:54.2x7+08:00",
		"2021-09-05T10:00:54.207+08:01", // same minute, another zone
		"2021-09-05T10:00:54.207-08:00",
		"2021-08-29T23:01:02.003+08:00", // a network line's first time
		"2021-09-05T10:00:55.000+08:00", // both minutes remembered
		"2021-08-29T23:01:03.004+08:00",
		"2021-09-05T10:01:00.000+08:00",
		"2021-09-05T10:00:56.100+08:00", // pushed out, read again
		"2021-09-05T10:00:56.1000+08:0", // 29 bytes, another layout
		"2021-09-05T10:00:56.100Z",
		"2021-09-05T10:00:56.100+08:00",
		"2021-09-05T10:00:56.100+24:00",
		"2021-09-05T10:00:56.100+08:60",
		"2021-09-05T10:00:56,100+08:00",
		"2021-09-05T10:00:56.100+08:00",
	}
	var c clock
	for _, s := range seq {
		got, ok := c.parse([]byte(s))
		want, err := time.Parse(time.RFC3339Nano, s)
		if ok != (err == nil) || ok && got != TimeOf(want) {
			t.Errorf("clock.parse(%q) = %v, %v; time.Parse gives %v, %v", s, got, ok, want, err)
		}
	}
}
