using System.Text.Json.Serialization;

namespace GoModLens.Server.Features.GoMod;

/// <summary>The <c>gomodlens/status</c> notification (docs/client-contract.md, "Notifications").</summary>
public sealed record GoModStatus(
    [property: JsonPropertyName("goproxy")] string GoProxy,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("health")] string Health,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("resolving")] bool Resolving,
    [property: JsonPropertyName("done"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Done = null,
    [property: JsonPropertyName("total"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Total = null)
{
    public const string Method = "gomodlens/status";
}
