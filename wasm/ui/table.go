package ui

import (
	"cmp"
	"slices"
	"strings"
)

// Column describes one column of a table: its UI string key, the cell text
// of row i, and, for numeric columns, the number it sorts by.
type Column struct {
	Key  string
	Text func(i int) string
	Num  func(i int) float64 // nil: sort by Text
}

// View is the rows of a table after search and sort: the indices of the
// source rows to show, in order.
type View struct {
	Rows []int
}

// Query filters n rows to those where any column's text contains q (case
// insensitive), sorted by column sortCol (-1: source order), descending if
// desc. Source order breaks ties so that sorting is stable.
func Query(n int, cols []Column, q string, sortCol int, desc bool) View {
	q = strings.ToLower(strings.TrimSpace(q))
	rows := make([]int, 0, n)
	for i := 0; i < n; i++ {
		if q == "" || matches(cols, i, q) {
			rows = append(rows, i)
		}
	}
	if sortCol >= 0 && sortCol < len(cols) {
		c := cols[sortCol]
		slices.SortStableFunc(rows, func(a, b int) int {
			var r int
			if c.Num != nil {
				r = cmp.Compare(c.Num(a), c.Num(b))
			} else {
				r = strings.Compare(strings.ToLower(c.Text(a)), strings.ToLower(c.Text(b)))
			}
			if desc {
				r = -r
			}
			return r
		})
	}
	return View{Rows: rows}
}

func matches(cols []Column, i int, q string) bool {
	for _, c := range cols {
		if strings.Contains(strings.ToLower(c.Text(i)), q) {
			return true
		}
	}
	return false
}

// Page returns the rows of page p (0-based) of size per, and the page
// count; p is clamped to the last page.
func (v View) Page(p, per int) (rows []int, page, pages int) {
	pages = max(1, (len(v.Rows)+per-1)/per)
	page = min(max(p, 0), pages-1)
	lo := page * per
	hi := min(lo+per, len(v.Rows))
	return v.Rows[lo:hi], page, pages
}
