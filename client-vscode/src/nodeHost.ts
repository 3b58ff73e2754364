// The real DiscoveryHost over node's fs and child_process (no 'vscode' import).
import * as cp from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import type { DiscoveryHost } from './discovery';

export function nodeDiscoveryHost(env: Record<string, string | undefined> = process.env): DiscoveryHost {
  return {
    platform: process.platform,
    env,
    homeDir: os.homedir(),
    isFile: (p) => {
      try {
        return fs.statSync(p).isFile();
      } catch {
        return false;
      }
    },
    isExecutable: (p) => {
      try {
        if (!fs.statSync(p).isFile()) return false;
        if (process.platform !== 'win32') fs.accessSync(p, fs.constants.X_OK);
        return true;
      } catch {
        return false;
      }
    },
    makeExecutable: (p) => {
      try {
        if (process.platform !== 'win32') fs.chmodSync(p, fs.statSync(p).mode | 0o111);
        fs.accessSync(p, process.platform === 'win32' ? fs.constants.F_OK : fs.constants.X_OK);
        return true;
      } catch {
        return false;
      }
    },
    run: (command, args) =>
      new Promise((resolve) => {
        cp.execFile(command, args, { timeout: 15000, env: { ...env, DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_NOLOGO: '1' } }, (err, stdout) =>
          resolve(err ? undefined : stdout),
        );
      }),
  };
}
