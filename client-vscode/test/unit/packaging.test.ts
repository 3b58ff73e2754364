// Packaging logic (scripts/): VS Code target → .NET RID, the package-vsix command line, and the PE reader that
// refuses to ship a JIT-only server in a platform-specific VSIX. PE images are built byte by byte here.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const scripts = path.resolve(__dirname, '..', '..', '..', 'scripts');
const targets = require(path.join(scripts, 'targets.js'));
const r2r = require(path.join(scripts, 'readyToRun.js'));
const nativeImage = require(path.join(scripts, 'nativeImage.js'));
const packageVsix = require(path.join(scripts, 'package-vsix.js'));

test('every VS Code platform target maps to its .NET runtime identifier', () => {
  assert.deepEqual(targets.ridByTarget, {
    'linux-x64': 'linux-x64',
    'linux-arm64': 'linux-arm64',
    'darwin-x64': 'osx-x64',
    'darwin-arm64': 'osx-arm64',
    'win32-x64': 'win-x64',
    'win32-arm64': 'win-arm64',
    'alpine-x64': 'linux-musl-x64',
  });
  assert.throws(() => targets.ridForTarget('web'), /unknown VS Code target "web".*linux-x64/);
  assert.equal(targets.vsixName('darwin-arm64'), 'gomodlens-darwin-arm64.vsix');
  assert.equal(targets.serverKindForTarget('linux-x64'), 'nativeAot');
  for (const t of Object.keys(targets.ridByTarget).filter((t) => t !== 'linux-x64')) assert.equal(targets.serverKindForTarget(t), 'readyToRun');
  assert.equal(targets.serverKindForTarget(undefined), 'portable');
  assert.throws(() => targets.serverKindForTarget('web'), /unknown VS Code target/);
  assert.equal(targets.vsixName(undefined), 'gomodlens.vsix');
});

test('each RID names the OS and CPU its ReadyToRun code must be for', () => {
  assert.deepEqual(r2r.nativeTargetOfRid('linux-musl-x64'), { os: 'linux', arch: 'x64' });
  assert.deepEqual(r2r.nativeTargetOfRid('osx-arm64'), { os: 'osx', arch: 'arm64' });
  assert.deepEqual(r2r.nativeTargetOfRid('win-x64'), { os: 'windows', arch: 'x64' });
  for (const rid of Object.values(targets.ridByTarget)) assert.doesNotThrow(() => r2r.nativeTargetOfRid(rid));
  assert.throws(() => r2r.nativeTargetOfRid('freebsd-x64'), /unknown runtime identifier/);
});

test('package-vsix command line', () => {
  assert.deepEqual(packageVsix.parseArgs(['--target', 'linux-x64']), { targets: ['linux-x64'], universal: false, server: true });
  assert.deepEqual(packageVsix.parseArgs(['--target', 'linux-x64,darwin-arm64', '--target', 'linux-x64', '--universal']), {
    targets: ['linux-x64', 'darwin-arm64'],
    universal: true,
    server: true,
  });
  const all = packageVsix.parseArgs(['--all']);
  assert.equal(all.targets.length, 7);
  assert.equal(all.universal, true);
  assert.deepEqual(packageVsix.parseArgs(['--no-server']), { targets: [], universal: true, server: false });
  assert.throws(() => packageVsix.parseArgs([]), /nothing to build/);
  assert.throws(() => packageVsix.parseArgs(['--target', 'solaris-x64']), /unknown VS Code target/);
  assert.throws(() => packageVsix.parseArgs(['--target']), /needs a value/);
  assert.throws(() => packageVsix.parseArgs(['--no-server', '--all']), /cannot be combined/);
  assert.throws(() => packageVsix.parseArgs(['--rid', 'linux-x64']), /unknown argument --rid/);
});

/** A minimal PE32+ managed image: one section holding the COR20 header and, for ReadyToRun, its RTR header. */
function peImage(opts: { machine: number; readyToRun: boolean; signature?: number }): Buffer {
  const b = Buffer.alloc(0x400);
  b.write('MZ', 0, 'latin1');
  const pe = 0x80;
  b.writeUInt32LE(pe, 0x3c);
  b.write('PE\0\0', pe, 'latin1');
  b.writeUInt16LE(opts.machine, pe + 4);
  b.writeUInt16LE(1, pe + 6); // sections
  b.writeUInt16LE(240, pe + 20); // PE32+ optional header with 16 data directories
  const opt = pe + 24;
  b.writeUInt16LE(0x20b, opt);
  const clrDirectory = opt + 112 + 14 * 8;
  b.writeUInt32LE(0x2000, clrDirectory);
  b.writeUInt32LE(72, clrDirectory + 4);
  const section = opt + 240;
  b.writeUInt32LE(0x1000, section + 8); // virtual size
  b.writeUInt32LE(0x2000, section + 12); // virtual address
  b.writeUInt32LE(0x200, section + 16); // raw size
  b.writeUInt32LE(0x200, section + 20); // raw pointer
  const cor = 0x200;
  b.writeUInt32LE(72, cor);
  if (opts.readyToRun) {
    b.writeUInt32LE(0x2100, cor + 64);
    b.writeUInt32LE(0x40, cor + 68);
    b.writeUInt32LE(opts.signature ?? 0x00525452, 0x300);
  }
  return b;
}

test('an IL-only assembly is not ReadyToRun', () => {
  assert.deepEqual(r2r.inspectAssembly(peImage({ machine: 0x014c, readyToRun: false })), { readyToRun: false, os: undefined, arch: undefined });
});

