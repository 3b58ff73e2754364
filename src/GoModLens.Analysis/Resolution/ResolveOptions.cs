using GoModLens.Analysis.ProxyConfig;

namespace GoModLens.Analysis.Resolution;

/// <summary>How to resolve.</summary>
/// <param name="Settings">Effective GOPROXY/GONOPROXY/GONOSUMDB/… (from <c>GoEnvironment.ToProxySettings()</c>).</param>
/// <param name="GoModDirectory">Directory of the go.mod being checked; relative directory replacements are resolved against it.</param>
public sealed record ResolveOptions(ProxySettings Settings, string? GoModDirectory = null)
{
    /// <summary>Deadline for everything about one module (stat + latest + retractions + probes). GoModLens's own, go has none.</summary>
    public TimeSpan PerModuleBudget { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How many modules are resolved at the same time; each has up to three requests in flight (.info, .mod, list).
    /// 256 resolves a kubernetes-sized go.mod (232 requires) in one wave of two round trips: in-process at 100 ms
    /// latency, 0.30–0.35 s cold against 0.47–0.49 s with 128 (two waves). Requests to a proxy go over HTTP/2 where
    /// it offers it, so this is a few connections, not hundreds (docs/benchmarks.md, Resolution).
    /// </summary>
    public int MaxConcurrency { get; init; } = DefaultMaxConcurrency;

    public const int DefaultMaxConcurrency = 256;

    /// <summary>Highest value the CLI flag and the editor setting accept.</summary>
    public const int ConcurrencyLimit = 1024;

    /// <summary>Compute <c>@latest</c>, retractions and deprecation (go list -m -u). Costs <c>@v/list</c> + a <c>.mod</c> per module.</summary>
    public bool CheckLatest { get; init; } = true;

    /// <summary>
    /// Stat the version's <c>.info</c> and stop: no <c>.mod</c> is fetched. For a module go downloads only as a zip (the
    /// toolchain switch's golang.org/toolchain): each GOPROXY entry answers the few-byte .info as it answers the zip,
    /// while a .mod request is one go never makes, whose failure (or a breaker it opens) would not be go's.
    /// </summary>
    public bool InfoOnly { get; init; }

    /// <summary>No network at all: only local checks and the go module cache answer.</summary>
    public bool Offline { get; init; }

    /// <summary>Probe mirrors for a faster/working GOPROXY when a proxy times out, fails with 5xx, DNS or connect errors.</summary>
    public bool SuggestMirrors { get; init; } = true;

    /// <summary>Mirrors to probe besides the built-in list (the built-in list is supplied by the composition root).</summary>
    public IReadOnlyList<Uri> ExtraMirrors { get; init; } = [];

    /// <summary>
    /// Where sum.golang.org is also served, tried when it cannot be reached (a fix is offered only if it answers);
    /// null to try nothing. sum.golang.google.cn is go's own alias for it (GOSUMDB=sum.golang.google.cn).
    /// </summary>
    public string? ChecksumDatabaseMirror { get; init; } = "https://sum.golang.google.cn";

    /// <summary>
    /// Databases GOSUMDB may name without a key besides go's own (sum.golang.org): tests name a loopback database this
    /// way, as go's knownGOSUMDB table names sum.golang.org.
    /// </summary>
    public IReadOnlyDictionary<string, string>? ChecksumDatabaseKeys { get; init; }

    /// <summary>When go would use <c>direct</c>: probe <c>https://&lt;path&gt;?go-get=1</c> (meta discovery, DNS, connect).</summary>
    public bool ProbeDirect { get; init; } = true;

    /// <summary>
    /// The go.work go uses in <see cref="GoModDirectory"/>, if any. When it uses the module, its replacements (and those
    /// of the other workspace modules' go.mod files) apply as in go; the toolchain comes from its go and toolchain lines.
    /// </summary>
    public Workspace.GoWorkspace? Workspace { get; init; }

    /// <summary>
    /// The vendor directory the go.mod's builds use, if they use one (-mod=vendor from GOFLAGS, or go's default when
    /// vendor/ exists). Builds then look nothing up and verify no go.sum; resolution still answers for go mod vendor,
    /// go mod tidy and go get, which look modules up whatever -mod says.
    /// </summary>
    public Vendoring.VendorState? Vendor { get; init; }

    /// <summary>The go.mod is one of <see cref="Workspace"/>'s modules: go resolves it in workspace mode.</summary>
    public bool IsWorkspaceModule => Workspace is { } workspace && GoModDirectory is { } directory && workspace.Uses(directory);

    public static ResolveOptions Default { get; } = new(ProxySettings.Defaults);
}
