#!/usr/bin/env bash
# Builds and runs the x/mod modfile.Parse baseline (main.go) against the x/mod copy vendored in the installed go.
# Nothing from x/mod is committed: it is copied into a temp dir with its own go.mod and used through a replace.
# Usage: run.sh [corpus-dir] [large-file]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
GO="${GOMODLENS_GO:-$root/.tools/go/usr/lib/go-1.26/bin/go}"
[ -x "$GO" ] || GO="$(command -v go)"
corpus="${1:-$root/tests/testdata/corpus/gomod}"
large="${2:-$(ls -S "$corpus"/kubernetes__kubernetes__go.mod*.mod | head -n 1)}"

export GOTOOLCHAIN=local GOFLAGS=-mod=mod GOPROXY=off GOSUMDB=off GOWORK=off GOTELEMETRY=off
goroot="$("$GO" env GOROOT)"
xmod="$goroot/src/cmd/vendor/golang.org/x/mod"
[ -d "$xmod/modfile" ] || { echo "vendored x/mod not found under $goroot" >&2; exit 1; }

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/xmod" "$tmp/bench"
cp -R "$xmod/." "$tmp/xmod/"
printf 'module golang.org/x/mod\n\ngo 1.23\n' > "$tmp/xmod/go.mod"
cp "$here/main.go" "$tmp/bench/main.go"
printf 'module gomodlens.invalid/baseline\n\ngo 1.23\n\nrequire golang.org/x/mod v0.0.0\n\nreplace golang.org/x/mod => ../xmod\n' > "$tmp/bench/go.mod"
(cd "$tmp/bench" && "$GO" build -o "$tmp/baseline" .)
"$tmp/baseline" -corpus "$corpus" -large "$large" -rounds "${ROUNDS:-5}"
