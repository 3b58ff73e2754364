using System.Net;
using GoModLens.Analysis.Environment;
using GoModLens.Analysis.ProxyConfig;
using GoModLens.Infrastructure.Caching;
using GoModLens.Infrastructure.Composition;
using GoModLens.Infrastructure.Dns;
using GoModLens.Infrastructure.Mirrors;
using GoModLens.Server.Configuration;
using GoModLens.Server.Features.GoMod;

namespace GoModLens.Host.Serve;

/// <summary>The go.mod features' engine port over Infrastructure: ResolutionEngineFactory plus a phase-timing mirror prober.</summary>
public sealed class InfrastructureEngineFactory(InfrastructureEngineFactory.Settings? settings = null) : IGoModEngineFactory
{
    private readonly Settings _settings = settings ?? new Settings();

    /// <param name="Mirrors">The "public" mirrors (setting mirrors.public); null = the built-in list. Tests pass loopback fakes only.</param>
    /// <param name="CacheDirectory">GoModLens's response cache; null = memory only.</param>
    /// <param name="UseModuleCache">Read $GOMODCACHE/cache/download first, as go does.</param>
    /// <param name="HostResolver">Resolves every host name GoModLens connects to; null = the OS resolver. Tests record hosts with it.</param>
    /// <param name="ProbeDirect">Where go would go direct: fetch the go-get page and run git ls-remote.</param>
    /// <param name="Git">How git runs for <paramref name="ProbeDirect"/>; null = defaults (this process's environment).</param>
    public sealed record Settings(
        IReadOnlyList<Uri>? Mirrors = null,
        string? CacheDirectory = "",
        bool UseModuleCache = true,
        bool ProbeDirect = true,
        IHostResolver? HostResolver = null,
        string? ChecksumDatabaseMirror = "https://sum.golang.google.cn",
        Infrastructure.Vcs.GitCommandOptions? Git = null)
    {
        public string? EffectiveCacheDirectory => CacheDirectory == "" ? CacheOptions.DefaultDirectory() : CacheDirectory;
    }

    public IGoModEngine Create(GoEnvironment environment, ServerSettings settings)
    {
        var extra = settings.ExtraMirrors.Select(m => Uri.TryCreate(m, UriKind.Absolute, out var u) ? u : null).OfType<Uri>().ToList();
        IReadOnlyList<Uri> publicMirrors = settings.PublicMirrors ? _settings.Mirrors ?? PublicMirrors.BuiltIn : [];
        var engine = ResolutionEngineFactory.Create(environment, new EngineOptions
        {
            PerModuleBudget = settings.RequestTimeout,
            NoNetwork = !settings.NetworkEnabled,
            Mirrors = publicMirrors,
            ExtraMirrors = extra,
            CacheDirectory = _settings.EffectiveCacheDirectory,
            UseModuleCache = _settings.UseModuleCache,
            ConnectTimeout = settings.ConnectTimeout,
            FirstByteTimeout = settings.FirstByteTimeout,
            HostResolver = _settings.HostResolver,
            MaxConcurrency = settings.MaxConcurrency,
            ProbeDirect = _settings.ProbeDirect && settings.NetworkEnabled,
            RunGit = settings.DirectGit,
            Git = _settings.Git,
            ChecksumDatabaseMirror = settings.PublicMirrors ? _settings.ChecksumDatabaseMirror : null, // a public mirror too
        });

        // The table starts with what go actually uses, so it is useful (and measurable) even with no public mirrors.
        var mirrors = TableMirrors(environment, extra, publicMirrors);

        // The table probes with the prober behind the resolver's suggestions (the resolution transport's settings:
        // go's HTTP proxy, credentials, budgets), so a mirror measured for one is measured for both.
        return new InfrastructureEngine(engine, engine.MirrorProber, mirrors);
    }

    public void ClearPersistentCache()
    {
        if (_settings.EffectiveCacheDirectory is { } dir && Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>The mirror table's rows, in order: GOPROXY's own entries, then the user's mirrors, then the public ones.</summary>
    internal static List<Uri> TableMirrors(GoEnvironment environment, IEnumerable<Uri> extra, IEnumerable<Uri> publicMirrors) =>
        [.. GoProxyMirrors(environment).Concat(extra).Concat(publicMirrors).Distinct()];

    /// <summary>The http(s) and file:// entries of the GOPROXY in force, in order (direct/off are not mirrors).</summary>
    internal static IEnumerable<Uri> GoProxyMirrors(GoEnvironment environment) =>
        ProxyList.Parse(environment.GoProxy.Value).Entries
            .Where(e => e.Kind == ProxyEntryKind.Proxy)
            .Select(e => Uri.TryCreate(e.Text, UriKind.Absolute, out var u) ? u : null)
            .OfType<Uri>()
            .Where(u => u.Scheme is "http" or "https" or "file");
}
