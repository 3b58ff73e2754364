using System.Text.Json;
using System.Text.Json.Serialization;

namespace GoModLens.Protocol.Converters;

/// <summary>
/// Diagnostic codes are <c>integer | string</c>. Ours are strings, but code-action requests echo back other
/// servers' diagnostics too, so numbers must read without failing the whole request.
/// </summary>
public sealed class StringOrNumberConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
            JsonTokenType.Null => null,
            _ => throw new JsonException("expected integer or string"),
        };

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value);
}
