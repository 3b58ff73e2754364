using GoModLens.Analysis.Findings;
using GoModLens.Analysis.Resolution;

namespace GoModLens.Infrastructure.Composition;

/// <summary>A wired resolver plus the options and findings context derived from the environment. Dispose to release sockets.</summary>
public sealed class ResolutionEngine(RequirementResolver resolver, ResolveOptions options, FindingsContext context, IReadOnlyList<IDisposable> owned) : IDisposable
{
    public RequirementResolver Resolver { get; } = resolver;

    public ResolveOptions Options { get; } = options;

    public FindingsContext Context { get; } = context;

    /// <summary>The resolver's own caching, coalescing transport: a fetch the resolver already made is answered from memory.</summary>
    public Analysis.Ports.IProxyTransport? Transport { get; init; }

    /// <summary>$GOMODCACHE/cache/download, when the engine reads it; null otherwise.</summary>
    public Analysis.Ports.IModuleCache? ModuleCache { get; init; }

    /// <summary>The HTTP settings the resolution transport uses (go's HTTP proxy, credentials, budgets); probers reuse them.</summary>
    public Http.HttpTransportOptions HttpOptions { get; init; } = new();

    /// <summary>
    /// The prober behind the resolver's mirror suggestions; the mirror table probes with it too, so both share its
    /// measurements.
    /// </summary>
    public required Mirrors.MirrorProber MirrorProber { get; init; }

    public void Dispose()
    {
        foreach (var d in owned)
        {
            d.Dispose();
        }
    }
}
