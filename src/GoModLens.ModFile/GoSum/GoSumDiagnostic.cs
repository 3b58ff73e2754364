namespace GoModLens.ModFile.GoSum;

/// <summary>A problem found while reading go.sum. <see cref="GoMessage"/> is go's own text when go would fail on it.</summary>
public sealed record GoSumDiagnostic(string Code, GoSumSeverity Severity, string Message, GoSumSpan Span, string? GoMessage = null);
