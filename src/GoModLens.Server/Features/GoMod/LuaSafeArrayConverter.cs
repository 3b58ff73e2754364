using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using GoModLens.Protocol;

namespace GoModLens.Server.Features.GoMod;

/// <summary>
/// An array in diagnostic data that survives a Lua client: Neovim keeps the data as a Lua table, which cannot tell an
/// empty array from an empty object, so an empty <c>[]</c> comes back as <c>{}</c> with the code-action request.
/// Reads both; writes a plain array.
/// </summary>
internal sealed class LuaSafeArrayConverter<T> : JsonConverter<ImmutableArray<T>>
{
    public override ImmutableArray<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.EndObject)
            {
                throw new JsonException("expected an array (or {} for an empty one)");
            }

            return [];
        }

        return JsonSerializer.Deserialize(ref reader, LspJson.TypeInfo<ImmutableArray<T>>(options));
    }

    public override void Write(Utf8JsonWriter writer, ImmutableArray<T> value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value, LspJson.TypeInfo<ImmutableArray<T>>(options));
}
