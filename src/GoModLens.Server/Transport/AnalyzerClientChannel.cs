using System.Text.Json;
using GoModLens.Server.Features;
using GoModLens.Server.Logging;

namespace GoModLens.Server.Transport;

/// <summary>The analyzer's view of the connection: failures are logged, never thrown into feature code.</summary>
internal sealed class AnalyzerClientChannel(ILanguageClient client, ServerLog log) : IClientChannel
{
    public async Task NotifyAsync(string method, object? parameters)
    {
        try
        {
            await client.NotifyAsync(method, parameters).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ObjectDisposedException or StreamJsonRpc.ConnectionLostException or InvalidOperationException or IOException)
        {
            log.Debug($"{method} not sent: {ex.Message}");
        }
    }

    public async Task<JsonElement?> RequestAsync(string method, object? parameters, CancellationToken cancellationToken)
    {
        try
        {
            return await client.RequestAsync<JsonElement?>(method, parameters, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is StreamJsonRpc.RemoteInvocationException or ObjectDisposedException
            or StreamJsonRpc.ConnectionLostException or InvalidOperationException or IOException)
        {
            log.Debug($"{method} failed: {ex.Message}");
            return null;
        }
    }
}
