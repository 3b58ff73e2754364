#!/usr/bin/env bash
# "Latest version for every require" of the kubernetes go.mod (corpus) through a loopback proxy with 20 ms and
# 100 ms injected latency, served over plain http (HTTP/1.1: a connection per request in flight) and over https
# (HTTP/2 multiplexed, as proxy.golang.org and the public mirrors serve; GOMODLENS_BENCH_SCHEMES="http https"): gomodlens check (cold = empty GoModLens cache, warm = second run) side by side with
# go list -mod=mod -m -u -json <required paths> (cold = empty module cache, warm = same module cache). Counts HTTP requests and
# distinct URLs per run from the proxy's log. Not a timed test; results go into docs/benchmarks.md (## Resolution).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"; repo="$(cd "$here/../../.." && pwd)"
rid="$(dotnet --info | awk '/^ *RID:/{print $2; exit}')"
go="${GOMODLENS_GO:-$repo/.tools/go/usr/lib/go-1.26/bin/go}"
work="$(mktemp -d)"; trap 'kill ${server:-0} 2>/dev/null || true; rm -rf "$work"' EXIT
# The loopback proxy is a small Go program: the python ThreadingHTTPServer used before spent more CPU per request
# than the client it was timing (40 % of all samples on 2 cores), so a cold run measured the test double.
GOTOOLCHAIN=local GOFLAGS= GO111MODULE=off GOCACHE="$work/gobuild" "$go" build -o "$work/latency_proxy" "$here/latency_proxy.go"
python3 "$here/make_tree.py" "$repo/tests/testdata/corpus/gomod/kubernetes__kubernetes__go.mod.mod" "$work/tree" "$work/mod/go.mod" > "$work/count"
# GOMODLENS_DLL: a prebuilt gomodlens.dll (e.g. an older commit built with --artifacts-path) instead of this tree's.
# Otherwise the CLI is published the way it ships: framework-dependent, ReadyToRun for this machine's RID.
if [ -n "${GOMODLENS_DLL:-}" ]; then exe="$GOMODLENS_DLL"; else
  dotnet publish "$repo/src/GoModLens" -c Release -r "$rid" --self-contained false -o "$work/gomodlens" -v q -nologo > /dev/null
  exe="$work/gomodlens/gomodlens.dll"
fi
# The same CLI compiled ahead of time (Native AOT, the build the linux-x64 VSIX ships): no runtime start, no JIT.
# GOMODLENS_BENCH_AOT=0 skips it (it needs clang and zlib; tests/tools/install-deps.sh installs them).
clis=("gomodlens check|dotnet $exe")
if [ "${GOMODLENS_BENCH_AOT:-1}" != 0 ]; then
  dotnet publish "$repo/src/GoModLens" -c Release -r "$rid" -p:PublishAot=true -o "$work/gomodlens-aot" -v q -nologo > /dev/null
  clis+=("gomodlens check, Native AOT|$work/gomodlens-aot/gomodlens")
