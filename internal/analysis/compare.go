package analysis

import "backsight/internal/report"

func compare(before, after *report.Report, opts Options) *Diff {
	return &Diff{Version: Version, Access: []AccessChange{}, Domains: []DomainChange{}, Trackers: []TrackerChange{}}
}
