namespace GoModLens.Server.Features;

public sealed record CompletionEntry(
    string Label,
    CompletionKind Kind,
    SourceSpan ReplaceSpan,
    string InsertText,
    string? Detail = null,
    string? DocumentationMarkdown = null,
    string? SortText = null,
    bool Deprecated = false);
