package analysis

import (
	"cmp"
	"fmt"
	"slices"

	"backsight/internal/catalog"
	"backsight/internal/report"
)

// groupsOf splits the report's intervals by app and category, each group in
// begin order, the groups sorted by app and category name.
func groupsOf(iv []report.Interval) []*group {
	type key struct{ app, label string }
	byKey := make(map[key]int)
	var out []*group
	// Each interval's group is noted and the groups' sizes counted first,
	// so that their lists are cut to size from two slices: appending to
	// each group's own lists grew them step by step, with 2.6 times the
	// memory (8.4 MB instead of 3.2 on the 100 MB report).
	of := make([]int32, len(iv))
	var all, uses []int // per group, the sizes of All and Uses
	inUse := 0
	for i := range iv {
		x := &iv[i]
		k := key{x.App, x.CategoryLabel()}
		g, ok := byKey[k]
		if !ok {
			g = len(out)
			byKey[k] = g
			out = append(out, &group{App: x.App, Category: x.Category, Label: k.label})
			all, uses = append(all, 0), append(uses, 0)
		}
		of[i] = int32(g)
		all[g]++
		if !x.Has(report.OutOfProcess) {
			uses[g]++
			inUse++
		}
	}
	allBuf, usesBuf := make([]int, len(iv)), make([]int, inUse)
	for k, g := range out {
		g.All, allBuf = allBuf[:0:all[k]], allBuf[all[k]:]
		g.Uses, usesBuf = usesBuf[:0:uses[k]], usesBuf[uses[k]:]
	}
	for i, k := range of {
		out[k].All = append(out[k].All, i)
	}

	// Merge keeps intervals in time order, and then each group's list,
	// in index order, is in begin order too. Sorting anyway keeps the
	// rules right for any report built another way.
	ordered := true
	for i := 1; i < len(iv) && ordered; i++ {
		ordered = iv[i-1].Begin.Millis <= iv[i].Begin.Millis
	}
	for _, g := range out {
		if !ordered {
			slices.SortStableFunc(g.All, func(a, b int) int { return cmp.Compare(iv[a].Begin.Millis, iv[b].Begin.Millis) })
		}
		for _, i := range g.All {
			if !iv[i].Has(report.OutOfProcess) {
				g.Uses = append(g.Uses, i)
			}
		}
	}
	slices.SortFunc(out, func(a, b *group) int { return cmp.Or(cmp.Compare(a.App, b.App), cmp.Compare(a.Label, b.Label)) })
	return out
}

// newScope builds the indexes the cross-app rules query.
func newScope(r *report.Report, opts Options) *scope {
	sc := &scope{r: r, opts: opts, iv: r.Intervals, signs: make(map[string]*coverIndex)}
	var screen, library []int
	signs := make(map[string][]int)
	for i := range r.Intervals {
		x := &r.Intervals[i]
		if screenHolder(x) && !x.Has(report.NoBegin) {
			screen = append(screen, i)
		}
		if changesLibrary(x) && !x.Has(report.NoBegin) {
			library = append(library, i)
		}
		if foregroundSign(x) {
			signs[x.App] = append(signs[x.App], i)
		}
	}
	sc.screen = newCoverIndex(r.Intervals, screen)
	sc.library = newCoverIndex(r.Intervals, library)
	for app, idx := range signs {
		sc.signs[app] = newCoverIndex(r.Intervals, idx)
	}
	return sc
}

// verdictRank orders verdicts from the most to the least serious.
func verdictRank(v Verdict) int {
	switch v {
	case BackgroundLikely:
		return 0
	case BackgroundPossible:
		return 1
	case Expected:
		return 2
	case InUse:
		return 3
	}
	return 4
}

// background reports whether a verdict says the app was likely off screen.
func background(v Verdict) bool { return v == BackgroundLikely || v == BackgroundPossible }

// finding runs every rule on g and weighs the evidence into a verdict.
func finding(g *group, sc *scope) Finding {
	app := catalog.Lookup(g.App)
	f := Finding{
		App: g.App, Name: app.Name, NameZH: app.NameZH, Purpose: string(app.Purpose),
		Category: g.Label, Rules: []string{}, Evidence: []Evidence{},
		// The groups are dropped once their findings are made, so the
		// finding may keep g.All, which is in index order when the report
		// is in begin order.
		Intervals: g.All,
	}
	if !slices.IsSorted(f.Intervals) {
		f.Intervals = slices.Sorted(slices.Values(g.All))
	}
	score, strong, mitigated := 0, 0, 0.0
	for _, rule := range Rules {
		ev := rule.Check(g, sc)
		if len(ev) == 0 {
			continue
		}
		for k := range ev {
			slices.Sort(ev[k].Intervals)
			ev[k].Intervals = slices.Compact(ev[k].Intervals)
		}
		f.Rules = append(f.Rules, rule.ID)
		f.Evidence = append(f.Evidence, ev...)
		score += rule.Weight(g, ev)
		switch rule.Severity {
		case Strong:
			strong++
		case Mitigating:
			mitigated = ev[0].Value
		}
	}
	score = max(0, min(100, score))

	switch {
	case strong > 0 && score >= 55:
		f.Verdict = BackgroundLikely
	case score >= 20:
		f.Verdict = BackgroundPossible
	default:
		f.Verdict = InUse
	}
	f.Confidence = confidence(f.Verdict, strong, score, mitigated)
	if ok, en, zh := catalog.Expected(app, g.Label); background(f.Verdict) {
		if ok {
			// The catalog explains the use; it never hides it: the
			// evidence stays, only the verdict and the ranking change.
			f.Verdict = Expected
			f.Expected = &Text{en, zh}
			score /= 3
		} else if en != "" {
			f.NotExpected = &Text{en, zh}
		}
	}
	f.Score = score

	for _, i := range g.Uses {
		iv := sc.at(i)
		f.Count++
		f.TotalMs += iv.DurationMillis()
		if sc.opts.atNight(iv.Begin) {
			f.NightCount++
		}
	}
	if len(g.All) > 0 {
		f.First = stamp(sc.at(g.All[0]).Begin)
		f.Last = stamp(sc.at(g.All[len(g.All)-1]).Begin)
	}
	f.CannotTell = cannotTell(g.Category, app.Name, app.NameZH)
	f.Setting = setting(g.Category, app.Name, app.NameZH, background(f.Verdict))
	f.Headline = headline(&f, g, sc, app)
	return f
}

