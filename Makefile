# The two commands of the README are `make run` and `make test`; the other
# targets are their parts.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := run
CARGO ?= cargo

.PHONY: run spa test test-rust test-postgres test-frontend test-e2e lint

## Build everything (the SPA too) and serve API + SPA on http://127.0.0.1:8080
## with embedded SQLite in ./data, loading demo data on the first start.
run: spa
	$(CARGO) build --release -p hulian-cli
	./target/release/hulian serve --data-dir ./data --addr 127.0.0.1:8080 --spa-dir frontend/dist --demo

spa:
	@if [ -f frontend/package.json ]; then \
	  cd frontend && { [ -d node_modules ] || npm ci --no-audit --no-fund; } && npm run build; \
	else echo "no frontend yet: serving the API only"; fi

## Every test: Rust unit, property and integration tests on SQLite, the same
## integration suite on PostgreSQL, and the web app's component and browser tests.
test: test-rust test-postgres test-frontend test-e2e

test-rust:
	$(CARGO) test --workspace --all-targets

# The same package selection as test-rust (--workspace), so that cargo unifies
# features the same way and reuses every artifact instead of rebuilding.
test-postgres:
	HULIAN_TEST_DATABASE_URL="$$(scripts/postgres-test-server)" $(CARGO) test --workspace --test api

test-frontend:
	@if [ -f frontend/package.json ]; then \
	  cd frontend && { [ -d node_modules ] || npm ci --no-audit --no-fund; } && npm run build && npm test; \
	else echo "no frontend yet"; fi

test-e2e:
	@if [ -f frontend/package.json ] && grep -q '"e2e"' frontend/package.json; then \
	  scripts/ensure-chromium && $(CARGO) build --workspace --all-targets && cd frontend && HULIAN_BIN=../target/debug/hulian npm run e2e; \
	else echo "no browser tests yet"; fi

lint:
	$(CARGO) fmt --all --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings
