using System.Collections.Concurrent;
using GoModLens.Analysis.Resolution;

namespace GoModLens.Server.Features.GoMod;

/// <summary>
/// The version lists completion needs before any network stage has fetched them: one fetch per module and engine at a
/// time (every keystroke of a completion session waits on the same one), through the engine's resolver, so GOPROXY,
/// GOPRIVATE/GONOPROXY routing, the transport's caches and its circuit breaker apply as for resolution. The
/// answer goes into the <see cref="ReportCache"/>, where the next request finds it. A fetch outlives the request that
/// started it (a completion request is cancelled as soon as the user types on), never the server: its budget is the
/// engine's <see cref="ResolveOptions.PerModuleBudget"/>, and disposing the services cancels it.
/// </summary>
internal sealed class VersionListFetcher : IDisposable
{
    private readonly ConcurrentDictionary<(IGoModEngine Engine, string Path), Task<LatestReport?>> _inFlight = new();
    private readonly CancellationTokenSource _disposed = new();

    /// <summary>The fetch of <paramref name="path"/>'s versions already running on <paramref name="engine"/>, else a new one. Never fails.</summary>
    public Task<LatestReport?> FetchAsync(IGoModEngine engine, string path, ReportCache reports, IServerLog log)
    {
        var key = (engine, path);
        while (true)
        {
            if (_inFlight.TryGetValue(key, out var running))
            {
                return running;
            }

            var completion = new TaskCompletionSource<LatestReport?>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_inFlight.TryAdd(key, completion.Task))
            {
                _ = Task.Run(() => RunAsync(engine, path, reports, log, completion), CancellationToken.None);
                return completion.Task;
            }
        }
    }

    private async Task RunAsync(IGoModEngine engine, string path, ReportCache reports, IServerLog log, TaskCompletionSource<LatestReport?> completion)
    {
        LatestReport? latest = null;
        try
        {
            latest = await engine.Resolver.ListVersionsAsync(path, engine.Options, _disposed.Token).ConfigureAwait(false);
            if (latest is not null)
            {
                reports.StoreVersions(path, latest);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
        {
            // The server is shutting down, or the settings changed and this engine went with them.
        }
        catch (Exception e)
        {
            log.Log(LogLevel.Warning, $"listing the versions of {path} for completion failed: {e.Message}");
        }
        finally
        {
            // Stored before it stops being in flight: a request in between finds one or the other.
            _inFlight.TryRemove(new KeyValuePair<(IGoModEngine, string), Task<LatestReport?>>((engine, path), completion.Task));
            completion.TrySetResult(latest);
        }
    }

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
    }
}
