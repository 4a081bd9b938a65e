//go:build js && wasm

package main

import (
	"syscall/js"

	"strconv"
	"strings"

	"backsight/wasm/ui"
)

// tabs are the views of a result, in order.
var tabs = []struct{ id, key string }{
	{"findings", "tabFindings"},
	{"apps", "tabApps"},
	{"timeline", "tabTimeline"},
	{"network", "tabNetwork"},
	{"files", "tabFiles"},
}

func (p *page) t(key string) string              { return ui.T(p.lang, key) }
func (p *page) f(key string, args ...any) string { return ui.F(p.lang, key, args...) }
func (p *page) pick(t ui.Text) string            { return ui.Pick(p.lang, t) }

// render draws the whole result into #app.
func (p *page) render() {
	p.gen++
	app := byID("app")
	clear(app)
	if p.diff != nil {
		add(app, p.renderCompare(p.diff))
		return
	}
	r := p.res
	add(app, p.summary(r))
	if r.Totals.Access+r.Totals.Network == 0 {
		add(app, p.fileProblems(r, true))
		return
	}
	if r.Totals.BadLines > 0 || anyNotReport(r) {
		add(app, p.fileProblems(r, false))
	}
	nav := attr(el("div", "tabs"), "role", "tablist", "aria-label", p.t("views"))
	panel := attr(el("section", "panel"), "role", "tabpanel", "id", "panel", "tabindex", "-1")
	var btns []elem
	for i, tb := range tabs {
		b := attr(el("button", "tab", p.t(tb.key)), "type", "button", "role", "tab",
			"id", "tab-"+tb.id, "aria-controls", "panel")
		selected := tb.id == p.tab
		b.SetAttribute("aria-selected", strconv.FormatBool(selected))
		if !selected {
			b.SetAttribute("tabindex", "-1")
		} else {
			panel.SetAttribute("aria-labelledby", "tab-"+tb.id)
		}
		id := tb.id
		on(b, "click", func(js.Value) { p.showTab(id, true) })
		on(b, "keydown", func(e js.Value) {
			// Arrow keys move between tabs, as screen reader users expect.
			step := 0
			switch e.Get("key").String() {
			case "ArrowRight":
				step = 1
			case "ArrowLeft":
				step = len(tabs) - 1
			default:
				return
			}
			e.Call("preventDefault")
			next := tabs[(i+step)%len(tabs)].id
			p.showTab(next, false)
			focus(byID("tab-" + next))
		})
		btns = append(btns, b)
	}
	add(nav, btns)
	add(app, nav, panel)
	p.renderTab(panel)
}

func anyNotReport(r *ui.Result) bool {
	for _, f := range r.Files {
		if f.NotReport != nil {
			return true
		}
	}
	return false
}

// showTab switches the view; focusPanel moves focus to it (after a click).
func (p *page) showTab(id string, focusPanel bool) {
	p.tab = id
	for _, tb := range tabs {
		b := byID("tab-" + tb.id)
		sel := tb.id == id
		b.SetAttribute("aria-selected", strconv.FormatBool(sel))
		if sel {
			b.RemoveAttribute("tabindex")
		} else {
			b.SetAttribute("tabindex", "-1")
		}
	}
	panel := byID("panel")
	panel.SetAttribute("aria-labelledby", "tab-"+id)
	p.gen++
	clear(panel)
	p.renderTab(panel)
	if focusPanel {
		focus(panel)
	}
}

func (p *page) renderTab(panel elem) {
	if (p.tab == "apps" || p.tab == "network") && !p.networkReady() {
		// The Worker sends the network view right after the findings;
		// the "network" message renders this tab again.
		add(panel, el("p", "muted", p.t("networkLoading")))
		return
	}
	switch p.tab {
	case "findings":
		add(panel, p.findings(p.res))
	case "apps":
		add(panel, p.apps(p.res))
	case "timeline":
		add(panel, p.timeline(p.res))
	case "network":
		add(panel, p.network(p.res))
	case "files":
		add(panel, p.fileProblems(p.res, true))
	}
}

