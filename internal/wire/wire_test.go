package wire

import "testing"

func TestRoundTrip(t *testing.T) {
	var w Writer
	w.Uint(3)
	w.Str("com.tencent.xin")
	w.Int(-1630000000000)
	w.Byte(7)
	w.Str("")
	w.Str("照片")
	b := w.Bytes("TST1")
	r, err := NewReader(b, "TST1")
	if err != nil {
		t.Fatal(err)
	}
	if n, s, i, c, e, z := r.Count(), r.Str(), r.Int(), r.Byte(), r.Str(), r.Str(); n != 3 || s != "com.tencent.xin" ||
		i != -1630000000000 || c != 7 || e != "" || z != "照片" {
		t.Errorf("read %d %q %d %d %q %q", n, s, i, c, e, z)
	}
	if err := r.Close(); err != nil {
		t.Errorf("Close after reading everything: %v", err)
	}
	for n := range len(b) {
		r, err := NewReader(b[:n], "TST1")
		if err != nil {
			continue
		}
		r.Count()
		r.Str()
		r.Int()
		r.Byte()
		r.Str()
		r.Str()
		if r.Close() == nil {
			t.Errorf("a message cut to %d of %d bytes read as whole", n, len(b))
		}
	}
	if _, err := NewReader(b, "XXX1"); err == nil {
		t.Error("another magic was accepted")
	}
}
