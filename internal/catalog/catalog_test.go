package catalog

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestLookup(t *testing.T) {
	tests := []struct {
		in   string
		want App
	}{
		{"com.tencent.xin", App{ID: "com.tencent.xin", Name: "WeChat", NameZH: "微信", Purpose: PurposeMessenger, Known: true}},
		{"COM.TENCENT.XIN", App{ID: "COM.TENCENT.XIN", Name: "WeChat", NameZH: "微信", Purpose: PurposeMessenger, Known: true}},
		{"net.whatsapp.WhatsApp", App{ID: "net.whatsapp.WhatsApp", Name: "WhatsApp", NameZH: "WhatsApp", Purpose: PurposeMessenger, Known: true}},
		{"com.apple.mobileslideshow", App{ID: "com.apple.mobileslideshow", Name: "Photos", NameZH: "照片", Purpose: PurposePhoto, Apple: true, Known: true}},
		{" com.tencent.xin\n", App{ID: "com.tencent.xin", Name: "WeChat", NameZH: "微信", Purpose: PurposeMessenger, Known: true}},
		// Team-prefixed: the prefix goes, the rest is looked up or derived.
		{"5Q4J53EFRC.com.sbb.ch", App{ID: "com.sbb.ch", Name: "SBB Mobile", NameZH: "SBB Mobile", Purpose: PurposeTransit, Known: true}},
		{"ABCDE12345.com.example.SuperNotes", App{ID: "com.example.SuperNotes", Name: "Super Notes", NameZH: "Super Notes"}},
		// Daemons.
		{"companion_proxy", App{ID: "companion_proxy", Name: "Apple Watch link (companion_proxy)", NameZH: "Apple Watch 连接 (companion_proxy)", Purpose: PurposeSystem, Apple: true, Known: true}},
		{"terminusd/com.apple.AppStore", App{ID: "terminusd/com.apple.AppStore", Name: "App Store (terminusd)", NameZH: "App Store (terminusd)", Purpose: PurposeShopping, Apple: true, Known: true}},
		{"terminusd/com.example.SuperNotes", App{ID: "terminusd/com.example.SuperNotes", Name: "Super Notes", NameZH: "Super Notes"}},
		{"online-auth-agent", App{ID: "online-auth-agent", Name: "Online Auth Agent", NameZH: "Online Auth Agent"}},
		// Apple's namespace, not in the catalog.
		{"com.apple.SomeNewDaemon", App{ID: "com.apple.SomeNewDaemon", Name: "Some New Daemon", NameZH: "Some New Daemon", Purpose: PurposeSystem, Apple: true}},
		// Unknown and hostile input.
		{"com.example.SuperNotes", App{ID: "com.example.SuperNotes", Name: "Super Notes", NameZH: "Super Notes"}},
		{"", App{Name: "Unknown app", NameZH: "未知应用"}},
		{"   ", App{Name: "Unknown app", NameZH: "未知应用"}},
		{"<script>", App{ID: "<script>", Name: "Script", NameZH: "Script"}},
		{"<img src=x onerror=alert(1)>", App{ID: "<img src=x onerror=alert(1)>", Name: "Img Src X Onerror Alert 1", NameZH: "Img Src X Onerror Alert 1"}},
		{"com.apple.evil/../../x", App{ID: "com.apple.evil/../../x", Name: "Evil", NameZH: "Evil", Purpose: PurposeSystem, Apple: true}},
		{"\xff\xfe", App{ID: "\xff\xfe", Name: "Unknown app", NameZH: "Unknown app"}},
	}
	for _, tt := range tests {
		if got := Lookup(tt.in); got != tt.want {
			t.Errorf("Lookup(%q)\n got %+v\nwant %+v", tt.in, got, tt.want)
		}
	}
}