// summary is the bar above the views: files, period, counts, exports.
func (p *page) summary(r *ui.Result) elem {
	names := make([]string, 0, len(r.Files))
	for _, f := range r.Files {
		names = append(names, f.Name)
	}
	s := el("section", "summary")
	add(s, el("h2", "summary-files", strings.Join(names, ", ")))
	if r.Period.Start != "" {
		add(s, el("p", "summary-period", p.f("summary", p.t("files")+": "+strconv.Itoa(len(r.Files)),
			ui.DateTime(r.Period.Start), ui.DateTime(r.Period.End), strconv.FormatFloat(r.Period.Days, 'f', 1, 64))))
	}
	add(s, el("p", "summary-counts", p.f("summaryCounts", ui.Count(int64(r.Totals.Intervals)),
		ui.Count(int64(r.Totals.Apps)), ui.Count(int64(r.Totals.Domains)))))
	actions := el("div", "actions no-print")
	add(actions,
		button("button quiet", p.t("newReport"), p.reset),
		button("button quiet", p.t("exportJSON"), p.exportJSON),
		button("button quiet", p.t("exportIntervals"), func() { download("backsight-intervals.csv", "text/csv", ui.IntervalsCSV(p.res)) }),
		button("button quiet", p.t("exportNetwork"), func() {
			if p.networkReady() {
				download("backsight-network.csv", "text/csv", ui.NetworkCSV(p.res))
			}
		}),
		button("button quiet", p.t("print"), func() { js.Global().Call("print") }),
	)
	add(s, actions)
	return s
}

// reset goes back to the drop zone.
func (p *page) reset() {
	p.res, p.diff = nil, nil
	p.gen++
	clear(byID("app"))
	root().RemoveAttribute("data-state")
	root().RemoveAttribute("data-view")
	byID("file").Underlying().Set("value", "")
	byID("start").Underlying().Call("scrollIntoView")
	focus(byID("file"))
}

// ruleText finds a rule's description.
func (p *page) rule(id string) *ui.Rule {
	for i := range p.res.Rules {
		if p.res.Rules[i].ID == id {
			return &p.res.Rules[i]
		}
	}
	return nil
}

func (p *page) findings(r *ui.Result) elem {
	box := el("div", "findings")
	var serious, expected []int
	inUse := 0
	for i, f := range r.Findings {
		switch f.Verdict {
		case "background-likely", "background-possible":
			serious = append(serious, i)
		case "expected":
			expected = append(expected, i)
		case "in-use":
			inUse++
		}
	}
	if len(serious) == 0 {
		add(box, el("p", "calm-note", p.t("noFindings")))
	} else {
		add(box, el("h2", "section-title", p.t("serious")), p.findingList(r, serious, findingsAtOnce))
	}
	if len(expected) > 0 {
		// Below serious findings, the expected ones start out of sight:
		// they all follow in later frames.
		atOnce := findingsAtOnce
		if len(serious) > 0 {
			atOnce = 0
		}
		add(box, el("h2", "section-title calm", p.t("expectedHead")), el("p", "intro", p.t("expectedIntro")),
			p.findingList(r, expected, atOnce))
	}
	if inUse > 0 {
		add(box, el("p", "calm-note", p.f("inUseNote", inUse)))
	}
	return box
}

// findingsShown is how many findings a list shows before "show more": a
// generated 100 MB report has hundreds, and the first screen must be quick.
// Of those, findingsAtOnce are drawn at once, more than fill the first
// screen (a finding with its evidence is 500-700 px tall on a laptop);
// the others follow a few per frame (later), so that no frame waits for
// the whole list.
const (
	findingsShown  = 20
	findingsAtOnce = 2
)

// findingList draws the findings idx, the first atOnce of them at once.
func (p *page) findingList(r *ui.Result, idx []int, atOnce int) elem {
	list := el("div", "finding-list")
	shown := 0
	var more elem
	grow := func() {
		end := min(shown+findingsShown, len(idx))
		for k, i := range idx[shown:end] {
			if shown == 0 && k < atOnce {
				add(list, p.finding(r, i))
				continue
			}
			p.later(func() { add(list, p.finding(r, i)) })
		}
		shown = end
		if more != nil {
			if shown == len(idx) {
				more.Remove()
			} else {
				more.SetTextContent(p.f("showMore", ui.Count(int64(len(idx)-shown))))
			}
		}
	}
	grow()
	if shown < len(idx) {
		more = button("button no-print", p.f("showMore", ui.Count(int64(len(idx)-shown))), func() {
			first := shown
			grow()
			if first < len(idx) {
				focus(wrap(list.Get("children").Index(first)))
			}
		})
		return el("div", "", list, more)
	}
	return list
}

