namespace GoModLens.ModFile.Editing;

/// <summary>An LSP-style position: 0-based line and 0-based UTF-16 code-unit column.</summary>
public readonly record struct LinePosition(int Line, int Character);
