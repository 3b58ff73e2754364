#!/usr/bin/env bash
# End-to-end: real Neovim 0.7 (built-in LSP client) drives `gomodlens serve` on a fixture workspace whose GOPROXY is
# a loopback HTTP proxy (tests/e2e/nvim/fakeproxy.py) serving samples/proxy, where example.com/slowpoke hangs; then
# go.sum, go.work, workspace-mode and vendored buffers from the fixture's subdirectories, attached through M.setup.
# Runs twice: against the JIT build of src/GoModLens and against its Native AOT build (what the linux-x64 VSIX
# ships; GML_NVIM_SERVERS="jit" skips it, GML_SERVER_BIN runs one given server binary instead of both).
# Writes "<passed> <failed>" (summed over the runs) to $GML_RESULTS/nvim-e2e.counts.
set -uo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
results="${GML_RESULTS:-$repo/test-results}"; mkdir -p "$results"
counts="$results/nvim-e2e.counts"
echo "0 1" > "$counts"   # until proven otherwise
command -v nvim >/dev/null || { echo "nvim not installed (tests/tools/install-deps.sh)"; exit 1; }
scratch=$(mktemp -d /tmp/gml-nvim.XXXXXX)
trap '[ -n "${GML_KEEP:-}" ] || rm -rf "$scratch"' EXIT

servers=()
if [ -n "${GML_SERVER_BIN:-}" ]; then servers=("given=$GML_SERVER_BIN"); else
  for kind in ${GML_NVIM_SERVERS:-jit aot}; do
    case "$kind" in
      jit)
        bin="$repo/artifacts/bin/GoModLens/release/gomodlens"
        [ -x "$bin" ] || dotnet build "$repo/src/GoModLens" -c Release -nologo -v q >/dev/null
        servers+=("jit=$bin") ;;
      aot)
        rid="$(dotnet --info | awk '/^ *RID:/{print $2; exit}')"
        if dotnet publish "$repo/src/GoModLens" -c Release -r "$rid" -p:PublishAot=true -o "$scratch/aot" -nologo -v q > "$scratch/aot-publish.log" 2>&1; then
          servers+=("aot=$scratch/aot/gomodlens")
        else
          echo "Native AOT publish failed:"; tail -20 "$scratch/aot-publish.log"; servers+=("aot=")
        fi ;;
      *) echo "unknown server kind $kind (jit, aot)"; servers+=("$kind=") ;;
    esac
  done
fi

passed=0; failed=0; rc=0
for entry in "${servers[@]}"; do
  label="${entry%%=*}"; server="${entry#*=}"
  echo "-- Neovim e2e with the $label server ${server:+($server)}"
  if [ -z "$server" ]; then failed=$((failed + 1)); rc=1; continue; fi
  run="$scratch/$label"; mkdir -p "$run"
  cp -r "$repo/tests/e2e/nvim/workspace" "$run/ws"
  python3 "$repo/tests/e2e/nvim/fakeproxy.py" "$repo/samples/proxy" "$run/port" "$run/requests.log" example.com/slowpoke &
  proxy_pid=$!
  for _ in $(seq 100); do [ -s "$run/port" ] && break; sleep 0.05; done
  echo "0 1" > "$run/counts"
  export GML_REPO="$repo" GML_SERVER="$server serve" GML_PROXY="http://127.0.0.1:$(cat "$run/port")" GML_PROXY_LOG="$run/requests.log" GML_HOME="$run/home" GML_COUNTS="$run/counts"
  mkdir -p "$GML_HOME"
  export XDG_CACHE_HOME="$run/nvim/cache" XDG_STATE_HOME="$run/nvim/state" XDG_DATA_HOME="$run/nvim/data"
  timeout -k 5 120 nvim --headless --clean -u "$repo/tests/e2e/nvim/lsp_e2e.lua" "$run/ws/go.mod"
  code=$?
  kill $proxy_pid 2>/dev/null; wait $proxy_pid 2>/dev/null
  echo "proxy requests:"; sort "$run/requests.log" | uniq -c | sed 's/^/  /'
  [ $code -eq 124 ] && echo "nvim hung" && echo "0 1" > "$run/counts"
  read -r p f < "$run/counts"; echo "$label: $p passed, $f failed"
  passed=$((passed + p)); failed=$((failed + f)); [ $code -eq 0 ] || rc=$code
done
echo "$passed $failed" > "$counts"
cat "$counts"
[ "$failed" -eq 0 ] || [ $rc -ne 0 ] || rc=1
exit $rc