func (p *page) finding(r *ui.Result, i int) elem {
	f := &r.Findings[i]
	a := attr(el("article", "finding verdict-"+f.Verdict), "tabindex", "0", "aria-labelledby", "finding-"+strconv.Itoa(i))
	head := el("div", "finding-head")
	add(head,
		el("span", "badge verdict-"+f.Verdict, p.t("verdict."+f.Verdict)),
		el("span", "chip", ui.Category(p.lang, f.Category)),
		el("span", "app-name", ui.AppName(p.lang, f.App, f.Name, f.NameZH)),
	)
	add(a, head, attr(el("h3", "headline", p.pick(f.Headline)), "id", "finding-"+strconv.Itoa(i)))
	add(a, el("p", "facts", p.f("findingFacts", ui.Count(int64(f.Count)), ui.Duration(p.lang, f.TotalMs),
		ui.Count(int64(f.NightCount)), ui.DateTime(f.First), ui.DateTime(f.Last))+" · "+
		p.f("confidence", p.t("confidence."+f.Confidence))))
	if f.Expected != nil {
		add(a, el("p", "expected-note", p.pick(*f.Expected)))
	}
	if len(f.Evidence) > 0 {
		ul := el("ul", "evidence")
		for _, ev := range f.Evidence {
			add(ul, el("li", "", p.pick(ev.Text)))
		}
		add(a, el("h4", "", p.t("evidence")), ul)
	}
	grid := el("div", "finding-grid")
	if s := p.pick(f.Setting); s != "" {
		add(grid, el("div", "setting", el("h4", "", p.t("setting")), el("p", "", s)))
	}
	if s := p.pick(f.CannotTell); s != "" {
		add(grid, el("div", "cannot", el("h4", "", p.t("cannotTell")), el("p", "", s)))
	}
	add(a, grid)
	if len(f.Rules) > 0 {
		d := el("details", "why")
		add(d, el("summary", "", p.t("why")))
		for _, id := range f.Rules {
			if ru := p.rule(id); ru != nil {
				add(d, el("h5", "", p.pick(ru.Title)), el("p", "", p.pick(ru.Text)))
			}
		}
		add(a, d)
	}
	app := f.App
	add(a, button("button quiet small no-print", p.t("showOnTimeline"), func() {
		p.sel = app
		p.showTab("timeline", true)
	}))
	return a
}

func (p *page) verdictBadge(v string) elem {
	return el("span", "badge verdict-"+v, p.t("verdict."+v))
}

// apps lists every app ranked by concern; each opens to its accesses and
// its network contacts.
func (p *page) apps(r *ui.Result) elem {
	box := el("div", "apps")
	netByApp := make(map[string]ui.Source)
	for i := range srcLen(r.Network.Apps) {
		a := r.Network.Apps.Index(i)
		netByApp[a.Str("app")] = a
	}
	findingsByApp := make(map[string][]int)
	for i, f := range r.Findings {
		findingsByApp[f.App] = append(findingsByApp[f.App], i)
	}
	cols := []ui.Column{
		{Key: "colApp", Text: func(i int) string {
			a := &r.Apps[i]
			return ui.AppName(p.lang, a.App, a.Name, a.NameZH) + " " + a.App
		}},
		{Key: "colVerdict", Text: func(i int) string { return p.t("verdict." + r.Apps[i].Verdict) },
			Num: func(i int) float64 { return float64(r.Apps[i].Score) }},
		{Key: "colCategories", Text: func(i int) string {
			var s []string
			for _, c := range r.Apps[i].Categories {
				s = append(s, ui.Category(p.lang, c))
			}
			return strings.Join(s, ", ")
		}},
	}
	list := &listView{p: p, n: len(r.Apps), cols: cols, per: 40, sortCol: -1, label: p.t("searchApps"),
		item: func(i int) elem { return p.appItem(r, i, findingsByApp[r.Apps[i].App], netByApp[r.Apps[i].App]) }}
	add(box, list.build())
	return box
}

func srcLen(s ui.Source) int {
	if s == nil {
		return 0
	}
	return s.Len()
}

