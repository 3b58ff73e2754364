namespace GoModLens.ModFile.Editing;

/// <summary>
/// Replace the original text in [<see cref="StartOffset"/>, <see cref="EndOffset"/>) (UTF-16 offsets) with
/// <see cref="NewText"/>. <see cref="Start"/>/<see cref="End"/> are the same range as LSP line/character positions.
/// </summary>
public sealed record ModTextEdit(LinePosition Start, LinePosition End, int StartOffset, int EndOffset, string NewText);
