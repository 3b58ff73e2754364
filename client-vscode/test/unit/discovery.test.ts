import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DiscoveryHost, discoverServer, expandPath, hasNetCoreRuntime, searchPath } from '../../src/discovery';
import { nodeDiscoveryHost } from '../../src/nodeHost';

const runtimes10 = [
  'Microsoft.AspNetCore.App 10.0.12 [/usr/share/dotnet/shared/Microsoft.AspNetCore.App]',
  'Microsoft.NETCore.App 10.0.12 [/usr/share/dotnet/shared/Microsoft.NETCore.App]',
].join('\n');
const runtimes8 = 'Microsoft.NETCore.App 8.0.11 [/usr/share/dotnet/shared/Microsoft.NETCore.App]\n';

/** Files are 'file' or 'exe'; 'locked' is a file whose exec bit cannot be set (makeExecutable fails). */
function fakeHost(
  files: Record<string, 'file' | 'exe' | 'locked'>,
  opts: Partial<DiscoveryHost> & { runtimes?: string } = {},
): DiscoveryHost & { runs: string[]; chmods: string[] } {
  const runs: string[] = [];
  const chmods: string[] = [];
  return {
    platform: 'linux',
    env: { PATH: '/usr/local/bin:/usr/bin' },
    homeDir: '/home/u',
    isFile: (p) => p in files,
    isExecutable: (p) => files[p] === 'exe',
    makeExecutable: (p) => {
      chmods.push(p);
      if (files[p] !== 'file') return files[p] === 'exe';
      files[p] = 'exe';
      return true;
    },
    run: async (cmd, args) => {
      runs.push([cmd, ...args].join(' '));
      return opts.runtimes;
    },
    runs,
    chmods,
    ...opts,
  };
}

const ext = '/ext';
const bundled = '/ext/server/gomodlens.dll';

test('hasNetCoreRuntime requires Microsoft.NETCore.App 10, not just ASP.NET Core or another major', () => {
  assert.equal(hasNetCoreRuntime(runtimes10), true);
  assert.equal(hasNetCoreRuntime(runtimes8), false);
  assert.equal(hasNetCoreRuntime('Microsoft.AspNetCore.App 10.0.1 [/x]\n'), false);
  assert.equal(hasNetCoreRuntime('Microsoft.NETCore.App 100.0.1 [/x]\n'), false);
  assert.equal(hasNetCoreRuntime(''), false);
});

test('the setting wins over the bundled server and PATH, and gets the serve argument', async () => {
  const host = fakeHost({ '/opt/gml/gomodlens': 'exe', [bundled]: 'file', '/usr/bin/gomodlens': 'exe', '/usr/bin/dotnet': 'exe' }, { runtimes: runtimes10 });
  const r = await discoverServer({ settingPath: '/opt/gml/gomodlens', extensionPath: ext }, host);
  assert.ok(r.ok);
  assert.deepEqual([r.launch.command, r.launch.args, r.launch.source], ['/opt/gml/gomodlens', ['serve'], 'setting']);
  assert.equal(host.runs.length, 0, 'no runtime probe when the setting is used');
});

test('a setting pointing at a dll runs it through dotnet; ~ is expanded', async () => {
  const host = fakeHost({ '/home/u/gml/gomodlens.dll': 'file' });
  const r = await discoverServer({ settingPath: '~/gml/gomodlens.dll', extensionPath: ext }, host);
  assert.ok(r.ok);
  assert.deepEqual([r.launch.command, r.launch.args], ['dotnet', ['/home/u/gml/gomodlens.dll', 'serve']]);
});

test('a setting pointing at a missing file is an error, not a silent fallback to PATH', async () => {
  const host = fakeHost({ '/usr/bin/gomodlens': 'exe' });
  const r = await discoverServer({ settingPath: '/nope/gomodlens', extensionPath: ext }, host);
  assert.equal(r.ok, false);
  assert.ok(!r.ok && r.reason === 'settingNotFound' && r.message.includes('/nope/gomodlens'));
});

