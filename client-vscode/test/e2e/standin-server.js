#!/usr/bin/env node
// Stand-in for `gomodlens serve`, used to validate the VS Code client and the e2e harness until the real server
// publishes go.mod diagnostics. It speaks the same contract (docs/client-contract.md) over stdio:
//  - a diagnostic on every require whose version the file:// GOPROXY does not have (.info missing = 404 class),
//  - hover on such a require: latest version + a mirror latency table,
//  - a quick fix "Add replace <module> => <module> <latest>",
//  - the gomodlens/status notification, and markdown for gomodlens.showMirrorReport / showEnvironment.
// Select it with the "gomodlens.server.path" setting. Logs go to $STANDIN_LOG when set.
const fs = require('fs');
const path = require('path');
const { fileURLToPath } = require('url');
const {
  createConnection, TextDocuments, TextDocumentSyncKind, DiagnosticSeverity, MarkupKind, CodeActionKind,
} = require('vscode-languageserver/node');
const { TextDocument } = require('vscode-languageserver-textdocument');

const log = (m) => { if (process.env.STANDIN_LOG) fs.appendFileSync(process.env.STANDIN_LOG, `${new Date().toISOString()} ${m}\n`); };
const connection = createConnection(process.stdin, process.stdout);
const documents = new TextDocuments(TextDocument);
const goproxy = process.env.GOPROXY || 'https://proxy.golang.org,direct';
const firstProxy = goproxy.split(/[,|]/)[0];
const proxyRoot = firstProxy.startsWith('file://') ? fileURLToPath(firstProxy) : undefined;

// Module path escaping of the GOPROXY protocol: uppercase letters become '!' + lowercase.
const escapePath = (p) => p.replace(/[A-Z]/g, (c) => '!' + c.toLowerCase());
function versions(mod) {
  if (!proxyRoot) return [];
  try {
    return fs.readFileSync(path.join(proxyRoot, escapePath(mod), '@v', 'list'), 'utf8').split('\n').map((s) => s.trim()).filter(Boolean);
  } catch { return []; }
}
function latest(mod) {
  const release = versions(mod).filter((v) => !v.includes('-') && !v.includes('+'));
  const num = (v) => v.slice(1).split('.').map(Number);
  release.sort((a, b) => { const x = num(a), y = num(b); return x[0] - y[0] || x[1] - y[1] || x[2] - y[2]; });
  return release[release.length - 1];
}
function hasVersion(mod, v) {
  return !!proxyRoot && fs.existsSync(path.join(proxyRoot, escapePath(mod), '@v', `${v}.info`));
}

