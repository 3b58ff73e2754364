using System.Collections.Immutable;
using System.Text.Json;

namespace GoModLens.Server.Features;

/// <summary>What a workspace/executeCommand produced: edits the server applies via workspace/applyEdit, a message to show.</summary>
public sealed record CommandOutcome(ImmutableArray<DocumentChanges> Edits, string? Message = null, JsonElement? Result = null)
{
    public static CommandOutcome None { get; } = new([]);

    /// <summary>Something outside the documents changed (go env file, caches): re-run diagnostics for every open document.</summary>
    public bool Reanalyze { get; init; }

    /// <summary>Ask the user first (window/showMessageRequest); on <see cref="Confirmation.Action"/> run the follow-up command.</summary>
    public Confirmation? Confirm { get; init; }

    /// <summary>A GOPROXY for GoModLens only, for this session (the editor's own setting takes over when it next sends settings).</summary>
    public string? SessionGoProxy { get; init; }
}

/// <summary>A question for the user and the command that carries out the answer "yes".</summary>
public sealed record Confirmation(string Message, string Action, string Command, ImmutableArray<JsonElement> Arguments);
