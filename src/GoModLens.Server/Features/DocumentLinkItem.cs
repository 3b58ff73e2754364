namespace GoModLens.Server.Features;

public sealed record DocumentLinkItem(SourceSpan Span, string Target, string? Tooltip = null);
