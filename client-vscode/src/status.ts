// Status bar presentation of the `gomodlens/status` notification (docs/client-contract.md, "Notifications").
// Pure: unit-tested without VS Code.

export type Health = 'ok' | 'slow' | 'failing' | 'unknown';

export interface GoModLensStatus {
  goproxy: string;
  source: string;
  health: Health;
  text: string;
  resolving: boolean;
  done?: number;
  total?: number;
}

export type ClientState = 'starting' | 'running' | 'stopped' | 'notFound';

export interface StatusPresentation {
  text: string;
  /** Markdown tooltip. */
  tooltip: string;
  /** Screen-reader label; also what the e2e test reads. Always names the full GOPROXY value and its source. */
  accessibilityLabel: string;
  background: 'none' | 'warning' | 'error';
}

const healthMark: Record<Health, string> = { ok: '✓', slow: '⚠', failing: '✗', unknown: '?' };

/** Checks an untrusted notification payload; returns undefined when it is not a status object. */
export function parseStatus(value: unknown): GoModLensStatus | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.goproxy !== 'string') return undefined;
  const health: Health = v.health === 'ok' || v.health === 'slow' || v.health === 'failing' ? v.health : 'unknown';
  const num = (x: unknown): number | undefined => (typeof x === 'number' && Number.isFinite(x) && x >= 0 ? x : undefined);
  const status: GoModLensStatus = {
    goproxy: v.goproxy,
    source: typeof v.source === 'string' ? v.source : '',
    health,
    text: typeof v.text === 'string' ? v.text : '',
    resolving: v.resolving === true,
  };
  const done = num(v.done);
  const total = num(v.total);
  if (done !== undefined) status.done = done;
  if (total !== undefined) status.total = total;
  return status;
}

/** The first proxy of a GOPROXY list, without scheme and trailing slash: "https://goproxy.cn,direct" → "goproxy.cn". */
export function shortGoproxy(goproxy: string): string {
  const first = goproxy.split(/[,|]/)[0]?.trim() ?? '';
  if (first === '') return 'GOPROXY unset';
  return first.replace(/^https?:\/\//i, '').replace(/\/+$/, '');
}

/** Server text must not smuggle codicons (`$(name)`) into the status bar. */
function plain(text: string): string {
  return text.replace(/\$\(/g, '$\u200b(');
}

function mdEscape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, (c) => '\\' + c);
}

export function presentStatus(status: GoModLensStatus | undefined, state: ClientState): StatusPresentation {
  if (state === 'notFound') {
    return {
      text: '$(error) GoModLens',
      tooltip: 'GoModLens: no language server found. See the GoModLens output channel.',
      accessibilityLabel: 'GoModLens: no language server found',
      background: 'error',
    };
  }
  if (state === 'stopped') {
    return {
      text: '$(debug-disconnect) GoModLens',
      tooltip: 'GoModLens: the language server is not running. Run "GoModLens: Restart server".',
      accessibilityLabel: 'GoModLens: server stopped',
      background: 'warning',
    };
  }
  if (status === undefined) {
    return {
      text: '$(sync~spin) GoModLens',
      tooltip: 'GoModLens: starting…',
      accessibilityLabel: 'GoModLens: starting',
      background: 'none',
    };
  }
  const base = status.text.trim() !== '' ? plain(status.text.trim()) : `${shortGoproxy(status.goproxy)} ${healthMark[status.health]}`;
  const progress = status.resolving && status.total !== undefined && status.total > 0 ? ` ${status.done ?? 0}/${status.total}` : '';
  const text = status.resolving ? `$(sync~spin) ${base}${progress}` : base;
  const source = status.source !== '' ? status.source : 'unknown source';
  const tooltip = [
    `**GOPROXY** \`${status.goproxy.replace(/`/g, "'")}\``,
    `Source: ${mdEscape(source)}`,
    `Health: ${status.health}${status.resolving ? ' (resolving…)' : ''}`,
    'Click for the mirror report.',
  ].join('\n\n');
  const accessibilityLabel = `GOPROXY ${status.goproxy} from ${source}, health ${status.health}${status.resolving ? ', resolving' : ''}`;
  const background = status.health === 'failing' ? 'error' : status.health === 'slow' ? 'warning' : 'none';
  return { text, tooltip, accessibilityLabel, background };
}
