//go:build js && wasm

package main

import (
	"syscall/js"

	"strconv"
	"strings"

	"backsight/wasm/ui"
)

// Timeline limits: beyond these an SVG stops being readable or smooth.
const (
	maxTimelineDays  = 21
	maxTimelineMarks = 3000
)

// Timeline geometry, in SVG user units.
const (
	tlLabel = 92  // the date column
	tlWidth = 960 // the 24 hours
	tlRow   = 24  // one day
	tlTop   = 22  // the hour axis
)

func (p *page) timeline(r *ui.Result) elem {
	box := el("div", "timeline")
	add(box, el("p", "intro", p.f("timelineIntro", r.SleepFrom, r.SleepTo)))

	sel := attr(el("select", ""), "id", "tl-app")
	opt := func(value, label string) {
		o := attr(el("option", "", label), "value", value)
		if value == p.sel {
			o.SetAttribute("selected", "")
		}
		add(sel, o)
	}
	opt("", p.t("timelineAll"))
	opt("*", p.t("timelineEverything"))
	for _, a := range r.Apps {
		if len(a.Categories) > 0 {
			opt(a.App, ui.AppName(p.lang, a.App, a.Name, a.NameZH))
		}
	}
	add(box, el("div", "search-row no-print", attr(el("label", "", p.t("timelineApp")), "for", "tl-app"), sel))
	chart := el("div", "chart")
	add(box, chart)
	on(sel, "change", func(js.Value) {
		p.sel = sel.Underlying().Get("value").String()
		clear(chart)
		add(chart, p.chart(r))
	})
	add(chart, p.chart(r))
	return box
}

// selected returns the intervals the timeline shows.
func (p *page) selected(r *ui.Result) []int {
	var idx []int
	switch p.sel {
	case "*":
		idx = make([]int, r.Intervals.Len())
		for i := range idx {
			idx[i] = i
		}
	case "":
		seen := make(map[int]bool)
		for _, f := range r.Findings {
			if f.Verdict == "in-use" {
				continue
			}
			for _, i := range f.Intervals {
				if !seen[i] {
					seen[i] = true
					idx = append(idx, i)
				}
			}
		}
	default:
		for i := range r.Intervals.Len() {
			if r.Intervals.AppOf(i) == p.sel {
				idx = append(idx, i)
			}
		}
	}
	return idx
}

func (p *page) chart(r *ui.Result) elem {
	box := el("div", "")
	idx := p.selected(r)
	days, total := ui.Timeline(r.Intervals, idx, maxTimelineDays)
	if len(days) == 0 {
		add(box, el("p", "muted", p.t("timelineEmpty")))
		return box
	}
	if total > len(days) {
		add(box, el("p", "muted", p.f("timelineCapped", ui.Count(int64(len(days))), ui.Count(int64(total)))))
	}
	h := tlTop + tlRow*len(days) + 4
	s := svg("svg", "viewBox", "0 0 "+strconv.Itoa(tlLabel+tlWidth+24)+" "+strconv.Itoa(h), "class", "tl", "role", "group",
		"aria-label", p.t("tabTimeline"))
	x := func(min float64) float64 { return tlLabel + min/1440*tlWidth }

	// The night window, per row so it reads as a band.
	from, to := clockMinutes(r.SleepFrom), clockMinutes(r.SleepTo)
	night := func(a, b float64, y int) {
		add(s, svg("rect", "class", "night", "x", ff(x(a)), "y", strconv.Itoa(y), "width", ff(x(b)-x(a)), "height", strconv.Itoa(tlRow)))
	}
	for d := range days {
		y := tlTop + d*tlRow
		if from >= 0 && to >= 0 {
			if from <= to {
				night(from, to, y)
			} else {
				night(0, to, y)
				night(from, 1440, y)
			}
		}
		add(s, svg("line", "class", "row", "x1", strconv.Itoa(tlLabel), "x2", strconv.Itoa(tlLabel+tlWidth),
			"y1", strconv.Itoa(y+tlRow), "y2", strconv.Itoa(y+tlRow)))
	}
	for hr := 0; hr <= 24; hr += 3 {
		xx := ff(x(float64(hr * 60)))
		add(s, svg("line", "class", "hour", "x1", xx, "x2", xx, "y1", strconv.Itoa(tlTop-4), "y2", strconv.Itoa(h-4)))
		t := svg("text", "class", "axis", "x", xx, "y", "14", "text-anchor", "middle")
		t.SetTextContent(twoDigits(hr) + ":00")
		add(s, t)
	}
	marks := 0
	for d, day := range days {
		y := tlTop + d*tlRow
		t := svg("text", "class", "date", "x", "4", "y", strconv.Itoa(y+16))
		t.SetTextContent(day.Date)
		add(s, t)
		for _, m := range day.Marks {
			if marks >= maxTimelineMarks {
				break
			}
			marks++
			ivs, k := r.Intervals, m.Interval
			cat := ivs.CatOf(k)
			w := x(m.To) - x(m.From)
			if w < 2 {
				w = 2 // a zero-length access still shows
			}
			label := p.f("markLabel", p.appLabel(r, ivs.AppOf(k)), ui.Category(p.lang, cat),
				ui.FormatTime(ivs.BeginTime(k), ui.LayoutSecond), ui.FormatTime(ivs.EndTime(k), ui.LayoutClockSec), ui.Duration(p.lang, ivs.Ms[k]))
			rect := svg("rect", "class", "mark cat-"+cat, "x", ff(x(m.From)), "y", strconv.Itoa(y+4),
				"width", ff(w), "height", strconv.Itoa(tlRow-8), "rx", "1.5", "tabindex", "0", "role", "img",
				"aria-label", label, "data-label", label)
			title := svg("title")
			title.SetTextContent(label)
			add(rect, title)
			add(s, rect)
		}
	}
	readout := attr(el("p", "readout", "\u00a0"), "aria-live", "polite")
	show := func(e js.Value) {
		if l := attrOf(e.Get("target"), "data-label"); l != "" {
			readout.SetTextContent(l)
		}
	}
	on(s, "focusin", show)
	on(s, "mouseover", show)
	count := len(idx)
	if marks < count {
		add(box, el("p", "muted", p.f("timelineMarks", ui.Count(int64(marks)), ui.Count(int64(count)))))
	}
	add(box, el("div", "tl-wrap", s), readout, p.legend(r, idx))
	return box
}

// legend names the colours of the categories shown.
func (p *page) legend(r *ui.Result, idx []int) elem {
	seen := map[string]bool{}
	lg := attr(el("ul", "legend"), "aria-label", p.t("legend"))
	for _, i := range idx {
		c := r.Intervals.CatOf(i)
		if seen[c] {
			continue
		}
		seen[c] = true
		add(lg, el("li", "", el("span", "swatch cat-"+c), ui.Category(p.lang, c)))
	}
	add(lg, el("li", "", el("span", "swatch night"), p.t("night")))
	return lg
}

func ff(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }

// clockMinutes reads "HH:MM"; -1 if it is not a clock time.
func clockMinutes(s string) float64 {
	hh, mm, ok := strings.Cut(s, ":")
	h, err1 := strconv.Atoi(hh)
	m, err2 := strconv.Atoi(mm)
	if !ok || err1 != nil || err2 != nil {
		return -1
	}
	return float64(h*60 + m)
}

func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}
