using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GoModLens.Protocol.Converters;

internal sealed class ProgressTokenConverter : JsonConverter<ProgressToken>
{
    public override ProgressToken Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.String => new ProgressToken(reader.GetString()!, false),
            JsonTokenType.Number => new ProgressToken(reader.GetInt64().ToString(CultureInfo.InvariantCulture), true),
            _ => throw new JsonException("progress token must be an integer or a string"),
        };

    public override void Write(Utf8JsonWriter writer, ProgressToken value, JsonSerializerOptions options)
    {
        if (value.IsNumber)
        {
            writer.WriteNumberValue(long.Parse(value.Value, CultureInfo.InvariantCulture));
        }
        else
        {
            writer.WriteStringValue(value.Value);
        }
    }
}
