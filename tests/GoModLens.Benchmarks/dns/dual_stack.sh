#!/bin/bash
# A proxy host name with an IPv6 address that black-holes and an IPv4 address that answers (IPv6 configured, not
# routed): go's dialer falls back to IPv4 after 300 ms. Times `go mod download` and `gomodlens check` through it.
# Private mount and network namespaces (root): only loopback, /etc/hosts maps dual.test to ::1 then 127.0.0.1.
# Usage: dual_stack.sh <go> <gomodlens.dll>...
set -euo pipefail
go=$(realpath "$1"); shift
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '::1 dual.test\n127.0.0.1 dual.test\n' > "$work/hosts"
mkdir -p "$work/mod"
printf 'module example.com/app\n\ngo 1.21\n\nrequire example.com/fastjson v1.0.0\n' > "$work/mod/go.mod"

inner() {
  set -euo pipefail
  ip link set lo up
  mount --bind "$work/hosts" /etc/hosts
  port=18457
  python3 -m http.server --bind 127.0.0.1 --directory "$repo/samples/proxy" "$port" < /dev/null > /dev/null 2>&1 &
  python3 "$here/hang_listener.py" ::1 "$port" < /dev/null > /dev/null 2>&1 &
  sleep 0.5
  common=(env GOPROXY="http://dual.test:$port" GOSUMDB=off GOFLAGS= GOENV=off GOTOOLCHAIN=local HOME="$work/home")
  start=$(date +%s%N)
  out=$(cd "$work/mod" && "${common[@]}" GOMODCACHE="$work/modcache-$RANDOM" "$go" mod download -json example.com/fastjson@v1.0.0 2>&1 | grep -o '"Version": "[^"]*"\|"Error": "[^"]*"' | head -1 || true)
  echo "go mod download | $(( ($(date +%s%N) - start) / 1000000 )) ms | $out"
  for dll in "$@"; do
    start=$(date +%s%N)
    out=$("${common[@]}" XDG_CACHE_HOME="$work/cache-$RANDOM" dotnet "$dll" check "$work/mod/go.mod" --no-git 2>&1 | grep -E 'GML30|requirements resolved' | head -2 | tr '\n' ' ' || true)
    echo "$dll | $(( ($(date +%s%N) - start) / 1000000 )) ms | $out"
  done
  kill %1 %2
}
export -f inner
export work here repo go
unshare -mn bash -c 'inner "$@"' inner "$@"
