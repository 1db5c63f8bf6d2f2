# Pinned versions of every tool the e2e harness builds. The cache key is
# <component>-<version>, so changing a line here rebuilds only that component.
# shellcheck disable=SC2034
HELM3_VERSION=v3.21.4
HELM4_VERSION=v4.2.4
K8S_VERSION=v1.36.3
ETCD_VERSION=v3.6.10
KWOK_VERSION=v0.8.0
# MinIO tags are not semver; this pseudo-version is RELEASE.2025-10-15T17-29-55Z.
MINIO_VERSION=v0.0.0-20251015172955-9e49d5e7a648
CACHE=${BUNTIME_TEST_CACHE:-$HOME/.cache/buntime-deploy-test}
