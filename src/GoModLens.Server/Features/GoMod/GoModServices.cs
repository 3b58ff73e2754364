using GoModLens.Analysis.Environment;
using GoModLens.ModFile.Module;

namespace GoModLens.Server.Features.GoMod;

/// <summary>The shared state behind every go.mod feature (one per server).</summary>
internal sealed class GoModServices(GoModAnalyzerOptions options, IGoModEngineFactory factory) : IDisposable
{
    public GoModAnalyzerOptions Options { get; } = options;

    public DocumentModels Models { get; } = new();

    public EnvironmentProvider Environments { get; } = new(options);

    public EngineProvider Engines { get; } = new(factory);

    public ReportCache Reports { get; } = new();

    /// <summary>Completion's fetches of version lists no resolution has brought yet (into <see cref="Reports"/>).</summary>
    public VersionListFetcher VersionLists { get; } = new();

    /// <summary>The .mod bytes fetched to verify go.sum "/go.mod" lines (hovers show what was checked and when).</summary>
    public GoModFetchCache GoMods { get; } = new();

    public MirrorTableCache Mirrors { get; } = new(options.TimeProvider, options.MirrorTableFreshFor);

    public StatusPublisher Status { get; } = new();

    public Analysis.Workspace.LocalCheckoutFinder Checkouts { get; } = new(Analysis.Workspace.PhysicalCheckoutFileSystem.Instance, options.TimeProvider);

    /// <summary>The go.work in force per go.mod directory (workspace mode).</summary>
    public WorkspaceProvider Workspaces { get; } = new(options.TimeProvider);

    /// <summary>Whether each go.mod's builds use vendor/, and its modules.txt.</summary>
    public VendorProvider Vendors { get; } = new();

    public IClientChannel? Channel { get; set; }

    /// <summary>go fetches these directly (GOPRIVATE/GONOPROXY): no pkg.go.dev link, no mirror probe, nothing sent to a proxy by us.</summary>
    public static bool IsPrivate(GoEnvironment env, string modulePath) =>
        ModulePath.MatchPrefixPatterns(env.GoNoProxy.Value, modulePath) || ModulePath.MatchPrefixPatterns(env.GoPrivate.Value, modulePath);

    public void Dispose()
    {
        VersionLists.Dispose();
        Engines.Dispose();
    }
}
