# nabij — two commands do all the set-up on a fresh machine:
#   make run    build and serve on the embedded default
#   make test   fmt, clippy and every test
SHELL := /bin/bash
CARGO ?= cargo

.PHONY: test run bench fmt clippy build

test: fmt clippy
	$(CARGO) test --workspace --all-targets
	$(CARGO) test --workspace --doc

fmt:
	$(CARGO) fmt --all -- --check

clippy:
	$(CARGO) clippy --workspace --all-targets -- -D warnings

build:
	$(CARGO) build --release -p nabij

# The embedded default: SQLite in data/, demo data loaded once, served on 127.0.0.1:8080.
run: build
	./target/release/nabij serve --demo

bench:
	dpkg -s postgresql-15-postgis-3 >/dev/null 2>&1 || (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql-15-postgis-3)
	$(CARGO) bench -p nabij-engine --bench engine
	$(CARGO) run --release -p nabij-bench -- engine --neighbours 1000000 --queries 2000 --seed 1 --json --vs-postgis
