using System.Collections.Immutable;
using System.Text.Json;

namespace GoModLens.Server.Features;

/// <summary>What a workspace/executeCommand produced: edits the server applies via workspace/applyEdit, a message to show.</summary>
public sealed record CommandOutcome(ImmutableArray<DocumentChanges> Edits, string? Message = null, JsonElement? Result = null)
{
    public static CommandOutcome None { get; } = new([]);

    /// <summary>Something outside the documents changed (go env file, caches): re-run diagnostics for every open document.</summary>
    public bool Reanalyze { get; init; }
}
