#!/bin/sh
# Hot backup of every turso-server namespace to S3 (run by the <fullname>-turso-backup CronJob in
# the turso-backup image: sh, curl, jq, mc).
#
#   1. list the namespaces on the admin API;
#   2. for each namespace: download its snapshot, check it is a complete SQLite file (not empty,
#      SQLite header, page size x page count = file size), upload it to
#      <bucket>/<ns>/<ns>-<UTC YYYYMMDDTHHMMSSZ>.db and check the object's size in the bucket.
#      A download that fails (no answer, HTTP 5xx, or not a complete snapshot) is tried once
#      more after RETRY_DELAY seconds (default 2): one hiccup of a namespace's tursodb, or a
#      snapshot name still taken by a run in the same second, must not lose the night's backup.
#      A namespace that still fails is reported and skipped; the others are still backed up;
#   3. keep the newest RETENTION_COUNT snapshots of each namespace backed up now (0 = keep all);
#   4. write the run's result: one JSON line "turso-backup-result: {...}" at the end of the log and
#      the same object at <bucket>/_results/turso-backup.json (names cannot start with "_", so it
#      never meets a namespace). Per namespace: status ok|failed, the key and size or the error,
#      and the last failure and last success carried over from earlier runs;
#   5. exit 1 naming every namespace that failed, so the Job fails.
#
# Environment: ADMIN_URL, ADMIN_TOKEN (optional), S3_ENDPOINT, S3_BUCKET, S3_REGION,
# S3_PATH_STYLE (true/false), S3_ACCESS_KEY, S3_SECRET_KEY, RETENTION_COUNT, RETRY_DELAY.
# Secrets never reach a command line: the bearer token goes through a header file and the S3 keys
# through jq's env into `mc alias import` on stdin.
set -eu

RESULT_KEY=_results/turso-backup.json
started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
ts=$(date -u +%Y%m%dT%H%M%SZ)
work=$(mktemp -d "${TMPDIR:-/tmp}/turso-backup.XXXXXX")
trap 'rm -rf "$work"' EXIT
results="$work/results.jsonl"
: >"$results"
s3_ready=false