// require lines, both `require x v` and inside `require ( ... )` blocks.
function requires(doc) {
  const out = [];
  let inBlock = false;
  doc.getText().split(/\r?\n/).forEach((text, line) => {
    const t = text.replace(/\/\/.*$/, '').trim();
    if (/^require\s*\($/.test(t)) { inBlock = true; return; }
    if (inBlock && t === ')') { inBlock = false; return; }
    const m = inBlock ? /^(\S+)\s+(v\S+)$/.exec(t) : /^require\s+(\S+)\s+(v\S+)$/.exec(t);
    if (m) {
      const start = text.indexOf(m[1]);
      out.push({ line, mod: m[1], version: m[2], start, end: text.indexOf(m[2], start) + m[2].length });
    }
  });
  return out;
}
function missing(doc) {
  return requires(doc).filter((r) => proxyRoot && !hasVersion(r.mod, r.version));
}

function validate(doc) {
  const diagnostics = missing(doc).map((r) => ({
    range: { start: { line: r.line, character: r.start }, end: { line: r.line, character: r.end } },
    severity: DiagnosticSeverity.Error,
    source: 'gomodlens-standin',
    code: 'GML404',
    message: `${r.mod}@${r.version}: reading ${firstProxy}/${escapePath(r.mod)}/@v/${r.version}.info: 404 Not Found`,
    data: { mod: r.mod, latest: latest(r.mod) },
  }));
  log(`publish ${diagnostics.length} diagnostics for ${doc.uri}`);
  connection.sendDiagnostics({ uri: doc.uri, diagnostics });
}

const status = (resolving, done, total) => ({
  goproxy,
  source: 'environment',
  health: 'ok',
  text: `${firstProxy.replace(/^https?:\/\//, '').replace(/^file:\/\/.*\//, 'file:…/')} ✓ 1 ms`,
  resolving,
  done,
  total,
});
const mirrorTable = () => [
  '| mirror | DNS | connect | TLS | first byte | health | serves module |',
  '|---|---|---|---|---|---|---|',
  `| ${firstProxy} | – | – | – | 1 ms | ✓ | yes |`,
  '| https://proxy.golang.org | ✗ | | | | ✗ DNS | ? |',
].join('\n');

connection.onInitialize((params) => {
  log(`initialize from ${JSON.stringify(params.clientInfo || {})} options=${JSON.stringify(params.initializationOptions)}`);
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Full,
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      // Includes commands the client owns too: the client must not register those twice.
      executeCommandProvider: {
        commands: ['gomodlens.checkNow', 'gomodlens.showMirrorReport', 'gomodlens.setGoproxy', 'gomodlens.setGoproxyFastest',
          'gomodlens.addGoPrivate', 'gomodlens.showEnvironment', 'gomodlens.clearCache'],
      },
    },
    serverInfo: { name: 'gomodlens-standin', version: '0.0.1' },
  };
});
connection.onInitialized(async () => {
  try {
    const cfg = await connection.workspace.getConfiguration('gomodlens');
    log(`workspace/configuration gomodlens = ${JSON.stringify(cfg)}`);
  } catch (e) { log(`workspace/configuration failed: ${e.message}`); }
  connection.sendNotification('gomodlens/status', status(true, 0, 1));
  setTimeout(() => connection.sendNotification('gomodlens/status', status(false)), 300);
});
connection.onDidChangeConfiguration((p) => log(`didChangeConfiguration ${JSON.stringify(p.settings)}`));
documents.onDidOpen((e) => log(`didOpen ${e.document.uri} lang=${e.document.languageId}`));
documents.onDidChangeContent((e) => validate(e.document));

connection.onHover((params) => {
  const doc = documents.get(params.textDocument.uri);
  if (!doc) return null;
  const r = requires(doc).find((x) => x.line === params.position.line);
  if (!r) return null;
  const ok = hasVersion(r.mod, r.version);
  return {
    contents: {
      kind: MarkupKind.Markdown,
      value: [`**${r.mod}** ${r.version}${ok ? '' : ' — not found on the proxy (404)'}`, '', `Latest: ${latest(r.mod) ?? 'unknown'}`, '', mirrorTable()].join('\n'),
    },
  };
});

connection.onCodeAction((params) => {
  const doc = documents.get(params.textDocument.uri);
  if (!doc) return [];
  return params.context.diagnostics
    .filter((d) => d.code === 'GML404' && d.data && d.data.latest)
    .map((d) => {
      const end = doc.positionAt(doc.getText().length);
      const sep = doc.getText().endsWith('\n') ? '' : '\n';
      return {
        title: `Add replace ${d.data.mod} => ${d.data.mod} ${d.data.latest}`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        isPreferred: true,
        edit: { changes: { [doc.uri]: [{ range: { start: end, end }, newText: `${sep}\nreplace ${d.data.mod} => ${d.data.mod} ${d.data.latest}\n` }] } },
      };
    });
});

connection.onExecuteCommand((params) => {
  log(`executeCommand ${params.command} ${JSON.stringify(params.arguments || [])}`);
  switch (params.command) {
    case 'gomodlens.showMirrorReport':
      return `# Mirror report (stand-in)\n\nGOPROXY in force: \`${goproxy}\` (environment)\n\n${mirrorTable()}\n`;
    case 'gomodlens.showEnvironment':
      return `# Effective Go environment (stand-in)\n\n| variable | value | source |\n|---|---|---|\n| GOPROXY | ${goproxy} | environment |\n`;
    case 'gomodlens.checkNow':
      for (const d of documents.all()) validate(d);
      return null;
    default:
      return null;
  }
});

documents.listen(connection);
connection.listen();
