package sample

import (
	"io"
	"math/rand/v2"
	"time"
)

// Bundle ids of the sample. The messenger's pattern is the one reported in
// October 2021; QuickLoan is made up, to show an app the catalog does not
// know.
const (
	wechat      = "com.tencent.xin"
	taobao      = "com.taobao.taobao4iphone"
	camera      = "com.apple.camera"
	photos      = "com.apple.mobileslideshow"
	weather     = "com.apple.weather"
	maps        = "com.apple.Maps"
	messages    = "com.apple.MobileSMS"
	facetime    = "com.apple.facetime"
	googlePhoto = "com.google.photos"
	whatsapp    = "net.whatsapp.WhatsApp"
	quickloan   = "com.example.quickloan"
)

func writeBundled(w io.Writer) {
	zone := time.FixedZone("", 8*3600)
	r := &recorder{rng: rand.New(rand.NewPCG(2021, 10)), zone: zone}
	start := time.Date(2026, 3, 2, 0, 0, 0, 0, zone)
	at := func(day, h, m, s, ms int) time.Time {
		return start.AddDate(0, 0, day).Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute +
			time.Duration(s)*time.Second + time.Duration(ms)*time.Millisecond)
	}
	jitter := func(ms int) time.Duration { return time.Duration(r.rng.IntN(2*ms+1)-ms) * time.Millisecond }
	// The messenger's reads: a ~45 s window, often paired with the shopping
	// app's ~30 s window starting in the same second.
	wake := func(t time.Time, withTaobao bool) {
		r.add(wechat, "photos", t, 44900*time.Millisecond+jitter(100))
		if withTaobao {
			r.add(taobao, "photos", t.Add(time.Duration(200+r.rng.IntN(600))*time.Millisecond), 30*time.Second+jitter(150))
		}
	}

	for d := 0; d < 7; d++ {
		// Night: reads while the phone lies still.
		wake(at(d, 1, 5, 12, 300), true)
		if d%2 == 0 {
			wake(at(d, 3, 41, 7, 0), false)
		}
		if d != 3 {
			wake(at(d, 5, 39, 44, 120), true)
		}
		// The backup app uploads new photos in ~60 s windows after 02:00.
		for k := 0; k < 4; k++ {
			r.add(googlePhoto, "photos", at(d, 2, 3+k*15, 9, 0), 60*time.Second+jitter(300))
		}
		// A loan app nobody opened reads the address book every night.
		r.add(quickloan, "contacts", at(d, 2, 47, 31, 0), 1200*time.Millisecond+jitter(200))
		r.add(quickloan, "location", at(d, 2, 47, 33, 0), 4*time.Second+jitter(400))

		// Weather polls location about hourly, day and night (its widget).
		for h := 0; h < 24 && (d < 6 || h < 22); h++ {
			r.add(weather, "location", at(d, h, 2+r.rng.IntN(5), r.rng.IntN(60), 0), time.Duration(900+r.rng.IntN(1500))*time.Millisecond)
		}

		// Day: the person uses the phone.
		if d < 5 { // commute with Maps
			r.add(maps, "location", at(d, 8, 10, 3, 0), time.Duration(25+r.rng.IntN(15))*time.Minute)
		}
		for _, shot := range []struct{ h, m int }{{12, 14}, {18, 40}} {
			t := at(d, shot.h, shot.m+r.rng.IntN(10), r.rng.IntN(60), 0)
			use := time.Duration(15+r.rng.IntN(160)) * time.Second
			r.add(camera, "camera", t, use)
			r.add(photos, "photos", t.Add(use+2*time.Second), time.Duration(20+r.rng.IntN(200))*time.Second)
			// A new photo changes the library: the messenger is woken
			// within seconds.
			wake(t.Add(use+time.Duration(1500+r.rng.IntN(2000))*time.Millisecond), d%2 == 1)
		}
		// WeChat really used: scanning a QR code, sending a photo through
		// the system picker, a video call.
		r.add(wechat, "camera", at(d, 9, 30+r.rng.IntN(20), r.rng.IntN(60), 0), time.Duration(4+r.rng.IntN(12))*time.Second)
		r.add(wechat, "photos", at(d, 13, r.rng.IntN(50), r.rng.IntN(60), 0), time.Duration(8+r.rng.IntN(40))*time.Second).outOfProcess = true
		if d == 2 || d == 5 {
			t := at(d, 21, 5, 0, 0)
			call := time.Duration(3+r.rng.IntN(20)) * time.Minute
			r.add(wechat, "camera", t, call)
			r.add(wechat, "microphone", t, call+2*time.Second)
		}
		r.add(messages, "contacts", at(d, 10, r.rng.IntN(59), r.rng.IntN(60), 0), 300*time.Millisecond)
		if d == 3 {
			t := at(d, 19, 30, 0, 0)
			r.add(whatsapp, "contacts", t.Add(-5*time.Second), 900*time.Millisecond)
			r.add(whatsapp, "microphone", t, 11*time.Minute)
		}
	}
	// A FaceTime call with screen sharing: FaceTime holds the screen, yet
	// the messenger reads the library in the middle of it.
	call := at(4, 20, 0, 0, 0)
	r.add(facetime, "camera", call, 25*time.Minute)
	r.add(facetime, "microphone", call, 25*time.Minute)
	r.add(facetime, "screenRecording", call.Add(3*time.Minute), 4*time.Minute).broadcaster = facetime
	wake(call.Add(10*time.Minute+17*time.Second), false)
	// Still reading location when the report was saved.
	r.add(weather, "location", at(6, 22, 29, 58, 0), 0).open = true

	end := at(6, 22, 30, 0, 0)
	week := func(app, domain, owner string, tracking bool, hits int) {
		r.network = append(r.network, netRecord{app: app, domain: domain, owner: owner, tracking: tracking,
			first: start.Add(time.Duration(r.rng.IntN(48)) * time.Hour), last: end.Add(-time.Duration(r.rng.IntN(600)) * time.Minute), hits: hits})
	}
	week(wechat, "long.weixin.qq.com", "", false, 4211)
	week(wechat, "szextshort.weixin.qq.com", "", false, 1873)
	week(wechat, "mmbiz.qpic.cn", "", false, 960)
	week(wechat, "wx.qlogo.cn", "", false, 233)
	week(wechat, "183.3.224.142", "", false, 57)
	r.network = append(r.network,
		netRecord{app: wechat, domain: "mp.weixin.qq.com", context: "mp.weixin.qq.com", user: true, first: at(1, 12, 3, 1, 0), last: at(5, 22, 14, 9, 0), hits: 64},
		netRecord{app: wechat, domain: "googleads.g.doubleclick.net", owner: "Google LLC", context: "example-news.cn", user: true, tracking: true, first: at(3, 22, 40, 0, 0), last: at(3, 22, 41, 0, 0), hits: 3})
	week(taobao, "guide-acs.m.taobao.com", "", false, 1320)
	week(taobao, "gw.alicdn.com", "", false, 2875)
	week(taobao, "app-measurement.com", "Google LLC", true, 41)
	week(googlePhoto, "photosdata-pa.googleapis.com", "", false, 612)
	week(googlePhoto, "app-measurement.com", "Google LLC", true, 18)
	week(weather, "weatherkit.apple.com", "", false, 188)
	week(maps, "gsp64-ssl.ls.apple.com", "", false, 97)
	week(whatsapp, "g.whatsapp.net", "", false, 811)
	week(quickloan, "api.quickloan.example", "", false, 96)
	week(quickloan, "graph.facebook.com", "Facebook, Inc.", true, 44)
	week(quickloan, "app-measurement.com", "Google LLC", true, 51)
	week(quickloan, "aax-eu.amazon-adsystem.com", "Amazon Technologies, Inc.", true, 12)
	week(quickloan, "203.0.113.7", "", false, 7)
	_ = r.write(w) // a bytes.Buffer does not fail
}
