namespace GoModLens.Server.Logging;

/// <summary>Server-to-client messages (notifications and requests), abstracted over the JSON-RPC connection.</summary>
internal interface ILanguageClient
{
    Task NotifyAsync(string method, object? parameters);

    Task<T?> RequestAsync<T>(string method, object? parameters, CancellationToken cancellationToken);
}
