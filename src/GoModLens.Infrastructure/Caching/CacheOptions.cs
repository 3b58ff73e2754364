using GoModLens.Analysis.Ports;

namespace GoModLens.Infrastructure.Caching;

/// <summary>Where and how long <see cref="CachingTransport"/> keeps bodies.</summary>
public sealed record CacheOptions
{
    /// <summary>On-disk cache directory; null keeps the cache in memory only.</summary>
    public string? Directory { get; init; } = DefaultDirectory();

    /// <summary>Lists and @latest change as versions are published.</summary>
    public TimeSpan ListTtl { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// .info/.mod of a canonical version never change, but whether the proxy still serves them does: go, without the
    /// module in its own module cache, asks the proxy, and fails when it now refuses (an expired token, a new policy).
    /// Kept forever, our copy said "resolves" where go failed; after this long the proxy is asked again, and a copy
    /// older than that answers only when the proxy cannot be reached (stale-if-error, shown with its age).
    /// </summary>
    public TimeSpan VersionTtl { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long a 404/410 answer is reused, in memory only. go asks again every time; an editor re-resolves after
    /// every pause in typing, and without this a module a proxy does not have was asked for on each of those runs.
    /// Short, so a version published a moment ago shows up quickly; "check now" forgets it at once.
    /// </summary>
    public TimeSpan NotFoundTtl { get; init; } = TimeSpan.FromMinutes(1);

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>A missed key re-reads the packs other processes wrote at most this often (a cold run misses hundreds at once).</summary>
    internal TimeSpan PackRescanInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>More packs than this (one per process that wrote) are merged by the next process that opens the cache.</summary>
    internal int PackCompactionCount { get; init; } = 16;

    /// <summary>Bytes of records replaced by newer ones (refetched lists) above which the packs are merged too.</summary>
    internal long PackCompactionSupersededBytes { get; init; } = 64L * 1024 * 1024;

    public TimeSpan Ttl(ProxyEndpoint endpoint) => endpoint switch
    {
        ProxyEndpoint.List or ProxyEndpoint.Latest => ListTtl,
        ProxyEndpoint.Info or ProxyEndpoint.Mod => VersionTtl,
        _ => TimeSpan.Zero, // zips and probes are not cached here
    };

    public static string DefaultDirectory()
    {
        var root = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (string.IsNullOrEmpty(root))
        {
            root = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        }

        return Path.Combine(root, "gomodlens", "proxy");
    }
}
