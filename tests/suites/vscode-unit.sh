#!/usr/bin/env bash
# Unit tests of the VS Code client's own logic (server discovery, settings mapping, status text, command results):
# node's built-in test runner on the TypeScript compiled by tsc. Writes "<passed> <failed>" to $GML_RESULTS/vscode-unit.counts.
set -uo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
results="${GML_RESULTS:-$repo/test-results}"; mkdir -p "$results"
counts="$results/vscode-unit.counts"
echo "0 1" > "$counts"   # until proven otherwise
source "$repo/tests/suites/lib-client-vscode.sh"
client="$repo/client-vscode"

client_vscode_deps "$client" || { echo "npm ci failed"; exit 1; }
(cd "$client" && npx --no-install tsc -p .) || { echo "tsc failed"; exit 1; }
log="$results/vscode-unit.tap"
(cd "$client" && node --test --test-reporter=tap out/test/unit/) > "$log" 2>&1; rc=$?
cat "$log"
pass=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$log" | tail -1)
fail=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$log" | tail -1)
if [ -z "$pass" ] || [ -z "$fail" ]; then pass=0; fail=1; fi
[ "$rc" -ne 0 ] && [ "$fail" -eq 0 ] && fail=1   # the runner failed without counting a failure
echo "$pass $fail" > "$counts"
[ "$fail" -eq 0 ]
