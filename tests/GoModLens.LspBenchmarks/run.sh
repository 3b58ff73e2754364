#!/usr/bin/env bash
# Language server benchmarks on the real `gomodlens serve` process (see docs/benchmarks.md, "Language server").
# Usage: tests/GoModLens.LspBenchmarks/run.sh [--only cold,typing,hover,memory,flood] [--memory-repeats 3] [--flood-edits 10000] [--edits 501] [--markdown out.md] ...
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build src/GoModLens -c Release -v quiet -nologo
dotnet build tests/GoModLens.LspBenchmarks -c Release -v quiet -nologo
work="$(mktemp -d -t gomodlens-lspbench.XXXXXX)"
trap 'rm -rf "$work"' EXIT
dotnet artifacts/bin/GoModLens.LspBenchmarks/release/GoModLens.LspBenchmarks.dll \
  --server "$root/artifacts/bin/GoModLens/release/gomodlens" --work "$work" "$@"
echo "server stderr log was: $work/server-stderr.log (removed on exit; pass --work to keep one)"
