#!/usr/bin/env bash
# Where a fresh `gomodlens check` of kubernetes' go.mod spends its time (docs/benchmarks.md, Resolution, "Repeated
# fresh-process runs"): runs the CLI N times against the loopback proxy, which logs each request's arrival time, and
# prints per run the whole process's wall time, when the first and the last request arrived after exec.
# Usage: timeline.sh <delay ms> <http|https> [runs=5] [cli=Native AOT build of this tree]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"; repo="$(cd "$here/../../.." && pwd)"
ms="${1:?delay ms}"; scheme="${2:?http or https}"; runs="${3:-5}"
go="${GOMODLENS_GO:-$repo/.tools/go/usr/lib/go-1.26/bin/go}"
work="$(mktemp -d)"; trap 'kill ${server:-0} 2>/dev/null || true; rm -rf "$work"' EXIT
GOTOOLCHAIN=local GOFLAGS= GO111MODULE=off GOCACHE="$work/gobuild" "$go" build -o "$work/latency_proxy" "$here/latency_proxy.go"
python3 "$here/make_tree.py" "$repo/tests/testdata/corpus/gomod/kubernetes__kubernetes__go.mod.mod" "$work/tree" "$work/mod/go.mod" > /dev/null
cli="${4:-}"
if [ -z "$cli" ]; then
  rid="$(dotnet --info | awk '/^ *RID:/{print $2; exit}')"
  dotnet publish "$repo/src/GoModLens" -c Release -r "$rid" -p:PublishAot=true -o "$work/aot" -v q -nologo > /dev/null
  cli="$work/aot/gomodlens"
fi
cert=(); [ "$scheme" = https ] && cert=("$work/cert.pem")
LATENCY_PROXY_TIMES=1 "$work/latency_proxy" "$work/tree" "$ms" "$work/log" "$work/port" "${cert[@]}" & server=$!
while [ ! -s "$work/port" ]; do sleep 0.05; done
proxy="$scheme://127.0.0.1:$(cat "$work/port")"
[ "$scheme" = https ] && export SSL_CERT_FILE="$work/cert.pem"
for _ in $(seq "$runs"); do
  : > "$work/log"; rm -rf "$work/cache"
  t0=$(date +%s%6N)
  XDG_CACHE_HOME="$work/cache" GOMODCACHE="$work/empty" GOENV=off GOPRIVATE= GONOPROXY= GOFLAGS= \
    "$cli" check "$work/mod/go.mod" --format json --goproxy "$proxy" --timeout 60s > /dev/null || true
  t1=$(date +%s%6N)
  sort -n "$work/log" | awk -v t0="$t0" -v t1="$t1" 'NR==1{first=$1} {last=$1; n++}
    END {printf "total %d ms; %d requests; first arrived after %d ms, last after %d ms\n", (t1-t0)/1000, n, (first-t0)/1000, (last-t0)/1000}'
done
