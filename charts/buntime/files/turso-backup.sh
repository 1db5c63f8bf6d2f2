#!/bin/sh
# Hot backup of every turso-server namespace to S3 (run by the <fullname>-turso-backup CronJob in
# the turso-backup image: sh, curl, jq, mc).
#
#   1. list the namespaces on the admin API;
#   2. download EVERY snapshot into a temp dir and check each one (non-empty, SQLite header);
#      if any download fails, stop here: nothing is uploaded and the job fails;
#   3. upload each snapshot to <bucket>/<ns>/<ns>-<UTC YYYYMMDDTHHMMSSZ>.db;
#   4. keep the newest RETENTION_COUNT snapshots per namespace (0 = keep all).
#
# Environment: ADMIN_URL, ADMIN_TOKEN (optional), S3_ENDPOINT, S3_BUCKET, S3_REGION,
# S3_PATH_STYLE (true/false), S3_ACCESS_KEY, S3_SECRET_KEY, RETENTION_COUNT.
# Secrets never reach a command line: the bearer token goes through a header file and the S3 keys
# through jq's env into `mc alias import` on stdin.
set -eu

uploaded=0
log() { printf '%s turso-backup: %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$*"; }
die() {
  log "FAILED: $*"
  if [ "$uploaded" -eq 0 ]; then log "FAILED: nothing was uploaded"; else log "FAILED: $uploaded snapshot(s) were uploaded before the failure"; fi
  exit 1
}
require() { [ -n "$2" ] || die "$1 is not set"; }

require "ADMIN_URL (turso-server admin Service)" "${ADMIN_URL:-}"
require "S3_ENDPOINT (tursoServer.backup.s3.endpoint)" "${S3_ENDPOINT:-}"
require "S3_BUCKET (tursoServer.backup.s3.bucket)" "${S3_BUCKET:-}"
require "S3_ACCESS_KEY (key AWS_ACCESS_KEY_ID of the backup Secret)" "${S3_ACCESS_KEY:-}"
require "S3_SECRET_KEY (key AWS_SECRET_ACCESS_KEY of the backup Secret)" "${S3_SECRET_KEY:-}"
retention=${RETENTION_COUNT:-0}
case "$retention" in '' | *[!0-9]*) die "RETENTION_COUNT must be a whole number, got '$retention'" ;; esac

work=$(mktemp -d "${TMPDIR:-/tmp}/turso-backup.XXXXXX")
trap 'rm -rf "$work"' EXIT
ts=$(date -u +%Y%m%dT%H%M%SZ)

header="$work/auth.header"
(umask 077 && : >"$header")
if [ -n "${ADMIN_TOKEN:-}" ]; then printf 'Authorization: Bearer %s\n' "$ADMIN_TOKEN" >"$header"; fi
admin_get() {
  curl --silent --show-error --fail --connect-timeout 10 --max-time 600 -H "@$header" "$@"
}

log "listing namespaces at $ADMIN_URL/v1/namespaces"
admin_get -o "$work/namespaces.json" "$ADMIN_URL/v1/namespaces" || die "cannot list namespaces at $ADMIN_URL"
names=$(jq -r '.namespaces[].name' "$work/namespaces.json") || die "unexpected namespace list: $(head -c 300 "$work/namespaces.json")"
if [ -z "$names" ]; then
  log "no namespaces to back up"
  exit 0
fi
total=0
for ns in $names; do
  case "$ns" in '' | *[!a-z0-9_-]*) die "refusing unexpected namespace name '$ns'" ;; esac
  total=$((total + 1))
done
log "backing up $total namespace(s) with timestamp $ts"

mkdir "$work/snapshots"
failed=""
for ns in $names; do
  file="$work/snapshots/$ns-$ts.db"
  if ! admin_get -o "$file" "$ADMIN_URL/v1/namespaces/$ns/backup"; then
    log "ERROR: download of namespace '$ns' failed"
    failed="$failed $ns"
    continue
  fi
  size=$(wc -c <"$file" | tr -d ' ')
  if [ "$size" -eq 0 ]; then
    log "ERROR: snapshot of namespace '$ns' is empty"
    failed="$failed $ns"
  elif [ "$(head -c 15 "$file")" != "SQLite format 3" ]; then
    log "ERROR: snapshot of namespace '$ns' is not a SQLite database ($size bytes)"
    failed="$failed $ns"
  else
    log "downloaded '$ns' ($size bytes)"
  fi
done
[ -z "$failed" ] || die "could not download a valid snapshot of:$failed"

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
mc stat "s3/$S3_BUCKET" >/dev/null || die "bucket '$S3_BUCKET' is not reachable at $S3_ENDPOINT (it must exist)"

for ns in $names; do
  key="$S3_BUCKET/$ns/$ns-$ts.db"
  mc cp --quiet "$work/snapshots/$ns-$ts.db" "s3/$key" >/dev/null || die "upload of '$ns' to $key failed"
  uploaded=$((uploaded + 1))
  log "uploaded $key"
done

warnings=0
if [ "$retention" -gt 0 ]; then
  for ns in $names; do
    if ! listing=$(mc ls --json "s3/$S3_BUCKET/$ns/"); then
      log "WARNING: cannot list $S3_BUCKET/$ns/; old snapshots were not pruned"
      warnings=$((warnings + 1))
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
        warnings=$((warnings + 1))
      fi
    done
  done
fi

log "backup complete: $uploaded snapshot(s) uploaded to $S3_BUCKET with timestamp $ts ($warnings warning(s))"
