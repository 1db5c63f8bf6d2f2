#!/bin/sh
# Restores turso-server namespaces from the backup CronJob's snapshots, onto the turso-server data
# volume, while turso-server is scaled to 0. Run by the restore Job in two containers (or by hand:
# `stage NS` replaces fetch for a snapshot copied in with kubectl cp; see restore --offline):
#
#   fetch  (init container, turso-backup image: sh, curl, jq, mc)
#          picks one snapshot per namespace (RESTORE_KEYS, or the newest of each namespace in
#          RESTORE_NAMESPACES -- every namespace in the bucket when empty -- at or before
#          RESTORE_AT), downloads it into STAGE_DIR and checks its size against the bucket, and
#          prepares the state file: the current _state/namespaces.json with a record added for
#          every restored namespace it lacks (explicit, locked: the GC never archives it).
#   apply  (turso-server image, run with bash: tursodb, coreutils, sed, awk)
#          for each namespace: checks the snapshot (PRAGMA integrity_check), serves an EMPTY
#          database with `tursodb --sync-server` on 127.0.0.1, replays the snapshot's .dump
#          (without turso_sync_last_change_id, the sync bookkeeping of the lost database) through
#          its Hrana endpoint POST /v2/pipeline in one transaction, checks every table's row count
#          against the snapshot, and stops it with SIGTERM. Only when every namespace worked are
#          the results moved into place (the current <ns>.db* files go to archive/<ns>.<ts>/,
#          where the server's GC purges them after archiveRetention), _state/namespaces.json is
#          replaced, and everything is chowned to RESTORE_UID:RESTORE_GID (9000:9000, the turso
#          user of the turso-server image). Nothing is changed when any namespace fails.
#
# Why a replay and not a file copy (measured with tursodb 0.6.0 and @tursodatabase/sync 0.6.0):
# the sync server bootstraps a new client from WAL frames only, so a snapshot copied in as <ns>.db
# (its pages in the main file) gives fresh clients an empty database ("no such table"), and so
# does a replay with tursodb offline, which checkpoints the WAL into the main file when it closes.
# Rows replayed through the running sync server stay in <ns>.db-wal (it never checkpoints), and
# fresh clients see them. So the restored <ns>.db-wal is the data: it must not be deleted, and
# the restored files must not be opened with tursodb offline (copy them first).
#
# Environment (fetch): S3_ENDPOINT, S3_BUCKET, S3_REGION, S3_PATH_STYLE, S3_ACCESS_KEY,
# S3_SECRET_KEY, RESTORE_KEYS | RESTORE_NAMESPACES [RESTORE_AT], DATA_DIR, STAGE_DIR.
# Environment (apply): DATA_DIR, STAGE_DIR, RESTORE_UID, RESTORE_GID, RESTORE_PORT, TURSODB.
# The last line of each phase's log is "turso-restore-result: {json}".
set -eu

