// The VS Code platform targets a VSIX is built for (`vsce package --target`) and the .NET runtime identifier the
// bundled server is published for. Each target gets a framework-dependent ReadyToRun server; the universal VSIX
// (no target) carries the portable JIT-only server and is what VS Code installs on any other platform.
'use strict';

const ridByTarget = Object.freeze({
  'linux-x64': 'linux-x64',
  'linux-arm64': 'linux-arm64',
  'darwin-x64': 'osx-x64',
  'darwin-arm64': 'osx-arm64',
  'win32-x64': 'win-x64',
  'win32-arm64': 'win-arm64',
  'alpine-x64': 'linux-musl-x64',
});

function ridForTarget(target) {
  const rid = ridByTarget[target];
  if (!rid) throw new Error(`unknown VS Code target "${target}"; known: ${Object.keys(ridByTarget).join(', ')}`);
  return rid;
}

/** The VSIX file name for a target (undefined: the universal VSIX). */
function vsixName(target) {
  return target === undefined ? 'gomodlens.vsix' : `gomodlens-${target}.vsix`;
}

module.exports = { ridByTarget, ridForTarget, vsixName };