log() { printf '%s turso-backup: %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$*"; }
now() { date -u +%Y-%m-%dT%H:%M:%SZ; }

# record NS STATUS KEY BYTES ERROR: one line of $results.
record() {
  jq -cn --arg name "$1" --arg status "$2" --arg key "$3" --arg bytes "$4" --arg error "$5" --arg at "$(now)" \
    '{name: $name, status: $status, at: $at}
     + (if $key != "" then {key: $key} else {} end)
     + (if $bytes != "" then {bytes: ($bytes | tonumber)} else {} end)
     + (if $error != "" then {error: $error} else {} end)' >>"$results"
}

# finish RUN_ERROR: prints the result line, stores it in the bucket when it can, exits 0 or 1.
finish() {
  previous='{}'
  if [ "$s3_ready" = true ] && mc cat "s3/$S3_BUCKET/$RESULT_KEY" >"$work/previous.json" 2>/dev/null &&
    jq -e 'type == "object"' "$work/previous.json" >/dev/null 2>&1; then
    previous=$(cat "$work/previous.json")
  fi
  result=$(jq -cs --argjson previous "$previous" --arg ts "$ts" --arg started "$started" --arg finished "$(now)" \
    --arg error "$1" '
    ([($previous.namespaces // [])[] | {key: .name, value: .}] | from_entries) as $before
    | (map(select(.status == "failed")) | map(.name)) as $failed
    | {
        version: 1,
        timestamp: $ts,
        startedAt: $started,
        finishedAt: $finished,
        ok: ($error == "" and ($failed | length) == 0),
        failed: $failed,
        namespaces: map(. as $ns | $ns
          + {lastFailure: (if $ns.status == "failed" then {at: $ns.at, error: $ns.error}
                           else $before[$ns.name].lastFailure end)}
          + {lastSuccess: (if $ns.status == "ok" then {at: $ns.at, key: $ns.key}
                           else $before[$ns.name].lastSuccess end)}
          | with_entries(select(.value != null)))
      }
    + (if $error != "" then {error: $error} else {} end)' "$results")
  if [ "$s3_ready" = true ]; then
    printf '%s\n' "$result" | mc pipe --quiet "s3/$S3_BUCKET/$RESULT_KEY" >/dev/null 2>&1 ||
      log "WARNING: could not store the result at $S3_BUCKET/$RESULT_KEY"
  fi
  printf 'turso-backup-result: %s\n' "$result"
  if [ -n "$1" ] || [ -n "$(jq -r 'select(.status == "failed") | .name' "$results")" ]; then exit 1; fi
  exit 0
}

die() {
  log "FAILED: $*"
  finish "$*"
}
require() { [ -n "$2" ] || die "$1 is not set"; }

require "ADMIN_URL (turso-server admin Service)" "${ADMIN_URL:-}"
require "S3_ENDPOINT (tursoServer.backup.s3.endpoint)" "${S3_ENDPOINT:-}"
require "S3_BUCKET (tursoServer.backup.s3.bucket)" "${S3_BUCKET:-}"
require "S3_ACCESS_KEY (key AWS_ACCESS_KEY_ID of the backup Secret)" "${S3_ACCESS_KEY:-}"
require "S3_SECRET_KEY (key AWS_SECRET_ACCESS_KEY of the backup Secret)" "${S3_SECRET_KEY:-}"
retention=${RETENTION_COUNT:-0}
case "$retention" in '' | *[!0-9]*) die "RETENTION_COUNT must be a whole number, got '$retention'" ;; esac

header="$work/auth.header"
(umask 077 && : >"$header")
if [ -n "${ADMIN_TOKEN:-}" ]; then printf 'Authorization: Bearer %s\n' "$ADMIN_TOKEN" >"$header"; fi

# admin_get URL FILE: the HTTP status on stdout (000 when there was no answer), body in FILE.
admin_get() {
  curl --silent --show-error --connect-timeout 10 --max-time 600 -H "@$header" -o "$2" -w '%{http_code}' "$1" \
    2>"$work/curl.err"
}
# why_http STATUS FILE: the server's {code, detail} error body, or the start of whatever it sent.
why_http() {
  detail=$(jq -r 'if type == "object" and has("code") then "\(.code): \(.detail // "")" else empty end' "$2" \
    2>/dev/null) || detail=""
  [ -n "$detail" ] || detail=$(head -c 200 "$2" | tr -d '\000' | tr '\n\r' '  ')
  printf 'turso-server answered HTTP %s: %s' "$1" "$detail"
}
curl_error() { tr '\n\r' '  ' <"$work/curl.err" | head -c 300; }

export MC_CONFIG_DIR="$work/mc"
# mc takes the region from MC_REGION and the addressing style from the alias' "path" field.
export MC_REGION="${S3_REGION:-}"
case "${S3_PATH_STYLE:-true}" in
  true | on) path_style=on ;;
  false | off) path_style=off ;;
  *) path_style=auto ;;
esac
jq -n --arg url "$S3_ENDPOINT" --arg path "$path_style" \
  '{url: $url, accessKey: env.S3_ACCESS_KEY, secretKey: env.S3_SECRET_KEY, api: "s3v4", path: $path}' |
  mc alias import s3 >/dev/null || die "cannot configure the S3 endpoint $S3_ENDPOINT"
mc stat "s3/$S3_BUCKET" >/dev/null 2>&1 || die "bucket '$S3_BUCKET' is not reachable at $S3_ENDPOINT (it must exist)"
s3_ready=true

log "listing namespaces at $ADMIN_URL/v1/namespaces"
if ! status=$(admin_get "$ADMIN_URL/v1/namespaces" "$work/namespaces.json"); then
  die "cannot list namespaces at $ADMIN_URL: $(curl_error)"
fi
[ "$status" = 200 ] || die "cannot list namespaces at $ADMIN_URL: $(why_http "$status" "$work/namespaces.json")"
names=$(jq -r '.namespaces[].name' "$work/namespaces.json" 2>/dev/null) ||
  die "unexpected namespace list: $(head -c 300 "$work/namespaces.json")"
if [ -z "$names" ]; then
  log "no namespaces to back up"
  finish ""
fi
total=0
for ns in $names; do
  case "$ns" in '' | *[!a-z0-9_-]*) die "refusing unexpected namespace name '$ns'" ;; esac
  total=$((total + 1))
done
log "backing up $total namespace(s) with timestamp $ts"

# check_sqlite FILE: empty when FILE is a complete SQLite database, else why not.
check_sqlite() {
  size=$(wc -c <"$1" | tr -d ' ')
  if [ "$size" -eq 0 ]; then
    echo "the snapshot is empty (0 bytes)"
    return
  fi
  if [ "$(head -c 16 "$1" | tr '\000' '0')" != "SQLite format 30" ]; then
    echo "the snapshot is not a SQLite database ($size bytes)"
    return
  fi
  page_size=$(od -An -tu1 -j16 -N2 "$1" | awk '{ n = $1 * 256 + $2; print (n == 1 ? 65536 : n) }')
  pages=$(od -An -tu1 -j28 -N4 "$1" | awk '{ print (($1 * 256 + $2) * 256 + $3) * 256 + $4 }')
  if [ "$((page_size * pages))" -ne "$size" ]; then
    echo "the snapshot is incomplete: $pages page(s) of $page_size bytes in its header, but $size bytes"
  fi
}

