#!/usr/bin/env bash
# Installs everything the test suites need on a fresh Debian 12 machine (root). Safe to re-run.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"

# apt packages: dnsmasq for the DNS failure classes, dig to check it, neovim as a real LSP client,
# python3 for fixtures, git for go's direct path (the vanity git host serves repositories with git http-backend),
# chromium for the VS Code end-to-end test; build-essential (gcc links when clang is absent)
# and zlib1g-dev for the Native AOT server (the linux-x64 VSIX's, also run by the Neovim suite).
pkgs=(dnsmasq-base bind9-dnsutils neovim python3 git util-linux iproute2 zip chromium build-essential pkg-config libkrb5-dev ripgrep zlib1g-dev)
missing=()
for p in "${pkgs[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The test oracle: Go 1.26 from trixie-backports, unpacked into .tools/go.
"$repo/tests/tools/install-go.sh"
