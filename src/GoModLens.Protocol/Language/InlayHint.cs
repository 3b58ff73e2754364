namespace GoModLens.Protocol;

public sealed record InlayHintParams(TextDocumentIdentifier TextDocument, Range Range);

public sealed record InlayHint
{
    public required Position Position { get; init; }
    public required string Label { get; init; }
    public InlayHintKind? Kind { get; init; }
    public MarkupContent? Tooltip { get; init; }
    public bool? PaddingLeft { get; init; }
    public bool? PaddingRight { get; init; }
}

public enum InlayHintKind
{
    Type = 1,
    Parameter = 2,
}
