import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { configurationForSection, defaultServerSettings, needsRestart, readServerSettings } from '../../src/settings';

const reader = (values: Record<string, unknown>) => (key: string) => values[key];

test('defaults match docs/client-contract.md', () => {
  assert.deepEqual(readServerSettings(reader({})), {
    goproxy: null,
    goprivate: null,
    mirrors: { public: true, extra: [] },
    checkouts: { searchRoots: [] },
    timeouts: { totalMs: 10000, connectMs: 3000, firstByteMs: 5000 },
    concurrency: 256,
    network: { enabled: true },
    direct: { git: true },
    inlayHints: { enabled: true },
  });
  assert.deepEqual(readServerSettings(reader({})), defaultServerSettings);
});

test('every contract key is mapped, client-only keys are not sent', () => {
  const s = readServerSettings(
    reader({
      goproxy: 'https://goproxy.cn,direct',
      goprivate: '*.corp.example',
      'mirrors.public': false,
      'mirrors.extra': ['https://m1.example', 'https://m2.example'],
      'checkouts.searchRoots': ['/src'],
      'timeouts.totalMs': 2000,
      'timeouts.connectMs': 500,
      'timeouts.firstByteMs': 700,
      concurrency: 2,
      'network.enabled': false,
      'direct.git': false,
      'inlayHints.enabled': false,
      'server.path': '/x/gomodlens',
      'trace.server': 'verbose',
    }),
  );
  assert.deepEqual(s, {
    goproxy: 'https://goproxy.cn,direct',
    goprivate: '*.corp.example',
    mirrors: { public: false, extra: ['https://m1.example', 'https://m2.example'] },
    checkouts: { searchRoots: ['/src'] },
    timeouts: { totalMs: 2000, connectMs: 500, firstByteMs: 700 },
    concurrency: 2,
    network: { enabled: false },
    direct: { git: false },
    inlayHints: { enabled: false },
  });
  assert.ok(!('server' in s) && !('trace' in s));
});

test('blank strings mean unset; bad numbers and types fall back to defaults', () => {
  const s = readServerSettings(
    reader({ goproxy: '   ', goprivate: 42, mirrors: ['', ' https://m ', 3], 'timeouts.totalMs': 0, 'timeouts.connectMs': -5, 'timeouts.firstByteMs': Number.NaN, concurrency: 2.7, 'network.enabled': 'no', 'mirrors.public': 'no', 'direct.git': 'no' }),
  );
  assert.equal(s.goproxy, null);
  assert.equal(s.goprivate, null);
  assert.deepEqual(s.mirrors, { public: true, extra: ['https://m'] });
  assert.deepEqual(s.timeouts, defaultServerSettings.timeouts);
  assert.equal(s.concurrency, 2);
  assert.equal(s.network.enabled, true);
  assert.equal(s.direct.git, true);
});

test('workspace/configuration: whole section, dotted sub-sections, foreign sections', () => {
  const s = readServerSettings(reader({ 'timeouts.totalMs': 1234, goproxy: 'off' }));
  assert.deepEqual(configurationForSection('gomodlens', s), { handled: true, value: s });
  assert.deepEqual(configurationForSection('gomodlens.timeouts', s), { handled: true, value: s.timeouts });
  assert.deepEqual(configurationForSection('gomodlens.timeouts.totalMs', s), { handled: true, value: 1234 });
  assert.deepEqual(configurationForSection('gomodlens.goproxy', s), { handled: true, value: 'off' });
  assert.deepEqual(configurationForSection('gomodlens.nope.deeper', s), { handled: true, value: null });
  assert.deepEqual(configurationForSection('go', s), { handled: false });
  assert.deepEqual(configurationForSection('gomodlensx', s), { handled: false });
  assert.deepEqual(configurationForSection(undefined, s), { handled: false });
});

test('only a server.path change restarts the server', () => {
  assert.equal(needsRestart((k) => k === 'gomodlens.server.path'), true);
  assert.equal(needsRestart((k) => k === 'gomodlens.goproxy'), false);
});
