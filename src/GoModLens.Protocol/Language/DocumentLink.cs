namespace GoModLens.Protocol;

public sealed record DocumentLinkParams(TextDocumentIdentifier TextDocument);

public sealed record DocumentLink(Range Range, string? Target = null, string? Tooltip = null);
