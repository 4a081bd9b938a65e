package sample

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"time"
)

// Generate writes a synthetic report of size bytes or a little more (at
// least one day of 30 apps, about 150 KB, then within one line of size)
// for benchmarks, large-file tests and the page's warm-up. The same size
// and seed give the same bytes. Apps follow a few profiles seen in real
// files: people using an app in the day, the system waking an app for
// fixed ~30/45 s windows, location polling, short contact reads. As in
// real files, about twice as many apps contact the network as use a
// resource, the first apps are real ones the catalog knows (Apple's,
// messengers, maps), and a quarter of the domains are IP addresses (from
// the ranges reserved for benchmarks and documentation). It streams:
// memory stays at about one day of records whatever the size.
func Generate(w io.Writer, size, seed int64) error {
	rng := rand.New(rand.NewPCG(uint64(seed), 0x5eed))
	zone := time.FixedZone("", 2*3600)
	bw := bufio.NewWriterSize(w, 1<<16)
	cw := &countWriter{w: bw}

	apps := int(min(max(size/200_000, 30), 500))
	netApps := min(2*apps, 500)
	profiles := make([]int, apps)
	for i := range profiles {
		profiles[i] = rng.IntN(4)
	}
	name := func(i int) string {
		if i < len(knownApps) {
			return knownApps[i]
		}
		return fmt.Sprintf("com.generated.app%03d", i)
	}

	// Access lines take about 70% of the file, day after day.
	start := time.Date(2025, 1, 6, 0, 0, 0, 0, zone)
	day := 0
	for ; cw.n < size*7/10; day++ {
		r := &recorder{rng: rng, zone: zone}
		base := start.AddDate(0, 0, day)
		for i := 0; i < apps; i++ {
			for k := 0; k < 4+rng.IntN(12); k++ {
				t := base.Add(time.Duration(rng.Int64N(int64(24 * time.Hour))))
				switch profiles[i] {
				case 0: // used by a person, in the day, varied lengths
					t = base.Add(time.Duration(8+rng.IntN(14))*time.Hour + time.Duration(rng.IntN(3600))*time.Second)
					r.add(name(i), [...]string{"camera", "photos", "microphone", "location"}[rng.IntN(4)], t, time.Duration(2000+rng.IntN(600_000))*time.Millisecond)
				case 1: // woken by the system for fixed windows
					r.add(name(i), "photos", t, time.Duration(30000+15000*rng.IntN(2)-rng.IntN(300))*time.Millisecond)
				case 2: // polling location
					r.add(name(i), "location", base.Add(time.Duration(k)*90*time.Minute+time.Duration(rng.IntN(120))*time.Second), time.Duration(500+rng.IntN(2500))*time.Millisecond)
				default: // short contact reads
					r.add(name(i), "contacts", t, time.Duration(rng.IntN(1500))*time.Millisecond)
				}
			}
		}
		if err := r.write(cw); err != nil {
			return err
		}
	}

	// Network records, grouped by app, until the size is reached.
	end := start.AddDate(0, 0, day)
	trackers := [...][2]string{{"app-measurement.com", "Google LLC"}, {"graph.facebook.com", "Facebook, Inc."},
		{"aax-eu.amazon-adsystem.com", "Amazon Technologies, Inc."}, {"googleads.g.doubleclick.net", "Google LLC"}}
	perApp := int((size-cw.n)/330/int64(netApps)) + 1
	for n := 0; cw.n < size; n++ {
		app, k := n/perApp%netApps, n%perApp
		rec := netRecord{app: name(app), domain: fmt.Sprintf("api%d.app%03d.example", k, app),
			first: end.AddDate(0, 0, -7).Add(time.Duration(rng.IntN(7*24)) * time.Hour), hits: 1 + rng.IntN(3000)}
		rec.last = rec.first.Add(time.Duration(rng.Int64N(int64(end.Sub(rec.first)))))
		switch d := rng.IntN(20); {
		case d < 4:
			tr := trackers[rng.IntN(len(trackers))]
			rec.domain, rec.owner, rec.tracking = fmt.Sprintf("n%d.%s", k, tr[0]), tr[1], true
		case d < 8: // addresses without a name, as real reports list too
			rec.domain = fmt.Sprintf("198.18.%d.%d", app%256, k%256)
		case d == 8:
			rec.domain = fmt.Sprintf("2001:db8:%x::%x", app, k)
		}
		if _, err := fmt.Fprintf(cw, "%s\n", netLine(rec)); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// knownApps name the first generated apps: ids from real reports that
// the catalog knows, so that a generated report meets the catalog's
// lookups, expected uses and names as a real one does.
var knownApps = [...]string{
	"com.apple.weather", "com.tencent.xin", "com.apple.mobileslideshow", "com.apple.mobilemail",
	"net.whatsapp.WhatsApp", "com.apple.camera", "com.burbn.instagram", "com.apple.MobileSMS",
	"com.google.Maps", "org.whispersystems.signal", "com.taobao.taobao4iphone", "com.apple.Health",
	"com.autonavi.amap", "com.apple.mobilephone", "ph.telegra.Telegraph", "com.apple.findmy",
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
