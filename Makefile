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

deps: ## install what the tests need (Go modules; Debian's chromium when root)
	$(GO) mod download

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
