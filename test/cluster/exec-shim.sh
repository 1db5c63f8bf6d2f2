#!/bin/sh
# kwok answers `kubectl exec POD -- sh -c …` by running `sh` as a local process (its Exec CRD).
# A pod's filesystem is then a directory on this machine: the Exec rule of setPodFilesystem gives
# BUNTIME_TEST_POD_ROOT, and this `sh` (first on kwok's PATH) rewrites absolute /data paths in its
# arguments into that directory before running the real /bin/sh. Everything else (tar, find,
# sha256sum, mv) is the machine's own, working on real files; without the variable it is plain sh.
if [ -n "${BUNTIME_TEST_POD_ROOT:-}" ]; then
  # "/data" as a path: at the start of a word, followed by "/", a blank, a quote, ";", ")" or the
  # end. Applied twice: one pass cannot match two occurrences that share the character between them.
  rule="s#(^|[^A-Za-z0-9_.-])/data([/[:space:]\"';)]|\$)#\\1${BUNTIME_TEST_POD_ROOT}/data\\2#g"
  n=$#
  while [ "$n" -gt 0 ]; do
    arg=$1
    shift
    set -- "$@" "$(printf '%s' "$arg" | sed -E -e "$rule" -e "$rule")"
    n=$((n - 1))
  done
fi
exec /bin/sh "$@"
