using System.Text.Json.Serialization;

namespace GoModLens.Server.Features.GoMod;

// The JSON results of the workspace/executeCommand commands (docs/client-contract.md, "Commands"). Named records,
// not anonymous objects, so their serialization is generated at compile time (ServerJsonContext).

/// <summary><c>gomodlens.checkNow</c>: <c>{"rechecking": true}</c>.</summary>
internal sealed record RecheckingResult([property: JsonPropertyName("rechecking")] bool Rechecking);

/// <summary><c>gomodlens.clearCache</c>: <c>{"cleared": true}</c>.</summary>
internal sealed record CacheClearedResult([property: JsonPropertyName("cleared")] bool Cleared);

/// <summary>What a GOENV file write would change.</summary>
internal sealed record GoEnvPreview(
    [property: JsonPropertyName("before")] string Before,
    [property: JsonPropertyName("after")] string After,
    [property: JsonPropertyName("path")] string Path);

/// <summary><c>gomodlens.setGoproxyFastest</c>: the value to set, the same for display (credentials masked), and the preview of writing it.</summary>
internal sealed record FastestMirrorResult(
    [property: JsonPropertyName("value")] string Value,
    [property: JsonPropertyName("preview")] GoEnvPreview Preview)
{
    [JsonPropertyName("shown")]
    public string Shown => Analysis.Reports.Redaction.List(Value);
}

/// <summary>A GOENV write that go would refuse.</summary>
internal sealed record GoEnvWriteError(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("preview")] GoEnvPreview Preview);

/// <summary>A confirmed GOENV write.</summary>
internal sealed record GoEnvWritten(
    [property: JsonPropertyName("written")] bool Written,
    [property: JsonPropertyName("path")] string? Path,
    [property: JsonPropertyName("before")] string Before,
    [property: JsonPropertyName("after")] string? After);