test('blank setting is ignored; the bundled server runs on dotnet when .NET 10 is present', async () => {
  const host = fakeHost({ [bundled]: 'file', '/usr/bin/dotnet': 'exe', '/usr/bin/gomodlens': 'exe' }, { runtimes: runtimes10 });
  const r = await discoverServer({ settingPath: '  ', extensionPath: ext }, host);
  assert.ok(r.ok);
  assert.deepEqual([r.launch.command, r.launch.args, r.launch.source], ['/usr/bin/dotnet', [bundled, 'serve'], 'bundled']);
  assert.deepEqual(host.runs, ['/usr/bin/dotnet --list-runtimes']);
});

const bundledNative = '/ext/server/gomodlens';

test('the bundled Native AOT server runs directly: no dotnet, no runtime probe', async () => {
  const host = fakeHost({ [bundledNative]: 'exe', '/usr/bin/dotnet': 'exe', '/usr/bin/gomodlens': 'exe' }, { runtimes: runtimes8 });
  const r = await discoverServer({ settingPath: null, extensionPath: ext }, host);
  assert.ok(r.ok);
  assert.deepEqual([r.launch.command, r.launch.args, r.launch.source], [bundledNative, ['serve'], 'bundled']);
  assert.match(r.launch.description, /^bundled server \(\/ext\/server\/gomodlens, Native AOT\)$/);
  assert.deepEqual(host.runs, []);
  assert.deepEqual(host.chmods, []);
});

test('a bundled native server unpacked without its exec bit gets it back and runs', async () => {
  const host = fakeHost({ [bundledNative]: 'file' });
  const r = await discoverServer({ settingPath: null, extensionPath: ext }, host);
  assert.ok(r.ok && r.launch.command === bundledNative && r.launch.source === 'bundled');
  assert.deepEqual(host.chmods, [bundledNative]);
});

test('a bundled native server that cannot be made executable is noted and skipped', async () => {
  const host = fakeHost({ [bundledNative]: 'locked', '/usr/bin/gomodlens': 'exe' });
  const r = await discoverServer({ settingPath: null, extensionPath: ext }, host);
  assert.ok(r.ok && r.launch.source === 'path' && r.launch.command === '/usr/bin/gomodlens');
  assert.ok(r.notes.some((n) => n.includes(bundledNative) && n.includes('not executable')));
});

test('on Windows the bundled native server is gomodlens.exe', async () => {
  const exe = path.join(ext, 'server', 'gomodlens.exe');
  const host = fakeHost({ [exe]: 'exe' }, { platform: 'win32', env: { Path: 'C:\\bin' } });
  const r = await discoverServer({ settingPath: null, extensionPath: ext }, host);
  assert.ok(r.ok && r.launch.command === exe && r.launch.source === 'bundled');
});

test('DOTNET_ROOT is preferred over PATH for the dotnet host', async () => {
  const host = fakeHost({ [bundled]: 'file', '/opt/dn/dotnet': 'exe', '/usr/bin/dotnet': 'exe' }, { runtimes: runtimes10, env: { PATH: '/usr/bin', DOTNET_ROOT: '/opt/dn' } });
  const r = await discoverServer({ settingPath: null, extensionPath: ext }, host);
  assert.ok(r.ok && r.launch.command === '/opt/dn/dotnet');
});

test('bundled server without .NET 10 falls back to gomodlens on PATH', async () => {
  const host = fakeHost({ [bundled]: 'file', '/usr/bin/dotnet': 'exe', '/usr/bin/gomodlens': 'exe' }, { runtimes: runtimes8 });
  const r = await discoverServer({ settingPath: undefined, extensionPath: ext }, host);
  assert.ok(r.ok);
  assert.deepEqual([r.launch.command, r.launch.source], ['/usr/bin/gomodlens', 'path']);
  assert.ok(r.notes.some((n) => n.includes('Microsoft.NETCore.App 10')));
});

