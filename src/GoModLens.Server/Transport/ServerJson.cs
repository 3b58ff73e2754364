using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using GoModLens.Protocol;
using GoModLens.Server.Features.GoMod;
using GoModLens.Server.Handlers;

namespace GoModLens.Server.Transport;

/// <summary>
/// The server's JSON: <see cref="LspJson"/>'s conventions over compile-time metadata for the LSP types plus the
/// server's own payloads (<see cref="ServerJsonContext"/>). No reflection-based fallback, so the server runs the same
/// under Native AOT as under the JIT, and a payload type missing from the contexts fails every test that sends it.
/// </summary>
internal static class ServerJson
{
    private static readonly IJsonTypeInfoResolver s_resolver = JsonTypeInfoResolver.Combine(LspJsonContext.Default, ServerJsonContext.Default);

    /// <summary>Every type the server sends or receives.</summary>
    public static IJsonTypeInfoResolver Resolver => s_resolver;

    /// <summary>LSP payloads on the wire and handler params.</summary>
    public static JsonSerializerOptions Options { get; } = LspJson.Create(s_resolver);

    /// <summary>Command arguments and results and diagnostic data read back: default naming (explicit names in the records).</summary>
    public static JsonSerializerOptions Plain { get; } = CreatePlain();

    /// <summary>Applies the server's conventions and metadata to the JSON-RPC formatter's options.</summary>
    public static void Configure(JsonSerializerOptions options) => LspJson.Configure(options, s_resolver);

    public static T? Deserialize<T>(JsonElement element, JsonSerializerOptions options) =>
        element.Deserialize(LspJson.TypeInfo<T>(options));

    /// <summary>A value as JSON, by its runtime type (which must be registered).</summary>
    public static JsonElement ToElement(object? value, JsonSerializerOptions options) =>
        JsonSerializer.SerializeToElement(value, options.GetTypeInfo(value?.GetType() ?? typeof(object)));

    private static JsonSerializerOptions CreatePlain()
    {
        var options = new JsonSerializerOptions { TypeInfoResolver = s_resolver };
        options.MakeReadOnly();
        return options;
    }
}

[JsonSerializable(typeof(GoModDiagnosticData))]
[JsonSerializable(typeof(System.Collections.Immutable.ImmutableArray<FixData>))]
[JsonSerializable(typeof(System.Collections.Immutable.ImmutableArray<FixEdit>))]
[JsonSerializable(typeof(GoModStatus))]
[JsonSerializable(typeof(DidChangeWorkspaceFoldersParams))]
[JsonSerializable(typeof(SetTraceParams))]
[JsonSerializable(typeof(RecheckingResult))]
[JsonSerializable(typeof(CacheClearedResult))]
[JsonSerializable(typeof(FastestMirrorResult))]
[JsonSerializable(typeof(GoEnvWriteError))]
[JsonSerializable(typeof(GoEnvPreview))]
[JsonSerializable(typeof(GoEnvWritten))]
// StreamJsonRpc's own payloads: error data in error responses, the id of $/cancelRequest (read with the
// formatter's RequestId converter, which applies once the type has metadata).
[JsonSerializable(typeof(StreamJsonRpc.Protocol.CommonErrorData))]
[JsonSerializable(typeof(StreamJsonRpc.RequestId))]
internal sealed partial class ServerJsonContext : JsonSerializerContext;
