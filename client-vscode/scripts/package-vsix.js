// Builds the VSIXes: one per VS Code platform target with a server for that target's .NET RID (Native AOT for
// linux-x64, ReadyToRun for the others; scripts/targets.js) in dist/gomodlens-<target>.vsix, and the universal
// fallback with the portable JIT-only server (dist/gomodlens.vsix).
//   node scripts/package-vsix.js --target linux-x64[,darwin-arm64...]   platform-specific VSIX(es)
//   node scripts/package-vsix.js --universal                           the universal VSIX
//   node scripts/package-vsix.js --all                                 every target, then the universal VSIX
//   node scripts/package-vsix.js --no-server                           universal VSIX without a server (development)
// A target whose publish cannot restore its packages (or, for Native AOT, lacks clang/zlib) fails clearly; the
// others are still built, and the exit code is 1 (see README, "Packaging").
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { ridByTarget, ridForTarget, serverKindForTarget, vsixName } = require('./targets');
const { publishServer, serverDir } = require('./publish-server');

const clientDir = path.join(__dirname, '..');
const distDir = path.join(clientDir, 'dist');

/** Parses the command line into { targets, universal }; throws on anything it does not know. */
function parseArgs(argv) {
  const targets = [];
  let universal = false;
  let server = true;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--universal') universal = true;
    else if (a === '--no-server') { universal = true; server = false; }
    else if (a === '--all') { targets.push(...Object.keys(ridByTarget)); universal = true; }
    else if (a === '--target') {
      const value = argv[++i];
      if (!value) throw new Error('--target needs a value');
      for (const t of value.split(',')) { ridForTarget(t); targets.push(t); }
    } else throw new Error(`unknown argument ${a}`);
  }
  if (targets.length === 0 && !universal) throw new Error('nothing to build: give --target <t>, --universal, --all or --no-server');
  if (!server && targets.length > 0) throw new Error('--no-server builds only the universal VSIX; it cannot be combined with --target/--all');
  return { targets: [...new Set(targets)], universal, server };
}

function run(what, command, args) {
  const r = spawnSync(command, args, { cwd: clientDir, stdio: 'inherit' });
  if (r.error) throw new Error(`${what}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${what} failed with exit code ${r.status}`);
}

function vsce(target) {
  const out = path.join(distDir, vsixName(target));
  fs.rmSync(out, { force: true });
  const args = [require.resolve('@vscode/vsce/vsce', { paths: [clientDir] }), 'package', '--no-dependencies', '--out', out];
  if (target !== undefined) args.push('--target', target);
  run(`vsce package${target ? ` --target ${target}` : ''}`, process.execPath, args);
  return out;
}

function main(argv) {
  let plan;
  try {
    plan = parseArgs(argv);
  } catch (e) {
    console.error(`${e.message}\nusage: node scripts/package-vsix.js [--target <t>[,<t>...]] [--universal] [--all] | --no-server\ntargets: ${Object.keys(ridByTarget).join(', ')}`);
    return 2;
  }
  run('tsc', process.execPath, [require.resolve('typescript/bin/tsc', { paths: [clientDir] }), '-p', '.']);
  run('bundle', process.execPath, [path.join(__dirname, 'bundle.js'), '--minify']);
  const built = [];
  const failed = [];
  const jobs = [...plan.targets.map((t) => ({ target: t, rid: ridForTarget(t) })), ...(plan.universal ? [{ target: undefined, rid: undefined }] : [])];
  for (const { target, rid } of jobs) {
    const name = target ?? 'universal';
    const kind = serverKindForTarget(target);
    const label = kind === 'nativeAot' ? `Native AOT ${rid}` : kind === 'readyToRun' ? `ReadyToRun ${rid}` : 'portable server';
    console.log(`\n== ${name} (${plan.server ? label : 'no server'})`);
    try {
      if (plan.server) publishServer(rid, kind);
      else fs.rmSync(serverDir, { recursive: true, force: true }); // never ship a stale server from an earlier publish
      built.push(`${name}: ${vsce(target)}`);
    } catch (e) {
      console.error(e.message);
      failed.push(`${name}: ${e.message}`);
    }
  }
  console.log(`\nbuilt ${built.length} VSIX(es)${built.map((b) => `\n  ${b}`).join('')}`);
  if (failed.length > 0) console.error(`failed ${failed.length}${failed.map((f) => `\n  ${f}`).join('')}`);
  return failed.length === 0 ? 0 : 1;
}

module.exports = { parseArgs };

if (require.main === module) process.exit(main(process.argv.slice(2)));
