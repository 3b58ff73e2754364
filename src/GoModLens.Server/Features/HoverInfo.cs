namespace GoModLens.Server.Features;

/// <summary>Markdown hover text for <paramref name="Span"/> (null: the server uses no range).</summary>
public sealed record HoverInfo(string Markdown, SourceSpan? Span = null);
