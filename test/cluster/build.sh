#!/usr/bin/env bash
# Builds the real tools the end-to-end suite runs (helm 3 and 4, kube-apiserver,
# kube-controller-manager, kube-scheduler, kubectl, etcd, kwok/kwokctl, MinIO) from Go
# modules and caches each under $CACHE/<component>-<version>/, plus the CRDs of the GitOps engines
# the export is checked against (Flux, Argo CD, k3s helm-controller), taken from their modules.
# k9s (the peer `npm run bench` compares the live screen with) is built the same way, but only when
# asked for by name: `all` and `check` leave it out, so npm test and CI never spend time on it.
#
# A component directory is only trusted when its .complete stamp lists every file it
# holds with the sha256 it had when the build finished, and every file the harness needs
# is there; anything else (an interrupted build, a deleted binary, a truncated file) is
# removed and rebuilt. Builds happen in a sibling temp directory and are moved into place
# at the end, so a killed build never leaves a directory that looks finished. A lock per
# component lets several test runs on one machine share the cache: the second waits for
# the first build instead of starting its own.
#
# usage: build.sh [all|check|<component>...]   components: helm kwok etcd kubernetes kubectl minio gitops k9s
#   check: exit 0 when every component is built, 1 otherwise (builds nothing, needs no Go)
#   check <component>...: the same for those components only
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=versions.sh
. "$HERE/versions.sh"

export GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS=-mod=mod

