package catalog

import (
	"strings"
	"testing"
)

func TestExpected(t *testing.T) {
	tests := []struct {
		id, category string
		want         bool
		reasonHas    string // a word the English reason must contain
	}{
		{"com.google.photos", "photos", true, "backup"},
		{"com.apple.weather", "location", true, "widget"},
		{"com.apple.Maps", "location", true, "guide"},
		{"com.tencent.xin", "photos", false, "messenger"},
		{"net.whatsapp.WhatsApp", "photos", false, "pick one to send"},
		{"net.whatsapp.WhatsApp", "microphone", true, "calls"},
		{"net.whatsapp.WhatsApp", "location", false, "live location"},
		{"com.taobao.taobao4iphone", "photos", false, "shopping"},
		{"com.apple.MobileAddressBook", "contacts", true, "My Card"},
		{"com.apple.AppStore", "contacts", true, "My Card"},
		{"com.apple.camera", "location", true, "where they were taken"},
		{"com.apple.mobileslideshow", "photos", true, "analyses"},
		{"com.apple.weather", "photos", false, "a weather app"},
		{"com.sbb.ch", "location", true, "stops"},
		{"com.example.SuperNotes", "location", false, "does not know"},
		{"com.example.SuperNotes", "<b>x</b>", false, "“B X B”"},
		{"com.tencent.xin", "newCategory", false, "“New Category”"},
		{"com.apple.weather", "userTracking", false, "tracking across apps"},
	}
	for _, tt := range tests {
		app := Lookup(tt.id)
		ok, en, zh := Expected(app, tt.category)
		if ok != tt.want || !strings.Contains(en, tt.reasonHas) || zh == "" || en == zh {
			t.Errorf("Expected(%s, %q) = %v, %q, %q; want %v and a reason with %q in both languages",
				tt.id, tt.category, ok, en, zh, tt.want, tt.reasonHas)
		}
	}
}

// TestExpectedReasons checks that every rule is worded in both languages,
// names a category iOS writes and hangs off a valid purpose.
func TestExpectedReasons(t *testing.T) {
	check := func(where string, category string, r reason) {
		t.Helper()
		if _, ok := categoryNames[category]; !ok {
			t.Errorf("%s: category %q is not one iOS writes", where, category)
		}
		if r.en == "" || r.zh == "" || r.en == r.zh {
			t.Errorf("%s/%s: reason not in both languages: %+v", where, category, r)
		}
		if r.en != strings.ToLower(r.en[:1])+r.en[1:] && !strings.HasPrefix(r.en, "Apple") &&
			!startsWithAppName(r.en) {
			t.Errorf("%s/%s: reason %q should start lower case (it is used mid-sentence)", where, category, r.en)
		}
	}
	for p, m := range expected {
		if !p.Valid() || p == PurposeUnknown {
			t.Errorf("expected: invalid purpose %q", p)
		}
		for c, r := range m {
			check("expected["+string(p)+"]", c, r)
			if _, both := notExpected[p][c]; both {
				t.Errorf("purpose %q, %q is both expected and not", p, c)
			}
		}
	}
	for p, m := range notExpected {
		if !p.Valid() || p == PurposeUnknown {
			t.Errorf("notExpected: invalid purpose %q", p)
		}
		for c, r := range m {
			check("notExpected["+string(p)+"]", c, r)
		}
	}
	for k, r := range appSpecific {
		if k[0] != strings.ToLower(k[0]) {
			t.Errorf("appSpecific key %q must be lower case", k[0])
		}
		if _, ok := table()[k[0]]; !ok {
			t.Errorf("appSpecific[%q] is not in the catalog", k[0])
		}
		check("appSpecific["+k[0]+"]", k[1], r)
	}
}

// startsWithAppName allows a reason that opens with an app's proper name.
func startsWithAppName(s string) bool {
	for _, name := range []string{"Reminders", "Calendar", "Wallet", "Find My", "FaceTime", "Books"} {
		if strings.HasPrefix(s, name) {
			return true
		}
	}
	return false
}
