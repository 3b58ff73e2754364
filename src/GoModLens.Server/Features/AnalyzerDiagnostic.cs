using System.Collections.Immutable;

namespace GoModLens.Server.Features;

/// <summary>
/// A diagnostic in editor terms (offsets, strings), free of LSP types. <paramref name="Data"/> round-trips through
/// the client so a code-action request can recover what the analyzer knew without re-analysing.
/// </summary>
public sealed record AnalyzerDiagnostic(
    SourceSpan Span,
    DiagnosticLevel Level,
    string Code,
    string Message,
    string? HelpUri = null,
    DiagnosticMarkers Markers = DiagnosticMarkers.None,
    ImmutableArray<RelatedSpan> Related = default,
    ImmutableDictionary<string, string>? Data = null)
{
    public ImmutableArray<RelatedSpan> Related { get; init; } = Related.IsDefault ? [] : Related;
}
