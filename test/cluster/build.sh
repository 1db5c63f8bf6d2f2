#!/usr/bin/env bash
# Builds the real tools the end-to-end suite runs (helm 3 and 4, kube-apiserver,
# kube-controller-manager, kube-scheduler, etcd, kwok/kwokctl, MinIO) from Go modules
# and caches each under $CACHE/<component>-<version>/.
#
# A component directory is only trusted when its .complete stamp lists every binary
# with the sha256 it had when the build finished; anything else (an interrupted build,
# a deleted binary, a truncated file) is removed and rebuilt. Builds happen in a
# sibling temp directory and are moved into place at the end, so a killed build never
# leaves a directory that looks finished.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=versions.sh
. "$HERE/versions.sh"

export GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS=-mod=mod
command -v go >/dev/null 2>&1 || {
  echo "buntime-deploy test cluster: Go is required to build helm, kube-apiserver, etcd, kwok and MinIO." >&2
  echo "Install Go >= 1.26 (https://go.dev/dl/ or your distribution) and make sure 'go' is on PATH." >&2
  exit 3
}

log() { printf '[cluster build %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

# verify DIR BIN... : 0 when DIR/.complete matches every listed binary.
verify() {
  local dir=$1; shift
  [ -f "$dir/.complete" ] || return 1
  local b
  for b in "$@"; do
    [ -x "$dir/$b" ] || return 1
  done
  (cd "$dir" && sha256sum --quiet -c .complete >/dev/null 2>&1) || return 1
}

# finish TMP DIR BIN... : stamp TMP and move it to DIR.
finish() {
  local tmp=$1 dir=$2; shift 2
  (cd "$tmp" && sha256sum "$@" > .complete)
  rm -rf "$dir"
  mv "$tmp" "$dir"
}

# component NAME VERSION BUILDFN BIN... : builds unless cached, timing the build.
component() {
  local name=$1 version=$2 fn=$3; shift 3
  local dir="$CACHE/$name-$version"
  if verify "$dir" "$@"; then
    log "$name $version: cached"
    return 0
  fi
  [ -e "$dir" ] && log "$name $version: incomplete cache, rebuilding"
  mkdir -p "$CACHE"
  local tmp
  tmp=$(mktemp -d "$CACHE/.$name-$version.XXXXXX")
  local start=$SECONDS
  log "$name $version: building"
  if ! "$fn" "$tmp" "$version"; then
    rm -rf "$tmp"
    log "$name $version: FAILED"
    return 1
  fi
  finish "$tmp" "$dir" "$@"
  log "$name $version: built in $((SECONDS - start))s"
}

# A throwaway module directory, removed when the build function returns.
scratch() { mktemp -d "${TMPDIR:-/tmp}/buntime-gobuild.XXXXXX"; }

build_helm() {
  local out=$1 v=$2 major=${2%%.*}
  major=${major#v}
  (cd / && GOBIN=$out go install -trimpath \
    -ldflags "-s -w -X helm.sh/helm/v$major/internal/version.version=$v" \
    "helm.sh/helm/v$major/cmd/helm@$v")
}

build_kubernetes() {
  local out=$1 v=$2 w
  local minor staging
  minor=$(cut -d. -f2 <<<"${v#v}")
  staging="v0.${v#v1.}"
  w=$(scratch)
  (
    cd "$w"
    printf 'module local/k8sbins\n\ngo 1.26.0\n\ngodebug default=go1.26\n' > go.mod
    # The kubernetes module requires every staging module at v0.0.0 and replaces them with
    # ./staging paths that only apply inside that module; mirror them at real versions.
    gomod=$(go mod download -json "k8s.io/kubernetes@$v" | jq -r .GoMod)
    for m in $(sed -nE 's#^[[:space:]]*(k8s\.io/[^ ]+) => \./staging/.*#\1#p' "$gomod"); do
      go mod edit -replace="$m=$m@$staging"
    done
    P="k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager k8s.io/kubernetes/cmd/kube-scheduler"
    # shellcheck disable=SC2046
    go get $(for p in $P; do printf '%s@%s ' "$p" "$v"; done)
    # Without these the server reports v0.0.0-master+$Format and helm/kwokctl version checks break.
    LD="-s -w"
    for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
      LD="$LD -X $pkg.gitVersion=$v -X $pkg.gitMajor=1 -X $pkg.gitMinor=$minor -X $pkg.gitTreeState=clean -X $pkg.buildDate=1970-01-01T00:00:00Z"
    done
    # shellcheck disable=SC2086
    go build -trimpath -pgo=off -tags selinux,notest -ldflags "$LD" -o "$out/" $P
  ) || { rm -rf "$w"; return 1; }
  rm -rf "$w"
}

build_etcd() {
  local out=$1 v=$2 w
  w=$(scratch)
  (
    cd "$w"
    printf 'module local/etcdbin\n\ngo 1.26.0\n' > go.mod
    go get "go.etcd.io/etcd/server/v3@$v"
    go build -trimpath -ldflags '-s -w' -o "$out/etcd" go.etcd.io/etcd/server/v3
  ) || { rm -rf "$w"; return 1; }
  rm -rf "$w"
}

build_kwok() {
  local out=$1 v=$2
  (cd / && GOBIN=$out go install -trimpath -ldflags '-s -w' \
    "sigs.k8s.io/kwok/cmd/kwok@$v" "sigs.k8s.io/kwok/cmd/kwokctl@$v")
}

build_minio() {
  local out=$1 v=$2
  (cd / && GOBIN=$out go install -trimpath -ldflags '-s -w' "github.com/minio/minio@$v")
}

# Builds of the same cache can be started at once (two vitest projects' global setups, a developer
# running `npm run cluster -- build` beside `npm test`): one lock serialises them, and the second
# run then finds every component cached.
lock() {
  mkdir -p "$CACHE"
  exec 9>"$CACHE/.build.lock"
  if ! flock -n 9; then
    log "another build holds $CACHE/.build.lock; waiting"
    flock 9
  fi
}

all() {
  component helm "$HELM3_VERSION" build_helm helm
  component helm "$HELM4_VERSION" build_helm helm
  component kwok "$KWOK_VERSION" build_kwok kwok kwokctl
  component etcd "$ETCD_VERSION" build_etcd etcd
  component kubernetes "$K8S_VERSION" build_kubernetes kube-apiserver kube-controller-manager kube-scheduler
  component minio "$MINIO_VERSION" build_minio minio
}

lock
case "${1:-all}" in
  all) all ;;
  helm) component helm "$HELM3_VERSION" build_helm helm; component helm "$HELM4_VERSION" build_helm helm ;;
  *) echo "usage: $0 [all|helm]" >&2; exit 2 ;;
esac
