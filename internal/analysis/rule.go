package analysis

import "backsight/internal/report"

// Severity ranks how much a rule's evidence weighs on its own.
type Severity string

const (
	// Strong evidence points to background use on its own.
	Strong Severity = "strong"
	// Supporting evidence adds to other signals.
	Supporting Severity = "supporting"
	// Context explains a finding without making it more serious.
	Context Severity = "context"
	// Mitigating evidence lowers the confidence of a background verdict.
	Mitigating Severity = "mitigating"
)

// Rule is one background-access signal: its user-facing explanation and the
// check that finds its evidence in one app's use of one category.
type Rule struct {
	ID         string // kebab-case, stable: it is in the JSON
	Title      Text
	Text       Text // "why am I seeing this?"
	Severity   Severity
	CannotTell Text // what this signal cannot prove
	// Check returns the rule's evidence for g, nil when it sees nothing.
	Check func(g *group, sc *scope) []Evidence
}

// rules lists every rule in the order findings show their evidence.
var rules = []*Rule{}

func rulesInfo() []RuleInfo {
	out := make([]RuleInfo, 0, len(rules))
	for _, r := range rules {
		out = append(out, RuleInfo{ID: r.ID, Title: r.Title, Text: r.Text, Severity: string(r.Severity), CannotTell: r.CannotTell})
	}
	return out
}

// group is one app's use of one category: the unit a finding is about.
type group struct {
	App      string
	Category report.Category
	Label    string // the category as the report writes it
	Idx      []int  // indices into the report's intervals, in begin order
}

// scope is what every rule may look at beyond its group: the whole report
// (for the cross-app rules) and the options.
type scope struct {
	r    *report.Report
	opts Options
}