func (p *page) appItem(r *ui.Result, i int, fs []int, net ui.Source) elem {
	a := &r.Apps[i]
	d := el("details", "app-item verdict-"+a.Verdict)
	sum := el("summary", "")
	add(sum, el("span", "app-name", ui.AppName(p.lang, a.App, a.Name, a.NameZH)), el("span", "bundle", a.App),
		p.verdictBadge(a.Verdict))
	meta := el("span", "app-meta")
	for _, c := range a.Categories {
		add(meta, el("span", "chip", ui.Category(p.lang, c)))
	}
	if a.Domains > 0 {
		add(meta, el("span", "chip net", p.f("nDomains", ui.Count(int64(a.Domains)))))
	}
	if a.Trackers > 0 {
		add(meta, el("span", "chip tracker", p.f("nTrackers", ui.Count(int64(a.Trackers)))))
	}
	add(sum, meta)
	add(d, sum)
	// The body is built when opened: hundreds of apps stay cheap.
	built := false
	on(d, "toggle", func(js.Value) {
		if built || !d.Underlying().Get("open").Bool() {
			return
		}
		built = true
		body := el("div", "app-body")
		add(body, el("h4", "", p.t("accesses")))
		if len(fs) == 0 {
			add(body, el("p", "muted", p.t("noAccess")))
		} else {
			tb := el("table", "data")
			add(tb, el("thead", "", el("tr", "", el("th", "", p.t("colCategory")), el("th", "", p.t("colVerdict")),
				el("th", "num", p.t("colCount")), el("th", "num", p.t("colTotal")), el("th", "", p.t("colLast")))))
			rows := el("tbody", "")
			for _, fi := range fs {
				f := &r.Findings[fi]
				add(rows, el("tr", "", el("td", "", ui.Category(p.lang, f.Category)), el("td", "", p.verdictBadge(f.Verdict)),
					el("td", "num", ui.Count(int64(f.Count))), el("td", "num", ui.Duration(p.lang, f.TotalMs)),
					el("td", "", ui.DateTime(f.Last))))
			}
			add(tb, rows)
			add(body, el("div", "table-wrap", tb))
		}
		add(body, el("h4", "", p.t("contacts")))
		var ds ui.Source
		if net != nil {
			ds = net.Get("domains")
		}
		if srcLen(ds) == 0 {
			add(body, el("p", "muted", p.t("noContacts")))
		} else {
			add(body, p.appDomains(ds))
		}
		add(d, body)
	})
	return d
}

// col is a table column read from an array of parsed JSON objects; texts
// are read once and kept, so searching and sorting stay quick.
func (p *page) col(arr ui.Source, key string, text func(row ui.Source) string) ui.Column {
	n := srcLen(arr)
	cache := make([]string, n)
	done := make([]bool, n)
	return ui.Column{Key: key, Text: func(i int) string {
		if !done[i] {
			cache[i], done[i] = text(arr.Index(i)), true
		}
		return cache[i]
	}}
}

// numCol is a numeric column: shown with separators, sorted by value.
func (p *page) numCol(arr ui.Source, key, field string) ui.Column {
	n := srcLen(arr)
	vals := make([]float64, n)
	done := make([]bool, n)
	get := func(i int) float64 {
		if !done[i] {
			vals[i], done[i] = arr.Index(i).Num(field), true
		}
		return vals[i]
	}
	return ui.Column{Key: key, Num: get, Text: func(i int) string { return ui.Count(int64(get(i))) }}
}

func (p *page) appDomains(ds ui.Source) elem {
	str := func(k string) func(ui.Source) string { return func(r ui.Source) string { return r.Str(k) } }
	cols := []ui.Column{
		p.col(ds, "colDomain", str("domain")),
		p.col(ds, "colOwner", str("owner")),
		p.col(ds, "colTracking", func(r ui.Source) string { return p.yesNo(r.Bool("tracking")) }),
		p.numCol(ds, "colHits", "hits"),
		p.col(ds, "colInitiated", func(r ui.Source) string { return p.t("initiated." + r.Str("initiated")) }),
		p.col(ds, "colWebsite", str("context")),
		p.col(ds, "colLast", func(r ui.Source) string { return ui.DateTime(r.Str("last")) }),
	}
	t := &tableView{p: p, n: srcLen(ds), cols: cols, per: 25, sortCol: 3, desc: true}
	return t.build()
}

func (p *page) yesNo(b bool) string {
	if b {
		return p.t("yes")
	}
	return p.t("no")
}

func (p *page) appLabel(r *ui.Result, bundle string) string {
	for i := range r.Apps {
		if r.Apps[i].App == bundle {
			return ui.AppName(p.lang, bundle, r.Apps[i].Name, r.Apps[i].NameZH)
		}
	}
	return bundle
}

