namespace GoModLens.Analysis.Findings;

/// <summary>Environment values the fixes build on (existing GOPRIVATE/GONOSUMDB patterns are kept when adding one).</summary>
/// <param name="GoPrivate">Current GOPRIVATE value.</param>
/// <param name="GoNoSumDb">Current GONOSUMDB value.</param>
/// <param name="GoModDirectory">Directory of the go.mod (replace directories are relative to it); null = do not check the file system.</param>
public sealed record FindingsContext(string GoPrivate = "", string GoNoSumDb = "", string? GoModDirectory = null)
{
    /// <summary>Where AddReplaceLocal inserts (end of the go.mod); <see cref="FindingsBuilder.Build"/> fills it in.</summary>
    public ModFile.Text.TextPosition? EndOfFile { get; init; }

    /// <summary>
    /// Finds a local checkout of a module that no source has (go.work members, siblings, GOPATH/src), for the fix.
    /// The CLI searches while it builds findings; the language server leaves this null and searches when code
    /// actions are asked for, so a diagnostics pass never walks directories.
    /// </summary>
    public Func<string, Workspace.CheckoutCandidate?>? FindCheckout { get; init; }

    /// <summary>The go.work in force for the go.mod (workspace mode), whose findings come with the local ones; null = none.</summary>
    public Workspace.GoWorkspace? Workspace { get; init; }

    /// <summary>GOFLAGS' -mod, if set: with <c>mod</c> go updates go.mod itself instead of refusing an outdated one.</summary>
    public string? GoFlagsMod { get; init; }

    /// <summary>The vendor directory the go.mod's builds use (-mod=vendor, explicit or go's default); null = none.</summary>
    public Vendoring.VendorState? Vendor { get; init; }

    /// <summary>The go that runs (e.g. <c>1.26.11</c>), which a <c>godebug default=</c> may not exceed; null = unknown.</summary>
    public string? LocalGoVersion { get; init; }

    /// <summary>What go builds for (GOOS/GOARCH, cgo, CC/CXX/FC), for work.BuildInit's checks (GML2016); null = not known.</summary>
    public Environment.BuildTarget? BuildTarget { get; init; }

    /// <summary>GOFLAGS and where it is set, checked for what stops go (GML2016/GML2017); null = not checked.</summary>
    public Environment.EnvValue? GoFlags { get; init; }

    /// <summary>GOMODCACHE: where a tool's required module is looked in for its package (GML2018); null = not looked in.</summary>
    public string? GoModCache { get; init; }

    /// <summary>
    /// The go.sum builds must find every module hash in (-mod=readonly, outside workspace and vendor mode: modload's
    /// mustHaveSums), for the tool lines' modules (GML1509 there); null = not checked.
    /// </summary>
    public ModFile.GoSum.GoSumFile? GoSumForBuilds { get; init; }

    /// <summary>
    /// The sum files go checks a downloaded go.mod against before it parses it (the go.sum; in workspace mode go.work.sum
    /// and every workspace module's go.sum): a go.mod go cannot read whose go.sum hash differs is go's checksum
    /// mismatch (GML1508), not GML3007. Null = not checked (no go.sum known, or builds from vendor/, which read none).
    /// </summary>
    public GoSum.GoSumSet? GoSums { get; init; }

    /// <summary>GOROOT of the go that runs: tool lines with standard library paths are looked for there; null = not checked.</summary>
    public string? GoRoot { get; init; }

    /// <summary>The OS go runs on (GOFLAGS messages name <c>%GOFLAGS%</c> on Windows).</summary>
    public Environment.GoOs Os { get; init; } = Environment.GoOs.Linux;

    /// <summary>Where go runs (a relative -modfile is read against it); null = the go.mod's directory.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>
    /// How go builds here (the -mod it uses and why, which its messages name): the vendor state's mode, else go's
    /// decision for the go.mod's directory; null when the directory is unknown.
    /// </summary>
    public Vendoring.BuildMode? BuildModeFor(ModFile.Semantics.GoModFile model) =>
        Vendor?.Mode ?? (GoModDirectory is { } directory
            ? Vendoring.BuildMode.Decide(GoFlagsMod, directory, model.Go?.Version, Workspace, Environment.PhysicalGoEnvFileSystem.Instance)
            : null);

    public static FindingsContext Empty { get; } = new();
}
