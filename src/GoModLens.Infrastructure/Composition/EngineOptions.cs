using GoModLens.Infrastructure.Http;

namespace GoModLens.Infrastructure.Composition;

/// <summary>What the composition root needs besides the go environment (CLI flags, editor settings).</summary>
public sealed record EngineOptions
{
    /// <summary>Per-module deadline (settings <c>timeouts.totalMs</c>, CLI <c>--timeout</c>).</summary>
    public TimeSpan PerModuleBudget { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>No network: only local checks and the module cache.</summary>
    public bool NoNetwork { get; init; }

    /// <summary>Mirrors probed for suggestions; null = <see cref="Mirrors.PublicMirrors.BuiltIn"/>. Tests pass loopback fakes only.</summary>
    public IReadOnlyList<Uri>? Mirrors { get; init; }

    /// <summary>Extra user mirrors probed besides <see cref="Mirrors"/>.</summary>
    public IReadOnlyList<Uri> ExtraMirrors { get; init; } = [];

    /// <summary>GoModLens's own response cache directory; null = memory only.</summary>
    public string? CacheDirectory { get; init; } = Caching.CacheOptions.DefaultDirectory();

    /// <summary>Read $GOMODCACHE/cache/download before asking proxies (go does).</summary>
    public bool UseModuleCache { get; init; } = true;

    /// <summary>HTTP transport settings (timeouts, retries, breaker); null = defaults with the environment's HTTP proxy and .netrc.</summary>
    public HttpTransportOptions? Http { get; init; }

    /// <summary>DNS + TCP + TLS budget applied to the resolution transport (settings <c>timeouts.connectMs</c>); null = the transport default.</summary>
    public TimeSpan? ConnectTimeout { get; init; }

    /// <summary>Time-to-first-byte budget applied to the resolution transport (settings <c>timeouts.firstByteMs</c>); null = the transport default.</summary>
    public TimeSpan? FirstByteTimeout { get; init; }

    /// <summary>Host name resolution for every HTTP request (tests record hosts with it); null = the OS resolver.</summary>
    public Dns.IHostResolver? HostResolver { get; init; }


    /// <summary>Modules resolved at the same time (see <see cref="Analysis.Resolution.ResolveOptions.MaxConcurrency"/>).</summary>
    public int MaxConcurrency { get; init; } = Analysis.Resolution.ResolveOptions.DefaultMaxConcurrency;

    /// <summary>Where go would go direct: fetch the <c>?go-get=1</c> page and list the repository with <c>git ls-remote</c>.</summary>
    public bool ProbeDirect { get; init; } = true;

    /// <summary>With <see cref="ProbeDirect"/>: also run <c>git ls-remote</c> (false: the go-get page only).</summary>
    public bool RunGit { get; init; } = true;

    /// <summary>How git is run for <see cref="ProbeDirect"/>; null = defaults.</summary>
    public Vcs.GitCommandOptions? Git { get; init; }

    /// <summary>See <see cref="Analysis.Resolution.ResolveOptions.ChecksumDatabaseMirror"/>; tests point it at a loopback server.</summary>
    public string? ChecksumDatabaseMirror { get; init; } = "https://sum.golang.google.cn";

    /// <summary>See <see cref="Analysis.Resolution.ResolveOptions.ChecksumDatabaseKeys"/>; tests name a loopback database.</summary>
    public IReadOnlyDictionary<string, string>? ChecksumDatabaseKeys { get; init; }
}
