# Backsight's build. `make help` lists the targets.
# Reproducible builds: -trimpath and no symbol tables in anything shipped.
GO       ?= go
GOROOT   := $(shell $(GO) env GOROOT)
GOFLAGS_BUILD := -trimpath -ldflags='-s -w'
WASM_EXEC := $(GOROOT)/lib/wasm/go_js_wasm_exec

.DEFAULT_GOAL := help
.PHONY: help test test-native test-wasm vet deps serve bench

help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  %-16s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

## --- checks -----------------------------------------------------------------

test: deps vet test-native test-wasm ## run every test (installs what the tests need first)

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

vet: ## go vet, natively and for the wasm builds
	$(GO) vet ./...

test-native: ## the native tests
	$(GO) test ./...

# The core packages must run in the browser too: their tests, compiled to
# wasm, run under Node with the runner Go ships.
test-wasm: ## the core packages' tests compiled to GOOS=js GOARCH=wasm, run under Node
	GOOS=js GOARCH=wasm $(GO) test -exec="$(WASM_EXEC)" ./internal/...

## --- run --------------------------------------------------------------------

serve: ## run Backsight (for now: the CLI on the bundled sample report)
	$(GO) run ./cmd/backsight

bench: ## parser and analysis benchmarks on the corpus and a generated 100 MB report
	$(GO) test -run '^$$' -bench . -benchmem ./internal/...
