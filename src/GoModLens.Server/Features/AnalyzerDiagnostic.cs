using System.Collections.Immutable;

namespace GoModLens.Server.Features;

public enum DiagnosticLevel
{
    Error,
    Warning,
    Information,
    Hint,
}

[Flags]
public enum DiagnosticMarkers
{
    None = 0,
    Unnecessary = 1,
    Deprecated = 2,
}

/// <summary>Extra location shown with a diagnostic; <paramref name="Uri"/> null means the same document.</summary>
public sealed record RelatedSpan(string? Uri, SourceSpan Span, string Message);

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
