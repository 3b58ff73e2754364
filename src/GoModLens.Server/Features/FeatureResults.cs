using System.Collections.Immutable;
using System.Text.Json;

namespace GoModLens.Server.Features;

/// <summary>Markdown hover text for <paramref name="Span"/> (null: the server uses no range).</summary>
public sealed record HoverInfo(string Markdown, SourceSpan? Span = null);

public sealed record TextChange(SourceSpan Span, string NewText);

/// <summary>Edits to one document. Offsets refer to the open version, or to the file on disk when not open.</summary>
public sealed record DocumentChanges(string Uri, ImmutableArray<TextChange> Changes);

public sealed record CommandInvocation(string Title, string Name, ImmutableArray<JsonElement> Arguments);

/// <param name="Kind">An LSP code action kind such as <c>quickfix</c>.</param>
/// <param name="FixedDiagnostics">Which of the request's diagnostics this resolves (shown grouped by clients).</param>
public sealed record CodeFix(
    string Title,
    string Kind,
    ImmutableArray<DocumentChanges> Edits,
    ImmutableArray<AnalyzerDiagnostic> FixedDiagnostics,
    bool IsPreferred = false,
    CommandInvocation? Command = null);

public sealed record InlayHintItem(int Offset, string Label, string? TooltipMarkdown = null, bool PaddingLeft = true);

public sealed record DocumentLinkItem(SourceSpan Span, string Target, string? Tooltip = null);

public enum CompletionKind
{
    Keyword,
    Module,
    Version,
    Value,
}

public sealed record CompletionEntry(
    string Label,
    CompletionKind Kind,
    SourceSpan ReplaceSpan,
    string InsertText,
    string? Detail = null,
    string? DocumentationMarkdown = null,
    string? SortText = null,
    bool Deprecated = false);

public sealed record CompletionInfo(ImmutableArray<CompletionEntry> Items, bool IsIncomplete = false)
{
    public static CompletionInfo Empty { get; } = new([]);
}

public enum FoldingKind
{
    Region,
    Comment,
    Imports,
}

/// <summary>Folds whole lines: <paramref name="StartOffset"/>'s line through <paramref name="EndOffset"/>'s line.</summary>
public sealed record FoldingItem(int StartOffset, int EndOffset, FoldingKind Kind = FoldingKind.Region);

public enum SymbolCategory
{
    Module,
    Directive,
    Block,
    Requirement,
    Replacement,
    Exclusion,
    Retraction,
    Tool,
    Other,
}

public sealed record SymbolItem(
    string Name,
    string? Detail,
    SymbolCategory Category,
    SourceSpan Span,
    SourceSpan NameSpan,
    ImmutableArray<SymbolItem> Children);

/// <summary>What a workspace/executeCommand produced: edits the server applies via workspace/applyEdit, a message to show.</summary>
public sealed record CommandOutcome(ImmutableArray<DocumentChanges> Edits, string? Message = null, JsonElement? Result = null)
{
    public static CommandOutcome None { get; } = new([]);
}
