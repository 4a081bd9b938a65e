// Package catalog names apps from their bundle ids and says what they are for, offline.
package catalog

import (
	_ "embed"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// App is what the catalog knows about one bundle id.
type App struct {
	ID      string  // the bundle id as looked up (team prefix stripped)
	Name    string  // English name ("WeChat")
	NameZH  string  // Chinese name ("微信"); = Name where there is no Chinese name
	Purpose Purpose // what the app is for; "" when unknown
	Apple   bool    // one of Apple's own apps or daemons
	Known   bool    // found in the catalog (false: Name derived from the bundle id)
}

// apps.tsv holds one app a line: bundle id, purpose, English name and,
// optionally, Chinese name, separated by tabs. It is embedded as text rather
// than Go composite literals because a string costs the wasm only its bytes.
//
//go:embed apps.tsv
var appsTSV string

// entry is one parsed catalog line.
type entry struct {
	name, nameZH string
	purpose      Purpose
}

// table maps a lower-cased bundle id to its entry. It is built on first use so
// that a page that never names an app does not pay for parsing the table.
var table = sync.OnceValue(func() map[string]entry {
	m := make(map[string]entry, strings.Count(appsTSV, "\n"))
	for line := range strings.Lines(appsTSV) {
		line = strings.TrimRight(line, "\r\n")
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 3 {
			continue // caught by TestTable; the page must not die over one line
		}
		e := entry{purpose: Purpose(f[1]), name: f[2], nameZH: f[2]}
		if len(f) > 3 && f[3] != "" {
			e.nameZH = f[3]
		}
		m[strings.ToLower(f[0])] = e
	}
	return m
})

// appleDaemons are Apple's processes that appear in reports under a bare
// process name instead of a bundle id.
var appleDaemons = map[string]entry{
	"companion_proxy":         {name: "Apple Watch link (companion_proxy)", nameZH: "Apple Watch 连接 (companion_proxy)", purpose: PurposeSystem},
	"terminusd":               {name: "Network service (terminusd)", nameZH: "网络服务 (terminusd)", purpose: PurposeSystem},
	"nsurlsessiond":           {name: "Background downloads (nsurlsessiond)", nameZH: "后台下载 (nsurlsessiond)", purpose: PurposeSystem},
	"mdnsresponder":           {name: "Name resolution (mDNSResponder)", nameZH: "域名解析 (mDNSResponder)", purpose: PurposeSystem},
	"apsd":                    {name: "Push notifications (apsd)", nameZH: "推送通知 (apsd)", purpose: PurposeSystem},
	"cloudd":                  {name: "iCloud sync (cloudd)", nameZH: "iCloud 同步 (cloudd)", purpose: PurposeSystem},
	"locationd":               {name: "Location services (locationd)", nameZH: "定位服务 (locationd)", purpose: PurposeSystem},
	"identityservicesd":       {name: "iMessage and FaceTime identity (identityservicesd)", nameZH: "iMessage 与 FaceTime 身份 (identityservicesd)", purpose: PurposeSystem},
	"itunesstored":            {name: "App Store downloads (itunesstored)", nameZH: "App Store 下载 (itunesstored)", purpose: PurposeSystem},
	"appstored":               {name: "App Store downloads (appstored)", nameZH: "App Store 下载 (appstored)", purpose: PurposeSystem},
	"softwareupdateservicesd": {name: "Software update (softwareupdateservicesd)", nameZH: "软件更新 (softwareupdateservicesd)", purpose: PurposeSystem},
	"mobileassetd":            {name: "System downloads (mobileassetd)", nameZH: "系统资源下载 (mobileassetd)", purpose: PurposeSystem},
}

// Lookup returns what the catalog knows about bundleID. Unknown ids get a
// name derived from the id, so every app can be shown by name.
func Lookup(bundleID string) App {
	id := StripTeamPrefix(strings.TrimSpace(bundleID))
	if id == "" {
		return App{Name: "Unknown app", NameZH: "未知应用"}
	}
	if e, ok := table()[strings.ToLower(id)]; ok {
		return App{ID: id, Name: e.name, NameZH: e.nameZH, Purpose: e.purpose, Apple: isApple(id), Known: true}
	}
	if e, ok := appleDaemons[strings.ToLower(id)]; ok {
		return App{ID: id, Name: e.name, NameZH: e.nameZH, Purpose: e.purpose, Apple: true, Known: true}
	}
	// A daemon acting for an app ("terminusd/com.apple.AppStore") is shown as
	// that app, with the daemon named, since the user knows the app.
	if daemon, app, ok := strings.Cut(id, "/"); ok && daemon != "" && !strings.Contains(app, "/") {
		if a := Lookup(app); a.Known {
			a.ID = id
			d := daemonName(daemon)
			a.Name += " (" + d + ")"
			a.NameZH += " (" + d + ")"
			if _, apple := appleDaemons[strings.ToLower(daemon)]; apple {
				a.Apple = true
			}
			return a
		}
	}
	a := App{ID: id, Name: DeriveName(id), Apple: isApple(id)}
	a.NameZH = a.Name
	if a.Apple {
		a.Purpose = PurposeSystem
	}
	return a
}

// daemonName shows a process name as it is when it is short and plain
// ("terminusd"), since that is what a user can search for, and derives one
// otherwise.
func daemonName(s string) string {
	if len(s) > maxNameRunes {
		return DeriveName(s)
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-' || r == '.') {
			return DeriveName(s)
		}
	}
	return s
}

