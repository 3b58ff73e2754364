#!/usr/bin/env bash
# End-to-end: real Neovim 0.7 (built-in LSP client) drives `gomodlens serve` on a fixture workspace whose GOPROXY is
# a loopback HTTP proxy (tests/e2e/nvim/fakeproxy.py) serving samples/proxy, where example.com/slowpoke hangs.
# Writes "<passed> <failed>" to $GML_RESULTS/nvim-e2e.counts.
set -uo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
results="${GML_RESULTS:-$repo/test-results}"; mkdir -p "$results"
counts="$results/nvim-e2e.counts"
echo "0 1" > "$counts"   # until proven otherwise
command -v nvim >/dev/null || { echo "nvim not installed (tests/tools/install-deps.sh)"; exit 1; }
server="$repo/artifacts/bin/GoModLens/release/gomodlens"
[ -x "$server" ] || dotnet build "$repo/src/GoModLens" -c Release -nologo -v q >/dev/null
scratch=$(mktemp -d /tmp/gml-nvim.XXXXXX)
trap 'kill $proxy_pid 2>/dev/null; [ -n "${GML_KEEP:-}" ] || rm -rf "$scratch"' EXIT
cp -r "$repo/tests/e2e/nvim/workspace" "$scratch/ws"
python3 "$repo/tests/e2e/nvim/fakeproxy.py" "$repo/samples/proxy" "$scratch/port" "$scratch/requests.log" example.com/slowpoke &
proxy_pid=$!
for _ in $(seq 100); do [ -s "$scratch/port" ] && break; sleep 0.05; done
export GML_SERVER="$server serve" GML_PROXY="http://127.0.0.1:$(cat "$scratch/port")" GML_HOME="$scratch/home" GML_COUNTS="$counts"
mkdir -p "$GML_HOME"
export XDG_CACHE_HOME="$scratch/nvim/cache" XDG_STATE_HOME="$scratch/nvim/state" XDG_DATA_HOME="$scratch/nvim/data"
timeout -k 5 120 nvim --headless --clean -u "$repo/tests/e2e/nvim/lsp_e2e.lua" "$scratch/ws/go.mod"
rc=$?
echo "proxy requests:"; sort "$scratch/requests.log" | uniq -c | sed 's/^/  /'
[ $rc -eq 124 ] && echo "nvim hung" && echo "0 1" > "$counts"
cat "$counts"
exit $rc
