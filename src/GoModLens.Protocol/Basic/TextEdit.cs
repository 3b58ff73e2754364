namespace GoModLens.Protocol;

public sealed record TextEdit(Range Range, string NewText);
