// GoModLens for VS Code: a thin client. All go.mod / go.sum / go.work knowledge lives in the `gomodlens serve`
// language server; this file finds and starts it, forwards settings, shows the `gomodlens/status` notification in
// the status bar and puts UI around the server's workspace/executeCommand commands (docs/client-contract.md).
import * as vscode from 'vscode';
import {
  ExecuteCommandRequest,
  DidChangeConfigurationNotification,
  LanguageClient,
  LanguageClientOptions,
  RevealOutputChannelOn,
  ServerOptions,
  State,
  TransportKind,
} from 'vscode-languageclient/node';
import { discoverServer } from './discovery';
import { documentSelector } from './documents';
import { nodeDiscoveryHost } from './nodeHost';
import { configurationForSection, needsRestart, readServerSettings, GoModLensServerSettings } from './settings';
import { ClientState, GoModLensStatus, parseStatus, presentStatus } from './status';
import { markdownResult, parseFastestMirror, previewMarkdown, serverCommandsToRegister, shownValue, workspaceGoproxyToStore } from './commandResults';

const reportScheme = 'gomodlens-report';

/** Palette commands the extension owns; the ones the server also implements are forwarded to it. */
const clientCommands = {
  checkNow: 'gomodlens.checkNow',
  showMirrorReport: 'gomodlens.showMirrorReport',
  setGoproxyFastest: 'gomodlens.setGoproxyFastest',
  showEnvironment: 'gomodlens.showEnvironment',
  restartServer: 'gomodlens.restartServer',
  clearCache: 'gomodlens.clearCache',
} as const;
const clientOwnedCommands: ReadonlySet<string> = new Set(Object.values(clientCommands));

/** Read-only virtual documents holding the server's markdown reports, shown with the markdown preview. */
class ReportDocuments implements vscode.TextDocumentContentProvider {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  set(name: string, markdown: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: reportScheme, path: `/${name}.md` });
    this.contents.set(uri.path, markdown);
    this.changed.fire(uri);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.path) ?? '';
  }

  dispose(): void {
    this.changed.dispose();
  }
}

