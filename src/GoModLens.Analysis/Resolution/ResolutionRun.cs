using System.Collections.Concurrent;
using GoModLens.Analysis.Ports;
using GoModLens.Analysis.ProxyConfig;

using GoModLens.ModFile.Semantics;

namespace GoModLens.Analysis.Resolution;

/// <summary>
/// State shared by every module of one resolution run: each URL is fetched at most once (concurrent askers share the
/// request), and module-cache reads are memoised too. Fetches run under the run's token; callers wait with their own
/// (per-module deadline), so one module giving up never cancels a request another module shares.
/// </summary>
internal sealed class ResolutionRun(IProxyTransport transport, IModuleCache? moduleCache, CancellationToken runToken)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<FetchResult>>> _fetches = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<FetchResult?>>> _cacheReads = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Path, string Version), Lazy<Task<GraphGoMod?>>> _goMods = new();

    /// <summary>Distinct URLs requested in this run.</summary>
    public int RequestCount => _fetches.Count;

    public async Task<FetchResult> GetAsync(ProxyUrl url, ProxyEndpoint endpoint, ModuleProgress progress, CancellationToken cancellationToken)
    {
        progress.InFlight = url.Redacted;
        var result = await Start(url, endpoint).WaitAsync(cancellationToken);
        progress.InFlight = null;
        return result;
    }

    /// <summary>
    /// Starts fetching a URL a module is about to ask for, without waiting and without touching its progress: the
    /// later <see cref="GetAsync"/> shares this request, so the module's requests overlap instead of queueing.
    /// </summary>
    public Task<FetchResult> Start(ProxyUrl url, ProxyEndpoint endpoint) =>
        _fetches.GetOrAdd(url.Text, _ => new Lazy<Task<FetchResult>>(
            () => transport.GetAsync(url.ToRequest(endpoint), runToken).AsTask())).Value;

    /// <summary>
    /// A module version's go.mod as the module graph reads it (<see cref="UnprunedGraph"/>), loaded once per run: many
    /// requires reach the same versions. <paramref name="load"/> runs under the run's token, not one module's deadline.
    /// </summary>
    public async Task<GraphGoMod?> GoModSummaryAsync(string path, string version, Func<CancellationToken, Task<GraphGoMod?>> load, CancellationToken cancellationToken)
    {
        var lazy = _goMods.GetOrAdd((path, version), _ => new Lazy<Task<GraphGoMod?>>(() => load(runToken)));
        return await lazy.Value.WaitAsync(cancellationToken);
    }

    public async Task<FetchResult?> ReadModuleCacheAsync(string escapedPath, string escapedVersion, ProxyEndpoint endpoint, CancellationToken cancellationToken)
    {
        if (moduleCache is null)
        {
            return null;
        }

        var key = escapedPath + "@" + escapedVersion + "/" + endpoint;
        var lazy = _cacheReads.GetOrAdd(key, _ => new Lazy<Task<FetchResult?>>(
            () => moduleCache.TryReadAsync(escapedPath, escapedVersion, endpoint, runToken).AsTask()));
        return await lazy.Value.WaitAsync(cancellationToken);
    }
}

/// <summary>What one module's resolution is doing right now (for the timeout message): the redacted URL in flight.</summary>
internal sealed class ModuleProgress
{
    public volatile string? InFlight;
}
