#!/usr/bin/env bash
# Installs the test oracle, Go 1.26 from Debian trixie-backports, into <repo>/.tools/go without touching the
# system's apt configuration (the .debs are fetched with a private sources list and unpacked with dpkg -x).
# Idempotent: does nothing when .tools/go already holds a working go1.26.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
dest="$repo/.tools/go"
gobin="$dest/usr/lib/go-1.26/bin/go"
if [ -x "$gobin" ] && GOTOOLCHAIN=local "$gobin" version 2>/dev/null | grep -q 'go1\.26'; then
  echo "go oracle: $(GOTOOLCHAIN=local "$gobin" version)"; exit 0
fi
a="$repo/.tools/apt"
mkdir -p "$a"/{parts,lists/partial,cache/archives/partial}
src=/etc/apt/sources.list.d/debian.sources
if [ -f "$src" ]; then
  awk 'BEGIN{RS="";ORS="\n\n"} NR==1' "$src" | sed 's/^Suites:.*/Suites: trixie-backports/' > "$a/parts/bpo.sources"
else
  printf 'Types: deb\nURIs: http://deb.debian.org/debian\nSuites: trixie-backports\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' > "$a/parts/bpo.sources"
fi
O=(-o Dir::Etc::sourcelist=/dev/null -o Dir::Etc::sourceparts="$a/parts" -o Dir::State::Lists="$a/lists" -o Dir::Cache="$a/cache")
apt-get "${O[@]}" -qq update
(cd "$a" && apt-get "${O[@]}" -qq download golang-1.26-go golang-1.26-src 2>&1 | grep -v 'unsandboxed' || true)
for d in "$a"/golang-1.26*.deb; do dpkg -x "$d" "$dest"; done
rm -rf "$a"
GOTOOLCHAIN=local "$gobin" version
