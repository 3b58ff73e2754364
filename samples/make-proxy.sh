#!/usr/bin/env bash
# Regenerates samples/proxy: a file:// GOPROXY tree (list/info/mod/@latest; no zips, check never needs them)
# that makes samples/basic/go.mod show one of each kind of finding. Run from anywhere.
set -euo pipefail
root="$(cd "$(dirname "$0")" && pwd)/proxy"
rm -rf "$root"; mkdir -p "$root"
# mod <escaped path> <module path> <version> <time> [extra go.mod lines...]
mod() {
  local esc=$1 path=$2 v=$3 t=$4; shift 4
  mkdir -p "$root/$esc/@v"
  printf '{"Version":"%s","Time":"%s"}\n' "$v" "$t" > "$root/$esc/@v/$v.info"
  { printf 'module %s\n\ngo 1.21\n' "$path"; for l in "$@"; do printf '%s\n' "$l"; done; } > "$root/$esc/@v/$v.mod"
  echo "$v" >> "$root/$esc/@v/list"
}
mod example.com/fastjson example.com/fastjson v1.0.0 2023-01-10T10:00:00Z
mod example.com/fastjson example.com/fastjson v1.1.0 2023-06-01T10:00:00Z
mod example.com/fastjson example.com/fastjson v1.2.0 2024-02-01T10:00:00Z
mod example.com/fastjson example.com/fastjson v1.3.0-rc.1 2024-05-01T10:00:00Z
mod example.com/logging example.com/logging v0.9.0 2023-03-01T10:00:00Z
mod example.com/logging example.com/logging v1.0.0 2023-04-01T10:00:00Z
mod example.com/logging example.com/logging v1.0.1 2023-04-08T10:00:00Z '' '// v1.0.0 corrupts rotated log files.' 'retract v1.0.0'
mod example.com/oldhttp example.com/oldhttp v1.4.0 2021-01-01T10:00:00Z
mod example.com/oldhttp example.com/oldhttp v1.5.0 2022-01-01T10:00:00Z
# deprecation lives in the latest version's go.mod
printf '// Deprecated: use example.com/fastjson/v2 or net/http instead.\nmodule example.com/oldhttp\n\ngo 1.21\n' > "$root/example.com/oldhttp/@v/v1.5.0.mod"
mod example.com/!azure/sdk example.com/Azure/sdk v1.0.0 2024-01-01T10:00:00Z
mod example.com/yaml example.com/yaml v2.0.0+incompatible 2020-01-01T10:00:00Z
mod example.com/yaml example.com/yaml v1.8.0 2020-01-01T10:00:00Z
# example.com/ghost exists, but not at the version the sample requires (v0.3.0): a 404 class finding.
mod example.com/ghost example.com/ghost v0.1.0 2022-01-01T10:00:00Z
echo "wrote $root"
