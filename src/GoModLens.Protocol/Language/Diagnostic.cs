using System.Text.Json;
using System.Text.Json.Serialization;
using GoModLens.Protocol.Converters;

namespace GoModLens.Protocol;

public sealed record Diagnostic
{
    public required Range Range { get; init; }
    public DiagnosticSeverity? Severity { get; init; }

    [JsonConverter(typeof(StringOrNumberConverter))]
    public string? Code { get; init; }

    public CodeDescription? CodeDescription { get; init; }
    public string? Source { get; init; }
    public required string Message { get; init; }
    public IReadOnlyList<DiagnosticTag>? Tags { get; init; }
    public IReadOnlyList<DiagnosticRelatedInformation>? RelatedInformation { get; init; }

    /// <summary>
    /// Opaque to the client; returned with code-action requests so fixes need no re-analysis. Written from the
    /// server's own object (serialized as its runtime type, no intermediate JSON per diagnostic); read back as a
    /// <see cref="JsonElement"/>.
    /// </summary>
    public object? Data { get; init; }
}

public enum DiagnosticSeverity
{
    Error = 1,
    Warning = 2,
    Information = 3,
    Hint = 4,
}

public enum DiagnosticTag
{
    Unnecessary = 1,
    Deprecated = 2,
}

public sealed record CodeDescription(string Href);

public sealed record DiagnosticRelatedInformation(Location Location, string Message);

public sealed record PublishDiagnosticsParams(string Uri, IReadOnlyList<Diagnostic> Diagnostics, int? Version = null);
