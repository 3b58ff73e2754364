using GoModLens.Protocol;
using GoModLens.Server.Features;
using GoModLens.Server.Lifecycle;
using GoModLens.Server.Logging;

namespace GoModLens.Server.Diagnostics;

/// <summary>
/// Server-initiated work-done progress (window/workDoneProgress/create, then $/progress begin/report/end).
/// The progress is created lazily on the first report, so work that finishes silently shows nothing. Messages are
/// chained so they reach the client in order; a client that refuses the token just gets no progress.
/// </summary>
internal sealed class WorkDoneProgressReporter : IAnalysisProgress, IAsyncDisposable
{
    private static long s_nextToken;
    private readonly ILanguageClient _client;
    private readonly ClientSession _session;
    private readonly ServerLog _log;
    private readonly string _title;
    private readonly Lock _gate = new();
    private Task _chain = Task.CompletedTask;
    private ProgressToken? _token;
    private bool _refused;

    public WorkDoneProgressReporter(ILanguageClient client, ClientSession session, ServerLog log, string title)
    {
        _client = client;
        _session = session;
        _log = log;
        _title = title;
    }

    public void Report(string message, int? percentage = null)
    {
        if (!_session.SupportsWorkDoneProgress)
        {
            return;
        }

        lock (_gate)
        {
            _chain = _chain.ContinueWith(_ => SendReportAsync(message, percentage), TaskScheduler.Default).Unwrap();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Task chain;
        lock (_gate)
        {
            chain = _chain = _chain.ContinueWith(_ => SendEndAsync(), TaskScheduler.Default).Unwrap();
        }

        await chain.ConfigureAwait(false);
    }

    private async Task SendReportAsync(string message, int? percentage)
    {
        try
        {
            if (_refused)
            {
                return;
            }

            if (_token is null)
            {
                var token = ProgressToken.FromString($"gomodlens/{Interlocked.Increment(ref s_nextToken)}");
                await _client.RequestAsync<object>("window/workDoneProgress/create", new WorkDoneProgressCreateParams(token), CancellationToken.None)
                    .ConfigureAwait(false);
                _token = token;
                await _client.NotifyAsync("$/progress", new ProgressParams<WorkDoneProgressBegin>(token, new WorkDoneProgressBegin(_title, message, percentage)))
                    .ConfigureAwait(false);
                return;
            }

            await _client.NotifyAsync("$/progress", new ProgressParams<WorkDoneProgressReport>(_token.Value, new WorkDoneProgressReport(message, percentage)))
                .ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _refused = true;
            _log.Debug($"work-done progress unavailable: {ex.Message}");
        }
    }

    private async Task SendEndAsync()
    {
        if (_token is not { } token || _refused)
        {
            return;
        }

        try
        {
            await _client.NotifyAsync("$/progress", new ProgressParams<WorkDoneProgressEnd>(token, new WorkDoneProgressEnd())).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _log.Debug($"work-done progress end failed: {ex.Message}");
        }
    }
}
