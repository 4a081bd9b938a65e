package report

import (
	"cmp"
	"slices"
)

// Merge combines files into one report: access records de-duplicated by
// identifier and kind, begins and ends paired into intervals, and the newest
// network record kept per key. Files that are not reports contribute nothing
// but stay listed.
func Merge(files ...*File) *Report {
	r := &Report{Files: files}
	type accessKey struct {
		id   string
		kind Kind
	}
	seen := make(map[accessKey]bool)
	open := make(map[string]int) // identifier -> index in r.Intervals of its begin
	net := make(map[NetworkKey]int)

	// Access lines are time-ordered within a file; across files they are
	// merged by time so that pairing sees begins before their ends.
	var all []Access
	for fi, f := range files {
		for _, a := range f.Access {
			a.Pos.File = int32(fi)
			all = append(all, a)
		}
	}
	slices.SortStableFunc(all, func(a, b Access) int { return cmp.Compare(a.Time.Millis, b.Time.Millis) })

	for i := range all {
		a := &all[i]
		r.see(a.Time)
		k := accessKey{a.ID, a.Kind}
		if a.ID != "" && seen[k] {
			if a.Kind == KindBegin {
				if j, ok := open[a.ID]; ok {
					r.Intervals[j].Flags |= DoubledBegin
				}
			}
			continue
		}
		seen[k] = true
		switch a.Kind {
		case KindBegin:
			iv := Interval{App: a.App, Category: a.Category, CategoryName: a.CategoryName, ID: a.ID,
				Begin: a.Time, Flags: Open, Broadcaster: a.Broadcaster, Begins: a.Pos}
			if a.OutOfProcess {
				iv.Flags |= OutOfProcess
			}
			open[a.ID] = len(r.Intervals)
			r.Intervals = append(r.Intervals, iv)
		case KindEnd:
			if j, ok := open[a.ID]; ok {
				iv := &r.Intervals[j]
				iv.End, iv.Ends = a.Time, a.Pos
				iv.Flags &^= Open
				if a.OutOfProcess {
					iv.Flags |= OutOfProcess
				}
				delete(open, a.ID)
				continue
			}
			iv := Interval{App: a.App, Category: a.Category, CategoryName: a.CategoryName, ID: a.ID,
				Begin: a.Time, End: a.Time, Flags: NoBegin, Broadcaster: a.Broadcaster, Ends: a.Pos}
			if a.OutOfProcess {
				iv.Flags |= OutOfProcess
			}
			r.Intervals = append(r.Intervals, iv)
		default:
			iv := Interval{App: a.App, Category: a.Category, CategoryName: a.CategoryName, ID: a.ID,
				Begin: a.Time, End: a.Time, Flags: Event, Broadcaster: a.Broadcaster, Begins: a.Pos, Ends: a.Pos}
			r.Intervals = append(r.Intervals, iv)
		}
	}

	for fi, f := range files {
		for _, n := range f.Network {
			n.Pos.File = int32(fi)
			r.see(n.Last)
			r.see(n.First)
			k := n.Key()
			if j, ok := net[k]; ok {
				if n.Last.Millis > r.Network[j].Last.Millis {
					r.Network[j] = n
				}
				continue
			}
			net[k] = len(r.Network)
			r.Network = append(r.Network, n)
		}
	}

	// An interval still open at export lasted at least until the report's
	// last timestamp.
	for _, j := range open {
		if r.End.Millis > r.Intervals[j].Begin.Millis {
			r.Intervals[j].End = Time{Millis: r.End.Millis, Offset: r.Intervals[j].Begin.Offset}
		} else {
			r.Intervals[j].End = r.Intervals[j].Begin
		}
	}
	slices.SortStableFunc(r.Network, func(a, b Network) int {
		return cmp.Or(cmp.Compare(a.App, b.App), cmp.Compare(a.Domain, b.Domain), cmp.Compare(a.Context, b.Context), cmp.Compare(a.Initiated, b.Initiated))
	})
	return r
}

func (r *Report) see(t Time) {
	if t.IsZero() {
		return
	}
	if r.Start.IsZero() || t.Millis < r.Start.Millis {
		r.Start = t
	}
	if t.Millis > r.End.Millis {
		r.End = t
	}
}
