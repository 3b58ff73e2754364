// The documents the client sends to the server: go.mod, go.sum (and go.work.sum) and go.work. Kept apart from extension.ts (which
// needs the vscode module) so the unit tests can check the selector against package.json's `contributes.languages`.

/** Each language id GoModLens handles and the file names VS Code maps to it (as package.json contributes them). */
export const goFileLanguages: readonly { readonly id: string; readonly filenames: readonly string[] }[] = [
  { id: 'go.mod', filenames: ['go.mod'] },
  { id: 'go.sum', filenames: ['go.sum', 'go.work.sum'] }, // go.work.sum has go.sum's format
  { id: 'go.work', filenames: ['go.work'] },
];

export type GoFileFilter = { language: string } | { scheme: 'file'; pattern: string };

/**
 * The language client's document selector: every language id, then every file name as a `**` pattern on disk.
 * The official Go extension contributes the same go.mod / go.sum / go.work ids with the same file names. VS Code
 * merges contributions to one language id, so contributing them here too is not a conflict: it only makes the ids
 * exist when the Go extension is absent. The file patterns cover a workspace where another extension maps these
 * files to a different id.
 */
export function documentSelector(): GoFileFilter[] {
  return [
    ...goFileLanguages.map((l): GoFileFilter => ({ language: l.id })),
    ...goFileLanguages.flatMap((l) => l.filenames.map((f): GoFileFilter => ({ scheme: 'file', pattern: `**/${f}` }))),
  ];
}
