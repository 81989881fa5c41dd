#!/usr/bin/env bash
# Contract fuzzing: schemathesis against a live `nabij serve` on SQLite with the demo
# data, once per role (admin, coordinator, coordinator limited to a neighbourhood,
# partner with every scope): every check, positive and negative data, the examples,
# coverage, fuzzing and stateful phases (the stateful phase follows the `links` of
# openapi.yaml: register → read → change → erase → read, file a request → candidates →
# propose → accept → close …), fixed seed, bounded examples (ST_EXAMPLES per operation;
# 40 stateful scenarios). Settings and hooks: schemathesis.toml and hooks.py next to
# this file.
#
#   tests/schemathesis/run.sh [path/to/nabij]      (default: $CARGO_TARGET_DIR or target, debug)
#
# Env: ST_EXAMPLES (default 10 per operation), ST_SEED (default 7), ST_PHASES (default
# examples,coverage,fuzzing,stateful), ST_ROLES (default: all four), ST_REPORT_DIR (keep
# the JUnit and JSON reports there). Prints one summary line per role at the end and
# exits non-zero on any failure, or when the server logged a panic.
set -euo pipefail
cd "$(dirname "$0")/../.."
NABIJ=${1:-${CARGO_TARGET_DIR:-target}/debug/nabij}
ST=${ST:-.venv/bin/st}
EXAMPLES=${ST_EXAMPLES:-10}
SEED=${ST_SEED:-7}
PHASES=${ST_PHASES:-examples,coverage,fuzzing,stateful}
ROLES=${ST_ROLES:-admin coordinator limited partner}

DATA=$(mktemp -d)
REPORTS=${ST_REPORT_DIR:-$DATA/reports}
mkdir -p "$REPORTS"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
URL="http://127.0.0.1:$PORT"
cleanup() { [[ -n "${PID:-}" ]] && kill "$PID" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$DATA"; }
trap cleanup EXIT

# Rate limits off: this run is about the contract, and the fuzzer is one address.
NABIJ_RATE_LIMIT=off NABIJ_LOG=warn "$NABIJ" --data-dir "$DATA" serve --demo --no-mail-worker \
  --listen "127.0.0.1:$PORT" >"$DATA/serve.log" 2>&1 &
PID=$!
for _ in $(seq 1 100); do
  curl -fs "$URL/ready" >/dev/null 2>&1 && break
  sleep 0.2
done
curl -fs "$URL/ready" >/dev/null || { cat "$DATA/serve.log"; echo "server did not get ready"; exit 1; }

token() { "$NABIJ" --data-dir "$DATA" token --org pelt --ttl 1h "$@"; }
NB=$(python3 - "$DATA/nabij.sqlite3" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
print(c.execute("select n.id from neighbourhoods n join organisations o on o.id = n.organisation_id where o.slug = 'pelt' order by n.id limit 1").fetchone()[0])
PY
)
declare -A TOKENS=(
  [admin]=$(token --role admin)
  [coordinator]=$(token --role coordinator)
  [limited]=$(token --role coordinator --subject ops:limited --neighbourhood "$NB")
  [partner]=$(token --role partner --scope neighbours:write --scope requests:write --scope matches:write --scope signals:write)
)
status=0
for role in $ROLES; do
  echo "== schemathesis as $role"
  started=$(date +%s)
  rc=0
  "$ST" --config-file tests/schemathesis/schemathesis.toml run openapi.yaml --url "$URL" \
    -H "Authorization: Bearer ${TOKENS[$role]}" \
    --checks all --seed "$SEED" -n "$EXAMPLES" --phases "$PHASES" \
    --workers 1 --no-color --request-timeout 10 --suppress-health-check all \
    --report junit,json --report-junit-path "$REPORTS/$role.xml" --report-json-path "$REPORTS/$role.json" \
    2>&1 | tee "$REPORTS/$role.log" || rc=$?
  [[ $rc -eq 0 ]] || status=1
  echo "$role $rc $(( $(date +%s) - started ))" >>"$DATA/roles"
done
echo "== summary (seed $SEED, $EXAMPLES examples per operation, phases $PHASES)"
python3 tests/schemathesis/summary.py "$DATA/roles" "$REPORTS" || status=1
if grep -q "panicked" "$DATA/serve.log"; then
  echo "the server panicked:"; grep -B2 -A5 panicked "$DATA/serve.log"; status=1
fi
exit $status
