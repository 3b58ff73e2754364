using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace GoModLens.Protocol;

/// <summary>
/// The LSP conventions for every payload, on the wire (the JSON-RPC formatter) and when handlers deserialize
/// <c>params</c> themselves: camelCase names, nulls omitted, enums as numbers (LSP integer enums), unknown members
/// ignored because clients send far more than we model. Types resolve through compile-time metadata
/// (<see cref="LspJsonContext"/>, plus whatever the caller adds), never through reflection.
/// </summary>
public static class LspJson
{
    /// <summary>The LSP types only; a server with payloads of its own builds its options with <see cref="Create"/>.</summary>
    public static JsonSerializerOptions Options { get; } = Create(LspJsonContext.Default);

    /// <summary>Read-only options with the LSP conventions over <paramref name="resolver"/>.</summary>
    public static JsonSerializerOptions Create(IJsonTypeInfoResolver resolver)
    {
        var options = new JsonSerializerOptions();
        Configure(options, resolver);
        options.MakeReadOnly();
        return options;
    }

    /// <summary>Applies the LSP conventions to an existing options object (e.g. the JSON-RPC formatter's).</summary>
    public static void Configure(JsonSerializerOptions options, IJsonTypeInfoResolver resolver)
    {
        options.TypeInfoResolver = resolver;
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

    /// <summary>The compile-time metadata for <typeparamref name="T"/> in <paramref name="options"/> (throws when it has none).</summary>
    public static JsonTypeInfo<T> TypeInfo<T>(JsonSerializerOptions options) => (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
}
