# Pinned versions of every tool the e2e harness builds. The cache key is
# <component>-<version>, so changing a line here rebuilds only that component.
# shellcheck disable=SC2034
HELM3_VERSION=v3.21.4
HELM4_VERSION=v4.2.4
K8S_VERSION=v1.36.3
ETCD_VERSION=v3.6.10
KWOK_VERSION=v0.8.0
# MinIO tags are not semver; pin the pseudo-version the Go proxy serves (repository HEAD, 2026-02-12;
# the 2025-10-15 release pseudo-version answers 403 "not available" on the proxy).
MINIO_VERSION=v0.0.0-20260212201848-7aac2a2c5b7c
# GitOps engines whose CRDs the export is validated against (module zips; see build.sh).
FLUX_SOURCE_VERSION=v1.10.1
FLUX_HELM_API_VERSION=v1.7.1
CONTROLLER_TOOLS_VERSION=v0.23.0
ARGOCD_VERSION=v3.6.2
K3S_HELM_CONTROLLER_VERSION=v0.17.9
# The Flux and Argo CD modules declare Go 1.27; only their build steps use this toolchain.
GITOPS_GOTOOLCHAIN=go1.27.3
# k9s: the bench's peer for the live screen; built only by `npm run bench` (build.sh k9s), never by npm test.
K9S_VERSION=v0.50.16
CACHE=${BUNTIME_TEST_CACHE:-$HOME/.cache/buntime-deploy-test}
