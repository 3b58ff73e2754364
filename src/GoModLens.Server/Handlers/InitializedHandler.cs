using GoModLens.Protocol;
using GoModLens.Server.Configuration;
using GoModLens.Server.Dispatch;
using GoModLens.Server.Lifecycle;
using GoModLens.Server.Logging;

namespace GoModLens.Server.Handlers;

/// <summary>After the handshake: register file watchers and pull the user's settings.</summary>
internal sealed class InitializedHandler(ServerState state, ConfigurationService configuration, ILanguageClient client, ServerLog log,
    Features.IDocumentAnalyzer? analyzer = null)
    : INotificationHandler<InitializedParams>
{
    public const string Method = "initialized";

    public async Task HandleAsync(InitializedParams request, CancellationToken cancellationToken)
    {
        var session = state.Session;
        log.Info($"initialized (client {session.ClientName ?? "unknown"}, positions {session.Encoding}, " +
                 $"diagnostics {(session.UsesPullDiagnostics ? "pull" : "push")})");
        var registrations = new List<Registration>();
        if (session.SupportsWatchedFilesRegistration)
        {
            registrations.Add(new Registration(
                "gomodlens-watch",
                DidChangeWatchedFilesHandler.Method,
                // *.sum: go.sum, go.work.sum, and tools.sum beside a tools.mod go reads with -modfile.
                new DidChangeWatchedFilesRegistrationOptions([new Protocol.FileSystemWatcher("**/go.mod"), new Protocol.FileSystemWatcher("**/*.sum"),
                    new Protocol.FileSystemWatcher("**/go.work"),
                    new Protocol.FileSystemWatcher("**/vendor/modules.txt"), // go mod vendor in a terminal
                    .. ExternalWatchers(session)])));
        }

        if (session.SupportsConfigurationRegistration)
        {
            registrations.Add(new Registration("gomodlens-config", DidChangeConfigurationHandler.Method));
        }

        if (registrations.Count > 0)
        {
            try
            {
                await client.RequestAsync<object>("client/registerCapability", new RegistrationParams(registrations), cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.Warn($"client/registerCapability failed: {ex.Message}");
            }
        }

        await configuration.RefreshAsync(null, cancellationToken).ConfigureAwait(false);
    }

    // Files outside the workspace (the GOENV file): a RelativePattern when the client can watch one, else the absolute path.
    private IEnumerable<Protocol.FileSystemWatcher> ExternalWatchers(ClientSession session)
    {
        if (analyzer is not Features.IWatchedFiles watched)
        {
            yield break;
        }

        var relative = session.Capabilities.Workspace?.DidChangeWatchedFiles?.RelativePatternSupport == true;
        foreach (var path in watched.WatchedFiles(state.BaseSettings))
        {
            var directory = Path.GetDirectoryName(path);
            yield return new Protocol.FileSystemWatcher(relative && directory is not null
                ? new Protocol.RelativePattern(new Uri(directory).AbsoluteUri, Path.GetFileName(path))
                : path.Replace('\\', '/'));
        }
    }
}
