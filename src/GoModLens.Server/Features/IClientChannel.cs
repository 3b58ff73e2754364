using System.Text.Json;

namespace GoModLens.Server.Features;

/// <summary>
/// Server-to-client messages an analyzer may send on its own (custom notifications such as <c>gomodlens/status</c>,
/// or a question to the user). Sending never throws for a closed connection: the message is dropped.
/// </summary>
public interface IClientChannel
{
    Task NotifyAsync(string method, object? parameters);

    /// <summary>Sends a request; null when the client does not implement it, failed, or the connection is gone.</summary>
    Task<JsonElement?> RequestAsync(string method, object? parameters, CancellationToken cancellationToken);
}
