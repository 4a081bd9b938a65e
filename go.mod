module backsight

go 1.26

require (
	github.com/chromedp/cdproto v0.159.0 // indirect
	// chromedp drives headless Chromium in the page's end-to-end tests
	// (browsertest/); it never reaches a shipped binary.
	github.com/chromedp/chromedp v0.23.0
	github.com/go-json-experiment/json v0.0.0-20260213210345-44df1a37e875 // indirect
	github.com/syumai/workers v0.30.2
	// dom/v2 is the page's typed DOM API (wasm/); the page wraps elements
	// itself so it costs about 20 KB of the page wasm, not 170 KB.
	honnef.co/go/js/dom/v2 v2.0.0-20231112215516-51f43a291193
)
