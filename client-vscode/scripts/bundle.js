// Bundles the extension into one file (dist/extension.js) so the .vsix needs no node_modules.
const esbuild = require('esbuild');
const path = require('path');

esbuild
  .build({
    entryPoints: [path.join(__dirname, '..', 'src', 'extension.ts')],
    outfile: path.join(__dirname, '..', 'dist', 'extension.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    sourcemap: true,
    minify: process.argv.includes('--minify'),
    logLevel: 'info',
  })
  .catch(() => process.exit(1));
