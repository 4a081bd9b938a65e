package ui

import (
	"slices"
	"time"
)

// Day is one row of the timeline: a calendar date in the phone's own clock
// and the marks on it, in minutes after that day's midnight.
type Day struct {
	Date  string // "2021-09-05"
	Marks []Mark
}

// Mark is one interval (or the part of it on one day).
type Mark struct {
	Interval  int     // index into Result.Intervals
	From, To  float64 // minutes after midnight, 0..1440
	Continued bool    // the interval began on an earlier day
}

// Timeline lays out the intervals idx of res by day: an interval crossing
// midnight continues on the next day. Days are returned oldest first; only
// days with marks are kept, at most maxDays of the latest.
func Timeline(ivs *Intervals, idx []int, maxDays int) (days []Day, totalDays int) {
	byDate := make(map[string]*Day)
	for _, i := range idx {
		if i < 0 || i >= ivs.Len() {
			continue
		}
		b, e := ivs.BeginTime(i), ivs.EndTime(i)
		if e.Before(b) {
			e = b
		}
		// Work in the begin's own offset: that is the clock the phone showed.
		e = e.In(b.Location())
		cont := false
		for day := 0; day < 32; day++ { // an interval longer than a month is drawn for its first month
			y, m, d := b.Date()
			date := FormatTime(b, LayoutDate)
			midnight := time.Date(y, m, d, 0, 0, 0, 0, b.Location())
			from := b.Sub(midnight).Minutes()
			to := e.Sub(midnight).Minutes()
			next := to > 1440
			if next {
				to = 1440
			}
			dd := byDate[date]
			if dd == nil {
				dd = &Day{Date: date}
				byDate[date] = dd
			}
			dd.Marks = append(dd.Marks, Mark{Interval: i, From: from, To: to, Continued: cont})
			if !next {
				break
			}
			b, cont = midnight.AddDate(0, 0, 1), true
		}
	}
	for _, d := range byDate {
		days = append(days, *d)
	}
	slices.SortFunc(days, func(a, b Day) int {
		if a.Date < b.Date {
			return -1
		}
		if a.Date > b.Date {
			return 1
		}
		return 0
	})
	totalDays = len(days)
	if maxDays > 0 && len(days) > maxDays {
		days = days[len(days)-maxDays:]
	}
	return days, totalDays
}
