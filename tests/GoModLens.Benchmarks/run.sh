#!/usr/bin/env bash
# Parse throughput of GoModLens (BenchmarkDotNet) and of x/mod modfile.Parse (go-baseline) on the same corpus, in
# one run on one machine, then the GoModLens/x-mod ratio per measurement (> 1 means GoModLens is faster).
# Usage: tests/GoModLens.Benchmarks/run.sh   (env: GOMODLENS_GO, ROUNDS)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
corpus="$root/tests/testdata/corpus/gomod"
large="$(ls -S "$corpus"/kubernetes__kubernetes__go.mod*.mod | head -n 1)"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

echo "== machine"
date -u
echo "nproc: $(nproc)"
grep -m1 'model name' /proc/cpuinfo | sed 's/^model name[[:space:]]*: /cpu: /'
echo "dotnet: $(dotnet --version)"
GO="${GOMODLENS_GO:-$root/.tools/go/usr/lib/go-1.26/bin/go}"
[ -x "$GO" ] || GO="$(command -v go)"
echo "go: $(GOTOOLCHAIN=local "$GO" version)"
echo "corpus: $(ls "$corpus" | wc -l) files; largest: $(basename "$large") ($(stat -c %s "$large") bytes)"

echo "== x/mod modfile.Parse (go-baseline)"
GOMODLENS_GO="$GO" "$here/go-baseline/run.sh" "$corpus" "$large" | tee "$out/go.txt"

echo "== GoModLens ModFileParser.Parse (BenchmarkDotNet)"
GOMODLENS_BENCH_CORPUS="$corpus" GOMODLENS_BENCH_LARGE="$large" \
  dotnet run -c Release --project "$here" -- --filter '*' > "$out/dotnet.log" 2>&1 || { cat "$out/dotnet.log"; exit 1; }
grep -E '^\| (Method|ParseCorpus|ParseLargest)' "$out/dotnet.log" || true
grep -E '^GoModLens (corpus|largest)( cpu)?:' "$out/dotnet.log" | tee "$out/dotnet.txt"

echo "== ratio (GoModLens / x/mod, from this run)"
for what in "corpus" "largest" "corpus cpu" "largest cpu"; do
  ours="$(grep "^GoModLens $what:" "$out/dotnet.txt" | sed 's/.*: //' | awk '{print $1}')"
  theirs="$(grep "^x/mod $what:" "$out/go.txt" | sed 's/.*: //' | awk '{print $1}')"
  awk -v w="$what" -v a="$ours" -v b="$theirs" 'BEGIN { printf "%-12s GoModLens %7.2f MB/s, x/mod %7.2f MB/s, ratio %.2fx\n", w ":", a, b, a / b }'
done
