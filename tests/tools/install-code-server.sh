#!/usr/bin/env bash
# Installs what the VS Code end-to-end test needs, into <repo>/.tools (idempotent; needs only the Debian and npm
# registries):
#   .tools/code-server/node_modules/.bin/code-server   code-server 4.100.3 (the last release that runs on node 20)
#   .tools/e2e/node_modules/playwright-core            drives Debian's /usr/bin/chromium (no browser download)
#   .tools/e2e/node_modules/.bin/vsce                  @vscode/vsce 3.7.1 (3.8+ and 4.x need node 22)
# plus the apt packages: chromium, and the native-build toolchain + ripgrep code-server's dependencies need.
#
# A plain `npm install code-server` does not work offline: its postinstall downloads ripgrep from GitHub, its
# kerberos dependency needs gssapi headers, and node-pty runs `npx node-gyp`. So: install without scripts, point
# @vscode/ripgrep at Debian's rg, then rebuild the native modules against /usr/include/node.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
tools="$repo/.tools"
cs_version="${CODE_SERVER_VERSION:-4.100.3}"
cs_dir="$tools/code-server"
e2e_dir="$tools/e2e"
playwright_version=1.65.1
vsce_version=3.7.1
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"

log() { echo "[install-code-server] $*"; }

# --- apt packages (ask for these in tests/tools/install-deps.sh; installed here only when missing)
pkgs=(chromium build-essential pkg-config python3 libkrb5-dev ripgrep)
missing=()
for p in "${pkgs[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  log "apt: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

export npm_config_nodedir=/usr   # node headers from the nodejs deb, not downloaded
export JOBS=max                  # node-gyp: build native modules with make -j<cores>
export npm_config_yes=true       # node-pty's install runs `npx node-gyp`; a user npmrc with yes=false makes npx refuse
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
# code-server, chromium and node-gyp write under ~; keep the install from touching the user's profile.
scratch="$(mktemp -d)"; trap 'rm -rf "$scratch"' EXIT
export XDG_CONFIG_HOME="$scratch/config" XDG_DATA_HOME="$scratch/data"

# --- code-server
cs_bin="$cs_dir/node_modules/.bin/code-server"
marker="$cs_dir/.installed-$cs_version"
if [ -f "$marker" ] && [ -x "$cs_bin" ]; then
  log "code-server $cs_version already installed"
else
  log "installing code-server $cs_version into $cs_dir"
  rm -rf "$cs_dir"; mkdir -p "$cs_dir"
  cd "$cs_dir"
  printf '{ "name": "gml-code-server", "private": true }\n' > package.json
  npm install --no-save --ignore-scripts --loglevel=error "code-server@$cs_version"
  npm rebuild --loglevel=error argon2
  cd node_modules/code-server/lib/vscode
  npm install --omit=dev --ignore-scripts --loglevel=error
  # @vscode/ripgrep's postinstall exits early when bin/ exists; use Debian's rg instead of a GitHub download.
  mkdir -p node_modules/@vscode/ripgrep/bin
  ln -sf "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
  npm rebuild --loglevel=error   # kerberos, node-pty, spdlog, native-watchdog, ... (node-gyp)
  cd ../..
  # The rest of code-server's own postinstall (bin links, built-in extensions' dependencies).
  npm_config_user_agent="npm/$(npm -v) node/$(node -v) linux x64" npm_config_unsafe_perm=true sh ./postinstall.sh >/dev/null
  "$cs_bin" --version 2>/dev/null | grep -m1 -E '^[0-9]+\.[0-9]+\.[0-9]+' || { log "code-server does not run"; exit 1; }
  touch "$marker"
fi

# --- playwright-core + vsce
if [ -f "$e2e_dir/node_modules/playwright-core/package.json" ] && [ -x "$e2e_dir/node_modules/.bin/vsce" ] \
   && [ "$(node -p "require('$e2e_dir/node_modules/playwright-core/package.json').version")" = "$playwright_version" ]; then
  log "playwright-core $playwright_version and vsce already installed"
else
  log "installing playwright-core $playwright_version and @vscode/vsce $vsce_version into $e2e_dir"
  mkdir -p "$e2e_dir"; cd "$e2e_dir"
  printf '{ "name": "gml-e2e-tools", "private": true }\n' > package.json
  npm install --no-save --loglevel=error "playwright-core@$playwright_version" "@vscode/vsce@$vsce_version"
fi
log "done"
