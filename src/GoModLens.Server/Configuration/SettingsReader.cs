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
                    if (ReadOptionalString(value, "goproxy", problems, out var goproxy))
                    {
                        result = result with { GoProxy = goproxy };
                    }

                    break;
                case "goprivate":
                    if (ReadOptionalString(value, "goprivate", problems, out var goprivate))
                    {
                        result = result with { GoPrivate = goprivate };
                    }

                    break;
                case "timeouts":
                    result = ReadTimeouts(result, value, problems);
                    break;
                case "mirrors":
                    result = ReadMirrors(result, value, problems);
                    break;
                case "checkouts":
                    if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("searchRoots", out var roots))
                    {
                        if (ReadStringList(roots) is { } list)
                        {
                            result = result with { CheckoutSearchRoots = list };
                        }
                        else
                        {
                            problems.Add("checkouts.searchRoots must be an array of strings");
                        }
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
                    if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) && n is >= 1 and <= GoModLens.Analysis.Resolution.ResolveOptions.ConcurrencyLimit)
                    {
                        result = result with { MaxConcurrency = n };
                    }
                    else
                    {
                        problems.Add($"concurrency must be an integer from 1 to {GoModLens.Analysis.Resolution.ResolveOptions.ConcurrencyLimit}");
                    }

                    break;
                case "network":
                    if (ReadEnabled(value) is { } network)
                    {
                        result = result with { NetworkEnabled = network };
                    }
                    else
                    {
                        problems.Add("network.enabled must be true or false");
                    }

                    break;
                case "direct":
                    if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("git", out var git) && git.ValueKind is JsonValueKind.True or JsonValueKind.False)
                    {
                        result = result with { DirectGit = git.GetBoolean() };
                    }
                    else
                    {
                        problems.Add("direct.git must be true or false");
                    }

                    break;
                case "inlayHints":
                    if (ReadEnabled(value) is { } hints)
                    {
                        result = result with { InlayHintsEnabled = hints };
                    }
                    else
                    {
                        problems.Add("inlayHints.enabled must be true or false");
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
        ["goproxy", "goprivate", "mirrors", "checkouts", "timeouts", "timeoutMs", "concurrency", "network", "direct", "inlayHints", "logLevel"];

    // The contract's nested form ({"network": {"enabled": false}}) and the older flat boolean are both accepted.
    private static bool? ReadEnabled(JsonElement value) =>
        value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean()
        : value.ValueKind == JsonValueKind.Object && value.TryGetProperty("enabled", out var enabled)
          && enabled.ValueKind is JsonValueKind.True or JsonValueKind.False ? enabled.GetBoolean()
        : null;

    // Two shapes: the older bare list of extra mirrors, and the contract's {"public": bool, "extra": [...]}.
    private static ServerSettings ReadMirrors(ServerSettings result, JsonElement value, ICollection<string> problems)
    {
        if (value.ValueKind == JsonValueKind.Array)
        {
            if (ReadStringList(value) is { } extras)
            {
                return result with { ExtraMirrors = extras };
            }

            problems.Add("mirrors must be an array of strings");
            return result;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            problems.Add("mirrors must be an object {public, extra} or an array of strings");
            return result;
        }

        if (value.TryGetProperty("public", out var isPublic))
        {
            if (isPublic.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                result = result with { PublicMirrors = isPublic.GetBoolean() };
            }
            else
            {
                problems.Add("mirrors.public must be true or false");
            }
        }

        if (value.TryGetProperty("extra", out var extra))
        {
            if (ReadStringList(extra) is { } list)
            {
                result = result with { ExtraMirrors = list };
            }
            else
            {
                problems.Add("mirrors.extra must be an array of strings");
            }
        }

        return result;
    }

    private static ImmutableArray<string>? ReadStringList(JsonElement value) =>
        value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String)
            ? [.. value.EnumerateArray().Select(e => e.GetString()!.Trim()).Where(s => s.Length > 0)]
            : null;

    private static bool ReadOptionalString(JsonElement value, string key, ICollection<string> problems, out string? result)
    {
        result = null;
        if (value.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            var text = value.GetString()!.Trim();
            result = text.Length == 0 ? null : text;
            return true;
        }

        problems.Add(key + " must be a string");
        return false;
    }

    private static ServerSettings ReadTimeouts(ServerSettings result, JsonElement value, ICollection<string> problems)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            problems.Add("timeouts must be an object");
            return result;
        }

        foreach (var property in value.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetInt32(out var ms) || ms <= 0)
            {
                problems.Add($"timeouts.{property.Name} must be a positive integer");
                continue;
            }

            var span = TimeSpan.FromMilliseconds(ms);
            result = property.Name switch
            {
                "totalMs" => result with { RequestTimeout = span },
                "connectMs" => result with { ConnectTimeout = span },
                "firstByteMs" => result with { FirstByteTimeout = span },
                _ => result,
            };
        }

        return result;
    }
}
