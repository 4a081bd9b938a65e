package report

import (
	"encoding/binary"
	"time"
)

func digits(b []byte) (int, bool) {
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// two reads the two digits at b[i:i+2]; n is negative if either is not a
// digit. (The subtraction wraps for bytes below '0', so one compare per
// digit is enough.)
func two(b []byte, i int) int {
	hi, lo := b[i]-'0', b[i+1]-'0'
	if hi > 9 || lo > 9 {
		return -1
	}
	return int(hi)*10 + int(lo)
}

// clock parses timestamps and remembers the last date it read: the lines
// of a report come in time order, so most share their date with the line
// before and only the time of day is parsed.
type clock struct {
	date  uint64 // bytes 0-7 of the last date read ("2021-09-")
	date2 uint16 // bytes 8-9 ("05")
	days  int64  // that date's days since 1970-01-01
	known bool   // a date was read (any bytes can follow an escape)
	// The last two minutes read in the layout of every real report
	// (2021-10-09T06:41:51.896+08:00): a network line holds two dates,
	// and most timestamps share their minute with one of them, so only
	// the seconds and milliseconds are left to read.
	minutes [2]minute
	lru     int // the entry to replace next
}

// minute is a validated timestamp's fixed parts: bytes 0-15
// ("2021-10-09T06:41") and 23-28 ("+08:00") of the 29-byte layout.
type minute struct {
	head0, head1 uint64
	zone         uint64
	millis       int64 // of second 0 of that minute, UTC
	offset       int32
	ok           bool
}

// zoneWord reads bytes 23-28 of a 29-byte timestamp.
func zoneWord(b []byte) uint64 {
	return uint64(binary.LittleEndian.Uint32(b[23:])) | uint64(binary.LittleEndian.Uint16(b[27:]))<<32
}

// parseTime is (*clock).parse without a remembered date.
func parseTime(b []byte) (Time, bool) {
	var c clock
	return c.parse(b)
}

// parse reads an RFC 3339 timestamp. The layout every real report uses
// (2021-10-09T06:41:51.896+08:00, any number of fraction digits up to 9,
// or Z) is read by hand; anything else goes to time.Parse, so both paths
// accept exactly what time.Parse accepts.
func (c *clock) parse(b []byte) (Time, bool) {
	if len(b) == 29 && b[16] == ':' && b[19] == '.' {
		h0, h1, z := binary.LittleEndian.Uint64(b), binary.LittleEndian.Uint64(b[8:]), zoneWord(b)
		for i := range c.minutes {
			m := &c.minutes[i]
			if m.ok && m.head0 == h0 && m.head1 == h1 && m.zone == z {
				sec, ms1, ms2, ms3 := two(b, 17), b[20]-'0', b[21]-'0', b[22]-'0'
				if sec < 0 || sec > 59 || ms1 > 9 || ms2 > 9 || ms3 > 9 {
					break
				}
				c.lru = 1 - i
				ms := int64(sec)*1000 + int64(ms1)*100 + int64(ms2)*10 + int64(ms3)
				return Time{Millis: m.millis + ms, Offset: m.offset}, true
			}
		}
		if t, ok := c.fast(b); ok {
			if b[23] == '+' || b[23] == '-' {
				// The fraction had three digits: remember the minute.
				ms := int64(two(b, 17))*1000 + int64(b[20]-'0')*100 + int64(b[21]-'0')*10 + int64(b[22]-'0')
				c.minutes[c.lru] = minute{head0: h0, head1: h1, zone: z, millis: t.Millis - ms, offset: t.Offset, ok: true}
				c.lru = 1 - c.lru
			}
			return t, true
		}
	}
	if t, ok := c.fast(b); ok {
		return t, true
	}
	t, err := time.Parse(time.RFC3339Nano, string(b))
	if err != nil {
		return Time{}, false
	}
	return TimeOf(t), true
}

// fast handles YYYY-MM-DDTHH:MM:SS[.f{1,9}](Z|±HH:MM); ok is false for
// anything else, which the caller hands to time.Parse.
func (c *clock) fast(b []byte) (Time, bool) {
	if len(b) < 20 || b[10] != 'T' || b[13] != ':' || b[16] != ':' {
		return Time{}, false
	}
	days := c.days
	if d, d2 := binary.LittleEndian.Uint64(b), binary.LittleEndian.Uint16(b[8:]); !c.known || d != c.date || d2 != c.date2 {
		if b[4] != '-' || b[7] != '-' {
			return Time{}, false
		}
		year, ok := digits(b[0:4])
		month, day := two(b, 5), two(b, 8)
		if !ok || month < 1 || month > 12 || day < 1 || day > daysIn(month, year) {
			return Time{}, false
		}
		days = daysFromCivil(year, month, day)
		c.date, c.date2, c.days, c.known = d, d2, days, true
	}
	hour, min, sec := two(b, 11), two(b, 14), two(b, 17)
	if hour < 0 || hour > 23 || min < 0 || min > 59 || sec < 0 || sec > 59 {
		return Time{}, false
	}
	rest := b[19:]
	millis := 0
	if rest[0] == '.' {
		n := 1
		for n < len(rest) && rest[n] >= '0' && rest[n] <= '9' {
			n++
		}
		if n == 1 || n > 10 {
			return Time{}, false
		}
		for k := 1; k <= 3; k++ {
			millis *= 10
			if k < n {
				millis += int(rest[k] - '0')
			}
		}
		rest = rest[n:]
	}
	var off int
	switch {
	case len(rest) == 1 && rest[0] == 'Z':
	case len(rest) == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':':
		oh, om := two(rest, 1), two(rest, 4)
		if oh < 0 || oh > 23 || om < 0 || om > 59 {
			return Time{}, false
		}
		off = oh*3600 + om*60
		if rest[0] == '-' {
			off = -off
		}
	default:
		return Time{}, false
	}
	secs := days*86400 + int64(hour*3600+min*60+sec) - int64(off)
	return Time{Millis: secs*1000 + int64(millis), Offset: int32(off)}, true
}

func daysIn(month, year int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// daysFromCivil returns the days since 1970-01-01 of a proleptic
// Gregorian date (Howard Hinnant's algorithm).
func daysFromCivil(y, m, d int) int64 {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return int64(era)*146097 + int64(doe) - 719468
}
