//go:build js && wasm

package main

import (
	"syscall/js"

	"backsight/wasm/ui"
)

// jsSource reads the browser's JSON.parse output for ui.Decode.
type jsSource struct{ v js.Value }

func source(v js.Value) ui.Source {
	if v.IsUndefined() || v.IsNull() {
		return nil
	}
	return jsSource{v}
}

func (s jsSource) Str(k string) string {
	v := s.v.Get(k)
	if v.Type() != js.TypeString {
		return ""
	}
	return v.String()
}

func (s jsSource) Num(k string) float64 {
	v := s.v.Get(k)
	if v.Type() != js.TypeNumber {
		return 0
	}
	return v.Float()
}

func (s jsSource) Bool(k string) bool { return s.v.Get(k).Truthy() }

func (s jsSource) Get(k string) ui.Source { return source(s.v.Get(k)) }

func (s jsSource) Len() int {
	if !js.Global().Get("Array").Call("isArray", s.v).Bool() {
		return 0
	}
	return s.v.Length()
}

func (s jsSource) Index(i int) ui.Source { return source(s.v.Index(i)) }

func (s jsSource) String() string {
	if s.v.Type() != js.TypeString {
		return ""
	}
	return s.v.String()
}

func (s jsSource) Float() float64 {
	if s.v.Type() != js.TypeNumber {
		return 0
	}
	return s.v.Float()
}