class GoModLensExtension implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private lastStatus: GoModLensStatus | undefined;
  private state: ClientState = 'starting';
  private readonly output = vscode.window.createOutputChannel('GoModLens');
  private readonly statusItem = vscode.window.createStatusBarItem('gomodlens.status', vscode.StatusBarAlignment.Right, 100);
  private readonly reports = new ReportDocuments();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly context: vscode.ExtensionContext) {
    this.statusItem.name = 'GoModLens GOPROXY';
    this.statusItem.command = clientCommands.showMirrorReport;
    this.renderStatus();
    this.statusItem.show();
    this.disposables.push(
      this.output,
      this.statusItem,
      this.reports,
      vscode.workspace.registerTextDocumentContentProvider(reportScheme, this.reports),
      vscode.commands.registerCommand(clientCommands.checkNow, (uri?: vscode.Uri) => this.checkNow(uri)),
      vscode.commands.registerCommand(clientCommands.showMirrorReport, (modulePath?: string, version?: string) =>
        this.showMarkdownCommand('gomodlens.showMirrorReport', 'mirror-report', [modulePath, version].filter((a) => typeof a === 'string')),
      ),
      vscode.commands.registerCommand(clientCommands.setGoproxyFastest, () => this.setGoproxyFastest()),
      vscode.commands.registerCommand(clientCommands.showEnvironment, () =>
        this.showMarkdownCommand('gomodlens.showEnvironment', 'go-environment', []),
      ),
      vscode.commands.registerCommand(clientCommands.restartServer, () => this.restart()),
      vscode.commands.registerCommand(clientCommands.clearCache, () => this.clearCache()),
      vscode.workspace.onDidChangeConfiguration((e) => this.onConfigurationChanged(e)),
    );
  }

  private settings(): GoModLensServerSettings {
    const cfg = vscode.workspace.getConfiguration('gomodlens');
    return readServerSettings((key) => cfg.get(key));
  }

  private renderStatus(): void {
    const p = presentStatus(this.lastStatus, this.state);
    this.statusItem.text = p.text;
    this.statusItem.tooltip = new vscode.MarkdownString(p.tooltip);
    this.statusItem.accessibilityInformation = { label: p.accessibilityLabel };
    this.statusItem.backgroundColor =
      p.background === 'error'
        ? new vscode.ThemeColor('statusBarItem.errorBackground')
        : p.background === 'warning'
          ? new vscode.ThemeColor('statusBarItem.warningBackground')
          : undefined;
  }

  private setState(state: ClientState): void {
    this.state = state;
    this.renderStatus();
  }

  async start(): Promise<void> {
    this.setState('starting');
    const cfg = vscode.workspace.getConfiguration('gomodlens');
    const found = await discoverServer(
      { settingPath: cfg.get<string | null>('server.path'), extensionPath: this.context.extensionPath },
      nodeDiscoveryHost(),
    );
    for (const note of found.notes) this.output.appendLine(`[client] ${note}`);
    if (!found.ok) {
      this.output.appendLine(`[client] ${found.message}`);
      this.setState('notFound');
      const choice = await vscode.window.showErrorMessage(`GoModLens: ${found.message}`, 'Open Settings', 'Show Output');
      if (choice === 'Open Settings') await vscode.commands.executeCommand('workbench.action.openSettings', 'gomodlens.server.path');
      if (choice === 'Show Output') this.output.show();
      return;
    }
    const launch = found.launch;
    this.output.appendLine(`[client] Starting ${launch.description}: ${launch.command} ${launch.args.join(' ')}`);

    const serverOptions: ServerOptions = { command: launch.command, args: launch.args, transport: TransportKind.stdio };
    const clientOptions: LanguageClientOptions = {
      // go.mod, go.sum and go.work, by language id and by file name; why both, and why contributing the same ids
      // as the official Go extension is no conflict: documents.ts.
      documentSelector: documentSelector(),
      initializationOptions: this.settings(),
      outputChannel: this.output,
      revealOutputChannelOn: RevealOutputChannelOn.Never,
      middleware: {
        // Quick fixes run server commands directly; the one whose answer is a VS Code setting is stored here.
        executeCommand: async (command, args, next) => {
          const result = await next(command, args);
          const toStore = workspaceGoproxyToStore(command, args, result);
          if (toStore !== undefined) {
            await vscode.workspace.getConfiguration('gomodlens').update('goproxy', toStore, vscode.ConfigurationTarget.Workspace);
          }
          return result;
        },
        workspace: {
          configuration: (params, token, next) => {
            const settings = this.settings();
            const answers = params.items.map((item) => configurationForSection(item.section, settings));
            if (answers.every((a) => a.handled)) return answers.map((a) => (a.handled ? a.value : null));
            return Promise.resolve(next(params, token)).then((fallback) =>
              Array.isArray(fallback) ? answers.map((a, i) => (a.handled ? a.value : fallback[i])) : fallback,
            );
          },
        },
      },
    };
    // The id "gomodlens" makes the client read the "gomodlens.trace.server" setting.
    const client = new LanguageClient('gomodlens', 'GoModLens', serverOptions, clientOptions);
    this.keepClientCommandsOurs(client);
    client.onDidChangeState((e) => {
      if (e.newState === State.Running) this.setState('running');
      else if (e.newState === State.Stopped) this.setState('stopped');
      else this.setState('starting');
    });
    client.onNotification('gomodlens/status', (payload: unknown) => {
      const status = parseStatus(payload);
      if (status === undefined) {
        this.output.appendLine(`[client] ignored malformed gomodlens/status: ${JSON.stringify(payload)}`);
        return;
      }
      this.lastStatus = status;
      this.renderStatus();
    });
    this.client = client;
    try {
      await client.start();
    } catch (err) {
      this.setState('stopped');
      this.output.appendLine(`[client] Server failed to start: ${String(err)}`);
      void vscode.window.showErrorMessage(`GoModLens: the language server failed to start (${launch.command}). See the GoModLens output.`);
    }
  }

  /** Leaves the commands this extension owns out of the set the language client auto-registers. */
  private keepClientCommandsOurs(client: LanguageClient): void {
    const feature = client.getFeature(ExecuteCommandRequest.method as never) as unknown as
      | { register(data: { id: string; registerOptions: { commands?: string[] } }): void }
      | undefined;
    if (feature === undefined || typeof feature.register !== 'function') return;
    const register = feature.register.bind(feature);
    feature.register = (data) =>
      register({
        ...data,
        registerOptions: { ...data.registerOptions, commands: serverCommandsToRegister(data.registerOptions.commands ?? [], clientOwnedCommands) },
      });
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client === undefined) return;
    try {
      if (client.isRunning()) await client.stop(5000);
    } catch (err) {
      this.output.appendLine(`[client] stop: ${String(err)}`);
    }
    await client.dispose().catch(() => undefined);
  }

  async restart(): Promise<void> {
    this.output.appendLine('[client] Restarting the server…');
    await this.stop();
    this.lastStatus = undefined;
    await this.start();
  }

  private async onConfigurationChanged(e: vscode.ConfigurationChangeEvent): Promise<void> {
    if (!e.affectsConfiguration('gomodlens')) return;
    if (needsRestart((key) => e.affectsConfiguration(key))) {
      await this.restart();
      return;
    }
    // Push the new settings; a server using the pull model re-reads them via workspace/configuration.
    if (this.client?.isRunning()) {
      await this.client.sendNotification(DidChangeConfigurationNotification.type, { settings: { gomodlens: this.settings() } });
    }
  }

  private async execute(command: string, args: unknown[]): Promise<unknown> {
    const client = this.client;
    if (client === undefined || !client.isRunning()) {
      void vscode.window.showErrorMessage('GoModLens: the language server is not running. Run "GoModLens: Restart server".');
      return undefined;
    }
    try {
      return await client.sendRequest(ExecuteCommandRequest.type, { command, arguments: args });
    } catch (err) {
      this.output.appendLine(`[client] ${command} failed: ${String(err)}`);
      void vscode.window.showErrorMessage(`GoModLens: ${command} failed: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
  }

  private async checkNow(uri?: vscode.Uri): Promise<void> {
    const target = uri instanceof vscode.Uri ? uri : vscode.window.activeTextEditor?.document.uri;
    const isModFile = target !== undefined && /go\.(mod|sum)$/.test(target.path);
    await this.execute('gomodlens.checkNow', isModFile ? [target.toString()] : []);
  }

  private async showMarkdown(name: string, markdown: string): Promise<void> {
    const uri = this.reports.set(name, markdown);
    try {
      await vscode.commands.executeCommand('markdown.showPreview', uri);
    } catch {
      // No markdown preview (disabled built-in extension): show the source instead.
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc, { preview: true });
    }
  }

  private async showMarkdownCommand(command: string, name: string, args: unknown[]): Promise<void> {
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: 'GoModLens' },
      () => this.execute(command, args),
    );
    if (result === undefined) return;
    const markdown = markdownResult(result);
    if (markdown === undefined) {
      this.output.appendLine(`[client] ${command} returned no markdown: ${JSON.stringify(result)}`);
      return;
    }
    await this.showMarkdown(name, markdown);
  }

  private async setGoproxyFastest(): Promise<void> {
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'GoModLens: probing mirrors…' },
      () => this.execute('gomodlens.setGoproxyFastest', []),
    );
    if (result === undefined) return;
    const fastest = parseFastestMirror(result);
    if (fastest === undefined) {
      void vscode.window.showWarningMessage('GoModLens: no healthy mirror serves this module; GOPROXY left unchanged.');
      return;
    }
    await this.showMarkdown('set-goproxy-preview', previewMarkdown(fastest));
    const write = 'Write go env';
    const workspace = 'Workspace setting only';
    const choice = await vscode.window.showInformationMessage(
      `Set GOPROXY to ${shownValue(fastest)}?`,
      {
        modal: true,
        detail: fastest.preview
          ? `"Write go env" changes ${fastest.preview.path} as \`go env -w GOPROXY=${shownValue(fastest)}\` would.\n"Workspace setting only" sets gomodlens.goproxy for GoModLens in this workspace.`
          : 'See the preview.',
      },
      write,
      workspace,
    );
    if (choice === write) {
      await this.execute('gomodlens.setGoproxy', [fastest.value, 'goenv', true]);
      void vscode.window.showInformationMessage(`GoModLens: GOPROXY set to ${shownValue(fastest)} in the go env file.`);
    } else if (choice === workspace) {
      const value = await this.execute('gomodlens.setGoproxy', [fastest.value, 'workspace', true]);
      const toStore = typeof value === 'string' && value !== '' ? value : fastest.value;
      await vscode.workspace.getConfiguration('gomodlens').update('goproxy', toStore, vscode.ConfigurationTarget.Workspace);
    }
  }

  private async clearCache(): Promise<void> {
    const result = await this.execute('gomodlens.clearCache', []);
    if (result !== undefined) {
      void vscode.window.showInformationMessage('GoModLens: cache cleared (the Go module cache is untouched).');
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

let extension: GoModLensExtension | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  extension = new GoModLensExtension(context);
  context.subscriptions.push(extension);
  await extension.start();
}

export async function deactivate(): Promise<void> {
  await extension?.stop();
  extension = undefined;
}
