//go:build js && wasm

package main

import (
	"backsight/internal/analysis"
	"backsight/wasm/ui"
)

// uiFindings converts findings into the page's model for ui.EncodeFindings,
// leaving out what the page does not read (the interval lists, sent
// apart, and the evidence's figures).
func uiFindings(fs []analysis.Finding) []ui.Finding {
	out := make([]ui.Finding, len(fs))
	for i := range fs {
		f := &fs[i]
		u := ui.Finding{App: f.App, Name: f.Name, NameZH: f.NameZH, Purpose: f.Purpose, Category: f.Category,
			Verdict: string(f.Verdict), Confidence: string(f.Confidence), Score: f.Score, Headline: ui.Text(f.Headline),
			Rules: f.Rules, CannotTell: ui.Text(f.CannotTell), Setting: ui.Text(f.Setting),
			Count: f.Count, NightCount: f.NightCount, TotalMs: f.TotalMs, First: f.First, Last: f.Last}
		if f.Expected != nil {
			t := ui.Text(*f.Expected)
			u.Expected = &t
		}
		u.Evidence = make([]ui.Evidence, len(f.Evidence))
		for j, e := range f.Evidence {
			u.Evidence[j] = ui.Evidence{Rule: e.Rule, Text: ui.Text(e.Text)}
		}
		out[i] = u
	}
	return out
}
