// Finds the gomodlens language server: the `gomodlens.server.path` setting, else the server published into the
// extension (<ext>/server: a Native AOT executable in the linux-x64 VSIX, else a framework-dependent build that
// needs the .NET 10 runtime), else `gomodlens` on PATH.
// Pure logic over an injected host, so it is unit-tested without VS Code or a real file system.
import * as path from 'path';

export const requiredDotnetMajor = 10;
export const serverArgs = ['serve'];

export interface DiscoveryHost {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  homeDir: string;
  /** True when `p` exists and is a regular file. */
  isFile(p: string): boolean;
  /** True when `p` is a file the current user may execute (on Windows: exists). */
  isExecutable(p: string): boolean;
  /** Adds the exec bits to `p` (an unpacked VSIX may have lost them); true when it is executable afterwards. */
  makeExecutable(p: string): boolean;
  /** Runs `command args` and returns stdout, or undefined when it cannot be run or exits non-zero. */
  run(command: string, args: string[]): Promise<string | undefined>;
}

export type ServerSource = 'setting' | 'bundled' | 'path';

export interface ServerLaunch {
  command: string;
  args: string[];
  source: ServerSource;
  /** Human-readable: where the server came from (logged in the output channel). */
  description: string;
}

export type DiscoveryFailureReason = 'settingNotFound' | 'noDotnetRuntime' | 'notFound';

export type DiscoveryResult =
  | { ok: true; launch: ServerLaunch; notes: string[] }
  | { ok: false; reason: DiscoveryFailureReason; message: string; notes: string[] };

export const dotnetRuntimeHelp =
  `The GoModLens server bundled with this extension needs the .NET ${requiredDotnetMajor} runtime ` +
  `(Microsoft.NETCore.App ${requiredDotnetMajor}.x). Install it from https://dotnet.microsoft.com/download/dotnet/${requiredDotnetMajor}.0 ` +
  `(Debian/Ubuntu: \`apt-get install dotnet-runtime-${requiredDotnetMajor}.0\`; Windows: \`winget install Microsoft.DotNet.Runtime.${requiredDotnetMajor}\`; ` +
  `macOS: \`brew install --cask dotnet\`), or set "gomodlens.server.path" to a self-contained gomodlens executable.`;

export const notFoundHelp =
  'GoModLens could not find its language server. Set "gomodlens.server.path" to the gomodlens executable, ' +
  'put gomodlens on PATH, or install a build of the extension that bundles the server.';

/** Does `dotnet --list-runtimes` output list Microsoft.NETCore.App of the given major version? */
export function hasNetCoreRuntime(listRuntimesOutput: string, major = requiredDotnetMajor): boolean {
  const re = new RegExp(`^Microsoft\\.NETCore\\.App ${major}\\.\\d+`, 'm');
  return re.test(listRuntimesOutput);
}

/** Expands a leading `~` and environment references like `${env:HOME}` in a configured path. */
export function expandPath(p: string, host: Pick<DiscoveryHost, 'env' | 'homeDir'>): string {
  let out = p.replace(/\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => host.env[name] ?? '');
  if (out === '~' || out.startsWith('~/') || out.startsWith('~\\')) out = host.homeDir + out.slice(1);
  return out;
}

/** Searches PATH the way a shell would: the first executable named `name` (with PATHEXT on Windows). */
export function searchPath(name: string, host: DiscoveryHost): string | undefined {
  const win = host.platform === 'win32';
  const pathValue = host.env.PATH ?? host.env.Path ?? '';
  const exts = win ? (host.env.PATHEXT ?? '.EXE;.CMD;.BAT;.COM').split(';').filter((e) => e !== '') : [''];
  const join = win ? path.win32.join : path.posix.join;
  for (const dir of pathValue.split(win ? ';' : ':')) {
    if (dir === '') continue;
    for (const ext of exts) {
      const candidate = join(dir, name + ext.toLowerCase());
      if (host.isExecutable(candidate)) return candidate;
      if (win && ext !== '') {
        const upper = join(dir, name + ext);
        if (host.isExecutable(upper)) return upper;
      }
    }
  }
  return undefined;
}

