package catalog

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// corpusDir finds the shared corpus of real reports by walking up from the
// package directory; CI keeps it beside the clone, so not finding it is a
// failure, not a reason to skip.
func corpusDir(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	for {
		c := filepath.Join(dir, "shared", "corpus")
		if st, err := os.Stat(c); err == nil && st.IsDir() {
			return c
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("shared/corpus not found above the package directory; put the corpus beside the clone")
		}
		dir = parent
	}
}

// corpusIDs returns every distinct app id in the corpus: access accessors,
// broadcasters and network bundle ids.
func corpusIDs(t *testing.T) map[string]bool {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(corpusDir(t), "*.ndjson"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no .ndjson files in the corpus (%v)", err)
	}
	type ref struct {
		Identifier string `json:"identifier"`
	}
	ids := map[string]bool{}
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			var rec struct {
				Accessor    ref    `json:"accessor"`
				Broadcaster ref    `json:"broadcaster"`
				BundleID    string `json:"bundleID"`
			}
			if json.Unmarshal(sc.Bytes(), &rec) != nil {
				continue // beta-format lines; the parser's tests cover them
			}
			for _, id := range []string{rec.Accessor.Identifier, rec.Broadcaster.Identifier, rec.BundleID} {
				if id != "" {
					ids[id] = true
				}
			}
		}
		f.Close()
		if err := sc.Err(); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	return ids
}

// corpusMapped are ids from the real reports the catalog must name; the
// test fails if one disappears from the catalog or from the corpus.
var corpusMapped = []string{
	"com.tencent.xin", "com.taobao.taobao4iphone", "com.apple.weather", "com.apple.camera",
	"com.apple.mobileslideshow", "5Q4J53EFRC.com.sbb.ch", "com.9gag.ios.mobile",
	"net.whatsapp.WhatsApp", "org.whispersystems.signal", "com.strava.stravaride",
	"ch.admin.meteoswiss", "com.google.Maps", "com.autonavi.amap", "com.meituan.imeituan",
	"tv.danmaku.bilianime", "com.netease.cloudmusic", "com.360buy.jdmobile",
	"com.alipay.iphoneclient", "com.ss.iphone.ugc.Ame", "com.zhiliaoapp.musically",
	"com.apple.MobileAddressBook", "com.apple.mobilephone", "com.apple.findmy",
	"com.apple.facetime", "com.apple.webapp", "com.apple.shortcuts", "com.apple.Maps",
	"com.toyopagroup.picaboo", "com.burbn.instagram", "ph.telegra.Telegraph",
}

func TestCorpusIDsResolve(t *testing.T) {
	ids := corpusIDs(t)
	for _, id := range corpusMapped {
		if !ids[id] {
			t.Errorf("%s is no longer in the corpus; update corpusMapped", id)
		}
		if a := Lookup(id); !a.Known {
			t.Errorf("Lookup(%q) = %+v, want a catalog entry", id, a)
		}
	}
	var known, unknown []string
	for id := range ids {
		a := Lookup(id)
		if a.Name == "" || a.NameZH == "" || !a.Purpose.Valid() {
			t.Errorf("Lookup(%q) = %+v: empty name or invalid purpose", id, a)
		}
		if _, inTable := table()[strings.ToLower(StripTeamPrefix(id))]; inTable && !a.Known {
			t.Errorf("Lookup(%q) is not Known although the id is in the catalog", id)
		}
		if a.Known {
			known = append(known, id)
		} else {
			unknown = append(unknown, id+" -> "+a.Name)
		}
	}
	sort.Strings(unknown)
	t.Logf("corpus: %d distinct ids, %d in the catalog; derived names for the rest:\n%s",
		len(ids), len(known), strings.Join(unknown, "\n"))
}
