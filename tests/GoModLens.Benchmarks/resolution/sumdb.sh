#!/usr/bin/env bash
# The checksum database's cost (docs/benchmarks.md, "Checksum database"): N public modules on a file:// proxy, a real
# x/mod checksum database on loopback (tests/GoModLens.TestUtilities/SumDb/sumdb-server, built here from the x/mod
# vendored in go), side by side, alternating, cold (fresh module cache, GOPATH and gomodlens cache each run):
#   sums    go.sum complete (written by go): `gomodlens check` reads the database's record of every module line
#           (GML1510) vs. `go mod download`, which downloads every zip and checks it against go.sum (a fresh CI);
#           and `gomodlens check` with GOSUMDB=off (no database) for the difference.
#   nosum   no go.sum: `gomodlens check` looks up every go.mod go must verify (GML3015/GML3017) vs. `go mod download`
#           of the same versions (go looks each one up and verifies it).
# Prints wall ms per run and the database's request count per tool.
# Usage: sumdb.sh <gomodlens executable> [modules=200] [runs=5]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"; repo="$(cd "$here/../../.." && pwd)"
cli="${1:?gomodlens executable}"; n="${2:-200}"; runs="${3:-5}"
go="${GOMODLENS_GO:-$repo/.tools/go/usr/lib/go-1.26/bin/go}"
work="$(mktemp -d)"; trap 'kill ${server:-0} 2>/dev/null || true; chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT

# The database server, built against go's vendored x/mod (offline).
goroot="$("$go" env GOROOT)"; mkdir -p "$work/xmod"
cp -r "$goroot/src/cmd/vendor/golang.org/x/mod/." "$work/xmod/"
printf 'module golang.org/x/mod\n\ngo 1.23\n' > "$work/xmod/go.mod"
mkdir -p "$work/xmod/cmd/sumdb-server"; cp "$repo/tests/GoModLens.TestUtilities/SumDb/sumdb-server/main.go" "$work/xmod/cmd/sumdb-server/"
(cd "$work/xmod" && GOFLAGS=-mod=mod GOTOOLCHAIN=local "$go" build -o "$work/sumdb-server" ./cmd/sumdb-server)

# N modules, each v1.0.0 with a .zip, on a file:// proxy.
python3 - "$work/tree" "$n" <<'EOF'
import json, os, sys, zipfile
root, n = sys.argv[1], int(sys.argv[2])
for i in range(1, n + 1):
    path = f"example.com/m{i}"; d = os.path.join(root, path, "@v"); os.makedirs(d, exist_ok=True)
    mod = f"module {path}\n\ngo 1.21\n"
    open(os.path.join(d, "list"), "w").write("v1.0.0\n")
    json.dump({"Version": "v1.0.0", "Time": "2024-01-01T00:00:00Z"}, open(os.path.join(d, "v1.0.0.info"), "w"))
    open(os.path.join(d, "v1.0.0.mod"), "w").write(mod)
    with zipfile.ZipFile(os.path.join(d, "v1.0.0.zip"), "w") as z:
        z.writestr(f"{path}@v1.0.0/go.mod", mod)
        z.writestr(f"{path}@v1.0.0/m.go", f"package m{i}\n")
EOF
mkdir -p "$work/mod"
{ printf 'module example.com/bench\n\ngo 1.21\n\nrequire (\n'; for i in $(seq 1 "$n"); do printf '\texample.com/m%s v1.0.0\n' "$i"; done; printf ')\n'; } > "$work/mod/go.mod"
paths="$(for i in $(seq 1 "$n"); do printf 'example.com/m%s@v1.0.0 ' "$i"; done)"

"$work/sumdb-server" -tree "$work/tree" -exit-on-eof=false > "$work/server.log" 2>&1 < /dev/null & server=$!
while ! grep -q '^url ' "$work/server.log" 2>/dev/null; do sleep 0.05; done
vkey="$(sed -n 's/^vkey //p' "$work/server.log")"; url="$(sed -n 's/^url //p' "$work/server.log")"
gets() { grep -c '^GET ' "$work/server.log" || true; }
common=(HOME="$work/home" GOENV=off GOPROXY="file://$work/tree" GONOSUMDB= GOPRIVATE= GOFLAGS=-mod=mod GOTOOLCHAIN=local PATH="$PATH")
ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
fresh() { chmod -R u+w "$work/run" 2>/dev/null || true; rm -rf "$work/run"; mkdir -p "$work/run/cache"; }

# go writes the go.sum (and the database's log gets every record, so later runs find a full tree).
(cd "$work/mod" && env -i "${common[@]}" GOSUMDB="$vkey $url" GOPATH="$work/seed" GOCACHE="$work/gocache" GOMODCACHE="$work/seed/pkg/mod" "$go" mod download $paths)
chmod -R u+w "$work/seed"; rm -rf "$work/seed"; cp "$work/mod/go.sum" "$work/go.sum.full"
echo "go.sum: $(grep -vc '/go.mod' "$work/go.sum.full") module lines, $(grep -c '/go.mod' "$work/go.sum.full") /go.mod lines; database $url"

run_check() { # $1 = GOSUMDB
  fresh; local before t; before=$(gets); t=$(date +%s%N)
  (cd "$work/mod" && env -i "${common[@]}" GOSUMDB="$1" GOPATH="$work/run/gopath" GOMODCACHE="$work/run/gopath/pkg/mod" XDG_CACHE_HOME="$work/run/cache" \
    "$cli" check go.mod --format json > "$work/out.json" 2>/dev/null) || true
  echo "$(ms "$t") ms, $(( $(gets) - before )) database requests, $(python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(len([f for f in d['findings'] if f['code'] in ('GML1510','GML3015','GML3017')]))" "$work/out.json") GML1510/3015/3017"
}
run_go() {
  fresh; local before t rc=0; before=$(gets); t=$(date +%s%N)
  (cd "$work/mod" && env -i "${common[@]}" GOSUMDB="$vkey $url" GOPATH="$work/run/gopath" GOCACHE="$work/gocache" GOMODCACHE="$work/run/gopath/pkg/mod" \
    "$go" mod download $paths > "$work/go.out" 2>&1) || rc=$?
  echo "$(ms "$t") ms, $(( $(gets) - before )) database requests, exit $rc"
}

for mode in sums nosum; do
  if [ "$mode" = sums ]; then cp "$work/go.sum.full" "$work/mod/go.sum"; else rm -f "$work/mod/go.sum"; fi
  for r in $(seq "$runs"); do
    echo "$mode run $r: gomodlens check: $(run_check "$vkey $url")"
    [ "$mode" = sums ] && echo "$mode run $r: gomodlens check, GOSUMDB=off: $(run_check off)"
    echo "$mode run $r: go mod download: $(run_go)"
    [ "$mode" = nosum ] && rm -f "$work/mod/go.sum" # go wrote it
  done
done
