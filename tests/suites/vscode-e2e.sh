#!/usr/bin/env bash
# End-to-end test of the VS Code extension in code-server 4.100.3 + Debian chromium (client-vscode/test/e2e/run-e2e.js).
# GML_E2E_SERVER selects the server(s), comma-separated: "standin" (default: test/e2e/standin-server.js) and/or
# "real" (the gomodlens build of src/GoModLens) and/or "bundled" (the linux-x64 VSIX with its Native AOT server,
# found without any setting). Artifacts: $GML_RESULTS/e2e/<server>/ (screenshots, logs, results.json).
# Writes "<passed> <failed>" to $GML_RESULTS/vscode-e2e.counts.
set -uo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
results="${GML_RESULTS:-$repo/test-results}"; mkdir -p "$results"
counts="$results/vscode-e2e.counts"
echo "0 1" > "$counts"   # until proven otherwise
source "$repo/tests/suites/lib-client-vscode.sh"
client="$repo/client-vscode"

"$repo/tests/tools/install-code-server.sh" || { echo "install-code-server.sh failed"; exit 1; }
client_vscode_deps "$client" || { echo "npm ci failed"; exit 1; }
# "standin"/"real" install the plain VSIX (no server inside; they set gomodlens.server.path). "bundled" installs the
# linux-x64 VSIX whose server is compiled with Native AOT for linux-x64 (scripts/package-vsix.js checks the ELF header,
# run-e2e.js checks it again, and its exec bit, in the installed extension).
modes=",${GML_E2E_SERVER:-standin,real,bundled},"
case "$modes" in *,standin,*|*,real,*) (cd "$client" && npm run --silent package) || { echo "packaging the VSIX failed"; exit 1; } ;; esac
case "$modes" in *,bundled,*) (cd "$client" && npm run --silent package:linux-x64) || { echo "packaging the linux-x64 VSIX failed"; exit 1; } ;; esac

passed=0; failed=0
IFS=',' read -r -a servers <<< "${GML_E2E_SERVER:-standin,real,bundled}"
for server in "${servers[@]}"; do
  out="$results/e2e/$server"
  rm -rf "$out"   # never count a stale results.json
  echo "-- e2e with the $server server"
  if [ "$server" = "real" ] && [ -z "${GML_E2E_SERVER_PATH:-}" ]; then
    dotnet build "$repo/src/GoModLens" -c Release -nologo -v q || { echo "building the server failed"; failed=$((failed + 1)); continue; }
  fi
  GML_E2E_SERVER="$server" GML_E2E_OUT="$out" timeout -k 10 240 node "$client/test/e2e/run-e2e.js"
  echo "exit code $?"
  if [ -f "$out/results.json" ]; then
    p=$(node -p "require('$out/results.json').passed"); f=$(node -p "require('$out/results.json').failed")
    passed=$((passed + p)); failed=$((failed + f))
  else
    echo "no results from the $server run"; failed=$((failed + 1))
  fi
done
echo "$passed $failed" > "$counts"
echo "vscode-e2e: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