// isApple reports whether id is in Apple's namespace.
func isApple(id string) bool {
	return len(id) > len("com.apple.") && strings.EqualFold(id[:len("com.apple.")], "com.apple.")
}

// StripTeamPrefix removes an Apple developer team id ("5Q4J53EFRC.") that
// some reports put in front of a bundle id ("5Q4J53EFRC.com.sbb.ch").
func StripTeamPrefix(id string) string {
	const n = 10 // team ids are 10 upper-case letters and digits
	if len(id) <= n+1 || id[n] != '.' || !strings.Contains(id[n+1:], ".") {
		return id
	}
	digit := false
	for i := range n {
		c := id[i]
		switch {
		case c >= '0' && c <= '9':
			digit = true
		case c >= 'A' && c <= 'Z':
		default:
			return id
		}
	}
	// An all-letter first component is more likely a company name than a
	// team id; every team id seen so far has digits.
	if !digit {
		return id
	}
	return id[n+1:]
}

// generic are bundle id components that say nothing about the app.
var generic = map[string]bool{
	"com": true, "org": true, "net": true, "ios": true, "iphone": true, "ipad": true,
	"iphoneapp": true, "iosapp": true, "app": true, "apps": true, "mobile": true,
	"mobileapp": true, "nativeapp": true, "client": true, "official": true,
	"application": true, "prod": true, "production": true, "release": true,
	"www": true, "main": true, "phone": true,
}

// maxNameRunes bounds a derived name: ids are untrusted input and a name is
// shown in narrow table cells.
const maxNameRunes = 40

// DeriveName makes a readable name from a bundle id the catalog does not
// know: it takes the most telling component, splits camelCase, "-" and "_",
// and capitalises the words ("com.example.SuperNotes" -> "Super Notes").
// Characters other than letters and digits are dropped, so the result is
// safe to show as text.
func DeriveName(bundleID string) string {
	id := StripTeamPrefix(strings.TrimSpace(bundleID))
	parts := strings.FieldsFunc(id, func(r rune) bool { return r == '.' || r == '/' })
	pick := ""
	// Walk from the end: the last components name the app, the first is a
	// reverse-DNS top-level domain ("com", "ch") unless it is all there is,
	// and one or two letters are a country ("com.sbb.ch") or a build number.
	for i := len(parts) - 1; i >= 0; i-- {
		p := parts[i]
		if (i == 0 && len(parts) > 1) || len(p) <= 2 || generic[strings.ToLower(p)] || versionLike(p) || words(p) == "" {
			continue
		}
		pick = p
		break
	}
	if pick == "" {
		// Everything was generic ("com.app"): any readable component beats none.
		for i := len(parts) - 1; i >= 0 && pick == ""; i-- {
			if words(parts[i]) != "" {
				pick = parts[i]
			}
		}
	}
	if name := readable(pick); name != "" {
		return name
	}
	return "Unknown app"
}

// readable turns untrusted text into at most maxNameRunes of capitalised
// words of letters and digits; "" when nothing readable is left.
func readable(s string) string {
	name := words(s)
	if utf8.RuneCountInString(name) > maxNameRunes {
		name = strings.TrimSpace(string([]rune(name)[:maxNameRunes-1])) + "…"
	}
	return name
}

// versionLike reports whether s looks like a version or build number
// ("2", "01", "v2", "2012") rather than a name.
func versionLike(s string) bool {
	s = strings.TrimPrefix(strings.ToLower(s), "v")
	if s == "" {
		return false
	}
	for _, r := range s {
		if (r < '0' || r > '9') && r != '-' && r != '_' {
			return false
		}
	}
	return true
}

// words splits s into capitalised words at "-", "_", other punctuation and
// camelCase boundaries: "SuperNotes" -> "Super Notes", "HSBCMobile" ->
// "HSBC Mobile", "online-auth-agent" -> "Online Auth Agent". A leading
// lower-case "i" or "e" before a capital is kept as a prefix ("iAliexpress").
func words(s string) string {
	var out []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			if !(len(cur) > 1 && (cur[0] == 'i' || cur[0] == 'e') && unicode.IsUpper(cur[1])) {
				cur[0] = unicode.ToUpper(cur[0])
			}
			out = append(out, string(cur))
			cur = cur[:0:0]
		}
	}
	rs := []rune(s)
	for i, r := range rs {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			flush()
			continue
		}
		if len(cur) > 0 && unicode.IsUpper(r) {
			prev := cur[len(cur)-1]
			nextLower := i+1 < len(rs) && unicode.IsLower(rs[i+1])
			prefix := len(cur) == 1 && (prev == 'i' || prev == 'e')
			if !prefix && (unicode.IsLower(prev) || unicode.IsDigit(prev) || (unicode.IsUpper(prev) && nextLower)) {
				flush()
			}
		}
		cur = append(cur, r)
	}
	flush()
	return strings.Join(out, " ")
}
