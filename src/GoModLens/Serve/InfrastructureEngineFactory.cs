using System.Net;
using GoModLens.Analysis.Environment;
using GoModLens.Infrastructure.Caching;
using GoModLens.Infrastructure.Composition;
using GoModLens.Infrastructure.Http;
using GoModLens.Infrastructure.Mirrors;
using GoModLens.Server.Configuration;
using GoModLens.Server.Features.GoMod;

namespace GoModLens.Host.Serve;

/// <summary>The go.mod features' engine port over Infrastructure: ResolutionEngineFactory plus a phase-timing mirror prober.</summary>
public sealed class InfrastructureEngineFactory(InfrastructureEngineFactory.Settings? settings = null) : IGoModEngineFactory
{
    private readonly Settings _settings = settings ?? new Settings();

    /// <param name="Mirrors">Mirrors probed besides the user's; null = the public list. Tests pass loopback fakes only.</param>
    /// <param name="CacheDirectory">GoModLens's response cache; null = memory only.</param>
    /// <param name="UseModuleCache">Read $GOMODCACHE/cache/download first, as go does.</param>
    public sealed record Settings(
        IReadOnlyList<Uri>? Mirrors = null,
        string? CacheDirectory = "",
        bool UseModuleCache = true,
        bool ProbeDirect = true)
    {
        public string? EffectiveCacheDirectory => CacheDirectory == "" ? CacheOptions.DefaultDirectory() : CacheDirectory;
    }

    public IGoModEngine Create(GoEnvironment environment, ServerSettings settings)
    {
        var credentials = environment.Credentials;
        var http = new HttpTransportOptions
        {
            CredentialLookup = url => credentials.For(url) is { } e ? new NetworkCredential(e.Login, e.Password) : null,
            ConnectTimeout = settings.ConnectTimeout,
            TlsHandshakeTimeout = settings.ConnectTimeout,
            FirstByteTimeout = settings.FirstByteTimeout,
            MaxConcurrencyPerHost = settings.MaxConcurrency,
        };
        var extra = settings.ExtraMirrors.Select(m => Uri.TryCreate(m, UriKind.Absolute, out var u) ? u : null).OfType<Uri>().ToList();
        var mirrors = (_settings.Mirrors ?? PublicMirrors.BuiltIn).Concat(extra).Distinct().ToList();
        var engine = ResolutionEngineFactory.Create(environment, new EngineOptions
        {
            PerModuleBudget = settings.RequestTimeout,
            NoNetwork = !settings.NetworkEnabled,
            Mirrors = _settings.Mirrors,
            ExtraMirrors = extra,
            CacheDirectory = _settings.EffectiveCacheDirectory,
            UseModuleCache = _settings.UseModuleCache,
            // Http stays null: the factory then builds its own options with go's HTTP proxy rules (GoHttpProxy is
            // internal to Infrastructure); the per-module budget still bounds every module.
            MaxConcurrency = settings.MaxConcurrency,
            ProbeDirect = _settings.ProbeDirect && settings.NetworkEnabled,
        });
        return new InfrastructureEngine(engine, MirrorProber.Create(http), mirrors);
    }

    public void ClearPersistentCache()
    {
        if (_settings.EffectiveCacheDirectory is { } dir && Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
