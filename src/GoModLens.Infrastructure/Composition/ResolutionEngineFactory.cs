using System.Net;
using GoModLens.Analysis.Environment;
using GoModLens.Analysis.Findings;
using GoModLens.Analysis.Ports;
using GoModLens.Analysis.Resolution;
using GoModLens.Infrastructure.Caching;
using GoModLens.Infrastructure.FileProxy;
using GoModLens.Infrastructure.Http;
using GoModLens.Infrastructure.Mirrors;

namespace GoModLens.Infrastructure.Composition;

/// <summary>
/// The composition root of resolution: HTTP + file transports behind the caching/coalescing decorator, the go module
/// cache, the mirror prober, and the <see cref="ResolveOptions"/> derived from the go environment.
/// </summary>
public static class ResolutionEngineFactory
{
    public static ResolutionEngine Create(GoEnvironment environment, EngineOptions options)
    {
        var credentials = environment.Credentials;
        // GOAUTH beyond .netrc: git credential fill and commands, per URL prefix.
        var goAuth = GoAuthConfig.Parse(environment.GoAuth.Value, environment.ToProxySettings().WindowsPaths);
        var authenticator = goAuth.Error is null ? new GoAuthenticator(goAuth) : null;
        var http = options.Http ?? new HttpTransportOptions
        {
            // Each module has up to three requests in flight; fewer slots would queue a module's own requests.
            MaxConcurrencyPerHost = Math.Max(new HttpTransportOptions().MaxConcurrencyPerHost, 3 * Math.Max(1, options.MaxConcurrency)),
            Proxy = new GoHttpProxy(environment.HttpProxy),
        };
        http = http with
        {
            CredentialLookup = http.CredentialLookup ?? (url => credentials.For(url) is { } e ? new NetworkCredential(e.Login, e.Password) : null),
            GoAuth = http.GoAuth ?? authenticator,
            ConnectTimeout = options.ConnectTimeout ?? http.ConnectTimeout,
            TlsHandshakeTimeout = options.ConnectTimeout ?? http.TlsHandshakeTimeout,
            FirstByteTimeout = options.FirstByteTimeout ?? http.FirstByteTimeout,
            HostResolver = options.HostResolver ?? http.HostResolver,
        };
        if (!options.NoNetwork && http.TrustedRoots is not { Count: > 0 } && TlsTrustWarmUp.IsNeededFor(environment.GoProxy.Value))
        {
            TlsTrustWarmUp.Start();
        }

        var httpTransport = new HttpProxyTransport(http);
        var transport = new CachingTransport(new CompositeTransport(httpTransport, new FileProxyTransport()),
            new CacheOptions { Directory = options.CacheDirectory });

        IModuleCache? moduleCache = null;
        if (options.UseModuleCache && environment.GoModCache.Value is { Length: > 0 } modCache)
        {
            moduleCache = new ModuleCacheAdapter(new ModuleCacheReader(modCache) { SumDbDirectory = environment.SumDbDirectory });
        }

        var mirrorProber = MirrorProber.Create(http);
        var prober = new MirrorProberAdapter(mirrorProber, options.Mirrors ?? PublicMirrors.BuiltIn);
        // git runs only where go would go direct, and only with the network and direct probing on.
        var git = options.NoNetwork || !options.ProbeDirect || !options.RunGit ? null : new Vcs.GitCommandRemote(options.Git);
        var resolver = new RequirementResolver(transport, moduleCache, prober, gitRemote: git);
        var resolveOptions = new ResolveOptions(environment.ToProxySettings())
        {
            PerModuleBudget = options.PerModuleBudget,
            Offline = options.NoNetwork,
            ExtraMirrors = options.ExtraMirrors,
            MaxConcurrency = options.MaxConcurrency,
            ProbeDirect = options.ProbeDirect,
            ChecksumDatabaseMirror = options.ChecksumDatabaseMirror,
            ChecksumDatabaseKeys = options.ChecksumDatabaseKeys,
        };
        var context = new FindingsContext(environment.GoPrivate.Value, environment.GoNoSumDb.Value)
        {
            GoFlagsMod = environment.GoFlags.Mod,
            GoFlags = environment.GoFlagsValue,
            Os = environment.Os,
            GoModCache = environment.GoModCache.Value,
            GoRoot = environment.GoRoot,
            LocalGoVersion = environment.LocalToolchain is { } local ? Analysis.Toolchain.GoVersions.FromToolchain(local) : null,
            BuildTarget = environment.BuildTarget,
        };
        return new ResolutionEngine(resolver, resolveOptions, context, [transport, httpTransport, mirrorProber])
        {
            HttpOptions = http,
            Transport = transport,
            ModuleCache = moduleCache,
            MirrorProber = mirrorProber,
        };
    }
}
