namespace GoModLens.Server.Features;

/// <summary>A command shown above the line at <paramref name="Span"/>.</summary>
public sealed record CodeLensItem(SourceSpan Span, CommandInvocation Command);
