using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using GoModLens.Server.Transport;

namespace GoModLens.Server.Features.GoMod;

/// <summary>
/// What a go.mod/go.sum diagnostic carries to the client and back: its code, the module, and its fixes as objects.
/// Fixes used to travel as a JSON string inside a string dictionary, built for every diagnostic of every analysis:
/// in a 50-file workspace that was ~5 MB of live strings and dictionaries, and a JSON parse per diagnostic on
/// every publish.
/// </summary>
internal sealed record GoModDiagnosticData(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("module"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Module = null,
    [property: JsonPropertyName("fixes"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault), JsonConverter(typeof(LuaSafeArrayConverter<FixData>))]
    ImmutableArray<FixData> Fixes = default)
{
    /// <summary>The data of one of our diagnostics, whether still in memory or back from the client; null if none or unreadable.</summary>
    public static GoModDiagnosticData? From(object? data)
    {
        switch (data)
        {
            case GoModDiagnosticData ours:
                return ours;
            case JsonElement { ValueKind: JsonValueKind.Object } json:
                try
                {
                    return ServerJson.Deserialize<GoModDiagnosticData>(json, ServerJson.Plain);
                }
                catch (JsonException)
                {
                    return null;
                }

            default:
                return null;
        }
    }
}
