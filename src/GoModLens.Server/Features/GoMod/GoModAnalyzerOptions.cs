using GoModLens.Analysis.Environment;

namespace GoModLens.Server.Features.GoMod;

/// <summary>How the go.mod features are wired; tests replace the process environment and the clock.</summary>
public sealed record GoModAnalyzerOptions
{
    /// <summary>Where the diagnostic codes are documented; each diagnostic links to <c>&lt;base&gt;#&lt;code&gt;</c>.</summary>
    public const string DefaultDocsBase = "https://github.com/gomodlens/gomodlens/blob/main/docs/diagnostics.md";

    public string DocsBase { get; init; } = DefaultDocsBase;

    /// <summary>The process environment go would see; null = this process's. Tests pass an isolated one (GOENV in a temp dir).</summary>
    public IReadOnlyDictionary<string, string>? ProcessEnvironment { get; init; }

    public IGoEnvFileSystem Files { get; init; } = PhysicalGoEnvFileSystem.Instance;

    /// <summary>A known GOROOT; null = discover it as go does.</summary>
    public string? GoRoot { get; init; }

    /// <summary>Minimum time between two network diagnostic batches (the last batch is always sent).</summary>
    public TimeSpan BatchInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long a mirror latency table is shown without a refresh.</summary>
    public TimeSpan MirrorTableFreshFor { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Directories searched for local checkouts besides siblings, go.work members, GOPATH/src and the setting checkouts.searchRoots.</summary>
    public IReadOnlyList<string> CheckoutRoots { get; init; } = [];

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// How long a version completion waits for a module's versions it had to start fetching (<see cref="GoModCompletion.VersionListWait"/>);
    /// tests that check the list itself, not the bound, raise it so a loaded machine cannot turn their answer incomplete.
    /// </summary>
    public TimeSpan CompletionListWait { get; init; } = GoModCompletion.VersionListWait;
}
