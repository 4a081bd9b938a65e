package report

import (
	"cmp"
	"slices"
)

// refMerge is Merge as it was before the fast path (sort everything,
// maps keyed by strings): simple enough to trust, and the differential
// tests hold Merge to its answers.
func refMerge(files ...*File) *Report {
	r := &Report{Files: files}
	strs := make(map[string]string)
	intern := func(s string) string {
		if s == "" {
			return ""
		}
		if t, ok := strs[s]; ok {
			return t
		}
		strs[s] = s
		return s
	}

	// The last timestamp of each file bounds the intervals it left open.
	fileEnd := make([]int64, len(files))
	n := 0
	for fi, f := range files {
		for i := range f.Access {
			fileEnd[fi] = max(fileEnd[fi], f.Access[i].Time.Millis)
		}
		for i := range f.Network {
			fileEnd[fi] = max(fileEnd[fi], f.Network[i].Last.Millis)
		}
		n += len(f.Access)
	}

	// Access lines are time-ordered within a file; across files they are
	// merged by time so that pairing sees begins before their ends. At
	// equal times a begin sorts before an end, so zero-length intervals
	// pair whatever the file order.
	all := make([]Access, 0, n)
	for fi, f := range files {
		for _, a := range f.Access {
			a.Pos.File = int32(fi)
			all = append(all, a)
		}
	}
	rank := func(k Kind) int {
		switch k {
		case KindBegin:
			return 0
		case KindEnd:
			return 2
		}
		return 1
	}
	slices.SortStableFunc(all, func(a, b Access) int {
		return cmp.Or(cmp.Compare(a.Time.Millis, b.Time.Millis), cmp.Compare(rank(a.Kind), rank(b.Kind)))
	})

	// A record is the same record in another file when its identifier and
	// kind match; a record without identifier (not seen in real files)
	// when its app, category, kind and time do.
	type accessKey struct {
		id       string
		kind     Kind
		app, cat string
		millis   int64
	}
	seenIn := make(map[accessKey]int32) // the file a record was first seen in
	latest := make(map[string]int)      // identifier -> its latest interval
	open := make(map[string]int)        // identifier -> its open interval
	openEnd := make(map[int]int64)      // open interval -> last time of the files holding its begin
	r.Intervals = make([]Interval, 0, n/2+1)

	for i := range all {
		a := &all[i]
		r.see(a.Time)
		k := accessKey{id: a.ID, kind: a.Kind}
		if a.ID == "" {
			k.app, k.cat, k.millis = a.App, a.CategoryLabel(), a.Time.Millis
		}
		if fi, dup := seenIn[k]; dup {
			if a.Kind == KindBegin && a.ID != "" {
				j := latest[a.ID]
				if fi == a.Pos.File {
					r.Intervals[j].Flags |= DoubledBegin
				}
				if _, isOpen := open[a.ID]; isOpen {
					openEnd[j] = max(openEnd[j], fileEnd[a.Pos.File])
				}
			}
			continue
		}
		seenIn[k] = a.Pos.File
		iv := Interval{App: intern(a.App), Category: a.Category, CategoryName: intern(a.CategoryName), ID: a.ID,
			Begin: a.Time, End: a.Time, Broadcaster: intern(a.Broadcaster)}
		if a.OutOfProcess {
			iv.Flags |= OutOfProcess
		}
		switch a.Kind {
		case KindBegin:
			iv.Flags |= Open
			iv.Begins = a.Pos
			if a.ID != "" {
				open[a.ID] = len(r.Intervals)
				latest[a.ID] = len(r.Intervals)
			}
			openEnd[len(r.Intervals)] = fileEnd[a.Pos.File]
		case KindEnd:
			if j, ok := open[a.ID]; ok && a.ID != "" {
				b := &r.Intervals[j]
				b.End, b.Ends = a.Time, a.Pos
				b.Flags = b.Flags&^Open | iv.Flags&OutOfProcess
				if b.Broadcaster == "" {
					b.Broadcaster = iv.Broadcaster
				}
				delete(open, a.ID)
				delete(openEnd, j)
				continue
			}
			iv.Flags |= NoBegin
			iv.Ends = a.Pos
		default:
			iv.Flags |= Event
			iv.Begins, iv.Ends = a.Pos, a.Pos
		}
		r.Intervals = append(r.Intervals, iv)
	}

	// An interval still open at export lasted at least until the last
	// timestamp of the newest file that holds its begin (not the merged
	// report's end: a later export that dropped the record says nothing).
	for j, end := range openEnd {
		iv := &r.Intervals[j]
		iv.End = Time{Millis: max(end, iv.Begin.Millis), Offset: iv.Begin.Offset}
	}

	net := make(map[NetworkKey]int)
	for fi, f := range files {
		for _, n := range f.Network {
			n.Pos.File = int32(fi)
			r.see(n.Last)
			r.see(n.First)
			n.App, n.Domain, n.Context = intern(n.App), intern(n.Domain), intern(n.Context)
			n.Owner, n.InitiatedName = intern(n.Owner), intern(n.InitiatedName)
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
	slices.SortStableFunc(r.Network, func(a, b Network) int {
		return cmp.Or(cmp.Compare(a.App, b.App), cmp.Compare(a.Domain, b.Domain), cmp.Compare(a.Context, b.Context),
			cmp.Compare(a.Initiated, b.Initiated), cmp.Compare(a.InitiatedName, b.InitiatedName))
	})
	return r
}