log() { printf '[cluster build %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

need_go() {
  command -v go >/dev/null 2>&1 && return 0
  echo "buntime-deploy test cluster: Go is required to build helm, kube-apiserver, etcd, kwok and MinIO." >&2
  echo "Install Go >= 1.26 (https://go.dev/dl/ or your distribution's golang package) and put 'go' on PATH," >&2
  echo "with access to a Go module proxy (go env GOPROXY). The first build takes about 10-15 minutes." >&2
  exit 3
}

# verify DIR FILE... : 0 when every FILE exists in DIR and DIR/.complete matches its content.
verify() {
  local dir=$1; shift
  [ -f "$dir/.complete" ] || return 1
  local f
  for f in "$@"; do
    [ -s "$dir/$f" ] || return 1
  done
  (cd "$dir" && sha256sum --quiet -c .complete >/dev/null 2>&1) || return 1
}

# finish TMP DIR : stamp every file in TMP and move it to DIR.
finish() {
  local tmp=$1 dir=$2
  (cd "$tmp" && find . -type f ! -name .complete -printf '%P\0' | sort -z | xargs -0 sha256sum > .complete)
  chmod -R go+rX "$tmp"
  rm -rf "$dir"
  mv "$tmp" "$dir"
}

# component NAME VERSION BUILDFN FILE... : builds unless cached, timing the build.
component() {
  local name=$1 version=$2 fn=$3; shift 3
  local dir="$CACHE/$name-$version"
  if verify "$dir" "$@"; then
    log "$name $version: cached"
    return 0
  fi
  if [ "$MODE" = check ]; then
    log "$name $version: missing or incomplete"
    MISSING=1
    return 0
  fi
  need_go
  mkdir -p "$CACHE"
  # One builder per component at a time, machine-wide; whoever waited re-checks first.
  local lock="$CACHE/.$name-$version.lock" fd
  exec {fd}>"$lock"
  if ! flock -n "$fd"; then
    log "$name $version: another build is running, waiting for it"
    flock "$fd"
  fi
  if verify "$dir" "$@"; then
    log "$name $version: built by another run"
    exec {fd}>&-
    return 0
  fi
  [ -e "$dir" ] && log "$name $version: incomplete cache, rebuilding"
  local tmp start=$SECONDS
  tmp=$(mktemp -d "$CACHE/.$name-$version.XXXXXX")
  log "$name $version: building"
  if ! "$fn" "$tmp" "$version"; then
    rm -rf "$tmp"
    exec {fd}>&-
    log "$name $version: FAILED"
    return 1
  fi
  if ! verify_files "$tmp" "$@"; then
    rm -rf "$tmp"
    exec {fd}>&-
    log "$name $version: FAILED (build finished without producing: $*)"
    return 1
  fi
  finish "$tmp" "$dir"
  exec {fd}>&-
  log "$name $version: built in $((SECONDS - start))s"
}

verify_files() {
  local dir=$1 f; shift
  for f in "$@"; do [ -s "$dir/$f" ] || return 1; done
}

# json_field KEY : a top-level string field of `go mod download -json` output (one key per
# line), without needing jq on the machine.
json_field() { sed -nE "s/^\t\"$1\": \"(.*)\",?\$/\1/p" | head -n1; }

# A throwaway module directory, removed when the build function returns.
scratch() { mktemp -d "${TMPDIR:-/tmp}/buntime-gobuild.XXXXXX"; }

build_helm() {
  local out=$1 v=$2 major=${2%%.*}
  major=${major#v}
  (cd / && GOBIN=$out go install -trimpath \
    -ldflags "-s -w -X helm.sh/helm/v$major/internal/version.version=$v" \
    "helm.sh/helm/v$major/cmd/helm@$v")
}

# k8s_build OUT VERSION CMD... : builds k8s.io/kubernetes/cmd/<CMD> at VERSION with version ldflags.
k8s_build() {
  local out=$1 v=$2 w; shift 2
  local minor staging pkgs=()
  minor=$(cut -d. -f2 <<<"${v#v}")
  staging="v0.${v#v1.}"
  local c
  for c in "$@"; do pkgs+=("k8s.io/kubernetes/cmd/$c"); done
  w=$(scratch)
  (
    cd "$w"
    printf 'module local/k8sbins\n\ngo 1.26.0\n\ngodebug default=go1.26\n' > go.mod
    # The kubernetes module requires every staging module at v0.0.0 and replaces them with
    # ./staging paths that only apply inside that module; mirror them at real versions.
    gomod=$(go mod download -json "k8s.io/kubernetes@$v" | json_field GoMod)
    for m in $(sed -nE 's#^[[:space:]]*(k8s\.io/[^ ]+) => \./staging/.*#\1#p' "$gomod"); do
      go mod edit -replace="$m=$m@$staging"
    done
    go get "${pkgs[@]/%/@$v}"
    # Without these the server reports v0.0.0-master+$Format and helm/kwokctl version checks break.
    LD="-s -w"
    for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
      LD="$LD -X $pkg.gitVersion=$v -X $pkg.gitMajor=1 -X $pkg.gitMinor=$minor -X $pkg.gitTreeState=clean -X $pkg.buildDate=1970-01-01T00:00:00Z"
    done
    # -pgo=off: kube-apiserver ships a default.pgo that makes the compile much slower.
    go build -trimpath -pgo=off -tags selinux,notest -ldflags "$LD" -o "$out/" "${pkgs[@]}"
  ) || { rm -rf "$w"; return 1; }
  rm -rf "$w"
}

build_kubernetes() { k8s_build "$1" "$2" kube-apiserver kube-controller-manager kube-scheduler; }

# A kubectl of the same version, so the harness and `cluster env` users get no skew warnings.
build_kubectl() { k8s_build "$1" "$2" kubectl; }

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

# kwok's default stages and its CRDs live in the module, not in the binary; the harness
# runs kwok itself (not through kwokctl), so it needs them next to the binary.
KWOK_STAGES="node/fast/node-initialize.yaml node/heartbeat-with-lease/node-heartbeat-with-lease.yaml
pod/fast/pod-ready.yaml pod/fast/pod-complete.yaml pod/fast/pod-delete.yaml"

build_kwok() {
  local out=$1 v=$2 src s
  (cd / && GOBIN=$out go install -trimpath -ldflags '-s -w' \
    "sigs.k8s.io/kwok/cmd/kwok@$v" "sigs.k8s.io/kwok/cmd/kwokctl@$v") || return 1
  src=$(cd / && go mod download -json "sigs.k8s.io/kwok@$v" | json_field Dir) || return 1
  mkdir -p "$out/crds" "$out/stages"
  cp "$src"/kustomize/crd/bases/*.yaml "$out/crds/"
  for s in $KWOK_STAGES; do cp "$src/kustomize/stage/$s" "$out/stages/"; done
}

build_minio() {
  local out=$1 v=$2
  (cd / && GOBIN=$out go install -trimpath -ldflags '-s -w' "github.com/minio/minio@$v")
}

# The GitOps engines' CRDs, from module zips only (no repository clone, no controller build): the
# Flux and Argo CD modules declare Go 1.27, so these steps run with GOTOOLCHAIN=$GITOPS_GOTOOLCHAIN,
# which the go command fetches from the module proxy like any module (once per machine, ~76 MB).
# mod_dir MODULE@VERSION : the extracted module directory in the module cache.
mod_dir() { (cd / && GOTOOLCHAIN=$GITOPS_GOTOOLCHAIN go mod download -json "$1" | json_field Dir); }

# Flux source-controller ships its CRDs in the module (HelmRepository, OCIRepository, GitRepository…).
build_flux_source_crds() {
  local out=$1 v=$2 src
  src=$(mod_dir "github.com/fluxcd/source-controller@$v") && [ -n "$src" ] || return 1
  cp "$src"/config/crd/bases/source.toolkit.fluxcd.io_*.yaml "$out/"
}

# helm-controller's module is not served, only its API types: generate the HelmRelease CRD from
# them with controller-gen, as the controller's own Makefile does (crd, paths=./...).
build_flux_helmrelease_crd() {
  local out=$1 v=$2 w api=${2%%+*}
  w=$(scratch)
  (
    export GOTOOLCHAIN=$GITOPS_GOTOOLCHAIN
    cd "$w"
    printf 'module local/fluxcrd\n\ngo 1.27.0\n' > go.mod
    GOBIN=$w/bin go install -trimpath -ldflags '-s -w' \
      "sigs.k8s.io/controller-tools/cmd/controller-gen@$CONTROLLER_TOOLS_VERSION"
    go get "github.com/fluxcd/helm-controller/api@$api"
    "$w/bin/controller-gen" crd paths=github.com/fluxcd/helm-controller/api/... output:crd:dir="$out"
  ) || { rm -rf "$w"; return 1; }
  rm -rf "$w"
}

# Argo CD's module holds manifests/crds (Application, AppProject, ApplicationSet).
build_argocd_crds() {
  local out=$1 v=$2 src
  src=$(mod_dir "github.com/argoproj/argo-cd/v3@$v") && [ -n "$src" ] || return 1
  cp "$src"/manifests/crds/application-crd.yaml "$src"/manifests/crds/appproject-crd.yaml "$out/"
}

# k3s's helm-controller: HelmChart and HelmChartConfig (helm.cattle.io/v1).
build_k3s_helm_crds() {
  local out=$1 v=$2 src
  src=$(mod_dir "github.com/k3s-io/helm-controller@$v") && [ -n "$src" ] || return 1
  cp "$src"/pkg/crds/yaml/generated/helm.cattle.io_*.yaml "$out/"
}

# k9s: only for the bench's peer section. Same version ldflags as its Makefile, so `k9s version`
# reports the pinned release.
build_k9s() {
  local out=$1 v=$2
  (cd / && GOBIN=$out go install -trimpath \
    -ldflags "-s -w -X github.com/derailed/k9s/cmd.version=$v -X github.com/derailed/k9s/cmd.commit=module-proxy" \
    "github.com/derailed/k9s@$v")
}

build_component() {
  case "$1" in
    helm)
      component helm "$HELM3_VERSION" build_helm helm
      component helm "$HELM4_VERSION" build_helm helm ;;
    kwok)
      component kwok "$KWOK_VERSION" build_kwok kwok kwokctl \
        crds/kwok.x-k8s.io_portforwards.yaml crds/kwok.x-k8s.io_logs.yaml \
        stages/node-initialize.yaml stages/node-heartbeat-with-lease.yaml \
        stages/pod-ready.yaml stages/pod-complete.yaml stages/pod-delete.yaml ;;
    etcd) component etcd "$ETCD_VERSION" build_etcd etcd ;;
    kubernetes)
      component kubernetes "$K8S_VERSION" build_kubernetes kube-apiserver kube-controller-manager kube-scheduler ;;
    kubectl) component kubectl "$K8S_VERSION" build_kubectl kubectl ;;
    minio) component minio "$MINIO_VERSION" build_minio minio ;;
    gitops)
      component flux-source-crds "$FLUX_SOURCE_VERSION" build_flux_source_crds \
        source.toolkit.fluxcd.io_helmrepositories.yaml source.toolkit.fluxcd.io_ocirepositories.yaml \
        source.toolkit.fluxcd.io_gitrepositories.yaml
      component flux-helmrelease-crd "$FLUX_HELM_API_VERSION+controller-gen-$CONTROLLER_TOOLS_VERSION" \
        build_flux_helmrelease_crd helm.toolkit.fluxcd.io_helmreleases.yaml
      component argocd-crds "$ARGOCD_VERSION" build_argocd_crds application-crd.yaml
      component k3s-helm-crds "$K3S_HELM_CONTROLLER_VERSION" build_k3s_helm_crds helm.cattle.io_helmcharts.yaml ;;
    k9s) component k9s "$K9S_VERSION" build_k9s k9s ;;
    *) echo "usage: $0 [all|check|helm|kwok|etcd|kubernetes|kubectl|minio|gitops|k9s]..." >&2; exit 2 ;;
  esac
}

ALL="helm kwok etcd kubernetes kubectl minio gitops"
MODE=build
MISSING=0
case "${1:-all}" in
  all) set -- $ALL ;;
  check)
    MODE=check
    shift
    [ $# -gt 0 ] || set -- $ALL ;;
esac
start=$SECONDS
for c in "$@"; do build_component "$c"; done
[ "$MODE" = check ] && exit "$MISSING"
log "all requested components ready in $((SECONDS - start))s"
