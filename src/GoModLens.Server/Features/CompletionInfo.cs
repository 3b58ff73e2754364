using System.Collections.Immutable;

namespace GoModLens.Server.Features;

public sealed record CompletionInfo(ImmutableArray<CompletionEntry> Items, bool IsIncomplete = false)
{
    public static CompletionInfo Empty { get; } = new([]);
}
