#!/usr/bin/env bash
# GOPRIVATE modules go fetches directly (docs/benchmarks.md, "Direct"): N git repositories on the vanity git host
# (tests/tools/githost), each tagged v1.0.0 and v1.1.0, required at v1.0.0. Side by side, alternating, cold:
# `gomodlens check` (per repository git ls-remote, then one shallow fetch of the required and the newest tag into a
# scratch repository) and `go list -mod=mod -m -u -json` of the same requires (go fetches each tag into its module
# cache). Prints wall ms per run.
# With "sums": a go.sum with every module's lines is written first (by go), and `gomodlens check` (which then also
# hashes the zip go would create from each tree, GML1510) runs beside `go mod download` (which fetches, zips and
# verifies each module), both cold.
# Usage: direct.sh <gomodlens executable> [modules=20] [runs=5] [list|sums]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"; repo="$(cd "$here/../../.." && pwd)"
cli="${1:?gomodlens executable}"; n="${2:-20}"; runs="${3:-5}"; what="${4:-list}"
go="${GOMODLENS_GO:-$repo/.tools/go/usr/lib/go-1.26/bin/go}"
work="$(mktemp -d)"; trap 'kill ${server:-0} 2>/dev/null || true; rm -rf "$work"' EXIT
mkdir -p "$work/repos" "$work/mod"
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME=b GIT_AUTHOR_EMAIL=b@example.test GIT_COMMITTER_NAME=b GIT_COMMITTER_EMAIL=b@example.test
requires=""; paths=""
for i in $(seq 1 "$n"); do
  w="$work/w$i"; git init -q -b main "$w"
  printf 'module example.test/lib%s\n\ngo 1.21\n' "$i" > "$w/go.mod"; printf 'package lib\n' > "$w/lib.go"
  git -C "$w" add -A; git -C "$w" commit -qm one; git -C "$w" tag v1.0.0
  git -C "$w" commit -q --allow-empty -m two; git -C "$w" tag v1.1.0
  git clone -q --bare "$w" "$work/repos/lib$i.git"
  requires="$requires	example.test/lib$i v1.0.0
"; paths="$paths example.test/lib$i@v1.0.0"
done
printf 'module example.com/bench\n\ngo 1.21\n\nrequire (\n%s)\n' "$requires" > "$work/mod/go.mod"
python3 "$repo/tests/tools/githost/vanity_git_host.py" 0 "$work/repos" "$work/requests.log" > "$work/port" & server=$!
while [ ! -s "$work/port" ]; do sleep 0.05; done
proxy="http://127.0.0.1:$(head -1 "$work/port")"
common=(HOME="$work/home" GOENV=off GOPROXY=direct GOPRIVATE=example.test GOINSECURE=example.test GOSUMDB=off GOFLAGS=-mod=mod
  HTTP_PROXY="$proxy" HTTPS_PROXY="$proxy" http_proxy="$proxy" https_proxy="$proxy" GOTOOLCHAIN=local PATH="$PATH")
ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
if [ "$what" = sums ]; then
  (cd "$work/mod" && env -i "${common[@]}" GOPATH="$work/seed" GOCACHE="$work/gocache" GOMODCACHE="$work/seed/pkg/mod" "$go" mod download $paths)
  chmod -R u+w "$work/seed"; rm -rf "$work/seed"
  echo "go.sum: $(grep -vc '/go.mod' "$work/mod/go.sum") module lines, $(grep -c '/go.mod' "$work/mod/go.sum") /go.mod lines"
fi
for r in $(seq "$runs"); do
  rm -rf "$work/cache" "$work/gopath"; : > "$work/requests.log"
  t=$(date +%s%N); env -i "${common[@]}" XDG_CACHE_HOME="$work/cache" GOMODCACHE="$work/gopath/pkg/mod" "$cli" check "$work/mod/go.mod" --format json > "$work/out.json" || true
  g=$(ms "$t"); gr=$(wc -l < "$work/requests.log")
  found=$(grep -c '"code": *"GML2009"' "$work/out.json" || true)
  mismatches=$(grep -c '"code": *"GML15' "$work/out.json" || true)
  chmod -R u+w "$work/gopath" 2>/dev/null || true; rm -rf "$work/gopath"; : > "$work/requests.log"
  t=$(date +%s%N)
  if [ "$what" = sums ]; then
    (cd "$work/mod" && env -i "${common[@]}" GOPATH="$work/gopath" GOCACHE="$work/gocache" GOMODCACHE="$work/gopath/pkg/mod" "$go" mod download $paths > "$work/go.json")
    gocmd="go mod download"
  else
    (cd "$work/mod" && env -i "${common[@]}" GOPATH="$work/gopath" GOCACHE="$work/gocache" GOMODCACHE="$work/gopath/pkg/mod" "$go" list -mod=mod -m -u -json $paths > "$work/go.json")
    gocmd="go list -m -u"
  fi
  o=$(ms "$t"); orq=$(wc -l < "$work/requests.log")
  echo "run $r: gomodlens check ${g} ms (${gr} requests, ${found} upgrades found, ${mismatches} go.sum findings); $gocmd ${o} ms (${orq} requests)"
done