test('ReadyToRun code is recognised with the OS folded into the machine field', () => {
  assert.deepEqual(r2r.inspectAssembly(peImage({ machine: 0x8664 ^ 0x7b79, readyToRun: true })), { readyToRun: true, os: 'linux', arch: 'x64' });
  assert.deepEqual(r2r.inspectAssembly(peImage({ machine: 0xaa64 ^ 0x4644, readyToRun: true })), { readyToRun: true, os: 'osx', arch: 'arm64' });
  assert.deepEqual(r2r.inspectAssembly(peImage({ machine: 0xaa64 ^ 0x7b79, readyToRun: true })), { readyToRun: true, os: 'linux', arch: 'arm64' });
  assert.deepEqual(r2r.inspectAssembly(peImage({ machine: 0x8664, readyToRun: true })), { readyToRun: true, os: 'windows', arch: 'x64' });
});

test('malformed images are rejected, not misread', () => {
  assert.throws(() => r2r.inspectAssembly(Buffer.from('#!/bin/sh\necho not a dll\n'.padEnd(0x80, ' '))), /no MZ header/);
  assert.throws(() => r2r.inspectAssembly(peImage({ machine: 0x8664 ^ 0x7b79, readyToRun: true, signature: 0x12345678 })), /not a ReadyToRun header/);
  const native = peImage({ machine: 0x8664, readyToRun: false });
  native.writeUInt32LE(0, 0x80 + 24 + 112 + 14 * 8); // no CLR directory: a native executable
  assert.throws(() => r2r.inspectAssembly(native), /no CLR header/);
});

test('assertReadyToRunFor accepts only ReadyToRun code for the wanted RID', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gml-r2r-'));
  try {
    const write = (name: string, b: Buffer) => { const f = path.join(dir, name); fs.writeFileSync(f, b); return f; };
    const linux = write('linux.dll', peImage({ machine: 0x8664 ^ 0x7b79, readyToRun: true }));
    const il = write('il.dll', peImage({ machine: 0x014c, readyToRun: false }));
    assert.equal(r2r.assertReadyToRunFor(linux, 'linux-x64').os, 'linux');
    assert.equal(r2r.assertReadyToRunFor(linux, 'linux-musl-x64').arch, 'x64');
    assert.throws(() => r2r.assertReadyToRunFor(linux, 'osx-x64'), /ReadyToRun code for linux-x64, expected osx-x64/);
    assert.throws(() => r2r.assertReadyToRunFor(linux, 'linux-arm64'), /expected linux-arm64/);
    assert.throws(() => r2r.assertReadyToRunFor(il, 'linux-x64'), /IL-only/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** The first bytes of a 64-bit ELF executable (ET_DYN, as a PIE Native AOT binary is) for an e_machine value. */
function elfImage(machine: number, opts: { bits?: 1 | 2; type?: number } = {}): Buffer {
  const b = Buffer.alloc(0x80);
  b.writeUInt32BE(0x7f454c46, 0);
  b[4] = opts.bits ?? 2;
  b[5] = 1; // little-endian
  b.writeUInt16LE(opts.type ?? 3, 16);
  b.writeUInt16LE(machine, 18);
  return b;
}

test('native executables are recognised by OS and CPU; managed assemblies and scripts are not native', () => {
  assert.deepEqual(nativeImage.inspectNativeExecutable(elfImage(0x3e)), { os: 'linux', arch: 'x64' });
  assert.deepEqual(nativeImage.inspectNativeExecutable(elfImage(0xb7, { type: 2 })), { os: 'linux', arch: 'arm64' });
  const macho = Buffer.alloc(0x80);
  macho.writeUInt32LE(0xfeedfacf, 0);
  macho.writeUInt32LE(0x0100000c, 4);
  assert.deepEqual(nativeImage.inspectNativeExecutable(macho), { os: 'osx', arch: 'arm64' });
  const pe = peImage({ machine: 0x8664, readyToRun: false });
  pe.writeUInt32LE(0, 0x80 + 24 + 112 + 14 * 8); // no CLR directory: a native Windows executable
  assert.deepEqual(nativeImage.inspectNativeExecutable(pe), { os: 'windows', arch: 'x64' });
  assert.throws(() => nativeImage.inspectNativeExecutable(peImage({ machine: 0x8664 ^ 0x7b79, readyToRun: true })), /managed \.NET assembly/);
  assert.throws(() => nativeImage.inspectNativeExecutable(elfImage(0x3e, { bits: 1 })), /32-bit ELF/);
  assert.throws(() => nativeImage.inspectNativeExecutable(elfImage(0x3e, { type: 1 })), /not an executable/);
  assert.throws(() => nativeImage.inspectNativeExecutable(Buffer.from('#!/bin/sh\necho not native\n'.padEnd(0x80, ' '))), /no ELF, Mach-O or PE header/);
});

test('assertNativeExecutableFor accepts only a native executable for the wanted RID', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gml-native-'));
  try {
    const exe = path.join(dir, 'gomodlens');
    fs.writeFileSync(exe, elfImage(0x3e));
    assert.deepEqual(nativeImage.assertNativeExecutableFor(exe, 'linux-x64'), { os: 'linux', arch: 'x64' });
    assert.throws(() => nativeImage.assertNativeExecutableFor(exe, 'linux-arm64'), /native executable for linux-x64, expected linux-arm64/);
    assert.throws(() => nativeImage.assertNativeExecutableFor(exe, 'osx-x64'), /expected osx-x64/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
