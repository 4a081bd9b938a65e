//go:build js && wasm

package main

import (
	"syscall/js"

	"honnef.co/go/js/dom/v2"
)

// elem is the one element type the page uses. Elements are created with
// document.createElement and wrapped directly: dom/v2's own constructors
// pick a Go type per element kind by asking the browser, which links every
// element type into the wasm and costs a dozen calls per element.
type elem = *dom.BasicHTMLElement

var document = js.Global().Get("document")

const svgNS = "http://www.w3.org/2000/svg"

func wrap(v js.Value) elem {
	if v.IsNull() || v.IsUndefined() {
		return nil
	}
	return &dom.BasicHTMLElement{BasicElement: &dom.BasicElement{BasicNode: &dom.BasicNode{Value: v}}}
}

// el creates an element with a class and children: strings become text
// nodes (so report data is never parsed as HTML), elements are appended.
func el(tag, class string, kids ...any) elem {
	e := wrap(document.Call("createElement", tag))
	if class != "" {
		e.SetAttribute("class", class)
	}
	add(e, kids...)
	return e
}

// add appends children to e; see el.
func add(e elem, kids ...any) {
	for _, k := range kids {
		switch k := k.(type) {
		case nil:
		case string:
			if k != "" {
				e.Call("append", k) // a string argument becomes a Text node
			}
		case elem:
			if k != nil {
				e.Call("append", k.Value)
			}
		case []elem:
			for _, c := range k {
				e.Call("append", c.Value)
			}
		default:
			panic("add: unexpected child type")
		}
	}
}

// attr sets attributes given as name, value pairs and returns e.
func attr(e elem, kv ...string) elem {
	for i := 0; i+1 < len(kv); i += 2 {
		e.SetAttribute(kv[i], kv[i+1])
	}
	return e
}

// svg creates an SVG element with attributes.
func svg(tag string, kv ...string) elem {
	return attr(wrap(document.Call("createElementNS", svgNS, tag)), kv...)
}

func byID(id string) elem { return wrap(document.Call("getElementById", id)) }

func root() elem { return wrap(document.Get("documentElement")) }

// attrOf reads an attribute of an event target, "" if it has none.
func attrOf(v js.Value, name string) string {
	if v.IsNull() || v.IsUndefined() || v.Get("getAttribute").IsUndefined() {
		return ""
	}
	a := v.Call("getAttribute", name)
	if a.IsNull() {
		return ""
	}
	return a.String()
}

// on listens for events of type typ on e (or on the document if e is nil).
// The listener lives as long as the page: the elements are few and are
// dropped with their listeners when a new report replaces them.
func on(e elem, typ string, f func(ev js.Value)) {
	target := document
	if e != nil {
		target = e.Value
	}
	target.Call("addEventListener", typ, js.FuncOf(func(this js.Value, args []js.Value) any {
		f(args[0])
		return nil
	}))
}

// clear removes all children of e.
func clear(e elem) { e.SetTextContent("") }

// button creates a <button type=button> with a click handler.
func button(class, label string, onClick func()) elem {
	b := attr(el("button", class, label), "type", "button")
	on(b, "click", func(js.Value) { onClick() })
	return b
}

func setHidden(e elem, hidden bool) { e.Set("hidden", hidden) }

func focus(e elem) { e.Call("focus") }

// download offers data as a file, made in the browser from a Blob: nothing
// is fetched or sent.
func download(name, mime string, data []byte) {
	u8 := js.Global().Get("Uint8Array").New(len(data))
	js.CopyBytesToJS(u8, data)
	blob := js.Global().Get("Blob").New([]any{u8}, map[string]any{"type": mime})
	url := js.Global().Get("URL").Call("createObjectURL", blob)
	a := attr(el("a", ""), "href", url.String(), "download", name)
	document.Get("body").Call("append", a.Value)
	a.Call("click")
	a.Remove()
	// Revoke later: the download starts asynchronously.
	js.Global().Call("setTimeout", oneShot(func() { js.Global().Get("URL").Call("revokeObjectURL", url) }), 10000)
}

// oneShot makes f a JavaScript function for a callback that comes once
// (a timer, a frame, a message): it releases itself when called.
func oneShot(f func()) js.Func {
	var cb js.Func
	cb = js.FuncOf(func(js.Value, []js.Value) any {
		cb.Release()
		f()
		return nil
	})
	return cb
}

func mark(name string) { js.Global().Get("performance").Call("mark", name) }

// now is performance.now(), in milliseconds.
func now() float64 { return js.Global().Get("performance").Call("now").Float() }
