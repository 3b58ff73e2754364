using System.Reflection;
using System.Text.Json;

namespace GoModLens.Server.Dispatch;

/// <summary>
/// The object StreamJsonRpc invokes for one method: every method takes its params as one raw JSON value, which
/// the dispatcher deserializes with <see cref="Transport.ServerJson.Options"/>, so bad params become InvalidParams
/// instead of a transport-level failure.
/// </summary>
internal sealed class RpcEntryPoint(LspDispatcher dispatcher, Route route)
{
    public static MethodInfo InvokeMethod { get; } = typeof(RpcEntryPoint).GetMethod(nameof(InvokeAsync))!;

    public Task<object?> InvokeAsync(JsonElement? @params = null, CancellationToken cancellationToken = default) =>
        dispatcher.InvokeAsync(route, @params, cancellationToken);
}
