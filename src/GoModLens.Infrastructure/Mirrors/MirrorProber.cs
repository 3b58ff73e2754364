using System.Collections.Concurrent;
using GoModLens.Analysis.Ports;
using GoModLens.Analysis.Reports;
using GoModLens.Infrastructure.Classification;
using GoModLens.Infrastructure.FileProxy;
using GoModLens.Infrastructure.Http;

namespace GoModLens.Infrastructure.Mirrors;

/// <summary>
/// Probes mirrors for a module@version by fetching &lt;mirror&gt;/&lt;escaped module&gt;/@v/&lt;escaped version&gt;.info,
/// ranks them healthy → slow → failing, and caches each report for <c>cacheFor</c>.
/// <para>
/// A mirror is measured once, by the first probe that reaches it: that request goes on a fresh connection, so DNS,
/// connect, TLS and first byte are timed separately. The probes of other modules that arrive while the measurement
/// holds only ask whether the mirror serves them, over pooled connections, and carry the mirror's timings: a go.mod
/// whose 200 requires all fail costs each mirror one handshake, not 200. A mirror that cannot be reached (DNS,
/// connect, TLS, reset) is not asked again while the measurement holds; every module gets its failure.
/// </para>
/// </summary>
public sealed class MirrorProber : IDisposable
{
    // How long a mirror's measurement stands in for new probes: long enough for one check or one burst of
    // diagnostics, short enough that a network that comes back (a VPN connected) is seen at the next edit.
    private static readonly TimeSpan s_measurementLifetime = TimeSpan.FromMinutes(1);

    private readonly IProxyTransport _measuring;
    private readonly IProxyTransport _pooled;
    private readonly TimeProvider _time;
    private readonly TimeSpan _slowThreshold;
    private readonly TimeSpan _cacheFor;
    private readonly TimeSpan _measurementFor;
    private readonly IReadOnlyList<IDisposable> _owned;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly CancellationToken _stopping;
    private readonly ConcurrentDictionary<string, MirrorMeasurement> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<Measured>>> _mirrors = new(StringComparer.Ordinal);

    /// <param name="measuring">Opens a new connection per request (every phase measured).</param>
    /// <param name="pooled">Reuses connections (the per-module questions after a mirror's measurement).</param>
    /// <param name="owned">Disposed with the prober (the transports <see cref="Create"/> builds).</param>
    public MirrorProber(IProxyTransport measuring, IProxyTransport pooled, TimeProvider timeProvider, TimeSpan slowThreshold, TimeSpan cacheFor,
        IReadOnlyList<IDisposable>? owned = null)
    {
        _measuring = measuring;
        _pooled = pooled;
        _time = timeProvider;
        _slowThreshold = slowThreshold;
        _cacheFor = cacheFor;
        _measurementFor = cacheFor < s_measurementLifetime ? cacheFor : s_measurementLifetime;
        _owned = owned ?? [];
        _stopping = _lifetime.Token;
    }

    /// <summary>
    /// A prober over <paramref name="options"/>' http settings (go's HTTP proxy, credentials, budgets; no retries),
    /// plus file:// mirrors.
    /// </summary>
    public static MirrorProber Create(HttpTransportOptions? options = null, TimeSpan? slowThreshold = null, TimeSpan? cacheFor = null)
    {
        var o = (options ?? new HttpTransportOptions()) with { MaxRetries = 0 };
        var fresh = new HttpProxyTransport(o with { ReuseConnections = false });
        var pooled = new HttpProxyTransport(o with { ReuseConnections = true });
        var file = new FileProxyTransport();
        return new MirrorProber(new CompositeTransport(fresh, file), new CompositeTransport(pooled, file), o.TimeProvider,
            slowThreshold ?? TimeSpan.FromSeconds(1), cacheFor ?? TimeSpan.FromMinutes(10), [fresh, pooled]);
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

    public void Dispose()
    {
        _lifetime.Cancel();
        _lifetime.Dispose();
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }
    }

