// Publishes the framework-dependent gomodlens server into client-vscode/server so `vsce package` bundles it.
//   node scripts/publish-server.js              portable (RID-less, JIT-only): runs on any OS/CPU with .NET 10
//   node scripts/publish-server.js --rid <rid>  ReadyToRun for one runtime identifier (faster start; see README)
// No app host either way: the client always starts `dotnet server/gomodlens.dll` (src/discovery.ts), and an app
// host would only add a platform binary whose exec bit a VSIX does not keep.
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { assertReadyToRunFor, inspectAssembly } = require('./readyToRun');

const clientDir = path.join(__dirname, '..');
const repo = path.join(clientDir, '..');
const serverDir = path.join(clientDir, 'server');

// NuGet / SDK codes that mean "the packages a ReadyToRun publish for this RID needs cannot be restored here".
const missingPackHint = /\b(NU1101|NU1102|NETSDK1094|NETSDK1095|NETSDK1083)\b/;

/** Publishes into server/ (replacing it). Throws with a clear message on failure. rid undefined: portable. */
function publishServer(rid) {
  fs.rmSync(serverDir, { recursive: true, force: true });
  const args = ['publish', path.join(repo, 'src', 'GoModLens'), '-c', 'Release', '--no-self-contained', '-p:UseAppHost=false', '-o', serverDir, '-nologo'];
  if (rid !== undefined) args.push('-r', rid, '-p:PublishReadyToRun=true');
  console.log(`dotnet ${args.join(' ')}`);
  const r = spawnSync('dotnet', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_NOLOGO: '1' } });
  if (r.error) throw new Error(`cannot run dotnet: ${r.error.message}`);
  process.stdout.write(r.stdout);
  process.stderr.write(r.stderr);
  if (r.status !== 0) {
    const output = `${r.stdout}\n${r.stderr}`;
    if (rid !== undefined && missingPackHint.test(output)) {
      throw new Error(
        `ReadyToRun publish for ${rid} failed: the runtime pack / app host / crossgen2 packages for ${rid} cannot be restored ` +
          `from the configured NuGet sources (see the NU1101/NETSDK errors above). Build the universal VSIX (--universal) ` +
          `for this platform instead; it carries the portable JIT-only server.`,
      );
    }
    throw new Error(`dotnet publish${rid ? ` -r ${rid}` : ''} failed with exit code ${r.status}`);
  }
  const dll = path.join(serverDir, 'gomodlens.dll');
  if (!fs.existsSync(dll)) throw new Error(`dotnet publish did not produce ${dll}`);
  // Symbols stay out of the VSIX (.vscodeignore's exclusion does not win over `!server/**` in vsce).
  for (const f of fs.readdirSync(serverDir)) if (f.endsWith('.pdb')) fs.rmSync(path.join(serverDir, f));
  // Never ship a server whose kind differs from what the VSIX claims.
  if (rid !== undefined) assertReadyToRunFor(dll, rid);
  else if (inspectAssembly(fs.readFileSync(dll)).readyToRun) throw new Error(`${dll} has ReadyToRun code but the portable build must be IL-only`);
  console.log(`published the ${rid ? `ReadyToRun ${rid}` : 'portable (IL-only)'} server into ${serverDir}`);
}

module.exports = { publishServer, serverDir };

if (require.main === module) {
  const argv = process.argv.slice(2);
  const i = argv.indexOf('--rid');
  const rid = i >= 0 ? argv[i + 1] : undefined;
  if ((i >= 0 && !rid) || argv.length !== (i >= 0 ? 2 : 0)) {
    console.error('usage: node scripts/publish-server.js [--rid <runtime identifier>]');
    process.exit(2);
  }
  try {
    publishServer(rid);
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
}
