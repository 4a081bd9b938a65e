// Package analysis turns a merged report into findings with evidence: which
// app used which resource when the user was likely not using it, and why.
package analysis

import "backsight/internal/report"

// Options tune the analysis. Nothing in it depends on the current time, so
// the same report always gives the same result.
type Options struct {
	// SleepFrom and SleepTo bound the night window in minutes after local
	// midnight, in each record's own UTC offset. SleepFrom > SleepTo wraps
	// midnight (22:00-07:00).
	SleepFrom, SleepTo int
}

// DefaultOptions returns a night window of 00:00-06:00.
func DefaultOptions() Options { return Options{SleepFrom: 0, SleepTo: 360} }

// Analyze runs every rule over r and returns the result document.
func Analyze(r *report.Report, opts Options) *Result {
	return analyze(r, opts)
}

// Findings is Analyze without what a page does not need to show the
// findings: the network view (Result.Network holds only its note) and the
// intervals' Begin and End texts (their times are r.Intervals', index for
// index). Complete adds both; Findings then Complete is Analyze.
func Findings(r *report.Report, opts Options) *Result {
	return findingsOf(r, opts)
}

// Complete adds to res, a result of Findings(r, ...), what Findings left
// out.
func Complete(r *report.Report, res *Result) {
	complete(r, res)
}

// Compare reports what changed between two reports of the same phone.
func Compare(before, after *report.Report, opts Options) *Diff {
	return compare(before, after, opts)
}