/** The dotnet host to run a framework-dependent build with: $DOTNET_ROOT/dotnet, else dotnet on PATH. */
export function findDotnet(host: DiscoveryHost): string | undefined {
  const exe = host.platform === 'win32' ? 'dotnet.exe' : 'dotnet';
  const root = host.env.DOTNET_ROOT;
  if (root) {
    const candidate = (host.platform === 'win32' ? path.win32 : path.posix).join(root, exe);
    if (host.isExecutable(candidate)) return candidate;
  }
  return searchPath('dotnet', host);
}

function launchForFile(file: string, source: ServerSource, description: string): ServerLaunch {
  // A .dll is a framework-dependent build without an app host; run it through the dotnet host.
  if (file.toLowerCase().endsWith('.dll')) {
    return { command: 'dotnet', args: [file, ...serverArgs], source, description };
  }
  return { command: file, args: [...serverArgs], source, description };
}

export async function discoverServer(
  options: { settingPath: string | null | undefined; extensionPath: string },
  host: DiscoveryHost,
): Promise<DiscoveryResult> {
  const notes: string[] = [];

  // 1. An explicit setting wins and is never silently replaced by another server.
  const setting = typeof options.settingPath === 'string' ? options.settingPath.trim() : '';
  if (setting !== '') {
    const file = expandPath(setting, host);
    if (!host.isFile(file)) {
      return {
        ok: false,
        reason: 'settingNotFound',
        message: `"gomodlens.server.path" is set to ${file}, but no such file exists. Fix or clear the setting.`,
        notes,
      };
    }
    return { ok: true, launch: launchForFile(file, 'setting', `gomodlens.server.path (${file})`), notes };
  }

  // 2a. A native (Native AOT) server published into the platform-specific VSIX: needs no .NET runtime.
  const bundledNative = path.join(options.extensionPath, 'server', host.platform === 'win32' ? 'gomodlens.exe' : 'gomodlens');
  if (host.isFile(bundledNative)) {
    if (host.isExecutable(bundledNative) || host.makeExecutable(bundledNative)) {
      return {
        ok: true,
        launch: { command: bundledNative, args: [...serverArgs], source: 'bundled', description: `bundled server (${bundledNative}, Native AOT)` },
        notes,
      };
    }
    notes.push(`Bundled native server ${bundledNative} is not executable and could not be made executable.`);
  }

  // 2b. The framework-dependent server published into the extension: server/gomodlens.dll in the ReadyToRun
  //     platform-specific VSIXes and the universal (portable) one, run through the dotnet host (no app host is shipped).
  const bundledDll = path.join(options.extensionPath, 'server', 'gomodlens.dll');
  let runtimeProblem: string | undefined;
  if (host.isFile(bundledDll)) {
    const dotnet = findDotnet(host);
    const runtimes = dotnet === undefined ? undefined : await host.run(dotnet, ['--list-runtimes']);
    if (dotnet !== undefined && runtimes !== undefined && hasNetCoreRuntime(runtimes)) {
      return {
        ok: true,
        launch: { command: dotnet, args: [bundledDll, ...serverArgs], source: 'bundled', description: `bundled server (${bundledDll}) on ${dotnet}` },
        notes,
      };
    }
    runtimeProblem =
      dotnet === undefined
        ? 'No dotnet host was found (looked at $DOTNET_ROOT and PATH).'
        : `${dotnet} --list-runtimes does not list Microsoft.NETCore.App ${requiredDotnetMajor}.`;
    notes.push(`Bundled server not usable: ${runtimeProblem}`);
  } else {
    notes.push(`No bundled server at ${bundledDll}.`);
  }

  // 3. gomodlens on PATH (e.g. installed with `dotnet tool install -g` or a self-contained build).
  const onPath = searchPath('gomodlens', host);
  if (onPath !== undefined) {
    return { ok: true, launch: launchForFile(onPath, 'path', `gomodlens on PATH (${onPath})`), notes };
  }
  notes.push('No gomodlens on PATH.');

  if (runtimeProblem !== undefined) {
    return { ok: false, reason: 'noDotnetRuntime', message: `${runtimeProblem} ${dotnetRuntimeHelp}`, notes };
  }
  return { ok: false, reason: 'notFound', message: notFoundHelp, notes };
}
