//go:build js && wasm

package main

import (
	"syscall/js"

	"strings"

	"backsight/wasm/ui"
)

// renderCompare shows what changed between a before and an after report.
func (p *page) renderCompare(d *ui.Diff) elem {
	box := el("section", "compare")
	add(box, el("h2", "section-title", p.t("compareHead")))
	add(box, el("p", "summary-period", p.f("compareSides",
		strings.Join(d.Before.Files, ", "), ui.DateTime(d.Before.Period.Start), ui.DateTime(d.Before.Period.End),
		strings.Join(d.After.Files, ", "), ui.DateTime(d.After.Period.Start), ui.DateTime(d.After.Period.End))))
	add(box, el("div", "actions no-print",
		button("button quiet", p.t("newReport"), p.reset),
		button("button quiet", p.t("exportJSON"), p.exportJSON),
		button("button quiet", p.t("print"), func() { js.Global().Call("print") })))
	verdict := func(v string) string {
		if v == "" {
			return "–"
		}
		return p.t("verdict." + v)
	}
	var changed []ui.AccessChange
	for _, a := range d.Access {
		if a.Change != "same" {
			changed = append(changed, a)
		}
	}
	add(box, el("h3", "", p.t("compareAccess")))
	if len(changed) == 0 {
		add(box, el("p", "muted", p.t("compareNone")))
	} else {
		list := el("ul", "changes")
		for _, a := range changed {
			add(list, el("li", "change-"+a.Change,
				el("span", "badge", p.t("change."+a.Change)), " ",
				el("b", "", ui.AppName(p.lang, a.App, a.Name, a.NameZH)), " · ", ui.Category(p.lang, a.Category),
				" · ", verdict(a.Before), " → ", verdict(a.After), el("p", "", p.pick(a.Text))))
		}
		add(box, list)
	}
	ds := d.Domains
	add(box, el("h3", "", p.t("compareDomains")))
	add(box, (&tableView{p: p, n: len(ds), per: 50, sortCol: -1, cols: []ui.Column{
		{Key: "colChange", Text: func(i int) string { return p.t("change." + ds[i].Change) }},
		{Key: "colApp", Text: func(i int) string { return ds[i].App }},
		{Key: "colDomain", Text: func(i int) string { return ds[i].Domain }},
		{Key: "colOwner", Text: func(i int) string { return ds[i].Owner }},
		{Key: "colTracking", Text: func(i int) string { return p.yesNo(ds[i].Tracking) }},
	}}).build())
	ts := d.Trackers
	add(box, el("h3", "", p.t("compareTrackers")))
	add(box, (&tableView{p: p, n: len(ts), per: 50, sortCol: -1, cols: []ui.Column{
		{Key: "colChange", Text: func(i int) string { return p.t("change." + ts[i].Change) }},
		{Key: "colOwner", Text: func(i int) string { return ts[i].Owner }},
		{Key: "colApps", Text: func(i int) string { return strings.Join(ts[i].Apps, ", ") }},
	}}).build())
	return box
}
