import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseStatus, presentStatus, shortGoproxy, GoModLensStatus } from '../../src/status';

const ok: GoModLensStatus = { goproxy: 'https://goproxy.cn,direct', source: 'go env (GOENV file)', health: 'ok', text: 'goproxy.cn ✓ 38 ms', resolving: false };

test('the server text is shown as is when idle', () => {
  const p = presentStatus(ok, 'running');
  assert.equal(p.text, 'goproxy.cn ✓ 38 ms');
  assert.equal(p.background, 'none');
  assert.match(p.tooltip, /`https:\/\/goproxy\.cn,direct`/);
  assert.match(p.tooltip, /Source: go env \\\(GOENV file\\\)/);
  assert.equal(p.accessibilityLabel, 'GOPROXY https://goproxy.cn,direct from go env (GOENV file), health ok');
});

test('failing health gets the error background and the server text', () => {
  const p = presentStatus({ ...ok, goproxy: 'https://proxy.golang.org,direct', source: 'default', health: 'failing', text: 'proxy.golang.org ✗ DNS' }, 'running');
  assert.equal(p.text, 'proxy.golang.org ✗ DNS');
  assert.equal(p.background, 'error');
  assert.equal(presentStatus({ ...ok, health: 'slow' }, 'running').background, 'warning');
});

test('resolving shows a spinner and progress', () => {
  assert.equal(presentStatus({ ...ok, resolving: true, done: 3, total: 10 }, 'running').text, '$(sync~spin) goproxy.cn ✓ 38 ms 3/10');
  assert.equal(presentStatus({ ...ok, resolving: true }, 'running').text, '$(sync~spin) goproxy.cn ✓ 38 ms');
  assert.match(presentStatus({ ...ok, resolving: true }, 'running').accessibilityLabel, /resolving$/);
});

test('empty server text falls back to the first proxy and a health mark', () => {
  assert.equal(presentStatus({ ...ok, text: '' }, 'running').text, 'goproxy.cn ✓');
  assert.equal(presentStatus({ ...ok, text: ' ', health: 'failing', goproxy: 'https://proxy.golang.org/|direct' }, 'running').text, 'proxy.golang.org ✗');
  assert.equal(presentStatus({ ...ok, text: '', health: 'unknown', goproxy: 'off' }, 'running').text, 'off ?');
});

test('server text cannot inject codicons', () => {
  assert.equal(presentStatus({ ...ok, text: '$(alert) x' }, 'running').text, '$\u200b(alert) x');
});

test('client states before any status', () => {
  assert.equal(presentStatus(undefined, 'starting').text, '$(sync~spin) GoModLens');
  assert.equal(presentStatus(ok, 'stopped').background, 'warning');
  assert.equal(presentStatus(undefined, 'notFound').background, 'error');
});

test('shortGoproxy', () => {
  assert.equal(shortGoproxy('https://goproxy.cn,direct'), 'goproxy.cn');
  assert.equal(shortGoproxy('direct'), 'direct');
  assert.equal(shortGoproxy('file:///srv/proxy'), 'file:///srv/proxy');
  assert.equal(shortGoproxy(''), 'GOPROXY unset');
});

test('parseStatus validates untrusted payloads', () => {
  assert.equal(parseStatus(null), undefined);
  assert.equal(parseStatus({ text: 'x' }), undefined);
  assert.deepEqual(parseStatus({ goproxy: 'off', health: 'weird', resolving: 'yes', done: -1, total: 4 }), {
    goproxy: 'off',
    source: '',
    health: 'unknown',
    text: '',
    resolving: false,
    total: 4,
  });
  assert.deepEqual(parseStatus({ ...ok }), ok);
});
