# Sourced by the vscode-* suites (not executable, so run-all.sh does not run it as a suite).
# Installs client-vscode's npm dependencies from its lockfile when they are missing or stale.
client_vscode_deps() {
  local dir="$1"
  if [ ! -f "$dir/node_modules/.package-lock.json" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}
