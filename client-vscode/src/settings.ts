// Maps the `gomodlens.*` VS Code settings to the object the server expects (docs/client-contract.md, "Settings").
// Pure: no 'vscode' import, so it is unit-tested with node --test.

/** Reads one setting by its key below `gomodlens.` (e.g. "timeouts.totalMs"); undefined when unset. */
export type SettingReader = (key: string) => unknown;

export interface GoModLensServerSettings {
  goproxy: string | null;
  goprivate: string | null;
  mirrors: { public: boolean; extra: string[] };
  checkouts: { searchRoots: string[] };
  timeouts: { totalMs: number; connectMs: number; firstByteMs: number };
  concurrency: number;
  network: { enabled: boolean };
  direct: { git: boolean };
  inlayHints: { enabled: boolean };
}

export const defaultServerSettings: GoModLensServerSettings = {
  goproxy: null,
  goprivate: null,
  mirrors: { public: true, extra: [] },
  checkouts: { searchRoots: [] },
  timeouts: { totalMs: 10000, connectMs: 3000, firstByteMs: 5000 },
  concurrency: 256,
  network: { enabled: true },
  direct: { git: true },
  inlayHints: { enabled: true },
};

/** Settings that only the client uses; they are not sent to the server. */
export const clientOnlySettingKeys = ['server.path', 'trace.server'] as const;

function optionalString(value: unknown): string | null {
  // An empty or blank string in settings.json means "not set": the server then uses the environment, as go does.
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

function positiveInteger(value: unknown, fallback: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 1) return fallback;
  return Math.floor(value);
}

function bool(value: unknown, fallback: boolean): boolean {
  return typeof value === 'boolean' ? value : fallback;
}

function stringList(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.filter((v): v is string => typeof v === 'string').map((v) => v.trim()).filter((v) => v !== '');
}

export function readServerSettings(read: SettingReader): GoModLensServerSettings {
  const d = defaultServerSettings;
  return {
    goproxy: optionalString(read('goproxy')),
    goprivate: optionalString(read('goprivate')),
    mirrors: {
      public: bool(read('mirrors.public'), d.mirrors.public),
      // An older settings.json may still hold the bare list "gomodlens.mirrors": [...].
      extra: [...stringList(read('mirrors')), ...stringList(read('mirrors.extra'))],
    },
    checkouts: { searchRoots: stringList(read('checkouts.searchRoots')) },
    timeouts: {
      totalMs: positiveInteger(read('timeouts.totalMs'), d.timeouts.totalMs),
      connectMs: positiveInteger(read('timeouts.connectMs'), d.timeouts.connectMs),
      firstByteMs: positiveInteger(read('timeouts.firstByteMs'), d.timeouts.firstByteMs),
    },
    concurrency: positiveInteger(read('concurrency'), d.concurrency),
    network: { enabled: bool(read('network.enabled'), d.network.enabled) },
    direct: { git: bool(read('direct.git'), d.direct.git) },
    inlayHints: { enabled: bool(read('inlayHints.enabled'), d.inlayHints.enabled) },
  };
}

/**
 * Answers one `workspace/configuration` item. The server asks for section "gomodlens" (the whole object);
 * a dotted sub-section such as "gomodlens.timeouts" is answered with that part. Returns `undefined` for
 * sections that are not ours, so the caller can fall back to the default handling.
 */
export function configurationForSection(
  section: string | undefined,
  settings: GoModLensServerSettings,
): { handled: true; value: unknown } | { handled: false } {
  if (section === 'gomodlens') return { handled: true, value: settings };
  if (section === undefined || !section.startsWith('gomodlens.')) return { handled: false };
  let node: unknown = settings;
  for (const part of section.slice('gomodlens.'.length).split('.')) {
    if (node === null || typeof node !== 'object' || !(part in node)) return { handled: true, value: null };
    node = (node as Record<string, unknown>)[part];
  }
  return { handled: true, value: node };
}

/** True when a settings change means the server process must be restarted rather than just re-configured. */
export function needsRestart(affects: (key: string) => boolean): boolean {
  return affects('gomodlens.server.path');
}