test('bundled server, no runtime and nothing on PATH: says how to get .NET 10', async () => {
  const host = fakeHost({ [bundled]: 'file', '/usr/bin/dotnet': 'exe' }, { runtimes: runtimes8 });
  const r = await discoverServer({ settingPath: null, extensionPath: ext }, host);
  assert.ok(!r.ok);
  assert.equal(r.reason, 'noDotnetRuntime');
  assert.match(r.message, /\.NET 10 runtime/);
  assert.match(r.message, /dotnet-runtime-10\.0/);
  assert.match(r.message, /gomodlens\.server\.path/);
});

test('no dotnet at all is reported as such', async () => {
  const host = fakeHost({ [bundled]: 'file' });
  const r = await discoverServer({ settingPath: null, extensionPath: ext }, host);
  assert.ok(!r.ok && r.reason === 'noDotnetRuntime' && r.message.startsWith('No dotnet host was found'));
  assert.equal(host.runs.length, 0);
});

test('a non-executable gomodlens on PATH is skipped', async () => {
  const host = fakeHost({ '/usr/local/bin/gomodlens': 'file', '/usr/bin/gomodlens': 'exe' });
  const r = await discoverServer({ settingPath: null, extensionPath: ext }, host);
  assert.ok(r.ok && r.launch.command === '/usr/bin/gomodlens');
});

test('nothing anywhere: a clear not-found message', async () => {
  const r = await discoverServer({ settingPath: null, extensionPath: ext }, fakeHost({}));
  assert.ok(!r.ok && r.reason === 'notFound');
  assert.match(r.message, /gomodlens\.server\.path/);
  assert.match(r.message, /PATH/);
});

test('searchPath on Windows uses ; and PATHEXT', () => {
  const host = fakeHost({ 'C:\\tools\\gomodlens.exe': 'exe' }, { platform: 'win32', env: { Path: 'C:\\bin;C:\\tools', PATHEXT: '.COM;.EXE' } });
  assert.equal(searchPath('gomodlens', host), 'C:\\tools\\gomodlens.exe');
});

test('expandPath expands ${env:NAME} and ~', () => {
  const host = { env: { GML: '/srv/gml' }, homeDir: '/home/u' };
  assert.equal(expandPath('${env:GML}/gomodlens', host), '/srv/gml/gomodlens');
  assert.equal(expandPath('~/bin/gomodlens', host), '/home/u/bin/gomodlens');
  assert.equal(expandPath('/a~/b', host), '/a~/b');
});

test('nodeDiscoveryHost finds a real executable on a real PATH and runs a real command', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gml-disc-'));
  try {
    const exe = path.join(dir, 'gomodlens');
    fs.writeFileSync(exe, '#!/bin/sh\necho hi\n');
    fs.chmodSync(exe, 0o755);
    fs.writeFileSync(path.join(dir, 'dotnet'), 'not executable');
    const host = nodeDiscoveryHost({ PATH: dir });
    const r = await discoverServer({ settingPath: null, extensionPath: dir }, host);
    assert.ok(r.ok && r.launch.command === exe && r.launch.source === 'path');
    assert.equal(await host.run(exe, []), 'hi\n');
    assert.equal(await host.run(path.join(dir, 'missing'), []), undefined);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('nodeDiscoveryHost restores the exec bit of a real bundled native server and launches it', { skip: process.platform === 'win32' }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gml-disc-'));
  try {
    const exe = path.join(dir, 'server', 'gomodlens');
    fs.mkdirSync(path.dirname(exe));
    fs.writeFileSync(exe, '#!/bin/sh\necho native "$@"\n', { mode: 0o644 });
    const host = nodeDiscoveryHost({ PATH: '' });
    assert.equal(host.isExecutable(exe), false);
    const r = await discoverServer({ settingPath: null, extensionPath: dir }, host);
    assert.ok(r.ok && r.launch.command === exe && r.launch.source === 'bundled');
    assert.equal(fs.statSync(exe).mode & 0o111, 0o111);
    assert.equal(await host.run(exe, r.launch.args), 'native serve\n');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
