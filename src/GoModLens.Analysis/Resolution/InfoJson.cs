using System.Globalization;
using System.Text;
using System.Text.Json;

namespace GoModLens.Analysis.Resolution;

/// <summary>Decodes a <c>.info</c>/<c>@latest</c> body like go's json.Unmarshal into RevInfo, with encoding/json's error texts.</summary>
internal static class InfoJson
{
    public static bool TryParse(byte[] body, out string version, out DateTimeOffset? time, out string? error)
    {
        version = "";
        time = null;
        if (SyntaxError(body) is { } syntax)
        {
            error = syntax;
            return false;
        }

        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                error = "json: cannot unmarshal " + GoKind(doc.RootElement.ValueKind) + " into Go value of type modfetch.RevInfo";
                return false;
            }

            foreach (var prop in doc.RootElement.EnumerateObject())
            {
                // encoding/json matches field names case-insensitively.
                if (string.Equals(prop.Name, "Version", StringComparison.OrdinalIgnoreCase))
                {
                    if (prop.Value.ValueKind == JsonValueKind.String)
                    {
                        version = prop.Value.GetString() ?? "";
                    }
                    else if (prop.Value.ValueKind != JsonValueKind.Null)
                    {
                        error = "json: cannot unmarshal " + GoKind(prop.Value.ValueKind) + " into Go struct field RevInfo.Version of type string";
                        return false;
                    }
                }
                else if (string.Equals(prop.Name, "Time", StringComparison.OrdinalIgnoreCase) && prop.Value.ValueKind == JsonValueKind.String)
                {
                    var text = prop.Value.GetString() ?? "";
                    if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed))
                    {
                        error = $"parsing time {GoQuoteLite(text)} as \"2006-01-02T15:04:05Z07:00\": cannot parse {GoQuoteLite(text)} as \"2006\"";
                        return false;
                    }

                    time = parsed;
                }
            }

            error = null;
            return true;
        }
        catch (JsonException e)
        {
            error = e.Message;
            return false;
        }
    }

    /// <summary>The first syntax error as encoding/json words it, for the shapes proxies actually produce (HTML, text, truncation).</summary>
    internal static string? SyntaxError(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body);
        var i = 0;
        while (i < text.Length && text[i] is ' ' or '\t' or '\r' or '\n')
        {
            i++;
        }

        if (i == text.Length)
        {
            return "unexpected end of JSON input";
        }

        var c = text[i];
        foreach (var literal in new[] { "true", "false", "null" })
        {
            if (c != literal[0])
            {
                continue;
            }

            for (var k = 1; k < literal.Length; k++)
            {
                if (i + k >= text.Length)
                {
                    return "unexpected end of JSON input";
                }

                if (text[i + k] != literal[k])
                {
                    return $"invalid character {CharQuote(text[i + k])} in literal {literal} (expecting {CharQuote(literal[k])})";
                }
            }

            return TrailingError(text, i + literal.Length);
        }

        if (c is not ('{' or '[' or '"' or '-' or (>= '0' and <= '9')))
        {
            return $"invalid character {CharQuote(c)} looking for beginning of value";
        }

        try
        {
            using var _ = JsonDocument.Parse(body);
            return null;
        }
        catch (JsonException e)
        {
            // Truncated documents are the common case after '{'; other shapes fall back to the .NET text.
            return e.Message.Contains("end of data", StringComparison.OrdinalIgnoreCase) || e.Message.Contains("expected end", StringComparison.OrdinalIgnoreCase)
                ? "unexpected end of JSON input"
                : e.Message;
        }
    }

    private static string? TrailingError(string text, int from)
    {
        for (var i = from; i < text.Length; i++)
        {
            if (text[i] is ' ' or '\t' or '\r' or '\n')
            {
                continue;
            }

            return $"invalid character {CharQuote(text[i])} after top-level value";
        }

        return null;
    }

    private static string CharQuote(char c) => c switch
    {
        '\'' => "'\\''",
        '"' => "'\"'",
        '\n' => "'\\n'",
        '\r' => "'\\r'",
        '\t' => "'\\t'",
        _ => "'" + c + "'",
    };

    private static string GoQuoteLite(string s) => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static string GoKind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "bool",
        JsonValueKind.Object => "object",
        _ => "null",
    };
}
