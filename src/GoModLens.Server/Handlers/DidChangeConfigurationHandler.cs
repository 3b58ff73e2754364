using GoModLens.Protocol;
using GoModLens.Server.Configuration;
using GoModLens.Server.Dispatch;

namespace GoModLens.Server.Handlers;

internal sealed class DidChangeConfigurationHandler(ConfigurationService configuration) : INotificationHandler<DidChangeConfigurationParams>
{
    public const string Method = "workspace/didChangeConfiguration";

    public Task HandleAsync(DidChangeConfigurationParams request, CancellationToken cancellationToken) =>
        configuration.RefreshAsync(request.Settings, cancellationToken);
}
