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
    ImmutableArray<FixData> Fixes = default,
    [property: JsonPropertyName("version"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Version = null)
{
    /// <summary>
    /// <paramref name="diagnostics"/> with the document version their fixes' offsets refer to. A client hands a
    /// diagnostic back in a code-action request whenever it likes, also after further edits (Neovim keeps the last
    /// publish until the next one): its offsets then point elsewhere, and an edit there would rewrite other text.
    /// </summary>
    public static ImmutableArray<AnalyzerDiagnostic> Stamped(ImmutableArray<AnalyzerDiagnostic> diagnostics, int version)
    {
        if (!diagnostics.Any(d => d.Data is GoModDiagnosticData { Fixes.IsDefaultOrEmpty: false }))
        {
            return diagnostics;
        }

        return [.. diagnostics.Select(d => d.Data is GoModDiagnosticData { Fixes.IsDefaultOrEmpty: false } data && data.Version != version
            ? d with { Data = data with { Version = version } }
            : d)];
    }

    /// <summary>Whether the fixes' offsets are those of <paramref name="document"/>'s text (unstamped data is taken as current).</summary>
    public bool IsFor(TextDocumentSnapshot document) => Version is not { } version || version == document.Version;

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
