#!/usr/bin/env bash
# Installs the Debian packages the tests and benchmarks use when they are missing (tmux drives the
# CLI in a real terminal; hyperfine times commands). Nothing is assumed to be on the machine.
# Usage: ensure-debian-tools.sh PACKAGE...   (the package's binary has the same name)
set -euo pipefail
missing=()
for pkg in "$@"; do
  command -v "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then sudo=(); elif command -v sudo >/dev/null 2>&1; then sudo=(sudo -n); else
  echo "Missing: ${missing[*]}. Install them (apt-get install ${missing[*]}) and re-run." >&2
  exit 1
fi
echo "Installing from Debian: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
if ! "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1; then
  "${sudo[@]}" apt-get update -qq >/dev/null
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
for pkg in "${missing[@]}"; do
  command -v "$pkg" >/dev/null 2>&1 || { echo "Installing $pkg did not provide the '$pkg' command." >&2; exit 1; }
done
