//go:build js && wasm

package main

import (
	"syscall/js"

	"strconv"

	"backsight/wasm/ui"
)

// tableView is a searchable, sortable, paginated table: only one page of
// rows is in the DOM, so 10,000 rows stay smooth.
type tableView struct {
	p       *page
	n       int
	cols    []ui.Column
	per     int
	sortCol int
	desc    bool
	query   string
	page    int

	body, status elem
	heads        []elem
}

func (t *tableView) build() elem {
	box := el("div", "table-box")
	if t.n == 0 {
		add(box, el("p", "muted", t.p.t("noMatch")))
		return box
	}
	if t.n > 8 {
		add(box, searchBox(t.p.t("search"), func(q string) { t.query, t.page = q, 0; t.fill() }))
	}
	table := el("table", "data")
	tr := el("tr", "")
	for ci, c := range t.cols {
		th := attr(el("th", ""), "scope", "col")
		if c.Num != nil {
			th.SetAttribute("class", "num")
		}
		ci := ci
		b := attr(el("button", "sort", t.p.t(c.Key)), "type", "button")
		on(b, "click", func(js.Value) {
			if t.sortCol == ci {
				t.desc = !t.desc
			} else {
				t.sortCol, t.desc = ci, c.Num != nil // numbers: largest first
			}
			t.page = 0
			t.fill()
		})
		add(th, b)
		t.heads = append(t.heads, th)
		add(tr, th)
	}
	add(table, el("thead", "", tr))
	t.body = el("tbody", "")
	add(table, t.body)
	add(box, el("div", "table-wrap", table))
	t.status = el("div", "pager")
	add(box, t.status)
	t.fill()
	return box
}

func (t *tableView) fill() {
	v := ui.Query(t.n, t.cols, t.query, t.sortCol, t.desc)
	rows, page, pages := v.Page(t.page, t.per)
	t.page = page
	for ci, th := range t.heads {
		switch {
		case ci != t.sortCol:
			th.RemoveAttribute("aria-sort")
		case t.desc:
			th.SetAttribute("aria-sort", "descending")
		default:
			th.SetAttribute("aria-sort", "ascending")
		}
	}
	clear(t.body)
	for _, i := range rows {
		tr := el("tr", "")
		for _, c := range t.cols {
			td := el("td", "", c.Text(i))
			if c.Num != nil {
				td.SetAttribute("class", "num")
			}
			add(tr, td)
		}
		add(t.body, tr)
	}
	if len(rows) == 0 {
		add(t.body, el("tr", "", attr(el("td", "muted", t.p.t("noMatch")), "colspan", strconv.Itoa(len(t.cols)))))
	}
	pager(t.p, t.status, page, pages, len(v.Rows), func(np int) { t.page = np; t.fill() })
}

// listView is the same for a list of rich items (the apps).
type listView struct {
	p       *page
	n       int
	cols    []ui.Column
	per     int
	sortCol int
	desc    bool
	query   string
	page    int
	label   string
	item    func(i int) elem

	list, status elem
}

func (l *listView) build() elem {
	box := el("div", "list-box")
	add(box, searchBox(l.label, func(q string) { l.query, l.page = q, 0; l.fill() }))
	l.list = el("div", "item-list")
	l.status = el("div", "pager")
	add(box, l.list, l.status)
	l.fill()
	return box
}

func (l *listView) fill() {
	v := ui.Query(l.n, l.cols, l.query, l.sortCol, l.desc)
	rows, page, pages := v.Page(l.page, l.per)
	l.page = page
	clear(l.list)
	for _, i := range rows {
		add(l.list, l.item(i))
	}
	if len(rows) == 0 {
		add(l.list, el("p", "muted", l.p.t("noMatch")))
	}
	pager(l.p, l.status, page, pages, len(v.Rows), func(np int) { l.page = np; l.fill() })
}

var searchSeq int

func searchBox(label string, onInput func(q string)) elem {
	searchSeq++
	id := "search-" + strconv.Itoa(searchSeq)
	in := attr(el("input", "search"), "type", "search", "id", id, "autocomplete", "off", "spellcheck", "false")
	on(in, "input", func(js.Value) { onInput(in.Underlying().Get("value").String()) })
	return el("div", "search-row no-print", attr(el("label", "", label), "for", id), in)
}

func pager(p *page, box elem, page, pages, rows int, goTo func(int)) {
	clear(box)
	if pages <= 1 {
		return
	}
	prev := button("button small", p.t("prev"), func() { goTo(page - 1) })
	next := button("button small", p.t("next"), func() { goTo(page + 1) })
	if page == 0 {
		prev.SetAttribute("disabled", "")
	}
	if page == pages-1 {
		next.SetAttribute("disabled", "")
	}
	add(box, prev, attr(el("span", "", p.f("pageOf", page+1, pages, ui.Count(int64(rows)))), "aria-live", "polite"), next)
}
