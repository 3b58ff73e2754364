using System.Collections.Immutable;

namespace GoModLens.Server.Features;

/// <summary>
/// A diagnostic in editor terms (offsets, strings), free of LSP types. <paramref name="Data"/> round-trips through
/// the client so a code-action request can recover what the analyzer knew without re-analysing: the analyzer's own
/// object on the way out (serialized as JSON by its runtime type, which must be registered in the server's compile-time
/// JSON metadata, <c>ServerJsonContext</c>, or be a <see cref="System.Text.Json.JsonElement"/>), a
/// <see cref="System.Text.Json.JsonElement"/> when it comes back with a code-action request.
/// </summary>
public sealed record AnalyzerDiagnostic(
    SourceSpan Span,
    DiagnosticLevel Level,
    string Code,
    string Message,
    string? HelpUri = null,
    DiagnosticMarkers Markers = DiagnosticMarkers.None,
    ImmutableArray<RelatedSpan> Related = default,
    object? Data = null)
{
    public ImmutableArray<RelatedSpan> Related { get; init; } = Related.IsDefault ? [] : Related;

    /// <summary>
    /// A network diagnostic that redoes a local check with what only the network knows: while there is one, the local
    /// diagnostics of its code are not shown (the server's own bookkeeping; never sent to the client).
    /// </summary>
    public bool SupersedesLocalOfItsCode { get; init; }
}
