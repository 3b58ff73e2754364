#!/usr/bin/env bash
# Where a fresh `gomodlens check` of kubernetes' go.mod spends its time (docs/benchmarks.md, Resolution): runs each
# tool N times, alternating, against the loopback proxy, which logs each request's arrival time, and prints per run
# the whole process's wall time and when the first and the last request arrived after exec.
# Usage: timeline.sh <delay ms> <http|https> [runs=5] [tool ...]
# A tool is `aot` (the Native AOT build of this tree, the default), `floor` (floor_client.go: the same requests and
# nothing else, the machine's floor for any client), or the path of a gomodlens executable.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"; repo="$(cd "$here/../../.." && pwd)"
ms="${1:?delay ms}"; scheme="${2:?http or https}"; runs="${3:-5}"; shift $(($# < 3 ? $# : 3))
tools=("$@"); [ ${#tools[@]} -gt 0 ] || tools=(aot)
go="${GOMODLENS_GO:-$repo/.tools/go/usr/lib/go-1.26/bin/go}"
work="$(mktemp -d)"; trap 'kill ${server:-0} 2>/dev/null || true; rm -rf "$work"' EXIT
gobuild() { GOTOOLCHAIN=local GOFLAGS= GO111MODULE=off GOCACHE="$work/gobuild" "$go" build -o "$1" "$2"; }
gobuild "$work/latency_proxy" "$here/latency_proxy.go"
python3 "$here/make_tree.py" "$repo/tests/testdata/corpus/gomod/kubernetes__kubernetes__go.mod.mod" "$work/tree" "$work/mod/go.mod" > /dev/null
for tool in "${tools[@]}"; do
  case "$tool" in
    aot) rid="$(dotnet --info | awk '/^ *RID:/{print $2; exit}')"
         dotnet publish "$repo/src/GoModLens" -c Release -r "$rid" -p:PublishAot=true -o "$work/aot" -v q -nologo > /dev/null ;;
    floor) gobuild "$work/floor_client" "$here/floor_client.go" ;;
  esac
done
cert=(); [ "$scheme" = https ] && cert=("$work/cert.pem")
LATENCY_PROXY_TIMES=1 "$work/latency_proxy" "$work/tree" "$ms" "$work/log" "$work/port" "${cert[@]}" & server=$!
while [ ! -s "$work/port" ]; do sleep 0.05; done
proxy="$scheme://127.0.0.1:$(cat "$work/port")"
# The proxy's CPU time so far, in ms (utime + stime, in clock ticks, of /proc/<pid>/stat): on 2 cores the test double
# competes with the client it is timing, so each run reports what it took.
proxy_cpu() { awk -v hz="$(getconf CLK_TCK)" '{sub(/^.*\) /, ""); print int(($12 + $13) * 1000 / hz)}' "/proc/$server/stat"; }
[ "$scheme" = https ] && export SSL_CERT_FILE="$work/cert.pem"
for _ in $(seq "$runs"); do
  for tool in "${tools[@]}"; do
    : > "$work/log"; rm -rf "$work/cache"
    p0=$(proxy_cpu)
    t0=$(date +%s%6N)
    case "$tool" in
      floor) "$work/floor_client" "$work/mod/go.mod" "$proxy" ;;
      *) cli="$tool"; [ "$tool" = aot ] && cli="$work/aot/gomodlens"
         XDG_CACHE_HOME="$work/cache" GOMODCACHE="$work/empty" GOENV=off GOPRIVATE= GONOPROXY= GOFLAGS= GOSUMDB=off \
           "$cli" check "$work/mod/go.mod" --format json --goproxy "$proxy" --timeout 60s > /dev/null || true ;;
    esac
    t1=$(date +%s%6N)
    p1=$(proxy_cpu)
    sort -n "$work/log" | awk -v t0="$t0" -v t1="$t1" -v tool="$tool" -v pcpu=$((p1 - p0)) 'NR==1{first=$1} {last=$1; n++}
      END {printf "%s: total %d ms; %d requests; first arrived after %d ms, last after %d ms; proxy CPU %d ms\n", tool, (t1-t0)/1000, n, (first-t0)/1000, (last-t0)/1000, pcpu}'
  done
done
