// The VS Code platform targets a VSIX is built for (`vsce package --target`), the .NET runtime identifier the
// bundled server is published for, and how: linux-x64 gets a Native AOT server (one native executable: no .NET
// runtime needed, a third of the memory, ~11 ms to initialize; docs/benchmarks.md); the other targets get a
// framework-dependent ReadyToRun server, because Native AOT builds only on the OS it targets and these VSIXes are
// built on linux-x64. The universal VSIX (no target) carries the portable JIT-only server and is what VS Code
// installs on any other platform.
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

/** Targets whose server is compiled with Native AOT; the rest are ReadyToRun. */
const nativeAotTargets = Object.freeze(['linux-x64']);

function ridForTarget(target) {
  const rid = ridByTarget[target];
  if (!rid) throw new Error(`unknown VS Code target "${target}"; known: ${Object.keys(ridByTarget).join(', ')}`);
  return rid;
}

/** 'nativeAot' or 'readyToRun' for a target; 'portable' for the universal VSIX (target undefined). */
function serverKindForTarget(target) {
  if (target === undefined) return 'portable';
  ridForTarget(target);
  return nativeAotTargets.includes(target) ? 'nativeAot' : 'readyToRun';
}

/** The VSIX file name for a target (undefined: the universal VSIX). */
function vsixName(target) {
  return target === undefined ? 'gomodlens.vsix' : `gomodlens-${target}.vsix`;
}

module.exports = { ridByTarget, nativeAotTargets, ridForTarget, serverKindForTarget, vsixName };
