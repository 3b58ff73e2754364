// Reads a .NET assembly's PE headers to tell a ReadyToRun image (precompiled native code, crossgen2) from an IL-only
// one, and which OS/architecture the native code is for. Used by package-vsix.js after publishing the server and by
// the bundled e2e run on the installed extension, so a VSIX can never silently ship a JIT-only server.
'use strict';
const fs = require('fs');

// IMAGE_FILE_MACHINE_* values of the architectures .NET ships for.
const archByMachine = new Map([
  [0x8664, 'x64'],
  [0xaa64, 'arm64'],
  [0x014c, 'x86'],
  [0x01c4, 'arm'],
]);
// ReadyToRun images XOR the machine value with a per-OS constant (dotnet/runtime: pal/inc/rt/ntimage.h,
// IMAGE_FILE_MACHINE_NATIVE_OS_OVERRIDE); Windows images carry the plain machine value.
const osOverrides = new Map([
  [0x0000, 'windows'],
  [0x7b79, 'linux'],
  [0x4644, 'osx'],
  [0xadc4, 'freebsd'],
]);
const readyToRunSignature = 0x00525452; // 'RTR'

/** The OS and architecture a runtime identifier's native code must target. */
function nativeTargetOfRid(rid) {
  const m = /^(linux-musl|linux|osx|win)-(x64|arm64|x86|arm)$/.exec(rid);
  if (!m) throw new Error(`unknown runtime identifier ${rid}`);
  const os = m[1] === 'linux-musl' ? 'linux' : m[1] === 'win' ? 'windows' : m[1];
  return { os, arch: m[2] };
}

/**
 * Inspects a PE image. Returns { readyToRun, os, arch } where os/arch describe the ReadyToRun code (undefined for
 * an IL-only image). Throws when the bytes are not a managed PE image.
 */
function inspectAssembly(buf) {
  const fail = (why) => { throw new Error(`not a .NET assembly: ${why}`); };
  if (buf.length < 0x40 || buf.readUInt16LE(0) !== 0x5a4d) fail('no MZ header');
  const pe = buf.readUInt32LE(0x3c);
  if (pe + 24 > buf.length || buf.readUInt32LE(pe) !== 0x00004550) fail('no PE signature');
  const machine = buf.readUInt16LE(pe + 4);
  const sectionCount = buf.readUInt16LE(pe + 6);
  const optionalSize = buf.readUInt16LE(pe + 20);
  const opt = pe + 24;
  const magic = buf.readUInt16LE(opt);
  const directories = magic === 0x20b ? opt + 112 : magic === 0x10b ? opt + 96 : fail(`optional header magic 0x${magic.toString(16)}`);
  const sections = [];
  for (let i = 0, s = opt + optionalSize; i < sectionCount; i++, s += 40) {
    sections.push({ va: buf.readUInt32LE(s + 12), vsize: buf.readUInt32LE(s + 8), raw: buf.readUInt32LE(s + 20), rawSize: buf.readUInt32LE(s + 16) });
  }
  const fileOffset = (rva) => {
    const s = sections.find((x) => rva >= x.va && rva < x.va + Math.max(x.vsize, x.rawSize));
    if (!s) fail(`RVA 0x${rva.toString(16)} is in no section`);
    return rva - s.va + s.raw;
  };
  const clrRva = buf.readUInt32LE(directories + 14 * 8);
  if (clrRva === 0) fail('no CLR header (native image)');
  const cor = fileOffset(clrRva);
  // IMAGE_COR20_HEADER.ManagedNativeHeader is at offset 64: non-empty only in ReadyToRun images.
  const nativeRva = buf.readUInt32LE(cor + 64);
  const nativeSize = buf.readUInt32LE(cor + 68);
  if (nativeRva === 0 || nativeSize === 0) return { readyToRun: false, os: undefined, arch: undefined };
  if (buf.readUInt32LE(fileOffset(nativeRva)) !== readyToRunSignature) fail('ManagedNativeHeader is not a ReadyToRun header');
  for (const [mask, os] of osOverrides) {
    const arch = archByMachine.get(machine ^ mask);
    if (arch) return { readyToRun: true, os, arch };
  }
  return fail(`unknown machine 0x${machine.toString(16)}`);
}

/** Throws unless `file` is a ReadyToRun image whose native code is for `rid`. Returns the inspection. */
function assertReadyToRunFor(file, rid) {
  const info = inspectAssembly(fs.readFileSync(file));
  const want = nativeTargetOfRid(rid);
  if (!info.readyToRun) throw new Error(`${file} is IL-only (no ReadyToRun code); expected ReadyToRun for ${rid}`);
  if (info.os !== want.os || info.arch !== want.arch) {
    throw new Error(`${file} has ReadyToRun code for ${info.os}-${info.arch}, expected ${want.os}-${want.arch} (${rid})`);
  }
  return info;
}

module.exports = { inspectAssembly, assertReadyToRunFor, nativeTargetOfRid };

// CLI: node scripts/readyToRun.js <assembly> [rid]  — prints the inspection; with a rid, exits 1 unless it matches.
if (require.main === module) {
  const [file, rid] = process.argv.slice(2);
  if (!file) { console.error('usage: node scripts/readyToRun.js <assembly.dll> [rid]'); process.exit(2); }
  try {
    const info = rid ? assertReadyToRunFor(file, rid) : inspectAssembly(fs.readFileSync(file));
    console.log(JSON.stringify({ file, ...info }));
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
}
