// Reads the header of a native executable (ELF, Mach-O or PE without a CLR header) to tell which OS and CPU it was
// built for. Used after a Native AOT publish and by the bundled e2e run on the installed extension, so a VSIX never
// ships a server for another platform, or a managed .dll where a native executable is claimed.
'use strict';
const fs = require('fs');
const { nativeTargetOfRid, inspectAssembly } = require('./readyToRun');

const elfMachines = new Map([[0x3e, 'x64'], [0xb7, 'arm64'], [0x03, 'x86'], [0x28, 'arm']]);
const machoCpus = new Map([[0x01000007, 'x64'], [0x0100000c, 'arm64']]);
const peMachines = new Map([[0x8664, 'x64'], [0xaa64, 'arm64'], [0x014c, 'x86']]);

/** { os, arch } of a native executable image; throws when the bytes are not one (a managed assembly included). */
function inspectNativeExecutable(buf) {
  const fail = (why) => { throw new Error(`not a native executable: ${why}`); };
  if (buf.length < 64) fail('too short');
  if (buf.readUInt32BE(0) === 0x7f454c46) {
    if (buf[4] !== 2) fail('32-bit ELF');
    const type = buf.readUInt16LE(16);
    if (type !== 2 && type !== 3) fail(`ELF type ${type} is not an executable`);
    const arch = elfMachines.get(buf.readUInt16LE(18)) ?? fail(`unknown ELF machine 0x${buf.readUInt16LE(18).toString(16)}`);
    return { os: 'linux', arch };
  }
  if (buf.readUInt32LE(0) === 0xfeedfacf) {
    const arch = machoCpus.get(buf.readUInt32LE(4)) ?? fail(`unknown Mach-O CPU 0x${buf.readUInt32LE(4).toString(16)}`);
    return { os: 'osx', arch };
  }
  if (buf.readUInt16LE(0) === 0x5a4d) {
    let managed = true;
    try {
      inspectAssembly(buf);
    } catch {
      managed = false;
    }
    if (managed) fail('a managed .NET assembly');
    const pe = buf.readUInt32LE(0x3c);
    const arch = peMachines.get(buf.readUInt16LE(pe + 4)) ?? fail(`unknown PE machine 0x${buf.readUInt16LE(pe + 4).toString(16)}`);
    return { os: 'windows', arch };
  }
  return fail('no ELF, Mach-O or PE header');
}

/** Throws unless `file` is a native executable for `rid`. Returns the inspection. */
function assertNativeExecutableFor(file, rid) {
  const info = inspectNativeExecutable(fs.readFileSync(file));
  const want = nativeTargetOfRid(rid);
  if (info.os !== want.os || info.arch !== want.arch) {
    throw new Error(`${file} is a native executable for ${info.os}-${info.arch}, expected ${want.os}-${want.arch} (${rid})`);
  }
  return info;
}

module.exports = { inspectNativeExecutable, assertNativeExecutableFor };
