// Publishes the framework-dependent gomodlens server into client-vscode/server so `vsce package` bundles it.
// Usage: node scripts/publish-server.js   (run by `npm run package:with-server`)
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const clientDir = path.join(__dirname, '..');
const repo = path.join(clientDir, '..');
const out = path.join(clientDir, 'server');
fs.rmSync(out, { recursive: true, force: true });
const args = ['publish', path.join(repo, 'src', 'GoModLens'), '-c', 'Release', '--no-self-contained', '-o', out, '-nologo'];
console.log(`dotnet ${args.join(' ')}`);
const r = spawnSync('dotnet', args, { stdio: 'inherit', env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_NOLOGO: '1' } });
if (r.error) {
  console.error(`cannot run dotnet: ${r.error.message}`);
  process.exit(1);
}
if (r.status !== 0) process.exit(r.status ?? 1);
// The client starts <ext>/server/gomodlens.dll through the dotnet host (see src/discovery.ts).
if (!fs.existsSync(path.join(out, 'gomodlens.dll'))) {
  console.error(`dotnet publish did not produce ${path.join(out, 'gomodlens.dll')}`);
  process.exit(1);
}
console.log(`published the server into ${out}`);
