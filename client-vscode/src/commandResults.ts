// Interprets the results of the server's workspace/executeCommand calls (docs/client-contract.md, "Commands").
// Pure: unit-tested without VS Code.

export interface GoproxyPreview {
  before: string;
  after: string;
  path: string;
}

export interface FastestMirror {
  value: string;
  /** The value for display: a mirror URL's credentials masked (the server sends it; older servers do not). */
  shown?: string;
  preview?: GoproxyPreview;
  /** Markdown the server may have attached instead of a structured preview. */
  previewText?: string;
}

function isPreview(v: unknown): v is GoproxyPreview {
  if (v === null || typeof v !== 'object') return false;
  const o = v as Record<string, unknown>;
  return typeof o.after === 'string' && typeof o.path === 'string' && (typeof o.before === 'string' || o.before === null || o.before === undefined);
}

/** `gomodlens.setGoproxyFastest` → `{value, preview}`; undefined when the server found no healthy mirror. */
export function parseFastestMirror(result: unknown): FastestMirror | undefined {
  if (result === null || typeof result !== 'object') return undefined;
  const o = result as Record<string, unknown>;
  if (typeof o.value !== 'string' || o.value.trim() === '') return undefined;
  const shown = typeof o.shown === 'string' && o.shown !== '' ? { shown: o.shown } : {};
  if (isPreview(o.preview)) return { value: o.value, ...shown, preview: { before: o.preview.before ?? '', after: o.preview.after, path: o.preview.path } };
  if (typeof o.preview === 'string') return { value: o.value, ...shown, previewText: o.preview };
  return { value: o.value, ...shown };
}

/** What the user sees of the value: never a credential. */
export function shownValue(m: FastestMirror): string {
  return m.shown ?? m.value;
}

/** Markdown shown before asking for confirmation: what `go env -w GOPROXY=…` would change, and where. */
export function previewMarkdown(m: FastestMirror): string {
  const shown = shownValue(m);
  const lines = [`# Set GOPROXY to the fastest mirror`, '', `New value: \`${shown}\``, ''];
  if (m.preview) {
    lines.push(`GoModLens will write the GOENV file exactly as \`go env -w GOPROXY=${shown}\` would:`, '');
    lines.push(`File: \`${m.preview.path}\``, '');
    lines.push('Before:', '', '```', m.preview.before, '```', '', 'After:', '', '```', m.preview.after, '```');
  } else if (m.previewText) {
    lines.push(m.previewText);
  }
  return lines.join('\n') + '\n';
}

/** Markdown reports (`showMirrorReport`, `showEnvironment`) come back as a string, or as MarkupContent. */
export function markdownResult(result: unknown): string | undefined {
  if (typeof result === 'string') return result;
  if (result !== null && typeof result === 'object' && typeof (result as { value?: unknown }).value === 'string') {
    return (result as { value: string }).value;
  }
  return undefined;
}

/**
 * A server command run from a quick fix whose result the editor must keep: `gomodlens.setGoproxy` with scope
 * "workspace" means "GOPROXY for GoModLens in this workspace", which only the client can store (as the
 * `gomodlens.goproxy` workspace setting). Returns the value to store, or undefined for every other command.
 */
export function workspaceGoproxyToStore(command: string, args: readonly unknown[], result: unknown): string | undefined {
  if (command !== 'gomodlens.setGoproxy' || args[1] !== 'workspace') return undefined;
  if (typeof result === 'string' && result.trim() !== '') return result;
  return typeof args[0] === 'string' && args[0].trim() !== '' ? args[0] : undefined;
}

/**
 * The language client registers every command the server advertises as a VS Code command. The commands this
 * extension contributes itself (palette entries with UI around them) must be left out, or registration fails
 * with "command already exists"; the extension forwards those to the server on its own.
 */
export function serverCommandsToRegister(advertised: readonly string[], clientOwned: ReadonlySet<string>): string[] {
  return advertised.filter((c) => !clientOwned.has(c));
}
