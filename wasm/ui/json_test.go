package ui

import (
	"encoding/json"
	"reflect"
	"testing"
)

// TestParseJSON compares the page's parser with encoding/json.
func TestParseJSON(t *testing.T) {
	docs := []string{
		`{"a":"x","b":1.5,"c":true,"d":null,"e":[1,"two",{"f":false}],"g":{}}`,
		`{"s":"\u00e9\u4e2d\ud83d\ude00 \"q\" \\ \/ \n\t","n":-12e3,"empty":"","arr":[]}`,
		`  [ {"k" : "v"} , 3 ]  `,
		`"<script>alert(1)</script>"`,
	}
	for _, d := range docs {
		n, err := ParseJSON([]byte(d))
		if err != nil {
			t.Errorf("%s: %v", d, err)
			continue
		}
		var want any
		if err := json.Unmarshal([]byte(d), &want); err != nil {
			t.Fatal(err)
		}
		if got := toAny(n.(*Node)); !reflect.DeepEqual(got, want) {
			t.Errorf("%s:\n got %#v\nwant %#v", d, got, want)
		}
	}
	for _, bad := range []string{``, `{`, `{"a"}`, `{"a":1,}`, `[1 2]`, `"abc`, `tru`, `{"a":1} x`, `"\x"`, `-`} {
		if _, err := ParseJSON([]byte(bad)); err == nil {
			t.Errorf("ParseJSON(%q) accepted a damaged document", bad)
		}
	}
}

func toAny(n *Node) any {
	switch n.kind {
	case 'b':
		return n.b
	case '0':
		return n.num
	case 's':
		return n.str
	case 'a':
		out := []any{}
		for _, v := range n.arr {
			out = append(out, toAny(v))
		}
		return out
	case 'o':
		out := map[string]any{}
		for i, k := range n.keys {
			out[k] = toAny(n.arr[i])
		}
		return out
	}
	return nil
}

func FuzzParseJSON(f *testing.F) {
	f.Add(`{"a":[1,"b",null,true]}`)
	f.Fuzz(func(t *testing.T, s string) {
		n, err := ParseJSON([]byte(s))
		var want any
		if json.Unmarshal([]byte(s), &want) == nil && err != nil {
			t.Fatalf("rejected valid JSON %q: %v", s, err)
		}
		if err == nil && n == nil {
			t.Fatal("no error and no value")
		}
	})
}
