using GoModLens.Server.Dispatch;
using GoModLens.Server.Logging;

namespace GoModLens.Server.Handlers;

internal sealed record SetTraceParams(string Value);

/// <summary>$/setTrace: "verbose" lowers the client log level to debug; "off"/"messages" restore information.</summary>
internal sealed class SetTraceHandler(ServerLog log) : INotificationHandler<SetTraceParams>
{
    public const string Method = "$/setTrace";

    public Task HandleAsync(SetTraceParams request, CancellationToken cancellationToken)
    {
        log.ClientLevel = request.Value == "verbose" ? Features.LogLevel.Debug : Features.LogLevel.Information;
        return Task.CompletedTask;
    }
}
