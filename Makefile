# Village: two commands matter. `make run` serves the app with sample data;
# `make test` runs every check. Both install what they need, idempotently.

include tools.mk

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

# Build output lives outside the clone, so a fresh clone (as CI makes) reuses
# earlier builds. Override with CARGO_TARGET_DIR=... if you prefer.
export CARGO_TARGET_DIR ?= $(HOME)/.cache/village/target
# Incremental state grows by gigabytes per change and buys little in CI.
export CARGO_INCREMENTAL ?= 0
# npm's binaryen gives cargo-leptos a wasm-opt that works with current Rust;
# the JavaScript tools (package.json at the top) live in node_modules/.
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

SERVER_BIN := $(CARGO_TARGET_DIR)/release/server
SITE_ROOT := $(CURDIR)/target/site
# The settings `make run` serves with; all can be overridden from the environment.
export LEPTOS_SITE_ADDR ?= 127.0.0.1:3000
export DATABASE_URL ?= sqlite://data/village.db

.PHONY: help run build test test-dates bench proof fuzz deny image image-test setup-bench setup setup-test npm lint fmt-check clippy-server clippy-browser unit integration integration-sqlite integration-postgres e2e

help:
	@echo "make run    build (release) and serve Village at http://$(LEPTOS_SITE_ADDR) with sample data"
	@echo "make test   every check: format, lints, unit, property and integration tests (SQLite and PostgreSQL), browser tests"
	@echo "make test-dates  make test's date-bound checks with the wall clock moved (TEST_DATES, default a summer day, 29 Feb 2028 and 2031)"
	@echo "make build  release build of the server and the browser bundle"
	@echo "make bench  Village beside a minimal Leptos page (../shared/reference, built once per machine), then figures against the budgets in docs (BENCH_SECONDS per load run, default 10)"
	@echo "make proof  load, crash (SIGKILL) and fuzz runs on SQLite and PostgreSQL, a cluster of three instances behind HAProxy, and browser kills; PROOF_SECONDS per scenario (default 60)"
	@echo "make image  the container image (Containerfile) of the release build, with podman"
	@echo "make fuzz   the property tests of every parser of outside input, FUZZ_CASES each (default 10000)"

## The two commands ---------------------------------------------------------

run: build
	@echo "==> serving Village at http://$(LEPTOS_SITE_ADDR) (Ctrl-C stops it)"
	LEPTOS_SITE_ROOT="$(SITE_ROOT)" LEPTOS_OUTPUT_NAME=village LEPTOS_SITE_PKG_DIR=pkg \
	  exec "$(SERVER_BIN)" serve --sample-data

test: setup-test
	@scripts/test-all

# The same tests with the wall clock moved to other days: they must not notice.
test-dates: setup-test
	VILLAGE_SERVER_BIN="$(SERVER_BIN)" LEPTOS_SITE_ROOT="$(SITE_ROOT)" scripts/test-dates

bench: build setup-test setup-bench
	VILLAGE_SERVER_BIN="$(SERVER_BIN)" LEPTOS_SITE_ROOT="$(SITE_ROOT)" scripts/bench

proof: build setup-test
	VILLAGE_SERVER_BIN="$(SERVER_BIN)" LEPTOS_SITE_ROOT="$(SITE_ROOT)" CARGO_FUZZ_VERSION="$(CARGO_FUZZ_VERSION)" scripts/proof

# The parsers of outside input (HSDS, term dates, ids, phone numbers, backups)
# with many more arbitrary inputs than `make test` gives them.
fuzz:
	PROPTEST_CASES="$${FUZZ_CASES:-10000}" cargo test --release -p village-core

setup-bench:
	@if [[ "$$(oha --version 2>/dev/null || true)" != *"$(OHA_VERSION)"* ]]; then \
	  echo "==> installing oha $(OHA_VERSION) (the load generator, once per machine)"; \
	  cargo install oha --version "$(OHA_VERSION)" --locked; \
	fi

## Pieces -------------------------------------------------------------------

build: setup
	@echo "==> release build (server and browser bundle)"
	cargo leptos build --release --precompress --split
	node scripts/build-sw.mjs target/site

setup: npm
	@scripts/setup-tools "$(CARGO_LEPTOS_VERSION)" "$(WASM_BINDGEN_VERSION)"

npm:
	@# The tools lived in end2end/ once; a copy left there would shadow these.
	@rm -rf end2end/node_modules
	@if [[ ! -x node_modules/.bin/wasm-opt || package-lock.json -nt node_modules/.package-lock.json ]]; then \
	  echo "==> npm ci (Playwright, axe-core, wasm-opt)"; \
	  npm ci --no-audit --no-fund; \
	fi

setup-test: setup
	@if [[ "$$(cargo deny --version 2>/dev/null || true)" != *"$(CARGO_DENY_VERSION)"* ]]; then \
	  echo "==> installing cargo-deny $(CARGO_DENY_VERSION) (the supply-chain check, once per machine)"; \
	  cargo install cargo-deny --version "$(CARGO_DENY_VERSION)" --locked; \
	fi
	@if ! command -v chromium >/dev/null; then \
	  echo "==> installing Debian's Chromium"; \
	  scripts/as-root apt-get update -qq && \
	  scripts/as-root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; \
	fi

lint: fmt-check clippy-server clippy-browser deny

# Licenses, banned crates and sources (the advisory database needs GitHub,
# which these machines cannot reach: run `check advisories` where it can).
deny:
	cargo deny --config .deny.toml check licenses bans sources

fmt-check:
	cargo fmt --all --check

clippy-server:
	cargo clippy -p village-core -p app -p server --all-targets --features app/ssr -- -D warnings

clippy-browser:
	cargo clippy -p frontend -p village-core --target wasm32-unknown-unknown -- -D warnings

unit:
	cargo test -p village-core -p app --features app/ssr
	node --test app/sw/
	cargo test -p server --lib --bins

integration: integration-sqlite integration-postgres

integration-sqlite:
	VILLAGE_TEST_BACKEND=sqlite cargo test -p server --test '*'

integration-postgres:
	scripts/with-postgres env VILLAGE_TEST_BACKEND=postgres cargo test -p server --test '*'

image: build
	VILLAGE_SERVER_BIN="$(SERVER_BIN)" LEPTOS_SITE_ROOT="$(SITE_ROOT)" scripts/image

image-test: build
	VILLAGE_SERVER_BIN="$(SERVER_BIN)" LEPTOS_SITE_ROOT="$(SITE_ROOT)" scripts/image-test

e2e: build
	VILLAGE_SERVER_BIN="$(SERVER_BIN)" LEPTOS_SITE_ROOT="$(SITE_ROOT)" end2end/run.sh