func (p *page) network(r *ui.Result) elem {
	box := el("div", "network")
	if s := p.pick(r.Network.Note); s != "" {
		add(box, el("p", "intro", s))
	}
	names := make(map[string]string, len(r.Apps))
	for _, a := range r.Apps {
		names[a.App] = ui.AppName(p.lang, a.App, a.Name, a.NameZH)
	}
	list := func(k string, appNames bool) func(ui.Source) string {
		return func(row ui.Source) string {
			// A cell names a few; search still finds the rest in the
			// app's own view. Hundreds of domains in one cell squeeze
			// every other column to nothing.
			const shown = 8
			arr := row.Get(k)
			n := srcLen(arr)
			s := make([]string, min(n, shown))
			for i := range s {
				s[i] = arr.Index(i).String()
				if name, ok := names[s[i]]; ok && appNames {
					s[i] = name
				}
			}
			out := strings.Join(s, ", ")
			if n > shown {
				out += " " + p.f("andMore", ui.Count(int64(n-shown)))
			}
			return out
		}
	}
	str := func(k string) func(ui.Source) string { return func(r ui.Source) string { return r.Str(k) } }
	tracking := func(r ui.Source) string { return p.yesNo(r.Bool("tracking")) }

	cs := r.Network.Companies
	add(box, el("h2", "section-title", p.t("netCompanies")), el("p", "intro", p.t("netCompaniesIntro")))
	add(box, (&tableView{p: p, n: srcLen(cs), per: 25, sortCol: -1, cols: []ui.Column{
		p.col(cs, "colOwner", str("owner")),
		p.col(cs, "colTracking", tracking),
		p.numCol(cs, "colHits", "hits"),
		p.col(cs, "colApps", list("apps", true)),
		p.col(cs, "colDomains", list("domains", false)),
	}}).build())
	ds := r.Network.Domains
	add(box, el("h2", "section-title", p.t("netDomains")))
	add(box, (&tableView{p: p, n: srcLen(ds), per: 50, sortCol: -1, cols: []ui.Column{
		p.col(ds, "colDomain", str("domain")),
		p.col(ds, "colOwner", str("owner")),
		p.col(ds, "colTracking", tracking),
		p.numCol(ds, "colHits", "hits"),
		p.col(ds, "colApps", list("apps", true)),
	}}).build())
	ws := r.Network.Websites
	add(box, el("h2", "section-title", p.t("netWebsites")))
	add(box, (&tableView{p: p, n: srcLen(ws), per: 25, sortCol: -1, cols: []ui.Column{
		p.col(ws, "colWebsite", str("context")),
		p.numCol(ws, "colHits", "hits"),
		p.col(ws, "colApps", list("apps", true)),
		p.col(ws, "colDomains", list("domains", false)),
	}}).build())
	return box
}

// fileProblems lists each file with its counts, a "not a report" sentence,
// and its bad lines with their numbers.
func (p *page) fileProblems(r *ui.Result, all bool) elem {
	box := el("section", "files-box")
	if r.Totals.Access+r.Totals.Network == 0 {
		add(box, attr(el("p", "notice", p.t("nothingToShow")), "role", "alert"))
	}
	for _, f := range r.Files {
		if !all && f.NotReport == nil && f.BadLines == 0 {
			continue
		}
		card := el("div", "file-card")
		add(card, el("h3", "", f.Name), el("p", "muted", p.f("fileFacts", ui.Bytes(f.Bytes), ui.Count(int64(f.Lines)),
			ui.Count(int64(f.Access)), ui.Count(int64(f.Network)))))
		if f.NotReport != nil {
			add(card, attr(el("p", "problem not-report", p.pick(*f.NotReport)), "role", "alert"))
		} else {
			if f.BadLines > 0 {
				add(card, el("p", "problem", p.f("badLines", ui.Count(int64(f.BadLines)))))
			}
			if f.Warnings > 0 {
				add(card, el("p", "muted", p.f("warnings", ui.Count(int64(f.Warnings)))))
			}
		}
		if len(f.Messages) > 0 && f.NotReport == nil {
			ms := f.Messages
			add(card, (&tableView{p: p, n: len(ms), per: 20, sortCol: -1, cols: []ui.Column{
				{Key: "colLine", Text: func(i int) string { return strconv.Itoa(ms[i].Line) }, Num: func(i int) float64 { return float64(ms[i].Line) }},
				{Key: "colProblem", Text: func(i int) string { return ms[i].Text }},
				{Key: "colExcerpt", Text: func(i int) string { return ms[i].Excerpt }},
			}}).build())
			if len(ms) < f.BadLines+f.Warnings {
				add(card, el("p", "muted", p.f("moreMessages", ui.Count(int64(len(ms))))))
			}
		}
		add(box, card)
	}
	return box
}
