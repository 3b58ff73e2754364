using System.Collections.Concurrent;
using GoModLens.Analysis.Ports;
using GoModLens.Analysis.Reports;
using GoModLens.Infrastructure.Http;

namespace GoModLens.Infrastructure.Mirrors;

/// <summary>
/// Probes mirrors by fetching &lt;mirror&gt;/&lt;escaped module&gt;/@v/&lt;escaped version&gt;.info on a fresh connection
/// (so DNS, connect, TLS and first byte are measured separately), ranks them healthy → slow → failing, and caches
/// each report for <paramref name="cacheFor"/>.
/// </summary>
public sealed class MirrorProber(IProxyTransport transport, TimeProvider timeProvider, TimeSpan slowThreshold, TimeSpan cacheFor)
{
    private readonly ConcurrentDictionary<string, MirrorMeasurement> _cache = new(StringComparer.Ordinal);

    /// <summary>A prober with its own transport that never reuses connections (each probe measures every phase).</summary>
    public static MirrorProber Create(HttpTransportOptions? options = null, TimeSpan? slowThreshold = null, TimeSpan? cacheFor = null)
    {
        var o = (options ?? new HttpTransportOptions()) with { ReuseConnections = false, MaxRetries = 0 };
        return new MirrorProber(new HttpProxyTransport(o), o.TimeProvider, slowThreshold ?? TimeSpan.FromSeconds(1), cacheFor ?? TimeSpan.FromMinutes(10));
    }

    /// <param name="mirrors">Mirror base URLs, e.g. <see cref="PublicMirrors.BuiltIn"/> plus the user's own.</param>
    /// <param name="escapedModulePath">Module path in go's case-escaped form.</param>
    /// <param name="escapedVersion">Canonical version, case-escaped.</param>
    public async Task<IReadOnlyList<MirrorMeasurement>> ProbeAsync(IEnumerable<Uri> mirrors, string escapedModulePath, string escapedVersion, CancellationToken cancellationToken)
    {
        var reports = await Task.WhenAll(mirrors.Distinct().Select(m => ProbeOneAsync(m, escapedModulePath, escapedVersion, cancellationToken)));
        return reports
            .OrderBy(r => r.Health)
            .ThenBy(r => r.Elapsed)
            .ToList();
    }

    private async Task<MirrorMeasurement> ProbeOneAsync(Uri mirror, string module, string version, CancellationToken cancellationToken)
    {
        var key = mirror.AbsoluteUri + "|" + module + "@" + version;
        if (_cache.TryGetValue(key, out var cached) && timeProvider.GetUtcNow() - cached.CheckedAt < cacheFor)
        {
            return cached;
        }

        var url = new Uri(mirror.AbsoluteUri.TrimEnd('/') + "/" + module + "/@v/" + version + ".info");
        var result = await transport.GetAsync(new ProxyRequest(url, ProxyEndpoint.Probe), cancellationToken);
        var health = !result.IsSuccess && !result.IsNotFound ? MirrorHealth.Failing
            : (result.Timings?.FirstByte ?? result.Elapsed) > slowThreshold ? MirrorHealth.Slow
            : MirrorHealth.Healthy;
        var report = new MirrorMeasurement(mirror, health, result.IsSuccess, result.Kind, result.GoError, result.Timings, result.Elapsed,
            timeProvider.GetUtcNow(), result.Note);
        _cache[key] = report;
        return report;
    }
}
