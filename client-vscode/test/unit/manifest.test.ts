// Keeps package.json (what VS Code shows and sends) in step with docs/client-contract.md and the settings mapping.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { clientOnlySettingKeys, defaultServerSettings } from '../../src/settings';
import { documentSelector, goFileLanguages } from '../../src/documents';

const clientDir = path.resolve(__dirname, '..', '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(clientDir, 'package.json'), 'utf8'));
const contract = fs.readFileSync(path.join(clientDir, '..', 'docs', 'client-contract.md'), 'utf8');

function contractSettings(): Map<string, unknown> {
  const section = contract.split('## Settings')[1].split('## Commands')[0];
  const rows = new Map<string, unknown>();
  for (const line of section.split('\n')) {
    // Escaped pipes (\|) inside a cell are not column separators.
    const m = /^\| `([^`]+)` \|[^|]*\| ([^|]+) \|/.exec(line.replace(/\\\|/g, ' or '));
    if (m) rows.set(m[1], JSON.parse(m[2].trim()));
  }
  return rows;
}

function flatten(obj: Record<string, unknown>, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [k, v] of Object.entries(obj)) {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) for (const [fk, fv] of flatten(v as Record<string, unknown>, `${prefix}${k}.`)) out.set(fk, fv);
    else out.set(prefix + k, v);
  }
  return out;
}

test('every contract setting is contributed with the contract default and a description', () => {
  const settings = contractSettings();
  assert.ok(settings.size >= 11, `parsed ${settings.size} settings from the contract`);
  const props = manifest.contributes.configuration.properties;
  for (const [key, def] of settings) {
    const prop = props[`gomodlens.${key}`];
    assert.ok(prop, `gomodlens.${key} is contributed`);
    assert.deepEqual(prop.default, def, `default of gomodlens.${key}`);
    assert.ok((prop.description ?? prop.markdownDescription ?? '').length > 20, `gomodlens.${key} has a description`);
  }
  assert.deepEqual(Object.keys(props).sort(), [...settings.keys()].map((k) => `gomodlens.${k}`).sort(), 'no settings beyond the contract');
});

test('the server gets exactly the contract settings that are not client-only, with the same defaults', () => {
  const settings = contractSettings();
  for (const k of clientOnlySettingKeys) settings.delete(k);
  assert.deepEqual(flatten(defaultServerSettings as unknown as Record<string, unknown>), settings);
});

test('activation, languages and commands', () => {
  assert.deepEqual(manifest.activationEvents.sort(), ['onLanguage:go.mod', 'onLanguage:go.sum', 'onLanguage:go.work', 'workspaceContains:**/go.mod']);
  assert.deepEqual(manifest.contributes.languages.map((l: { id: string; filenames: string[] }) => [l.id, l.filenames]), [
    ['go.mod', ['go.mod']],
    ['go.sum', ['go.sum', 'go.work.sum']],
    ['go.work', ['go.work']],
  ]);
  const commands = manifest.contributes.commands.map((c: { command: string }) => c.command).sort();
  assert.deepEqual(commands, ['gomodlens.checkNow', 'gomodlens.clearCache', 'gomodlens.restartServer', 'gomodlens.setGoproxyFastest', 'gomodlens.showEnvironment', 'gomodlens.showMirrorReport']);
  for (const c of commands.filter((c: string) => c !== 'gomodlens.restartServer')) assert.ok(contract.includes('`' + c + '`'), `${c} is a contract command`);
  assert.match(manifest.engines.vscode, /^\^1\.(\d+)\./);
  assert.ok(Number(/^\^1\.(\d+)\./.exec(manifest.engines.vscode)![1]) <= 100, 'engines.vscode accepts code-server 4.100.3 (VS Code 1.100)');
});

test('the client sends go.mod, go.sum and go.work documents: by language id and by file name, as package.json contributes them', () => {
  type Language = { id: string; filenames: string[]; configuration?: string };
  const languages: Language[] = manifest.contributes.languages;
  assert.deepEqual(goFileLanguages.map((l) => [l.id, l.filenames]), languages.map((l) => [l.id, l.filenames]));
  assert.deepEqual(documentSelector(), [
    { language: 'go.mod' },
    { language: 'go.sum' },
    { language: 'go.work' },
    { scheme: 'file', pattern: '**/go.mod' },
    { scheme: 'file', pattern: '**/go.sum' },
    { scheme: 'file', pattern: '**/go.work.sum' },
    { scheme: 'file', pattern: '**/go.work' },
  ]);
  // go.work has go.mod's syntax (// comments, parenthesized blocks, quoted strings), so the same brackets and comments.
  const config = (id: string) => languages.find((l) => l.id === id)?.configuration;
  assert.equal(config('go.work'), config('go.mod'));
  assert.ok(config('go.work'));
  for (const l of languages) assert.ok(manifest.activationEvents.includes(`onLanguage:${l.id}`), `activates on ${l.id}`);
});
