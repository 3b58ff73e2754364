// Publishes the gomodlens server into client-vscode/server so `vsce package` bundles it.
//   node scripts/publish-server.js                      portable (RID-less, JIT-only): runs on any OS/CPU with .NET 10
//   node scripts/publish-server.js --rid <rid>          framework-dependent ReadyToRun for one runtime identifier
//   node scripts/publish-server.js --rid <rid> --native Native AOT: server/gomodlens[.exe], no .NET runtime needed
// The managed builds have no app host: the client starts `dotnet server/gomodlens.dll` (src/discovery.ts). The
// native build is started directly; its exec bit is set here and checked again by the client.
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { assertReadyToRunFor, inspectAssembly } = require('./readyToRun');
const { assertNativeExecutableFor } = require('./nativeImage');

const clientDir = path.join(__dirname, '..');
const repo = path.join(clientDir, '..');
const serverDir = path.join(clientDir, 'server');

// NuGet / SDK codes that mean "the packages a ReadyToRun publish for this RID needs cannot be restored here".
const missingPackHint = /\b(NU1101|NU1102|NETSDK1094|NETSDK1095|NETSDK1083)\b/;
// What a Native AOT publish says when this machine cannot build for the RID (no clang/zlib, or another OS).
const nativeToolchainHint = /\b(NETSDK1203|NETSDK1204)\b|Platform linker|Cross-OS native compilation|could not find.*(clang|zlib)|cannot find -lz/i;

/**
 * Publishes into server/ (replacing it). kind: 'portable' (rid undefined), 'readyToRun' or 'nativeAot'.
 * Throws with a clear message on failure.
 */
function publishServer(rid, kind = rid === undefined ? 'portable' : 'readyToRun') {
  if ((kind === 'portable') !== (rid === undefined)) throw new Error(`a ${kind} server ${rid === undefined ? 'needs' : 'takes no'} runtime identifier`);
  fs.rmSync(serverDir, { recursive: true, force: true });
  const args = ['publish', path.join(repo, 'src', 'GoModLens'), '-c', 'Release', '-o', serverDir, '-nologo'];
  if (kind === 'nativeAot') args.push('-r', rid, '-p:PublishAot=true');
  else {
    args.push('--no-self-contained', '-p:UseAppHost=false');
    if (kind === 'readyToRun') args.push('-r', rid, '-p:PublishReadyToRun=true');
  }
  console.log(`dotnet ${args.join(' ')}`);
  const r = spawnSync('dotnet', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_NOLOGO: '1' } });
  if (r.error) throw new Error(`cannot run dotnet: ${r.error.message}`);
  process.stdout.write(r.stdout);
  process.stderr.write(r.stderr);
  if (r.status !== 0) {
    const output = `${r.stdout}\n${r.stderr}`;
    if (kind === 'readyToRun' && missingPackHint.test(output)) {
      throw new Error(
        `ReadyToRun publish for ${rid} failed: the runtime pack / app host / crossgen2 packages for ${rid} cannot be restored ` +
          `from the configured NuGet sources (see the NU1101/NETSDK errors above). Build the universal VSIX (--universal) ` +
          `for this platform instead; it carries the portable JIT-only server.`,
      );
    }
    if (kind === 'nativeAot' && nativeToolchainHint.test(output)) {
      throw new Error(
        `Native AOT publish for ${rid} failed: it needs a ${rid} build machine with clang and zlib ` +
          `(Debian/Ubuntu: apt-get install clang zlib1g-dev; see the errors above).`,
      );
    }
    throw new Error(`dotnet publish${rid ? ` -r ${rid}` : ''} failed with exit code ${r.status}`);
  }
  // Symbols stay out of the VSIX (.vscodeignore's exclusion does not win over `!server/**` in vsce).
  for (const f of fs.readdirSync(serverDir)) if (f.endsWith('.pdb') || f.endsWith('.dbg')) fs.rmSync(path.join(serverDir, f));
  // Never ship a server whose kind differs from what the VSIX claims.
  if (kind === 'nativeAot') {
    const exe = path.join(serverDir, rid.startsWith('win-') ? 'gomodlens.exe' : 'gomodlens');
    if (!fs.existsSync(exe)) throw new Error(`dotnet publish did not produce ${exe}`);
    if (fs.existsSync(path.join(serverDir, 'gomodlens.dll'))) throw new Error(`${serverDir} holds gomodlens.dll next to the native server`);
    assertNativeExecutableFor(exe, rid);
    fs.chmodSync(exe, 0o755);
  } else {
    const dll = path.join(serverDir, 'gomodlens.dll');
    if (!fs.existsSync(dll)) throw new Error(`dotnet publish did not produce ${dll}`);
    if (kind === 'readyToRun') assertReadyToRunFor(dll, rid);
    else if (inspectAssembly(fs.readFileSync(dll)).readyToRun) throw new Error(`${dll} has ReadyToRun code but the portable build must be IL-only`);
  }
  console.log(`published the ${kind === 'portable' ? 'portable (IL-only)' : `${kind === 'nativeAot' ? 'Native AOT' : 'ReadyToRun'} ${rid}`} server into ${serverDir}`);
}

module.exports = { publishServer, serverDir };

if (require.main === module) {
  const argv = process.argv.slice(2);
  const i = argv.indexOf('--rid');
  const rid = i >= 0 ? argv[i + 1] : undefined;
  const native = argv.includes('--native');
  if ((i >= 0 && !rid) || argv.length !== (i >= 0 ? 2 : 0) + (native ? 1 : 0) || (native && !rid)) {
    console.error('usage: node scripts/publish-server.js [--rid <runtime identifier> [--native]]');
    process.exit(2);
  }
  try {
    publishServer(rid, native ? 'nativeAot' : undefined);
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
}
