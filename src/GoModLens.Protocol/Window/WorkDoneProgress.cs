using System.Text.Json.Serialization;

namespace GoModLens.Protocol;

public sealed record WorkDoneProgressCreateParams(ProgressToken Token);

public sealed record ProgressParams<T>(ProgressToken Token, T Value);

public sealed record WorkDoneProgressBegin(string Title, string? Message = null, int? Percentage = null, bool? Cancellable = null)
{
    [JsonPropertyOrder(-1)]
    public string Kind => "begin";
}

public sealed record WorkDoneProgressReport(string? Message = null, int? Percentage = null, bool? Cancellable = null)
{
    [JsonPropertyOrder(-1)]
    public string Kind => "report";
}

public sealed record WorkDoneProgressEnd(string? Message = null)
{
    [JsonPropertyOrder(-1)]
    public string Kind => "end";
}
