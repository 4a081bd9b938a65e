package analysis

import (
	"cmp"
	"fmt"
	"slices"

	"backsight/internal/catalog"
	"backsight/internal/report"
)

// analyze builds the result document: the report's description first, then
// the findings and the network view.
func analyze(r *report.Report, opts Options) *Result {
	res := findingsOf(r, opts)
	complete(r, res)
	return res
}

// complete adds what findingsOf leaves out.
func complete(r *report.Report, res *Result) {
	stampIntervals(r, res.Intervals)
	res.Network = networkOf(r)
}

// findingsOf builds the result document without its network view, which
// only holds its note, and without the intervals' Begin and End: see
// Findings.
func findingsOf(r *report.Report, opts Options) *Result {
	res := &Result{
		Version:   Version,
		Files:     filesInfo(r),
		Period:    periodOf(r),
		Options:   OptionsInfo{SleepFrom: clock(opts.SleepFrom), SleepTo: clock(opts.SleepTo)},
		Rules:     rulesInfo(),
		Intervals: intervalsInfo(r),
		Network:   Network{Note: networkNote},
	}
	sc := newScope(r, opts)
	groups := groupsOf(r.Intervals)
	res.Findings = make([]Finding, 0, len(groups))
	for _, g := range groups {
		res.Findings = append(res.Findings, finding(g, sc))
	}
	sortFindings(res.Findings)
	tracking := trackingDomains(r.Network)
	res.Apps = appsOf(res.Findings, r.Network, tracking)
	// Every app of an interval has a finding and every app of a network
	// record is ranked, so the apps ranking counts the apps.
	res.Totals = totals(r, len(res.Apps), len(tracking))
	return res
}

// trackingDomains maps every domain of the network records to whether any
// record labels it tracking: Apple labels domains, not records, so a
// domain labelled tracking in any record counts as a tracker for every
// app that contacts it.
func trackingDomains(network []report.Network) map[string]bool {
	// Sized for every record to be a new domain, which is nearly so in
	// large reports (75,000 domains in 92,500 records on the generated
	// 100 MB one): grown step by step, the map took twice as long to fill
	// in wasm (40-60 ms instead of 25) and allocated twice the memory.
	m := make(map[string]bool, len(network))
	for i := range network {
		n := &network[i]
		if n.Tracking() {
			m[n.Domain] = true
		} else if _, ok := m[n.Domain]; !ok {
			m[n.Domain] = false
		}
	}
	return m
}

// appsOf ranks every app seen, in access or network records, by concern:
// its worst finding, then tracking domains and hits. It reads the network
// records themselves, not the network view, so that the findings and the
// apps need not wait for the view. Like networkOf, it relies on the
// records being sorted by app and domain, as report.Merge leaves them.
// tracking is trackingDomains(network).
func appsOf(findings []Finding, network []report.Network, tracking map[string]bool) []AppInfo {
	byApp := map[string]*AppInfo{}
	get := func(id string, names func() (string, string)) *AppInfo {
		a := byApp[id]
		if a == nil {
			name, nameZH := names()
			a = &AppInfo{App: id, Name: name, NameZH: nameZH, Categories: []string{}}
			byApp[id] = a
		}
		return a
	}
	for _, f := range findings {
		a := get(f.App, func() (string, string) { return f.Name, f.NameZH })
		a.Purpose = f.Purpose
		a.Categories = append(a.Categories, f.Category)
		if a.Verdict == "" || verdictRank(f.Verdict) < verdictRank(a.Verdict) {
			a.Verdict = f.Verdict
		}
		a.Score = max(a.Score, f.Score)
	}
	for i := 0; i < len(network); {
		app := network[i].App
		a := get(app, func() (string, string) { c := catalog.Lookup(app); return c.Name, c.NameZH })
		a.Hits, a.Domains, a.Trackers = 0, 0, 0
		for k := i; i < len(network) && network[i].App == app; i++ {
			n := &network[i]
			a.Hits += n.Hits
			// An app's records of one domain are consecutive.
			if i > k && n.Domain == network[i-1].Domain {
				continue
			}
			a.Domains++
			if tracking[n.Domain] {
				a.Trackers++
			}
		}
		// Trackers add a little concern; access findings dominate.
		a.Score = min(100, a.Score+min(10, a.Trackers))
	}
	out := make([]AppInfo, 0, len(byApp))
	for _, a := range byApp {
		if a.Purpose == "" {
			a.Purpose = string(catalog.Lookup(a.App).Purpose)
		}
		slices.Sort(a.Categories)
		out = append(out, *a)
	}
	slices.SortFunc(out, func(x, y AppInfo) int {
		return cmp.Or(cmp.Compare(y.Score, x.Score), cmp.Compare(verdictRank(x.Verdict), verdictRank(y.Verdict)),
			cmp.Compare(y.Trackers, x.Trackers), cmp.Compare(y.Hits, x.Hits), cmp.Compare(x.App, y.App))
	})
	return out
}

