#!/bin/bash
# gomodlens check of a go.mod whose GOPROXY (the default, proxy.golang.org) does not resolve, behind a resolver that
# drops queries beyond $LIMIT (default 8) per 100 ms: what a check costs when the proxy is unreachable by name, and how many DNS
# queries it makes. Runs in private mount and network namespaces (root): only loopback exists, /etc/resolv.conf
# names the dropping resolver, and nothing reaches the internet.
# Usage: run.sh <go.mod> <gomodlens.dll>... (e.g. two builds side by side; each is run $RUNS times, alternating)
set -euo pipefail
mod=$(realpath "$1"); shift
runs=${RUNS:-3}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "nameserver 127.0.0.1" > "$work/resolv.conf"

inner() {
  set -euo pipefail
  ip link set lo up
  mount --bind "$work/resolv.conf" /etc/resolv.conf
  python3 "$here/burst_dns.py" 127.0.0.1 53 "${LIMIT:-8}" 100 "$work/stats" < /dev/null > /dev/null 2>&1 & dns=$!
  echo "received 0 dropped 0" > "$work/stats"
  sleep 0.3
  for run in $(seq 1 "$runs"); do
    for dll in "$@"; do
      read -r _ r0 _ d0 < "$work/stats"
      start=$(date +%s%N)
      summary=$(env -u GOPROXY -u GOSUMDB GOENV=off GOFLAGS= GOPRIVATE= HOME="$work/home" XDG_CACHE_HOME="$work/cache-$run-$RANDOM" \
        dotnet "$dll" check "$mod" 2>&1 | tee "$work/out" | tail -1 || true)
      wall=$(( ($(date +%s%N) - start) / 1000000 ))
      codes=$(grep -o 'error GML[0-9]*' "$work/out" | sort | uniq -c | awk '{printf "%s×%s ", $3, $1}')
      read -r _ r1 _ d1 < "$work/stats"
      printf '%s | run %s | %s ms | %s DNS queries, %s dropped | %s| %s\n' "$dll" "$run" "$wall" $((r1 - r0)) $((d1 - d0)) "$codes" "$summary"
    done
  done
  kill $dns
}
export -f inner
export work here runs mod LIMIT
unshare -mn bash ${TRACE:+-x} -c 'inner "$@"' inner "$@"
