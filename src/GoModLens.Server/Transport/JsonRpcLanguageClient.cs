using System.Diagnostics.CodeAnalysis;
using GoModLens.Server.Logging;
using StreamJsonRpc;

namespace GoModLens.Server.Transport;

internal sealed class JsonRpcLanguageClient(JsonRpc rpc) : ILanguageClient
{
    // StreamJsonRpc warns that a parameter object "may be reflected over": its other formatters turn one into named
    // arguments by reflection. SystemTextJsonFormatter writes the object whole as `params`, by its runtime type, from
    // ServerJson's compile-time metadata. Checked on the Native AOT build by the Neovim and VS Code end-to-end suites.
    private const string ParameterObjectJustification = "SystemTextJsonFormatter serializes the parameter object with source-generated metadata.";

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = ParameterObjectJustification)]
    public Task NotifyAsync(string method, object? parameters) =>
        rpc.NotifyWithParameterObjectAsync(method, parameters);

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = ParameterObjectJustification)]
    public Task<T?> RequestAsync<T>(string method, object? parameters, CancellationToken cancellationToken) =>
        rpc.InvokeWithParameterObjectAsync<T?>(method, parameters, cancellationToken);
}
