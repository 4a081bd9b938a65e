//go:build js && wasm

// Command wasm is Backsight's page: the only code that touches the DOM. It
// wires the static page's controls, hands dropped files to the analysis
// Worker (wasm/worker, started by site/loader.js), shows progress with
// cancel, and renders the result document: findings, apps, timeline,
// network, files, and the compare view. Every report string is inserted as
// text, never as HTML. It imports neither encoding/json nor fmt nor the
// analysis package, to keep the page's wasm small.
//
// JavaScript sees window.backsight.ready = true once the program listens;
// the loader's window.backsight.crash(text) shows a crash if it exits.
package main

func main() {
	runPage()
	select {} // serve events until the page goes away
}
