#!/usr/bin/env bash
# Language server benchmarks on the real `gomodlens serve` process (see docs/benchmarks.md, "Language server").
# Usage: [GOMODLENS_LSPBENCH_SERVER=aot] tests/GoModLens.LspBenchmarks/run.sh [--only cold,typing,hover,memory,flood] [--workspace 30] [--vendor 1] [--memory-repeats 3] [--flood-edits 10000] [--edits 501] [--markdown out.md] ...
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build src/GoModLens -c Release -v quiet -nologo
dotnet build tests/GoModLens.LspBenchmarks -c Release -v quiet -nologo
work="$(mktemp -d -t gomodlens-lspbench.XXXXXX)"
trap 'rm -rf "$work"' EXIT
# GOMODLENS_LSPBENCH_SERVER=aot measures the Native AOT build (what the linux-x64 VSIX ships) instead of the JIT build.
server="$root/artifacts/bin/GoModLens/release/gomodlens"
if [ "${GOMODLENS_LSPBENCH_SERVER:-jit}" = aot ]; then
  rid="$(dotnet --info | awk '/^ *RID:/{print $2; exit}')"
  dotnet publish src/GoModLens -c Release -r "$rid" -p:PublishAot=true -o "$work/aot" -v quiet -nologo
  server="$work/aot/gomodlens"
fi
dotnet artifacts/bin/GoModLens.LspBenchmarks/release/GoModLens.LspBenchmarks.dll \
  --server "$server" --work "$work" "$@"
echo "server stderr log was: $work/server-stderr.log (removed on exit; pass --work to keep one)"