// clock formats minutes after midnight as "HH:MM".
func clock(min int) string {
	min = ((min % 1440) + 1440) % 1440
	return fmt.Sprintf("%02d:%02d", min/60, min%60)
}

func filesInfo(r *report.Report) []FileInfo {
	out := make([]FileInfo, 0, len(r.Files))
	for _, f := range r.Files {
		fi := FileInfo{
			Name: f.Name, Format: f.Format, Bytes: f.Bytes, Lines: f.Lines,
			Access: len(f.Access), Network: len(f.Network),
			BadLines: f.BadLines, Warnings: f.Warnings,
			Messages: make([]MessageInfo, 0, len(f.Messages)),
		}
		if f.NotReport != "" {
			fi.NotReport = &Text{EN: f.NotReport, ZH: cmp.Or(f.NotReportZH, f.NotReport)}
		}
		for _, m := range f.Messages {
			fi.Messages = append(fi.Messages, MessageInfo{
				File: m.File, Line: m.Line, Severity: m.Severity.String(), Text: m.Text, Excerpt: m.Excerpt,
			})
		}
		out = append(out, fi)
	}
	return out
}

func periodOf(r *report.Report) Period {
	if r.Start.IsZero() {
		return Period{}
	}
	return Period{
		Start: r.Start.String(),
		End:   r.End.String(),
		Days:  float64((r.End.Millis-r.Start.Millis)/36000) / 2400, // two decimals
	}
}

// totals counts what r holds; apps and domains are counted by the caller.
func totals(r *report.Report, apps, domains int) Totals {
	t := Totals{
		Files: len(r.Files), Network: len(r.Network), Intervals: len(r.Intervals),
		Apps: apps, Domains: domains,
	}
	for _, f := range r.Files {
		t.Access += len(f.Access)
		t.BadLines += f.BadLines
		t.Warnings += f.Warnings
	}
	return t
}

var flagNames = []struct {
	flag report.IntervalFlag
	name string
}{
	{report.Open, "open"},
	{report.NoBegin, "noBegin"},
	{report.DoubledBegin, "doubledBegin"},
	{report.OutOfProcess, "outOfProcess"},
	{report.Event, "event"},
}

// intervalsInfo lists every interval in the report's order (by begin), so
// that an index into Result.Intervals is an index into r.Intervals; their
// Begin and End are left to stampIntervals.
func intervalsInfo(r *report.Report) []IntervalInfo {
	out := make([]IntervalInfo, len(r.Intervals))
	// Intervals with the same flags share one list of names: the document
	// is read, never changed, and most intervals have none. A list is
	// never nil once built; the array has one per value of a uint8.
	var flagLists [1 << 8][]string
	for i := range r.Intervals {
		iv := &r.Intervals[i]
		flags := flagLists[iv.Flags]
		if flags == nil {
			flags = []string{}
			for _, f := range flagNames {
				if iv.Has(f.flag) {
					flags = append(flags, f.name)
				}
			}
			flags = slices.Clip(flags)
			flagLists[iv.Flags] = flags
		}
		pos := iv.Begins
		if iv.Has(report.NoBegin) {
			pos = iv.Ends
		}
		// Fields set in place: a composite literal is built aside and
		// copied in with a barrier over the whole struct while the
		// collector runs.
		o := &out[i]
		o.App, o.Category, o.Ms = iv.App, iv.CategoryLabel(), iv.DurationMillis()
		o.Flags, o.File, o.Line = flags, int(pos.File), int(pos.Line)
	}
	return out
}

// stampIntervals writes the intervals' Begin and End, out[i] being
// r.Intervals[i]'s.
func stampIntervals(r *report.Report, out []IntervalInfo) {
	// The stamps of a block of intervals share one string: see stamps.
	const block = 1024
	var st stamps
	for lo := 0; lo < len(out); lo += block {
		hi := min(lo+block, len(out))
		for i := lo; i < hi; i++ {
			st.add(r.Intervals[i].Begin)
			st.add(r.Intervals[i].End)
		}
		for k, s := range st.cut() {
			if o := &out[lo+k/2]; k%2 == 0 {
				o.Begin = s
			} else {
				o.End = s
			}
		}
	}
}