func confidence(v Verdict, strong, score int, mitigated float64) Confidence {
	switch v {
	case BackgroundLikely:
		switch {
		case mitigated >= 0.5:
			return Low
		case (strong >= 2 || score >= 80) && mitigated < 0.2:
			return High
		}
		return Medium
	case BackgroundPossible:
		switch {
		case mitigated >= 0.5:
			return Low
		case score >= 40:
			return Medium
		}
		return Low
	}
	// In use: sure when nothing points to the background or when the app's
	// own camera, microphone or picker use says you were there.
	if score == 0 || mitigated >= 0.5 {
		return High
	}
	return Medium
}

// headline says the finding in one plain sentence: who did what, how
// often, and the last time, on the phone's clock.
func headline(f *Finding, g *group, sc *scope, app catalog.App) Text {
	r := resource(g.Category, g.Label)
	if len(g.Uses) == 0 {
		n := len(g.All)
		return Text{
			fmt.Sprintf("%s showed you the system picker %d %s; it only got what you picked", app.Name, n, plural(n, "time", "times")),
			fmt.Sprintf("“%s”%d 次调出系统选择器；它只拿到了你选中的内容", app.NameZH, n),
		}
	}
	n := len(g.Uses)
	times := Text{fmt.Sprintf("%d %s", n, plural(n, "time", "times")), fmt.Sprintf(" %d 次", n)}
	for _, e := range f.Evidence {
		if e.Rule == idFixedWindow && e.Value > 1 {
			each := secs(int64(e.Value*1000 + 0.5))
			if len(e.Intervals) == n {
				times.EN += ", " + each + " s each"
				times.ZH += "，每次 " + each + " 秒"
			} else {
				times.EN += fmt.Sprintf(", %d of them %s s each", len(e.Intervals), each)
				times.ZH += fmt.Sprintf("，其中 %d 次每次 %s 秒", len(e.Intervals), each)
			}
			break
		}
	}
	last := when(sc.at(g.Uses[n-1]).Begin)
	var how Text
	switch f.Verdict {
	case BackgroundLikely:
		how = Text{"while you were likely not using it", "很可能是在你没有使用它的时候"}
	case BackgroundPossible:
		how = Text{"possibly while you were not using it", "可能是在你没有使用它的时候"}
	case Expected:
		pe, pz := catalog.PurposeName(app.Purpose)
		switch {
		case pe != "":
			how = Text{"which is expected for " + article(pe) + " " + pe + " app", "对" + pz + "类 App 来说属于预期"}
		case app.Apple:
			how = Text{"which is expected for Apple's own app", "对苹果自带 App 来说属于预期"}
		default:
			how = Text{"which is expected for this kind of app", "对这类 App 来说属于预期"}
		}
	default:
		how = Text{"consistent with you using it", "与你使用它的情况相符"}
	}
	return Text{
		fmt.Sprintf("%s %s %s, %s; the last at %s", app.Name, r.verbEN, times.EN, how.EN, last.EN),
		fmt.Sprintf("“%s”%s%s，%s；最近一次在 %s", app.NameZH, r.verbZH, times.ZH, how.ZH, last.ZH),
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// article picks "a" or "an" for an English noun phrase.
func article(s string) string {
	if s != "" && (s[0] == 'a' || s[0] == 'e' || s[0] == 'i' || s[0] == 'o' || s[0] == 'u') {
		return "an"
	}
	return "a"
}

// sortFindings orders findings most serious first, with tie-breakers down
// to the app and category so the order never depends on map iteration.
// Pointers are sorted, not the findings: moving the large structs, with a
// write barrier per pointer field, made the sort 16 instead of 6 ms per
// run on the 100 MB report in wasm.
func sortFindings(fs []Finding) {
	ptrs := make([]*Finding, len(fs))
	for i := range fs {
		ptrs[i] = &fs[i]
	}
	// App and category are unique to a finding, so the order is total
	// and an unstable sort gives the one result.
	slices.SortFunc(ptrs, func(a, b *Finding) int {
		return cmp.Or(
			cmp.Compare(verdictRank(a.Verdict), verdictRank(b.Verdict)),
			cmp.Compare(b.Score, a.Score),
			cmp.Compare(b.Count, a.Count),
			cmp.Compare(a.App, b.App),
			cmp.Compare(a.Category, b.Category),
		)
	})
	sorted := make([]Finding, len(fs))
	for i, f := range ptrs {
		sorted[i] = *f
	}
	copy(fs, sorted)
}