fi
# The engine timed inside one process (no process start, no JIT in the warm rows): what the language server pays.
# Published ReadyToRun like the server the VS Code extension ships.
dotnet publish "$repo/tests/GoModLens.Benchmarks" -c Release -r "$rid" --self-contained false -p:PublishReadyToRun=true -o "$work/bench" -v q -nologo > /dev/null
inproc="$work/bench/GoModLens.Benchmarks.dll"
cold_runs=3
concurrency=(); [ -n "${GOMODLENS_CONCURRENCY:-}" ] && concurrency=(--concurrency "$GOMODLENS_CONCURRENCY")
requires=$(awk '/^require \(/{b=1;next} b&&/^\)/{b=0} b&&NF>=2{print $1}' "$work/mod/go.mod" | tr '\n' ' ')
printf '| latency | tool | run | wall ms | CPU ms (user+sys) | requests | distinct URLs |\n|---|---|---|---|---|---|---|\n'
for scheme in ${GOMODLENS_BENCH_SCHEMES:-http https}; do
for ms in 20 100; do
  # https: the proxy makes a self-signed certificate; both clients trust it through SSL_CERT_FILE.
  cert=(); [ "$scheme" = https ] && cert=("$work/cert.pem")
  : > "$work/log"; "$work/latency_proxy" "$work/tree" "$ms" "$work/log" "$work/port" "${cert[@]}" & server=$!
  while [ ! -s "$work/port" ]; do sleep 0.05; done; port=$(cat "$work/port"); rm -f "$work/port"
  proxy="$scheme://127.0.0.1:$port"
  export SSL_CERT_FILE="${cert[0]:-}"; [ -n "$SSL_CERT_FILE" ] || unset SSL_CERT_FILE
  row="$ms ms $scheme"; key="$scheme-$ms"
  cache="$work/glcache-$key"; modcache="$work/gomodcache-$key"
  for cli in "${clis[@]}"; do
  tool="${cli%%|*}"; read -r -a cmd <<< "${cli#*|}"; suffix=""; [ "$tool" = "gomodlens check" ] || suffix="-aot"
  rm -rf "$cache"
  for run in cold warm; do
    : > "$work/log"; t0=$(date +%s%N)
    XDG_CACHE_HOME="$cache" GOMODCACHE="$work/empty" GOENV=off GOPRIVATE= GONOPROXY= GOFLAGS= GOSUMDB=off \
      /usr/bin/time -f '%U %S' -o "$work/cpu" "${cmd[@]}" check "$work/mod/go.mod" --format json --goproxy "$proxy" --timeout 60s "${concurrency[@]}" > "$work/gml-$key-$run$suffix.json" || true
    t1=$(date +%s%N)
    printf '| %s | %s | %s | %d | %s | %d | %d |\n' "$row" "$tool" "$run" $(((t1-t0)/1000000)) "$(awk '{printf "%d", ($1+$2)*1000}' "$work/cpu")" "$(wc -l < "$work/log")" "$(sort -u "$work/log" | wc -l)"
  done
  done
  : > "$work/log"
  GOMODCACHE="$work/empty" GOENV=off GOPRIVATE= GONOPROXY= GOFLAGS= dotnet "$inproc" --resolution "$work/mod/go.mod" "$proxy" --cold-runs $cold_runs "${concurrency[@]}" > "$work/inproc"
  awk -v row="$row" -v req="$(($(wc -l < "$work/log") / cold_runs))" -v urls="$(sort -u "$work/log" | wc -l)" -F'[:;]' '{
      label=$1; sub(/^in-process /, "", label); split($2, t, " "); split($3, c, " ")
      printf "| %s | gomodlens engine, in-process | %s | %s (median) | %s | %s | %s |\n", row, label, t[2], c[3], (label ~ /^cold/ ? req : 0), (label ~ /^cold/ ? urls : 0) }' "$work/inproc"
  for run in cold warm; do
    : > "$work/log"; t0=$(date +%s%N)
    (cd "$work/mod" && /usr/bin/time -f '%U %S' -o "$work/cpu" env GOPROXY="$proxy" GOMODCACHE="$modcache" GOSUMDB=off GOFLAGS=-mod=mod GOTOOLCHAIN=local GOENV=off GOPATH="$work/gopath" \
      GOCACHE="$work/gocache" "$go" list -m -u -json $requires > "$work/go-$key-$run.json" 2> "$work/go-$key-$run.err") || true
    t1=$(date +%s%N)
    printf '| %s | go list -m -u -json | %s | %d | %s | %d | %d |\n' "$row" "$run" $(((t1-t0)/1000000)) "$(awk '{printf "%d", ($1+$2)*1000}' "$work/cpu")" "$(wc -l < "$work/log")" "$(sort -u "$work/log" | wc -l)"
  done
  kill $server; wait $server 2>/dev/null || true
done
done
unset SSL_CERT_FILE
echo "requires: $(cat "$work/count")"
if [ -n "${GOMODLENS_BENCH_OUT:-}" ]; then mkdir -p "$GOMODLENS_BENCH_OUT"; cp "$work"/gml-*.json "$work"/go-*.json "$GOMODLENS_BENCH_OUT"/; fi
# Agreement: updates go reports vs updates gomodlens reports (cold 20 ms runs).
for scheme in ${GOMODLENS_BENCH_SCHEMES:-http https}; do
for ours in "$work/gml-$scheme-20-cold.json" "$work/gml-$scheme-20-cold-aot.json"; do
[ -f "$ours" ] || continue
printf '%s%s: ' "$scheme" "$([[ $ours == *-aot.json ]] && echo ' (Native AOT)')"
python3 - "$work/go-$scheme-20-cold.json" "$ours" <<'PY'
import json, sys
dec, text, i, go = json.JSONDecoder(), open(sys.argv[1]).read(), 0, {}
while i < len(text):
    while i < len(text) and text[i].isspace(): i += 1
    if i >= len(text): break
    o, i = dec.raw_decode(text, i); go[o["Path"]] = (o.get("Update") or {}).get("Version")
ours = {m["path"]: m.get("update") for m in json.load(open(sys.argv[2]))["modules"]}
same = sum(1 for p in go if p in ours and ours[p] == go[p])
print(f"update agreement: {same}/{len(go)} modules")
PY
done
done
