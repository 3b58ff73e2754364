using System.Text.Json;
using System.Text.Json.Serialization;

namespace GoModLens.Protocol;

/// <summary>
/// The single <see cref="JsonSerializerOptions"/> used for every LSP payload, on the wire (the JSON-RPC formatter)
/// and when handlers deserialize <c>params</c> themselves. camelCase names, nulls omitted, enums as numbers
/// (LSP integer enums), unknown members ignored because clients send far more than we model.
/// </summary>
public static class LspJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>Applies the LSP conventions to an existing options object (e.g. the JSON-RPC formatter's).</summary>
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DictionaryKeyPolicy = null;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.PropertyNameCaseInsensitive = false;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.AllowTrailingCommas = false;

        // A missing required member (e.g. didOpen without textDocument) fails deserialization, so handlers can
        // trust their params and the dispatcher answers InvalidParams instead of a NullReferenceException.
        options.RespectRequiredConstructorParameters = true;
        options.RespectNullableAnnotations = true;
        options.Converters.Add(new Converters.ProgressTokenConverter());
    }

    public static T? Deserialize<T>(JsonElement element) => element.Deserialize<T>(Options);

    public static JsonElement ToElement<T>(T value) => JsonSerializer.SerializeToElement(value, Options);

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions();
        Configure(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