func TestDeriveName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"com.example.SuperNotes", "Super Notes"},
		{"com.example.super-notes", "Super Notes"},
		{"com.example.super_notes", "Super Notes"},
		{"5Q4J53EFRC.com.example.notes", "Notes"},
		{"com.9gag.ios.mobile", "9gag"},
		{"swiss.ricardo.iphone", "Ricardo"},
		{"ch.galaxus.nativeApp", "Galaxus"},
		{"org.leo.org.leo.dict.01", "Dict"},
		{"net.nextbike.official2012", "Official2012"},
		{"com.example.app.v2", "Example"},
		{"com.alibaba.iAliexpress", "iAliexpress"},
		{"com.bank.HSBCMobileBanking", "HSBC Mobile Banking"},
		{"com.example.Tweetie2", "Tweetie2"},
		{"companion_proxy", "Companion Proxy"},
		{"com.app", "App"},
		{"com.sbb.ch", "Sbb"},
		{"com", "Com"},
		{"com.ios.app", "App"},
		{"....", "Unknown app"},
		{"", "Unknown app"},
		{"<script>alert(1)</script>", "Script"},
		{"com.example." + strings.Repeat("Long", 30), strings.Repeat("Long ", 7) + "Long…"},
	}
	for _, tt := range tests {
		if got := DeriveName(tt.in); got != tt.want {
			t.Errorf("DeriveName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestStripTeamPrefix(t *testing.T) {
	tests := []struct{ in, want string }{
		{"5Q4J53EFRC.com.sbb.ch", "com.sbb.ch"},
		{"5Q4J53EFRC.sbb", "5Q4J53EFRC.sbb"},               // nothing bundle-like after it
		{"ABCDEFGHIJ.com.sbb.ch", "ABCDEFGHIJ.com.sbb.ch"}, // no digit: a company name
		{"5q4j53efrc.com.sbb.ch", "5q4j53efrc.com.sbb.ch"}, // team ids are upper case
		{"com.sbb.ch", "com.sbb.ch"},
		{"5Q4J53EFRC.", "5Q4J53EFRC."},
		{"", ""},
	}
	for _, tt := range tests {
		if got := StripTeamPrefix(tt.in); got != tt.want {
			t.Errorf("StripTeamPrefix(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestTable checks every catalog line: well formed, named in both languages,
// a valid purpose, unique ids, sorted so that diffs stay readable.
func TestTable(t *testing.T) {
	seen := map[string]int{}
	prev := ""
	n := 0
	for i, line := range strings.Split(strings.TrimSuffix(appsTSV, "\n"), "\n") {
		if strings.HasPrefix(line, "#") {
			continue
		}
		n++
		f := strings.Split(line, "\t")
		if len(f) < 3 || len(f) > 4 {
			t.Errorf("line %d: %d fields, want 3 or 4: %q", i+1, len(f), line)
			continue
		}
		id := f[0]
		if id == "" || strings.ContainsAny(id, " /") || id != strings.TrimSpace(id) {
			t.Errorf("line %d: bad id %q", i+1, id)
		}
		if StripTeamPrefix(id) != id {
			t.Errorf("line %d: id %q has a team prefix; store it without", i+1, id)
		}
		key := strings.ToLower(id)
		if j, dup := seen[key]; dup {
			t.Errorf("line %d: id %q already on line %d", i+1, id, j)
		}
		seen[key] = i + 1
		if key < prev {
			t.Errorf("line %d: %q sorts before %q", i+1, id, prev)
		}
		prev = key
		if p := Purpose(f[1]); !p.Valid() || p == PurposeUnknown {
			t.Errorf("line %d: purpose %q is not one of the Purpose constants", i+1, f[1])
		}
		for _, name := range f[2:] {
			if name == "" && len(f) == 3 || strings.TrimSpace(name) != name || !utf8.ValidString(name) {
				t.Errorf("line %d: bad name %q", i+1, name)
			}
		}
		if len(f) == 4 && (f[3] == "" || f[3] == f[2]) {
			t.Errorf("line %d: leave the Chinese name out when it equals the English one", i+1)
		}
		a := Lookup(id)
		if !a.Known || a.Name == "" || a.NameZH == "" || a.Name != f[2] {
			t.Errorf("line %d: Lookup(%q) = %+v", i+1, id, a)
		}
	}
	if n != len(table()) {
		t.Errorf("table has %d entries, file %d lines", len(table()), n)
	}
	for id, e := range appleDaemons {
		if id != strings.ToLower(id) || e.name == "" || e.nameZH == "" || !e.purpose.Valid() {
			t.Errorf("appleDaemons[%q] = %+v", id, e)
		}
		if _, dup := seen[id]; dup {
			t.Errorf("appleDaemons[%q] is in apps.tsv too", id)
		}
	}
}

func TestPurposeName(t *testing.T) {
	tests := []struct {
		p      Purpose
		en, zh string
	}{
		{PurposeBackup, "photo backup", "照片备份"},
		{PurposeMessenger, "messaging", "即时通讯"},
		{PurposeUnknown, "unknown", "未知"},
		{Purpose("spaceship"), "spaceship", "spaceship"},
	}
	for _, tt := range tests {
		if en, zh := PurposeName(tt.p); en != tt.en || zh != tt.zh {
			t.Errorf("PurposeName(%q) = %q, %q; want %q, %q", tt.p, en, zh, tt.en, tt.zh)
		}
	}
	for p, n := range purposeNames {
		if n[0] == "" || n[1] == "" {
			t.Errorf("purpose %q has no name", p)
		}
	}
}