    private async Task<MirrorMeasurement> ProbeOneAsync(Uri mirror, string module, string version, CancellationToken cancellationToken)
    {
        var key = mirror.AbsoluteUri + "|" + module + "@" + version;
        if (_cache.TryGetValue(key, out var cached) && _time.GetUtcNow() - cached.CheckedAt < _cacheFor)
        {
            return cached;
        }

        // As ProxyUrls builds go's URLs: url.PathEscape leaves the case-encoded path alone but for '!', sent as %21.
        var url = new Uri(mirror.AbsoluteUri.TrimEnd('/') + "/" + module.Replace("!", "%21", StringComparison.Ordinal) + "/@v/"
            + version.Replace("!", "%21", StringComparison.Ordinal) + ".info");
        var (measurement, started) = Measurement(mirror, url);
        var measured = await measurement.WaitAsync(cancellationToken);
        var report = started ? measured.Report
            : IsUnreachable(measured.Report.Kind) ? measured.Report with { GoError = Retarget(measured.Report.GoError, measured.Url, url) }
            : await AskAsync(measured.Report, url, cancellationToken);
        _cache[key] = report;
        return report;
    }

    /// <summary>The mirror's standing measurement, or a new one on <paramref name="url"/> (then <c>Started</c>).</summary>
    private (Task<Measured> Measurement, bool Started) Measurement(Uri mirror, Uri url)
    {
        var fresh = new Lazy<Task<Measured>>(() => MeasureAsync(mirror, url));
        var current = _mirrors.AddOrUpdate(mirror.AbsoluteUri, fresh, (_, standing) => HasExpired(standing) ? fresh : standing);
        return (current.Value, ReferenceEquals(current, fresh));
    }

    private bool HasExpired(Lazy<Task<Measured>> standing)
    {
        var task = standing.Value;
        return task.IsCompleted && (!task.IsCompletedSuccessfully || _time.GetUtcNow() - task.Result.Report.CheckedAt >= _measurementFor);
    }

    // Runs for every prober that waits on it, so no single caller's cancellation stops it; the transports' own
    // connect and first-byte budgets bound it.
    private async Task<Measured> MeasureAsync(Uri mirror, Uri url)
    {
        var result = await _measuring.GetAsync(new ProxyRequest(url, ProxyEndpoint.Probe), _stopping).ConfigureAwait(false);
        var health = !result.IsSuccess && !result.IsNotFound ? MirrorHealth.Failing
            : (result.Timings?.FirstByte ?? result.Elapsed) > _slowThreshold ? MirrorHealth.Slow
            : MirrorHealth.Healthy;
        return new Measured(url, new MirrorMeasurement(mirror, health, result.IsSuccess, result.Kind, result.GoError, result.Timings, result.Elapsed,
            _time.GetUtcNow(), result.Note));
    }

    /// <summary>Whether a reachable mirror serves this module@version, asked over a pooled connection.</summary>
    private async Task<MirrorMeasurement> AskAsync(MirrorMeasurement mirror, Uri url, CancellationToken cancellationToken)
    {
        var result = await _pooled.GetAsync(new ProxyRequest(url, ProxyEndpoint.Probe), cancellationToken).ConfigureAwait(false);
        if (!result.IsSuccess && !result.IsNotFound)
        {
            return new MirrorMeasurement(mirror.Mirror, MirrorHealth.Failing, false, result.Kind, result.GoError, result.Timings, result.Elapsed,
                _time.GetUtcNow(), result.Note);
        }

        // The mirror's timings stand; a module it was slow to serve (a mirror fetching it upstream) makes it slow here.
        var health = result.Elapsed > _slowThreshold ? MirrorHealth.Slow : mirror.Health;
        var elapsed = result.Elapsed > mirror.Elapsed ? result.Elapsed : mirror.Elapsed;
        return mirror with { Health = health, ServesModule = result.IsSuccess, Kind = result.Kind, GoError = result.GoError, Elapsed = elapsed };
    }

    /// <summary>Failures of the mirror rather than of one request: every module would get the same.</summary>
    private static bool IsUnreachable(FailureKind kind) => kind is FailureKind.DnsNotFound or FailureKind.DnsServerFailure
        or FailureKind.DnsTimeout or FailureKind.ConnectionRefused or FailureKind.ConnectionReset or FailureKind.ConnectTimeout
        or FailureKind.Tls or FailureKind.ConfigurationError;

    /// <summary>go's error for the measured URL, worded for another URL of the same mirror.</summary>
    private static string? Retarget(string? goError, Uri measured, Uri url) => goError?
        .Replace(UrlRedaction.StrippedForTransport(measured), UrlRedaction.StrippedForTransport(url), StringComparison.Ordinal)
        .Replace(UrlRedaction.Redacted(measured), UrlRedaction.Redacted(url), StringComparison.Ordinal);

    private sealed record Measured(Uri Url, MirrorMeasurement Report);
}
