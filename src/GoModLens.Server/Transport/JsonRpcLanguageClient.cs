using GoModLens.Server.Logging;
using StreamJsonRpc;

namespace GoModLens.Server.Transport;

internal sealed class JsonRpcLanguageClient(JsonRpc rpc) : ILanguageClient
{
    public Task NotifyAsync(string method, object? parameters) =>
        rpc.NotifyWithParameterObjectAsync(method, parameters);

    public Task<T?> RequestAsync<T>(string method, object? parameters, CancellationToken cancellationToken) =>
        rpc.InvokeWithParameterObjectAsync<T?>(method, parameters, cancellationToken);
}
