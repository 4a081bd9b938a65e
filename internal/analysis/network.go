package analysis

import (
	"cmp"
	"net/netip"
	"slices"
	"strings"

	"backsight/internal/catalog"
	"backsight/internal/report"
)

var networkNote = Text{
	"Hits count attempts to reach a domain in the 7 days before each export, even blocked ones, not data sent. " +
		"\"App\" means the contact was not attributed to you; it does not mean it happened in the background.",
	"“次数”是导出前 7 天内尝试连接某个域名的次数（包括被拦截的），并不代表发送了数据。" +
		"“App 发起”表示这次连接不归因于你的操作，并不表示它发生在后台。",
}

// isIP reports whether a network record's domain is an address literal;
// files before 2022 have no domainClassification to say so.
func isIP(n *report.Network) bool {
	if n.Class != 0 {
		return n.Class == 2
	}
	_, err := netip.ParseAddr(n.Domain)
	return err == nil
}

func initiated(i report.Initiated) string {
	switch i {
	case report.AppInitiated:
		return "app"
	case report.NonAppInitiated:
		return "user"
	}
	return ""
}

// networkOf builds the network view. r.Network holds one record per (app,
// domain, context, initiated), newest across files, so adding hits of
// different records never counts one contact twice.
//
// The view is built in one pass over the records, which are sorted by app,
// and every sort orders pointers, not the large structs the document holds:
// on a 100 MB report this is most of Analyze's time. The sorts compare
// strings only on ties, with strings.Compare: cmp.Or evaluates every
// comparison given to it, and cmp.Compare compares two strings twice.
func networkOf(r *report.Report) Network {
	nw := Network{Note: networkNote, Apps: []NetApp{}, Domains: []NetDomain{}, Companies: []NetCompany{}, Websites: []NetWebsite{}}
	// r.Network is sorted by app, so each app's records are consecutive
	// and appending an app only when it differs from the last one appended
	// gives sorted, distinct app lists without a set per domain.
	addApp := func(apps []string, app string) []string {
		if len(apps) == 0 || apps[len(apps)-1] != app {
			apps = append(apps, app)
		}
		return apps
	}
	domains := make(map[string]*NetDomain)
	var domainOrder []*NetDomain
	domainOf := make([]*NetDomain, len(r.Network)) // each record's domain
	websites := make(map[string]*NetWebsite)
	var websiteOrder []*NetWebsite
	websiteDomains := make(map[string]map[string]bool)
	// appRecords[k] are the records of the k-th app, in r.Network's order.
	var appRecords [][]*report.Network

	for i := range r.Network {
		n := &r.Network[i]
		if k := len(nw.Apps); k == 0 || nw.Apps[k-1].App != n.App {
			c := catalog.Lookup(n.App)
			nw.Apps = append(nw.Apps, NetApp{App: n.App, Name: c.Name, NameZH: c.NameZH})
			appRecords = append(appRecords, nil)
		}
		nw.Apps[len(nw.Apps)-1].Hits += n.Hits
		appRecords[len(appRecords)-1] = append(appRecords[len(appRecords)-1], n)

		d := domains[n.Domain]
		if d == nil {
			d = &NetDomain{Domain: n.Domain, IP: isIP(n)}
			domains[n.Domain] = d
			domainOrder = append(domainOrder, d)
		}
		domainOf[i] = d
		d.Hits += n.Hits
		d.Tracking = d.Tracking || n.Tracking()
		if d.Owner == "" {
			d.Owner = n.Owner
		}
		d.Apps = addApp(d.Apps, n.App)

		if n.Context != "" {
			w := websites[n.Context]
			if w == nil {
				w = &NetWebsite{Context: n.Context}
				websites[n.Context] = w
				websiteOrder = append(websiteOrder, w)
				websiteDomains[n.Context] = map[string]bool{}
			}
			w.Hits += n.Hits
			w.Apps = addApp(w.Apps, n.App)
			websiteDomains[n.Context][n.Domain] = true
		}
	}

	// Owners are filled only on some records of a domain (since 2022 only
	// on tracking ones): attribute every record of a domain to its owner.
	// A company's domains are the domains it owns.
	companies := make(map[string]*NetCompany)
	var companyOrder []*NetCompany
	for _, d := range domainOrder {
		if d.Owner == "" {
			continue
		}
		c := companies[d.Owner]
		if c == nil {
			c = &NetCompany{Owner: d.Owner}
			companies[d.Owner] = c
			companyOrder = append(companyOrder, c)
		}
		c.Hits += d.Hits
		c.Tracking = c.Tracking || d.Tracking
		c.Domains = append(c.Domains, d.Domain)
	}
	if len(companies) > 0 {
		for i := range r.Network {
			if d := domainOf[i]; d.Owner != "" {
				c := companies[d.Owner]
				c.Apps = addApp(c.Apps, r.Network[i].App)
			}
		}
	}

	var st stamps
	for k := range nw.Apps {
		recs := appRecords[k]
		slices.SortFunc(recs, func(x, y *report.Network) int {
			if x.Hits != y.Hits {
				return cmp.Compare(y.Hits, x.Hits)
			}
			if c := strings.Compare(x.Domain, y.Domain); c != 0 {
				return c
			}
			if c := strings.Compare(x.Context, y.Context); c != 0 {
				return c
			}
			return strings.Compare(initiated(x.Initiated), initiated(y.Initiated))
		})
		ds := make([]NetAppDomain, len(recs))
		for j, n := range recs {
			ds[j] = NetAppDomain{
				Domain: n.Domain, Hits: n.Hits,
				Initiated: initiated(n.Initiated), Context: n.Context, Tracking: n.Tracking(), Owner: n.Owner,
				IP: isIP(n),
			}
			for _, t := range [2]report.Time{n.First, n.Last} {
				if t.IsZero() {
					st.addEmpty()
				} else {
					st.add(t)
				}
			}
		}
		// The stamps of an app's records share one string: see stamps.
		for j, s := range st.cut() {
			if d := &ds[j/2]; j%2 == 0 {
				d.First = s
			} else {
				d.Last = s
			}
		}
		nw.Apps[k].Domains = ds
	}
	slices.SortFunc(nw.Apps, func(x, y NetApp) int { return cmp.Or(cmp.Compare(y.Hits, x.Hits), cmp.Compare(x.App, y.App)) })

	slices.SortFunc(domainOrder, func(x, y *NetDomain) int { return byHits(x.Hits, y.Hits, x.Domain, y.Domain) })
	nw.Domains = make([]NetDomain, len(domainOrder))
	for i, d := range domainOrder {
		nw.Domains[i] = *d
	}

	slices.SortFunc(companyOrder, func(x, y *NetCompany) int {
		return cmp.Or(-cmp.Compare(boolInt(x.Tracking), boolInt(y.Tracking)), cmp.Compare(y.Hits, x.Hits), cmp.Compare(x.Owner, y.Owner))
	})
	nw.Companies = make([]NetCompany, len(companyOrder))
	for i, c := range companyOrder {
		slices.Sort(c.Domains)
		nw.Companies[i] = *c
	}

	slices.SortFunc(websiteOrder, func(x, y *NetWebsite) int { return byHits(x.Hits, y.Hits, x.Context, y.Context) })
	nw.Websites = make([]NetWebsite, len(websiteOrder))
	for i, w := range websiteOrder {
		w.Domains = keys(websiteDomains[w.Context])
		nw.Websites[i] = *w
	}
	return nw
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// byHits orders by hits, most first, then by name. The names are compared
// only on a tie: cmp.Or would compare them every time.
func byHits(xHits, yHits int64, xName, yName string) int {
	if xHits != yHits {
		return cmp.Compare(yHits, xHits)
	}
	return strings.Compare(xName, yName)
}
