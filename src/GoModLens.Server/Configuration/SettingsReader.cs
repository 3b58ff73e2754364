using System.Collections.Immutable;
using System.Text.Json;

namespace GoModLens.Server.Configuration;

/// <summary>
/// Reads settings JSON tolerantly: a key of the wrong type is reported and skipped, never fatal. Accepts both the
/// bare object and one wrapped in <c>{"gomodlens": {...}}</c>, since clients differ in what they send.
/// </summary>
internal static class SettingsReader
{
    public static ServerSettings Apply(ServerSettings current, JsonElement? json, ICollection<string> problems)
    {
        if (json is not { ValueKind: JsonValueKind.Object } root)
        {
            return current;
        }

        if (root.TryGetProperty(ServerSettings.Section, out var wrapped))
        {
            if (wrapped.ValueKind != JsonValueKind.Object)
            {
                return current;
            }

            root = wrapped;
        }

        var result = current;
        foreach (var property in root.EnumerateObject())
        {
            var value = property.Value;
            switch (property.Name)
            {
                case "goproxy":
                    if (value.ValueKind == JsonValueKind.Null)
                    {
                        result = result with { GoProxy = null };
                    }
                    else if (value.ValueKind == JsonValueKind.String)
                    {
                        var text = value.GetString()!.Trim();
                        result = result with { GoProxy = text.Length == 0 ? null : text };
                    }
                    else
                    {
                        problems.Add("goproxy must be a string");
                    }

                    break;
                case "mirrors":
                    if (value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String))
                    {
                        result = result with
                        {
                            ExtraMirrors = [.. value.EnumerateArray().Select(e => e.GetString()!.Trim()).Where(s => s.Length > 0)],
                        };
                    }
                    else
                    {
                        problems.Add("mirrors must be an array of strings");
                    }

                    break;
                case "timeoutMs":
                    if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var ms) && ms > 0)
                    {
                        result = result with { RequestTimeout = TimeSpan.FromMilliseconds(ms) };
                    }
                    else
                    {
                        problems.Add("timeoutMs must be a positive integer");
                    }

                    break;
                case "concurrency":
                    if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) && n is >= 1 and <= 64)
                    {
                        result = result with { MaxConcurrency = n };
                    }
                    else
                    {
                        problems.Add("concurrency must be an integer from 1 to 64");
                    }

                    break;
                case "network":
                    if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
                    {
                        result = result with { NetworkEnabled = value.GetBoolean() };
                    }
                    else
                    {
                        problems.Add("network must be true or false");
                    }

                    break;
                case "inlayHints":
                    if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
                    {
                        result = result with { InlayHintsEnabled = value.GetBoolean() };
                    }
                    else
                    {
                        problems.Add("inlayHints must be true or false");
                    }

                    break;
                case "logLevel":
                    if (value.ValueKind == JsonValueKind.String
                        && Enum.TryParse<Features.LogLevel>(value.GetString(), ignoreCase: true, out var level))
                    {
                        result = result with { LogLevel = level };
                    }
                    else
                    {
                        problems.Add("logLevel must be one of trace, debug, information, warning, error");
                    }

                    break;
                default:
                    // Unknown keys are tolerated: newer clients may send settings this server predates.
                    break;
            }
        }

        return result;
    }

    public static ImmutableArray<string> KnownKeys { get; } =
        ["goproxy", "mirrors", "timeoutMs", "concurrency", "network", "inlayHints", "logLevel"];
}