retry_delay=${RETRY_DELAY:-2}
case "$retry_delay" in '' | *[!0-9]*) die "RETRY_DELAY must be a whole number of seconds, got '$retry_delay'" ;; esac

# fetch_snapshot NS FILE: sets $why to empty when FILE is the namespace's complete snapshot, else
# to why not; $retry says whether another try could help (a 4xx answer, e.g. a namespace deleted
# since the list, will not change).
fetch_snapshot() {
  retry=true
  if ! status=$(admin_get "$ADMIN_URL/v1/namespaces/$1/backup" "$2"); then
    why="download failed: $(curl_error)"
  elif [ "$status" != 200 ]; then
    why="download failed: $(why_http "$status" "$2")"
    case "$status" in 4*) retry=false ;; esac
  else
    why=$(check_sqlite "$2")
  fi
}

done_names=""
for ns in $names; do
  file="$work/$ns-$ts.db"
  key="$ns/$ns-$ts.db"
  fetch_snapshot "$ns" "$file"
  if [ -n "$why" ] && [ "$retry" = true ]; then
    log "retrying $ns in ${retry_delay}s: $why"
    sleep "$retry_delay"
    fetch_snapshot "$ns" "$file"
  fi
  if [ -n "$why" ]; then
    log "ERROR $ns: $why"
    record "$ns" failed "" "" "$why"
    rm -f "$file"
    continue
  fi
  size=$(wc -c <"$file" | tr -d ' ')
  why=""
  stored=""
  if ! mc cp --quiet "$file" "s3/$S3_BUCKET/$key" >/dev/null 2>"$work/mc.err"; then
    why="upload to $S3_BUCKET/$key failed: $(tr '\n' ' ' <"$work/mc.err" | head -c 300)"
  else
    stored=$(mc stat --json "s3/$S3_BUCKET/$key" 2>/dev/null | jq -r '.size // empty' 2>/dev/null) || stored=""
  fi
  if [ -n "$why" ]; then
    :
  elif [ -z "$stored" ]; then
    why="the upload of $S3_BUCKET/$key cannot be found in the bucket"
  elif [ "$stored" != "$size" ]; then
    why="$S3_BUCKET/$key holds $stored bytes, not the $size uploaded"
  fi
  rm -f "$file"
  if [ -n "$why" ]; then
    log "ERROR $ns: $why"
    record "$ns" failed "" "" "$why"
    continue
  fi
  log "OK $ns: uploaded $S3_BUCKET/$key ($size bytes)"
  record "$ns" ok "$key" "$size" ""
  done_names="$done_names $ns"
done

if [ "$retention" -gt 0 ]; then
  for ns in $done_names; do
    if ! listing=$(mc ls --json "s3/$S3_BUCKET/$ns/"); then
      log "WARNING: cannot list $S3_BUCKET/$ns/; old snapshots were not pruned"
      continue
    fi
    # Only our own snapshot names take part in retention; other objects are never touched.
    old=$(printf '%s\n' "$listing" | jq -r 'select(.type != "folder") | .key' |
      grep -E "^$ns-[0-9]{8}T[0-9]{6}Z\.db\$" | sort -r | tail -n "+$((retention + 1))") || true
    for name in $old; do
      if mc rm --quiet "s3/$S3_BUCKET/$ns/$name" >/dev/null; then
        log "pruned $S3_BUCKET/$ns/$name (keeping the newest $retention)"
      else
        log "WARNING: could not delete $S3_BUCKET/$ns/$name"
      fi
    done
  done
fi

failed=$(jq -r 'select(.status == "failed") | "\(.name) (\(.error))"' "$results")
uploaded=$(jq -r 'select(.status == "ok") | .name' "$results" | wc -l | tr -d ' ')
if [ -n "$failed" ]; then
  log "FAILED: $((total - uploaded)) of $total namespace(s) not backed up: $(printf '%s\n' "$failed" | paste -sd ';' - | sed 's/;/; /g')"
  log "$uploaded snapshot(s) uploaded to $S3_BUCKET with timestamp $ts"
else
  log "backup complete: $uploaded snapshot(s) uploaded to $S3_BUCKET with timestamp $ts"
fi
finish ""
