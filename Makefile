# nabij — two commands do all the set-up on a fresh machine:
#   make run    build and serve on the embedded default (SQLite in data/, demo data)
#   make test   fmt, clippy and every test (SQLite and a throwaway PostgreSQL), then the
#               console's browser tests (Debian's chromium + Playwright)
SHELL := /bin/bash
CARGO ?= cargo
VENV := .venv

.PHONY: test run bench soak fmt clippy build venv bench-venv postgis browser-test

test: fmt clippy venv
	$(CARGO) test --workspace --all-targets
	$(CARGO) test --workspace --doc
	$(MAKE) browser-test
	$(CARGO) build -p nabij
	tests/schemathesis/run.sh

fmt:
	$(CARGO) fmt --all -- --check

clippy:
	$(CARGO) clippy --workspace --all-targets -- -D warnings

# Python tools for the tests (a real SMTP server on loopback: aiosmtpd).
venv: $(VENV)/.tests-ok
$(VENV)/.tests-ok: benches/requirements.txt
	test -x $(VENV)/bin/python || python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q -r benches/requirements.txt
	touch $@

bench-venv: $(VENV)/.bench-ok
$(VENV)/.bench-ok: benches/requirements-bench.txt venv
	$(VENV)/bin/pip install -q -r benches/requirements-bench.txt
	touch $@

build:
	$(CARGO) build --release -p nabij

# The embedded default: SQLite in data/, demo data loaded once, served on 127.0.0.1:8080.
run: build
	./target/release/nabij serve --demo

postgis:
	dpkg -s postgresql-15-postgis-3 >/dev/null 2>&1 || (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql-15-postgis-3)

bench: bench-venv postgis
	$(CARGO) bench -p nabij-engine --bench engine
	$(CARGO) build --release -p nabij -p nabij-bench
	./target/release/nabij-bench engine --neighbours 1000000 --queries 2000 --seed 1 --json --vs-postgis
	./target/release/nabij-bench assign --size 10000 --degree 50 --seed 1 --json
	./target/release/nabij-bench assign --size 50000 --degree 50 --seed 1 --json
	./target/release/nabij-bench rematch --requests 100000 --neighbours 1000000 --k 20 --json
	./target/release/nabij-bench http --neighbours 100000 --seconds 10 --json
	./target/release/nabij-bench http --neighbours 100000 --seconds 10 --json --postgres
	./target/release/nabij-bench console --samples 200 --json
	./target/release/nabij-bench position --neighbours 2000 --profile pelt --seed 1 --json

# Before a release (about 25 minutes; not part of `make test`): against a release build,
# the realistic mix on SQLite and on PostgreSQL (5 min each, then stepped rates until p99
# passes 100 ms), 200 crash rounds (kill -9, restart, check), PostgreSQL stopped for 30 s
# under load, the SMTP server gone for 2 min. Prints a JSON summary and a table; the JSON
# and the servers' logs go to target/soak/. Shorter, while developing:
#   SOAK_SECONDS=20 SOAK_CRASH_ROUNDS=20 SOAK_SMTP_OUTAGE_SECONDS=20 make soak
# (also SOAK_ONLY=load-sqlite,load-postgres,crash,pg-outage,smtp-outage, SOAK_SEED,
# SOAK_CONNECTIONS, SOAK_NEIGHBOURS, SOAK_STEP_SECONDS, SOAK_PG_OUTAGE_SECONDS).
soak: venv
	$(CARGO) build --release -p nabij -p nabij-bench
	T=$${CARGO_TARGET_DIR:-target}; $$T/release/nabij-bench soak --nabij $$T/release/nabij --out $$T/soak/summary.json

# Browser tests of the coordinators' console: Playwright (Python, pinned) driving Debian's
# chromium against a real `nabij serve --demo` on SQLite; screenshots in
# target/console-screens/. The last step of `make test`.
browser-test: venv
	command -v chromium >/dev/null || (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium)
	$(VENV)/bin/pip install -q -r tests/browser/requirements.txt
	$(CARGO) build -p nabij
	NABIJ_BIN=$${CARGO_TARGET_DIR:-target}/debug/nabij CHROMIUM=$$(command -v chromium) \
		$(VENV)/bin/python -m unittest discover -s tests/browser -p 'test_*.py' -v
