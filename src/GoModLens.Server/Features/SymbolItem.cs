using System.Collections.Immutable;

namespace GoModLens.Server.Features;

public sealed record SymbolItem(
    string Name,
    string? Detail,
    SymbolCategory Category,
    SourceSpan Span,
    SourceSpan NameSpan,
    ImmutableArray<SymbolItem> Children);
