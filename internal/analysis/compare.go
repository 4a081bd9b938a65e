package analysis

import (
	"cmp"
	"fmt"
	"slices"

	"backsight/internal/report"
)

// compare analyzes both reports and lines up their findings and contacts,
// so a user can check whether an app update kept its promise.
func compare(before, after *report.Report, opts Options) *Diff {
	b, a := analyze(before, opts), analyze(after, opts)
	d := &Diff{
		Version: Version,
		Before:  side(b), After: side(a),
		Access:   accessChanges(b.Findings, a.Findings),
		Domains:  domainChanges(b.Network, a.Network),
		Trackers: trackerChanges(b.Network, a.Network),
	}
	return d
}

func side(r *Result) Side {
	s := Side{Files: make([]string, 0, len(r.Files)), Period: r.Period}
	for _, f := range r.Files {
		s.Files = append(s.Files, f.Name)
	}
	return s
}

var changeRank = map[string]int{"started": 0, "new": 0, "changed": 1, "stopped": 2, "gone": 2, "same": 3}

func accessChanges(before, after []Finding) []AccessChange {
	type key struct{ app, category string }
	bf, af := map[key]*Finding{}, map[key]*Finding{}
	var ks []key
	for i := range before {
		k := key{before[i].App, before[i].Category}
		bf[k] = &before[i]
		ks = append(ks, k)
	}
	for i := range after {
		k := key{after[i].App, after[i].Category}
		af[k] = &after[i]
		if bf[k] == nil {
			ks = append(ks, k)
		}
	}
	out := make([]AccessChange, 0, len(ks))
	for _, k := range ks {
		b, a := bf[k], af[k]
		c := AccessChange{App: k.app, Category: k.category}
		var f *Finding
		if b != nil {
			v := b.Verdict
			c.Before, c.BeforeCount, f = &v, b.Count, b
		}
		if a != nil {
			v := a.Verdict
			c.After, c.AfterCount, f = &v, a.Count, a
		}
		c.Name, c.NameZH = f.Name, f.NameZH
		c.Change = change(c.Before, c.After)
		c.Text = changeText(f, c)
		out = append(out, c)
	}
	slices.SortFunc(out, func(x, y AccessChange) int {
		return cmp.Or(cmp.Compare(changeRank[x.Change], changeRank[y.Change]), cmp.Compare(x.App, y.App), cmp.Compare(x.Category, y.Category))
	})
	return out
}

// change classifies a verdict pair: "started" and "stopped" are about
// background use (or any use, when one side has none).
func change(b, a *Verdict) string {
	switch {
	case b == nil:
		return "started"
	case a == nil:
		return "stopped"
	case background(*b) != background(*a):
		if background(*a) {
			return "started"
		}
		return "stopped"
	case *b != *a:
		return "changed"
	}
	return "same"
}

var verdictWords = map[Verdict]Text{
	BackgroundLikely:   {"likely in the background", "很可能在后台"},
	BackgroundPossible: {"possibly in the background", "可能在后台"},
	Expected:           {"expected for this kind of app", "这类 App 的预期行为"},
	InUse:              {"consistent with use", "与使用情况相符"},
}

func changeText(f *Finding, c AccessChange) Text {
	r := resource(categoryOf(c.Category), c.Category)
	state := func(v *Verdict, n int) Text {
		if v == nil {
			return Text{"none", "没有"}
		}
		w := verdictWords[*v]
		return Text{fmt.Sprintf("%d, %s", n, w.EN), fmt.Sprintf("%d 次，%s", n, w.ZH)}
	}
	b, a := state(c.Before, c.BeforeCount), state(c.After, c.AfterCount)
	var en, zh string
	switch c.Change {
	case "started":
		en, zh = "now "+r.verbEN, "现在"+r.verbZH
		if c.Before != nil {
			en, zh = "now "+r.verbEN+" in the background", "现在在后台"+r.verbZH
		}
	case "stopped":
		en, zh = "no longer "+r.verbEN, "不再"+r.verbZH
		if c.After != nil {
			en, zh = "no longer "+r.verbEN+" in the background", "不再在后台"+r.verbZH
		}
	case "changed":
		en, zh = r.verbEN+" differently", r.verbZH+"，但方式有变化"
	default:
		en, zh = "still "+r.verbEN+" the same way", "仍以同样方式"+r.verbZH
	}
	return Text{
		fmt.Sprintf("%s %s (before: %s; after: %s)", f.Name, en, b.EN, a.EN),
		fmt.Sprintf("“%s”%s（之前：%s；之后：%s）", f.NameZH, zh, b.ZH, a.ZH),
	}
}

// categoryOf maps a finding's category name back to the enum.
func categoryOf(label string) report.Category {
	c, _ := report.ParseCategory(label)
	return c
}

func domainChanges(before, after Network) []DomainChange {
	type key struct{ app, domain string }
	collect := func(nw Network) map[key]NetAppDomain {
		m := map[key]NetAppDomain{}
		for _, a := range nw.Apps {
			for _, d := range a.Domains {
				k := key{a.App, d.Domain}
				if old, ok := m[k]; ok {
					d.Tracking = d.Tracking || old.Tracking
					d.Owner = cmp.Or(old.Owner, d.Owner)
				}
				m[k] = d
			}
		}
		return m
	}
	b, a := collect(before), collect(after)
	out := []DomainChange{}
	for k, d := range a {
		if _, ok := b[k]; !ok {
			out = append(out, DomainChange{App: k.app, Domain: k.domain, Change: "new", Tracking: d.Tracking, Owner: d.Owner})
		}
	}
	for k, d := range b {
		if _, ok := a[k]; !ok {
			out = append(out, DomainChange{App: k.app, Domain: k.domain, Change: "gone", Tracking: d.Tracking, Owner: d.Owner})
		}
	}
	slices.SortFunc(out, func(x, y DomainChange) int {
		return cmp.Or(cmp.Compare(changeRank[x.Change], changeRank[y.Change]), -cmp.Compare(boolInt(x.Tracking), boolInt(y.Tracking)),
			cmp.Compare(x.App, y.App), cmp.Compare(x.Domain, y.Domain))
	})
	return out
}

func trackerChanges(before, after Network) []TrackerChange {
	collect := func(nw Network) map[string][]string {
		m := map[string][]string{}
		for _, c := range nw.Companies {
			if c.Tracking {
				m[c.Owner] = c.Apps
			}
		}
		return m
	}
	b, a := collect(before), collect(after)
	out := []TrackerChange{}
	for owner, apps := range a {
		if _, ok := b[owner]; !ok {
			out = append(out, TrackerChange{Owner: owner, Change: "new", Apps: apps})
		}
	}
	for owner, apps := range b {
		if _, ok := a[owner]; !ok {
			out = append(out, TrackerChange{Owner: owner, Change: "gone", Apps: apps})
		}
	}
	slices.SortFunc(out, func(x, y TrackerChange) int {
		return cmp.Or(cmp.Compare(changeRank[x.Change], changeRank[y.Change]), cmp.Compare(x.Owner, y.Owner))
	})
	return out
}
