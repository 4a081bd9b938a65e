package analysis

import (
	"slices"
	"testing"
	"time"

	"backsight/internal/report"
)

func netRec(app, domain, context, owner string, tracking bool, initiated report.Initiated, hits int64) report.Network {
	t := report.TimeOf(time.Date(2025, 3, 3, 10, 0, 0, 0, time.FixedZone("", 3600)))
	n := report.Network{App: app, Domain: domain, Context: context, Owner: owner, Initiated: initiated,
		DomainType: 2, First: t, Last: t, Hits: hits} // no domainClassification, as in 2021 files
	if tracking {
		n.DomainType = 1
	}
	return n
}

func TestNetwork(t *testing.T) {
	r := build(t, "com.a.app photos 2025-03-03T10:00:00+01:00 3s")
	r.Network = []report.Network{
		netRec("com.a.app", "graph.facebook.com", "", "Meta Platforms, Inc.", true, report.AppInitiated, 40),
		netRec("com.a.app", "api.a.com", "", "", false, report.AppInitiated, 100),
		netRec("com.a.app", "192.168.1.1", "", "", false, report.AppInitiated, 3),
		netRec("com.b.app", "graph.facebook.com", "", "", false, report.AppInitiated, 10),
		netRec("com.b.app", "cdn.news.com", "news.com", "", false, report.NonAppInitiated, 7),
		netRec("com.b.app", "connect.facebook.net", "news.com", "Meta Platforms, Inc.", true, report.NonAppInitiated, 5),
	}
	nw := Analyze(r, DefaultOptions()).Network
	if nw.Note.EN == "" || nw.Note.ZH == "" {
		t.Error("no note on what hits and AppInitiated mean")
	}
	if len(nw.Apps) != 2 || nw.Apps[0].App != "com.a.app" || nw.Apps[0].Hits != 143 || nw.Apps[0].Domains[0].Domain != "api.a.com" {
		t.Errorf("apps: %+v", nw.Apps)
	}
	var ip NetAppDomain
	for _, d := range nw.Apps[0].Domains {
		if d.Domain == "192.168.1.1" {
			ip = d
		}
	}
	if !ip.IP || ip.Initiated != "app" {
		t.Errorf("IP contact: %+v", ip)
	}
	if d := nw.Domains[1]; d.Domain != "graph.facebook.com" || d.Hits != 50 || !d.Tracking || d.Owner != "Meta Platforms, Inc." || !slices.Equal(d.Apps, []string{"com.a.app", "com.b.app"}) {
		t.Errorf("domain across apps: %+v", d)
	}
	// Which of my apps talk to this company: both, through two domains.
	if len(nw.Companies) != 1 || !slices.Equal(nw.Companies[0].Apps, []string{"com.a.app", "com.b.app"}) ||
		!slices.Equal(nw.Companies[0].Domains, []string{"connect.facebook.net", "graph.facebook.com"}) || nw.Companies[0].Hits != 55 {
		t.Errorf("companies: %+v", nw.Companies)
	}
	if len(nw.Websites) != 1 || nw.Websites[0].Context != "news.com" || nw.Websites[0].Hits != 12 || !slices.Equal(nw.Websites[0].Apps, []string{"com.b.app"}) {
		t.Errorf("websites: %+v", nw.Websites)
	}
	res := Analyze(r, DefaultOptions())
	for _, a := range res.Apps {
		if a.App == "com.b.app" && (a.Trackers != 2 || a.Domains != 3 || a.Verdict != "") {
			t.Errorf("app without access records: %+v", a)
		}
	}
}

func TestCompare(t *testing.T) {
	const app = "com.tencent.xin"
	windows := irregular(app, "photos", "2025-03-03T01:13:00+01:00", 6, "45.0s", "44.8s")
	before := build(t, append(slices.Clone(windows), app+" location 2025-03-03T12:00:00+01:00 12s")...)
	before.Network = []report.Network{
		netRec(app, "track.example.com", "", "Tracker Inc.", true, report.AppInitiated, 9),
		netRec(app, "api.weixin.qq.com", "", "", false, report.AppInitiated, 90),
	}
	after := build(t,
		app+" photos 2025-04-03T12:00:00+02:00 8s",
		app+" contacts 2025-04-03T12:00:00+02:00 2s",
		app+" location 2025-04-03T12:00:00+02:00 12s",
	)
	after.Network = []report.Network{netRec(app, "api.weixin.qq.com", "", "", false, report.AppInitiated, 80)}

	d := Compare(before, after, DefaultOptions())
	got := map[string]string{}
	for _, c := range d.Access {
		got[c.Category] = c.Change
		if c.Text.EN == "" || c.Text.ZH == "" {
			t.Errorf("%s: text lacks a language: %+v", c.Category, c.Text)
		}
	}
	want := map[string]string{"photos": "stopped", "contacts": "started", "location": "same"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: %q, want %q (all: %v)", k, got[k], v, got)
		}
	}
	if len(d.Domains) != 1 || d.Domains[0].Domain != "track.example.com" || d.Domains[0].Change != "gone" || !d.Domains[0].Tracking {
		t.Errorf("domains: %+v", d.Domains)
	}
	if len(d.Trackers) != 1 || d.Trackers[0].Owner != "Tracker Inc." || d.Trackers[0].Change != "gone" {
		t.Errorf("trackers: %+v", d.Trackers)
	}
	if d.Access[0].Change != "started" {
		t.Errorf("started access must come first: %+v", d.Access[0])
	}
}
