namespace GoModLens.Server.Features;

public sealed record TextChange(SourceSpan Span, string NewText);
