namespace GoModLens.Server.Features;

/// <summary>Extra location shown with a diagnostic; <paramref name="Uri"/> null means the same document.</summary>
public sealed record RelatedSpan(string? Uri, SourceSpan Span, string Message);
