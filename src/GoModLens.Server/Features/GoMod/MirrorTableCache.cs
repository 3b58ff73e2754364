using GoModLens.Analysis.Reports;
using System.Collections.Concurrent;

namespace GoModLens.Server.Features.GoMod;

/// <summary>
/// Mirror latency tables per module@version. Readers never wait: they get the last table (possibly for another module)
/// and a background probe is started when the table is missing or stale.
/// </summary>
internal sealed class MirrorTableCache(TimeProvider time, TimeSpan freshFor)
{
    private readonly ConcurrentDictionary<string, IReadOnlyList<MirrorMeasurement>> _tables = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task> _inFlight = new(StringComparer.Ordinal);
    private volatile IReadOnlyList<MirrorMeasurement>? _last;

    public IReadOnlyList<MirrorMeasurement>? Last => _last;

    public IReadOnlyList<MirrorMeasurement>? TryGet(string path, string version) => _tables.GetValueOrDefault(Key(path, version));

    public bool IsFresh(IReadOnlyList<MirrorMeasurement> table) =>
        table.Count > 0 && time.GetUtcNow() - table.Min(m => m.CheckedAt) < freshFor;

    /// <summary>Starts a probe unless one is already running (for any module@version); returns the running task.</summary>
    public Task Refresh(IGoModEngine engine, string path, string version)
    {
        var key = Key(path, version);
        if (!_inFlight.IsEmpty && !_inFlight.ContainsKey(key))
        {
            // One probe at a time: hovering down a long require list would otherwise start a probe of every mirror
            // per line (thousands of connections) that competes with hovers and diagnostics. The next hover retries.
            return Task.CompletedTask;
        }

        return _inFlight.GetOrAdd(key, _ => Task.Run(async () =>
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                var table = await engine.ProbeMirrorsAsync(path, version, timeout.Token).ConfigureAwait(false);
                _tables[key] = table;
                _last = table;
            }
            catch (OperationCanceledException)
            {
                // A probe that outlived its budget leaves the old table in place.
            }
            finally
            {
                _inFlight.TryRemove(key, out Task? _);
            }
        }));
    }

    public async Task<IReadOnlyList<MirrorMeasurement>> ProbeNowAsync(IGoModEngine engine, string path, string version, CancellationToken cancellationToken)
    {
        var table = await engine.ProbeMirrorsAsync(path, version, cancellationToken).ConfigureAwait(false);
        _tables[Key(path, version)] = table;
        _last = table;
        return table;
    }

    public void Clear()
    {
        _tables.Clear();
        _last = null;
    }

    private static string Key(string path, string version) => path + "@" + version;
}
