using System.Text.Json;
using GoModLens.Protocol;
using GoModLens.Server.Dispatch;
using GoModLens.Server.Lifecycle;
using GoModLens.Server.Logging;

namespace GoModLens.Server.Configuration;

/// <summary>
/// Settings come in layers: defaults, then initializationOptions (fixed for the session), then the latest of
/// workspace/configuration (pulled when the client supports it) or a didChangeConfiguration payload. Each refresh
/// recomputes from the base so a key the user removed falls back to its default.
/// </summary>
internal sealed class ConfigurationService(ServerState state, RequestQueue queue, ILanguageClient client, ServerLog log)
{
    public ServerSettings ReadInitial(JsonElement? initializationOptions)
    {
        var problems = new List<string>();
        var settings = SettingsReader.Apply(ServerSettings.Default, initializationOptions, problems);
        Report(problems, "initializationOptions");
        state.BaseSettings = settings;
        log.ClientLevel = settings.LogLevel;
        return settings;
    }

    /// <param name="pushed">The didChangeConfiguration payload, used only when the client can't be asked.</param>
    public async Task RefreshAsync(JsonElement? pushed, CancellationToken cancellationToken)
    {
        JsonElement? source = pushed;
        if (state.Session.SupportsConfiguration)
        {
            try
            {
                var results = await client.RequestAsync<JsonElement[]>(
                    "workspace/configuration",
                    new ConfigurationParams([new ConfigurationItem(Section: ServerSettings.Section)]),
                    cancellationToken).ConfigureAwait(false);
                source = results is { Length: > 0 } ? results[0] : null;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.Warn($"workspace/configuration failed: {ex.Message}");
            }
        }

        var problems = new List<string>();
        var settings = SettingsReader.Apply(state.BaseSettings, source, problems);
        Report(problems, "configuration");
        log.ClientLevel = settings.LogLevel;
        await queue.EnqueueMutation("$/applySettings", current => current.Settings == settings
            ? new Mutation<bool>(current, false, [])
            : new Mutation<bool>(current with { Settings = settings, Revision = current.Revision + 1 }, true, [], ReanalyzeAll: true))
            .ConfigureAwait(false);
    }

    private void Report(List<string> problems, string origin)
    {
        foreach (var problem in problems)
        {
            log.Warn($"{origin}: {problem}; keeping the previous value");
        }
    }
}
