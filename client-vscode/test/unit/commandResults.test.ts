import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { markdownResult, parseFastestMirror, previewMarkdown, serverCommandsToRegister, shownValue, workspaceGoproxyToStore } from '../../src/commandResults';

test('setGoproxyFastest result with a structured preview', () => {
  const m = parseFastestMirror({ value: 'https://goproxy.cn,direct', preview: { before: '', after: 'GOPROXY=https://goproxy.cn,direct\n', path: '/home/u/.config/go/env' } });
  assert.deepEqual(m, { value: 'https://goproxy.cn,direct', preview: { before: '', after: 'GOPROXY=https://goproxy.cn,direct\n', path: '/home/u/.config/go/env' } });
  const md = previewMarkdown(m!);
  assert.match(md, /go env -w GOPROXY=https:\/\/goproxy\.cn,direct/);
  assert.match(md, /File: `\/home\/u\/\.config\/go\/env`/);
  assert.match(md, /After:\n\n```\nGOPROXY=https:\/\/goproxy\.cn,direct\n\n```/);
});

test('setGoproxyFastest result with markdown preview or none; no value means no healthy mirror', () => {
  assert.deepEqual(parseFastestMirror({ value: 'x', preview: 'text' }), { value: 'x', previewText: 'text' });
  assert.deepEqual(parseFastestMirror({ value: 'x' }), { value: 'x' });
  assert.equal(parseFastestMirror({ value: '' }), undefined);
  assert.equal(parseFastestMirror(null), undefined);
  assert.equal(parseFastestMirror('x'), undefined);
  assert.match(previewMarkdown({ value: 'x', previewText: 'hello' }), /hello/);
});

test('markdown results as string or MarkupContent', () => {
  assert.equal(markdownResult('# r'), '# r');
  assert.equal(markdownResult({ kind: 'markdown', value: '# r' }), '# r');
  assert.equal(markdownResult(null), undefined);
  assert.equal(markdownResult(3), undefined);
});

test('server commands that the client owns are not auto-registered', () => {
  const owned = new Set(['gomodlens.checkNow', 'gomodlens.showMirrorReport']);
  assert.deepEqual(serverCommandsToRegister(['gomodlens.checkNow', 'gomodlens.addReplace', 'gomodlens.showMirrorReport', 'gomodlens.setGoproxy'], owned), [
    'gomodlens.addReplace',
    'gomodlens.setGoproxy',
  ]);
});

test('the "workspace setting" quick fix is stored by the client; nothing else is', () => {
  assert.equal(workspaceGoproxyToStore('gomodlens.setGoproxy', ['https://goproxy.cn,direct', 'workspace', true], 'https://goproxy.cn,direct'), 'https://goproxy.cn,direct');
  assert.equal(workspaceGoproxyToStore('gomodlens.setGoproxy', ['https://goproxy.cn,direct', 'workspace', true], null), 'https://goproxy.cn,direct');
  assert.equal(workspaceGoproxyToStore('gomodlens.setGoproxy', ['https://goproxy.cn,direct', 'goenv', false, true], { written: true }), undefined);
  assert.equal(workspaceGoproxyToStore('gomodlens.addGoPrivate', ['x', false, true], undefined), undefined);
});

test('a mirror with credentials is shown masked and written as is', () => {
  const m = parseFastestMirror({ value: 'https://TOKEN@corp.example/mod,direct', shown: 'https://xxxxx@corp.example/mod,direct', preview: { before: '', after: 'GOPROXY=https://xxxxx@corp.example/mod,direct\n', path: '/p' } })!;
  assert.equal(m.value, 'https://TOKEN@corp.example/mod,direct');
  assert.equal(shownValue(m), 'https://xxxxx@corp.example/mod,direct');
  assert.doesNotMatch(previewMarkdown(m), /TOKEN/);
});