DATA_DIR=${DATA_DIR:-/var/lib/turso}
STAGE_DIR=${STAGE_DIR:-/restore}
phase=${1:-}
log() { printf '%s turso-restore %s: %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$phase" "$*"; }
now() { date -u +%Y-%m-%dT%H:%M:%SZ; }
# json_string TEXT: TEXT as a JSON string (for the few values the apply phase, without jq, reports).
json_string() {
  printf '%s' "$1" | LC_ALL=C awk 'BEGIN { RS = "\001"; ORS = ""; for (i = 1; i < 32; i++) ctl[sprintf("%c", i)] = sprintf("\\u%04x", i) }
    { r = ""; for (i = 1; i <= length($0); i++) { c = substr($0, i, 1)
        if (c == "\\") r = r "\\\\"; else if (c == "\"") r = r "\\\""; else if (c in ctl) r = r ctl[c]; else r = r c }
      print "\"" r "\"" }
    END { if (NR == 0) print "\"\"" }'
}
fail() {
  log "FAILED: $*"
  printf 'turso-restore-result: {"phase":"%s","ok":false,"error":%s}\n' "$phase" "$(json_string "$*")"
  exit 1
}

fetch() {
  for var in S3_ENDPOINT S3_BUCKET S3_ACCESS_KEY S3_SECRET_KEY; do
    eval "value=\${$var:-}"
    [ -n "$value" ] || fail "$var is not set"
  done
  at=${RESTORE_AT:-}
  case "$at" in '' | [0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]T[0-9][0-9][0-9][0-9][0-9][0-9]Z) ;;
    *) fail "RESTORE_AT must look like 20260102T030405Z (UTC), got '$at'" ;; esac
  work=$(mktemp -d "${TMPDIR:-/tmp}/turso-restore.XXXXXX")
  trap 'rm -rf "$work"' EXIT
  export MC_CONFIG_DIR="$work/mc"
  export MC_REGION="${S3_REGION:-}"
  case "${S3_PATH_STYLE:-true}" in true | on) path_style=on ;; false | off) path_style=off ;; *) path_style=auto ;; esac
  jq -n --arg url "$S3_ENDPOINT" --arg path "$path_style" \
    '{url: $url, accessKey: env.S3_ACCESS_KEY, secretKey: env.S3_SECRET_KEY, api: "s3v4", path: $path}' |
    mc alias import s3 >/dev/null || fail "cannot configure the S3 endpoint $S3_ENDPOINT"
  mc stat "s3/$S3_BUCKET" >/dev/null 2>&1 || fail "bucket '$S3_BUCKET' is not reachable at $S3_ENDPOINT"

  keys=${RESTORE_KEYS:-}
  if [ -z "$keys" ]; then
    names=${RESTORE_NAMESPACES:-}
    if [ -z "$names" ]; then
      names=$(mc ls --json "s3/$S3_BUCKET/" | jq -r 'select(.type == "folder") | .key | rtrimstr("/")' |
        grep -E '^[a-z0-9][a-z0-9_-]{0,62}$') || fail "no namespace has a snapshot in bucket '$S3_BUCKET'"
    fi
    for ns in $names; do
      case "$ns" in '' | [!a-z0-9]* | *[!a-z0-9_-]*) fail "'$ns' is not a namespace name" ;; esac
      key=$(mc ls --json "s3/$S3_BUCKET/$ns/" | jq -r 'select(.type != "folder") | .key' |
        grep -E "^$ns-[0-9]{8}T[0-9]{6}Z\.db\$" | awk -v at="$at" -v ns="$ns" \
        'at == "" || substr($0, length(ns) + 2, 16) <= at' | sort | tail -n 1) || key=""
      [ -n "$key" ] || fail "no snapshot of namespace '$ns' in bucket '$S3_BUCKET'${at:+ at or before $at}"
      keys="$keys $ns/$key"
    done
  fi

  rm -rf "$STAGE_DIR/snapshots" "$STAGE_DIR/plan.txt"
  mkdir -p "$STAGE_DIR/snapshots"
  planned=""
  for key in $keys; do
    ns=${key%%/*}
    case "$key" in "$ns/$ns-"[0-9]*T[0-9]*Z.db) ;; *) fail "'$key' is not a snapshot key <ns>/<ns>-<YYYYMMDDTHHMMSSZ>.db" ;; esac
    case " $planned " in *" $ns "*) fail "two snapshots given for namespace '$ns'" ;; esac
    planned="$planned $ns"
    size=$(mc stat --json "s3/$S3_BUCKET/$key" 2>/dev/null | jq -r '.size // empty') || size=""
    [ -n "$size" ] || fail "snapshot $S3_BUCKET/$key does not exist"
    mc cp --quiet "s3/$S3_BUCKET/$key" "$STAGE_DIR/snapshots/$ns.db" >/dev/null 2>"$work/mc.err" ||
      fail "download of $S3_BUCKET/$key failed: $(tr '\n' ' ' <"$work/mc.err")"
    got=$(wc -c <"$STAGE_DIR/snapshots/$ns.db" | tr -d ' ')
    [ "$got" = "$size" ] || fail "download of $S3_BUCKET/$key has $got bytes, the bucket says $size"
    [ "$(head -c 15 "$STAGE_DIR/snapshots/$ns.db")" = "SQLite format 3" ] ||
      fail "$S3_BUCKET/$key is not a SQLite database"
    printf '%s %s %s\n' "$ns" "$key" "$size" >>"$STAGE_DIR/plan.txt"
    log "fetched $S3_BUCKET/$key ($size bytes) for namespace '$ns'"
  done
  [ -n "$planned" ] || fail "nothing to restore"

  prepare_state "$planned"
  printf 'turso-restore-result: %s\n' "$(jq -Rsc --arg at "$at" \
    '{phase: "fetch", ok: true, at: $at, snapshots: (split("\n") | map(select(. != "") | split(" ")
      | {namespace: .[0], key: .[1], bytes: (.[2] | tonumber)}))}' "$STAGE_DIR/plan.txt")"
}

# prepare_state NAMES: STAGE_DIR/namespaces.json, the state file the server will respawn from: the
# current one (if any), plus a record (explicit, locked) for each of NAMES it lacks.
prepare_state() {
  current='{"version":1,"namespaces":[]}'
  if [ -f "$DATA_DIR/_state/namespaces.json" ]; then
    jq -e '.namespaces | type == "array"' "$DATA_DIR/_state/namespaces.json" >/dev/null 2>&1 ||
      fail "$DATA_DIR/_state/namespaces.json is not a turso-server state file"
    current=$(cat "$DATA_DIR/_state/namespaces.json")
  fi
  printf '%s' "$current" | jq --arg names "$1" --arg now "$(now)" '
    ($names | split(" ") | map(select(. != ""))) as $restore
    | .version = 1
    | .namespaces = (.namespaces + [$restore[] as $n | select(all(.namespaces[]; .name != $n))
        | {name: $n, origin: "explicit", createdAt: $now, lastAccessAt: $now, locked: true}])' \
    >"$STAGE_DIR/namespaces.json"
}

# stage NS: for a restore by hand, a snapshot copied to STAGE_DIR/snapshots/NS.db (kubectl cp)
# takes the place of the fetch phase's download.
stage() {
  ns=${1:-}
  case "$ns" in '' | [!a-z0-9]* | *[!a-z0-9_-]*) fail "usage: turso-restore.sh stage NAMESPACE" ;; esac
  snapshot="$STAGE_DIR/snapshots/$ns.db"
  [ -f "$snapshot" ] || fail "copy the snapshot to $snapshot first"
  [ "$(head -c 15 "$snapshot")" = "SQLite format 3" ] || fail "$snapshot is not a SQLite database"
  size=$(wc -c <"$snapshot" | tr -d ' ')
  printf '%s %s %s\n' "$ns" "local/$ns.db" "$size" >"$STAGE_DIR/plan.txt"
  prepare_state "$ns"
  log "staged $snapshot ($size bytes) for namespace '$ns'"
  printf 'turso-restore-result: {"phase":"stage","ok":true,"namespace":"%s","bytes":%s}\n' "$ns" "$size"
}

# dump_to_pipelines SQL_FILE OUT_PREFIX: the .dump split into statements (quotes, identifiers and
# trigger bodies respected), without the sync bookkeeping table, PRAGMAs and sqlite_sequence, as
# Hrana pipeline bodies of at most 500 statements: OUT_PREFIX.0001.json, ... Prints how many
# statements there are, and "sequence" when it left sqlite_sequence lines out.
dump_to_pipelines() {
  LC_ALL=C awk -v out="$2" '
    function flush_body() {
      if (n_in_body == 0) return
      print "]}" > file; close(file); n_in_body = 0
    }
    function escape(s,   i, c, r) {
      r = ""
      for (i = 1; i <= length(s); i++) {
        c = substr(s, i, 1)
        if (c == "\\") r = r "\\\\"
        else if (c == "\"") r = r "\\\""
        else if (c == "\n") r = r "\\n"
        else if (c == "\r") r = r "\\r"
        else if (c == "\t") r = r "\\t"
        else if (c in ctl) r = r ctl[c]
        else r = r c
      }
      return r
    }
    function emit(s,   head) {
      sub(/^[ \t\r\n]+/, "", s); sub(/[ \t\r\n]+$/, "", s)
      if (s == "" || s == ";") return
      head = toupper(substr(s, 1, 80))
      if (head ~ /^(CREATE TABLE|INSERT INTO) "?TURSO_SYNC_LAST_CHANGE_ID"?[ (]/) return
      if (head ~ /^PRAGMA /) return
      # tursodb refuses writes to sqlite_sequence; inserting the rows with their ids rebuilds it.
      if (head ~ /^(DELETE FROM|INSERT INTO) "?SQLITE_SEQUENCE"?[ (;]/) { sequence++; return }
      if (n_in_body == 500) flush_body()
      if (n_in_body == 0) { bodies++; file = sprintf("%s.%04d.json", out, bodies); printf "{\"requests\":[" > file }
      else printf "," > file
      printf "{\"type\":\"execute\",\"stmt\":{\"sql\":\"%s\"}}", escape(s) > file
      n_in_body++; count++
    }
    BEGIN {
      for (i = 1; i < 32; i++) ctl[sprintf("%c", i)] = sprintf("\\u%04x", i)
      stmt = ""; q = ""; bodies = 0; n_in_body = 0; count = 0; sequence = 0
    }
    {
      line = $0 "\n"; len = length(line)
      for (i = 1; i <= len; i++) {
        c = substr(line, i, 1); stmt = stmt c
        if (q != "") { if (c == q) q = ""; continue }
        if (c == "\047" || c == "\"" || c == "`") { q = c; continue }
        if (c == "[") { q = "]"; continue }
        if (c != ";") continue
        # Inside CREATE TRIGGER ... BEGIN ... END the body has its own semicolons.
        up = toupper(stmt)
        if (up ~ /^[ \t\r\n]*CREATE[ \t\r\n]+(TEMP[ \t\r\n]+|TEMPORARY[ \t\r\n]+)?TRIGGER/ &&
            up !~ /(^|[^A-Z0-9_])END[ \t\r\n]*;$/) continue
        emit(stmt); stmt = ""
      }
    }
    END { emit(stmt); flush_body(); print count (sequence ? " sequence" : "") }
  ' "$1"
}

# http_post PORT PATH BODY_FILE: POSTs with bash /dev/tcp (the image has no curl); the response,
# headers and body, goes to BODY_FILE.resp. tursodb answers one request per connection, then closes.
http_post() {
  exec 3<>"/dev/tcp/127.0.0.1/$1" || return 1
  {
    printf 'POST %s HTTP/1.1\r\nHost: 127.0.0.1:%s\r\nContent-Type: application/json\r\n' "$2" "$1"
    printf 'Content-Length: %s\r\nConnection: close\r\n\r\n' "$(wc -c <"$3" | tr -d ' ')"
    cat "$3"
  } >&3
  cat <&3 >"$3.resp"
  exec 3<&-
  head -n 1 "$3.resp" | grep -q '^HTTP/1\.[01] 200 '
}
# hrana_error RESP_FILE: the first Hrana error message in a pipeline response, if any.
hrana_error() {
  grep -o '"type":"error","error":{"message":"\([^"\\]\|\\.\)*"' "$1" | head -n 1 |
    sed 's/^"type":"error","error":{"message":"//; s/"$//'
}
# query PORT SQL: runs one statement on the staged server; prints the first column of the first row.
query() {
  printf '{"requests":[{"type":"execute","stmt":{"sql":%s}}]}' "$(json_string "$2")" >"$stage/query.json"
  http_post "$1" /v2/pipeline "$stage/query.json" || return 1
  [ -z "$(hrana_error "$stage/query.json.resp")" ] || return 1
  grep -o '"rows":\[\[{"type":"[a-z]*","value":"[^"]*"' "$stage/query.json.resp" | head -n 1 | sed 's/.*"value":"//; s/"$//'
}

apply() {
  [ -n "${BASH_VERSION:-}" ] || fail "run the apply phase with bash (it needs /dev/tcp)"
  uid=${RESTORE_UID:-9000}
  gid=${RESTORE_GID:-9000}
  port=${RESTORE_PORT:-7999}
  tursodb=${TURSODB:-tursodb}
  [ -s "$STAGE_DIR/plan.txt" ] || fail "no plan at $STAGE_DIR/plan.txt: the fetch phase did not run"
  [ -s "$STAGE_DIR/namespaces.json" ] || fail "no state file at $STAGE_DIR/namespaces.json"
  mkdir -p "$DATA_DIR"
  stage="$DATA_DIR/_restore"
  rm -rf "$stage"
  mkdir -p "$stage"
  server_pid=""
  stop_server() {
    if [ -n "$server_pid" ]; then
      kill -TERM "$server_pid" 2>/dev/null || true
      wait "$server_pid" 2>/dev/null || true
      server_pid=""
    fi
  }
  trap 'stop_server; rm -rf "$stage"' EXIT
  trap 'exit 130' INT TERM
  ts=$(date -u +%Y%m%dT%H%M%SZ)
  results=""

  while read -r ns key size; do
    snapshot="$STAGE_DIR/snapshots/$ns.db"
    [ -f "$snapshot" ] || fail "$snapshot is missing"
    check=$("$tursodb" -q -m list "$snapshot" "PRAGMA integrity_check" </dev/null 2>&1) || true
    [ "$check" = ok ] || fail "snapshot $key of '$ns' is damaged: $(printf '%s' "$check" | head -c 300)"
    "$tursodb" -q -m list "$snapshot" "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'turso_sync_last_change_id' ORDER BY name" \
      </dev/null >"$stage/$ns.tables" || fail "cannot list the tables of snapshot $key"
    "$tursodb" -q "$snapshot" .dump </dev/null >"$stage/$ns.sql" || fail "cannot dump snapshot $key"
    statements=$(dump_to_pipelines "$stage/$ns.sql" "$stage/$ns.pipeline")
    case "$statements" in
      *" sequence")
        statements=${statements%% *}
        # AUTOINCREMENT counters restart from the highest id restored, not from the saved counter.
        log "namespace '$ns': sqlite_sequence is rebuilt from the restored ids (tursodb refuses writes to it)"
        ;;
    esac

    "$tursodb" "$stage/$ns.db" --sync-server "127.0.0.1:$port" </dev/null >"$stage/$ns.log" 2>&1 &
    server_pid=$!
    listening=false
    for _ in $(seq 1 300); do
      if (exec 4<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        listening=true
        break
      fi
      kill -0 "$server_pid" 2>/dev/null || fail "tursodb for '$ns' exited: $(tail -c 300 "$stage/$ns.log")"
      sleep 0.1
    done
    [ "$listening" = true ] || fail "tursodb for '$ns' did not listen on 127.0.0.1:$port within 30 s"
    for body in "$stage/$ns.pipeline".*.json; do
      [ -f "$body" ] || continue
      http_post "$port" /v2/pipeline "$body" || fail "replay of '$ns' failed: $(head -c 300 "$body.resp")"
      error=$(hrana_error "$body.resp")
      [ -z "$error" ] || fail "replay of '$ns' failed: $error"
    done
    counts=""
    while IFS= read -r table; do
      [ -n "$table" ] || continue
      quoted="\"$(printf '%s' "$table" | sed 's/"/""/g')\""
      want=$("$tursodb" -q -m list "$snapshot" "SELECT count(*) FROM $quoted" </dev/null) ||
        fail "cannot count table $table in $key"
      got=$(query "$port" "SELECT count(*) FROM $quoted") || fail "cannot count table $table after the replay of '$ns'"
      [ "$want" = "$got" ] || fail "'$ns' table $table has $got row(s) after the replay, the snapshot has $want"
      counts="$counts${counts:+,}$(json_string "$table"):$got"
    done <"$stage/$ns.tables"
    stop_server
    rm -f "$stage/$ns.db-shm"
    [ -f "$stage/$ns.db-wal" ] || fail "the replay of '$ns' left no -wal (nothing a sync client could read)"
    log "namespace '$ns': $statements statement(s) from $key replayed; rows per table {$counts}"
    results="$results${results:+,}{\"namespace\":$(json_string "$ns"),\"key\":$(json_string "$key"),\"bytes\":$size,\"statements\":$statements,\"tables\":{$counts}}"
  done <"$STAGE_DIR/plan.txt"

  # Every namespace replayed: move them in. The old files are archived, not deleted.
  while read -r ns _key _size; do
    if ls "$DATA_DIR/$ns.db"* >/dev/null 2>&1; then
      archive="$DATA_DIR/archive/$ns.$ts"
      mkdir -p "$archive"
      mv "$DATA_DIR/$ns.db"* "$archive/"
      chown -R "$uid:$gid" "$DATA_DIR/archive"
      log "namespace '$ns': the files it replaces are in $archive"
    fi
    mv "$stage/$ns.db" "$DATA_DIR/$ns.db"
    mv "$stage/$ns.db-wal" "$DATA_DIR/$ns.db-wal"
    chown "$uid:$gid" "$DATA_DIR/$ns.db" "$DATA_DIR/$ns.db-wal"
  done <"$STAGE_DIR/plan.txt"
  mkdir -p "$DATA_DIR/_state"
  cp "$STAGE_DIR/namespaces.json" "$DATA_DIR/_state/namespaces.json.tmp"
  chown "$uid:$gid" "$DATA_DIR/_state" "$DATA_DIR/_state/namespaces.json.tmp" "$DATA_DIR"
  mv "$DATA_DIR/_state/namespaces.json.tmp" "$DATA_DIR/_state/namespaces.json"
  log "restored $(wc -l <"$STAGE_DIR/plan.txt" | tr -d ' ') namespace(s); files owned by $uid:$gid"
  printf 'turso-restore-result: {"phase":"apply","ok":true,"namespaces":[%s]}\n' "$results"
}

case "$phase" in
  fetch) fetch ;;
  stage) stage "${2:-}" ;;
  apply) apply ;;
  *)
    phase=usage
    fail "usage: turso-restore.sh fetch | stage NAMESPACE | apply"
    ;;
esac
