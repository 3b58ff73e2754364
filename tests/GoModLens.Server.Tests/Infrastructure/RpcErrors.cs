using StreamJsonRpc;

namespace GoModLens.Server.Tests.Infrastructure;

/// <summary>
/// The wire error code behind a StreamJsonRpc client exception. The client maps -32602 (InvalidParams) to
/// RemoteMethodNotFoundException, because that is what it means between two StreamJsonRpc peers.
/// </summary>
internal static class RpcErrors
{
    public static int CodeOf(Exception exception) => exception switch
    {
        RemoteInvocationException invocation => invocation.ErrorCode,
        RemoteMethodNotFoundException notFound => (int)notFound.ErrorCode,
        _ => throw new InvalidOperationException($"not an RPC error: {exception}"),
    };
}
