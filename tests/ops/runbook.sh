#!/usr/bin/env bash
# Runs the commands of the README's operations runbook and checks what they promise:
# SQLite backups while serving (nabij backup, sqlite3 .backup, VACUUM INTO) and a
# restore; key rotation (a token of the previous key works after one rotation and is
# refused after two); dead outbox messages (listed, requeued through the API and with
# `nabij outbox retry-dead`, delivered); PostgreSQL backup (nabij backup, pg_dump) and
# restore (pg_restore) in a throwaway cluster. Not part of `make test` (it needs the
# sqlite3 shell, PostgreSQL's binaries and, as root, runuser).
#
#   tests/ops/runbook.sh [path/to/nabij]      (default: $CARGO_TARGET_DIR or target, debug)
set -euo pipefail
cd "$(dirname "$0")/../.."
N=$(realpath "${1:-${CARGO_TARGET_DIR:-target}/debug/nabij}")
WORK=$(mktemp -d)
D=$WORK/data
mkdir -p "$D"
cd "$WORK"
P=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
B=http://127.0.0.1:$P
PID=
PG=
BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
cleanup() {
  [[ -n "$PID" ]] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null
  [[ -n "$PG" ]] && runuser -u postgres -- "$BIN/pg_ctl" -D "$PG/data" -m immediate stop >/dev/null 2>&1
  rm -rf "$WORK"
}
trap cleanup EXIT
fail() { echo "FAILED: $*" >&2; exit 1; }
expect() { [[ "$2" == "$3" ]] || fail "$1: expected $3, got $2"; echo "ok  $1: $2"; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
serve() {
  NABIJ_RATE_LIMIT=off NABIJ_LOG=warn "$N" --data-dir "$D" "$@" --listen "127.0.0.1:$P" >>"$WORK/serve.log" 2>&1 &
  PID=$!
  for _ in $(seq 150); do curl -fs "$B/ready" >/dev/null && return; sleep 0.2; done
  cat "$WORK/serve.log"; fail "the service did not get ready"
}
stop() { kill "$PID"; wait "$PID" 2>/dev/null || true; PID=; }
status() { curl -s -o /dev/null -w '%{http_code}' "$@"; }

echo "== SQLite: backups while serving, and a restore"
serve serve --demo
AUTH="authorization: Bearer $("$N" --data-dir "$D" token --org pelt --role admin --ttl 1h)"
expect "nabij backup" "$("$N" --data-dir "$D" backup --to "backup/nabij-$(date +%F).sqlite3" | json 'd["integrity"]')" ok
sqlite3 "$D/nabij.sqlite3" ".backup 'backup/shell.sqlite3'"
sqlite3 "$D/nabij.sqlite3" "VACUUM INTO 'backup/vacuum.sqlite3'"
expect "sqlite3 .backup" "$(sqlite3 backup/shell.sqlite3 'PRAGMA integrity_check')" ok
expect "VACUUM INTO" "$(sqlite3 backup/vacuum.sqlite3 'PRAGMA integrity_check')" ok
newcomer() {
  curl -s -X POST "$B/v1/neighbours" -H "$AUTH" -H 'content-type: application/json' -d "{\"display_name\": \"$1\",
    \"location\": {\"lat\": 51.2295, \"lon\": 5.433}, \"travel_radius_m\": 1500, \"consent\": {\"channel\": \"self\"}}" | json 'd["id"]'
}
BEFORE=$(newcomer "Voor de back-up")
"$N" --data-dir "$D" backup --to backup/latest.sqlite3 >/dev/null
AFTER=$(newcomer "Na de back-up")
[[ $("$N" --data-dir "$D" backup --to backup/latest.sqlite3 2>&1) == *"exists already"* ]] || fail "a backup overwrote a file"
stop
mkdir aside
mv "$D"/nabij.sqlite3* aside/
cp backup/latest.sqlite3 "$D/nabij.sqlite3"
serve serve --demo
expect "restored: the newest record before the backup" "$(status "$B/v1/neighbours/$BEFORE" -H "$AUTH")" 200
expect "restored: a record made after the backup" "$(status "$B/v1/neighbours/$AFTER" -H "$AUTH")" 404

echo "== key rotation"
OLD=$("$N" --data-dir "$D" token --org pelt --role coordinator --ttl 1h)
"$N" --data-dir "$D" keys rotate
stop; serve serve
expect "a token of the previous key after one rotation" "$(status "$B/v1/auth/me" -H "authorization: Bearer $OLD")" 200
SECOND=$("$N" --data-dir "$D" token --org pelt --role coordinator --ttl 1h)
"$N" --data-dir "$D" keys rotate
stop; serve serve
expect "a token of the dropped key after two rotations" "$(status "$B/v1/auth/me" -H "authorization: Bearer $OLD")" 401
expect "a token of the previous key" "$(status "$B/v1/auth/me" -H "authorization: Bearer $SECOND")" 200
stop

echo "== dead outbox messages"
cat >"$D/nabij.toml" <<'TOML'
[outbox]
max_attempts = 1
poll_secs = 1
[mail]
from = "Buurtzorg Pelt <buren@pelt.example>"
[mail.transport]
kind = "smtp"
host = "127.0.0.1"
port = 1
security = "none"
timeout_secs = 2
TOML
serve serve
AUTH="authorization: Bearer $("$N" --data-dir "$D" token --org pelt --role admin --ttl 1h)"
# Proposals to residents with an e-mail address: their messages die at the closed port.
for REQ in $(curl -s "$B/v1/requests?status=open&limit=5" -H "$AUTH" | json '" ".join(str(r["id"]) for r in d["items"])'); do
  C=$(curl -s "$B/v1/requests/$REQ/candidates?limit=1" -H "$AUTH" | json 'd["candidates"][0]["neighbour_id"] if d["candidates"] else ""')
  [[ -n "$C" ]] && curl -s -o /dev/null -X POST "$B/v1/matches" -H "$AUTH" -H 'content-type: application/json' \
    -d "{\"request_id\": $REQ, \"companion_ids\": [$C]}"
done
dead() { curl -s "$B/v1/outbox?status=dead&limit=100" -H "$AUTH" | json "$1"; }
waiting() { curl -s "$B/v1/outbox?status=$1&limit=100" -H "$AUTH" | json 'len(d["items"])'; }
for _ in $(seq 60); do [[ $(waiting pending) -eq 0 && $(waiting sending) -eq 0 ]] && break; sleep 0.5; done
DEAD=$(dead 'len(d["items"])')
[[ $DEAD -gt 1 ]] || fail "expected dead messages, got $DEAD"
echo "ok  $DEAD dead messages, e.g. $(dead 'd["items"][0]["last_error"]')"
expect "retry-dead --dry-run lists them" "$("$N" --data-dir "$D" outbox retry-dead --org pelt --dry-run | json 'len(d["messages"])')" "$DEAD"
expect "and changes nothing" "$(dead 'len(d["items"])')" "$DEAD"
FIRST=$(dead 'd["items"][0]["id"]')
stop
printf '[outbox]\npoll_secs = 1\n' >"$D/nabij.toml"   # the mail settings fixed (here: .eml files)
serve serve --no-mail-worker
expect "requeue through the API" "$(curl -s -X POST -H "$AUTH" "$B/v1/outbox/$FIRST/requeue" | json 'd["status"]')" pending
set +e
"$N" --data-dir "$D" outbox retry-dead --org pelt --id "$FIRST" >/dev/null
CODE=$?
set -e
expect "retry-dead of a message that is not dead (exit code)" "$CODE" 1
expect "retry-dead of the rest" "$("$N" --data-dir "$D" outbox retry-dead --org pelt | json 'len(d["messages"])')" $((DEAD - 1))
expect "nothing dead" "$(dead 'len(d["items"])')" 0
expect "nabij outbox run --once delivers them all" "$("$N" --data-dir "$D" outbox run --once | json 'd["sent"]')" "$DEAD"
stop

echo "== PostgreSQL: backup and restore"
[[ -x "$BIN/initdb" ]] || fail "no PostgreSQL binaries in /usr/lib/postgresql"
PG=$WORK/pg
mkdir -p "$PG"
chmod o+x "$WORK"   # the postgres user walks into it
chown postgres "$PG"
runuser -u postgres -- "$BIN/initdb" -D "$PG/data" -A trust -U postgres >/dev/null
PGP=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
runuser -u postgres -- "$BIN/pg_ctl" -D "$PG/data" -o "-p $PGP -k $PG -c listen_addresses=127.0.0.1" -l "$PG/log" -w start >/dev/null
export PGHOST=127.0.0.1 PGPORT=$PGP PGUSER=postgres
createdb nabij
URL=postgres://postgres@127.0.0.1:$PGP/nabij
"$N" --data-dir "$D" --database-url "$URL" seed --demo >/dev/null
expect "nabij backup (pg_dump)" "$("$N" --data-dir "$D" --database-url "$URL" backup --to "backup/nabij-$(date +%F).dump" | json 'd["backend"]')" postgres
pg_dump --format=custom --file=backup/by-hand.dump --dbname="$URL"
createdb nabij_restored
pg_restore --no-owner --exit-on-error --dbname=nabij_restored "backup/nabij-$(date +%F).dump"
R=postgres://postgres@127.0.0.1:$PGP/nabij_restored
"$N" --data-dir "$D" --database-url "$R" migrate
expect "neighbours restored" "$(psql -tAc 'select count(*) from neighbours' nabij_restored)" "$(psql -tAc 'select count(*) from neighbours' nabij)"
createdb nabij_by_hand
pg_restore --no-owner --exit-on-error --dbname=nabij_by_hand backup/by-hand.dump
expect "neighbours restored from pg_dump by hand" "$(psql -tAc 'select count(*) from neighbours' nabij_by_hand)" "$(psql -tAc 'select count(*) from neighbours' nabij)"
serve --database-url "$R" serve --no-mail-worker
expect "the restored database is ready" "$(curl -s "$B/ready" | json 'd["database"]')" postgres
stop
echo "== every runbook command did what the README says"
