using GoModLens.Analysis.Environment;
using GoModLens.Analysis.ProxyConfig;
using GoModLens.Analysis.Resolution;

namespace GoModLens.Analysis.Toolchain;

/// <summary>What the go command will do about its toolchain before it does anything else with this go.mod.</summary>
public enum ToolchainOutcome
{
    /// <summary>The local toolchain runs and is new enough.</summary>
    Local,

    /// <summary>The toolchain that runs is older than the go line: go stops with "requires go &gt;= …".</summary>
    TooNew,

    /// <summary>GOTOOLCHAIN or the toolchain line is invalid.</summary>
    Invalid,

    /// <summary>go runs the toolchain's own command found on PATH (e.g. from golang.org/dl).</summary>
    OnPath,

    /// <summary>GOTOOLCHAIN=path (or +path) and the toolchain is not on PATH.</summary>
    NotOnPath,

    /// <summary>Already downloaded: in the module cache.</summary>
    InModuleCache,

    /// <summary>The GOPROXY walk serves it: go will download it.</summary>
    Available,

    /// <summary>No source has it (or lookups are disabled): "toolchain not available".</summary>
    NotAvailable,

    /// <summary>The walk failed (network, 5xx, timeout, …): go's download fails the same way.</summary>
    Failed,

    /// <summary>The walk reaches <c>direct</c>: go would clone golang.org/toolchain with git.</summary>
    Direct,

    /// <summary>GOSUMDB=off: go downloads it, then refuses it unverified.</summary>
    ChecksumDatabaseOff,

    /// <summary>go downloads it, then cannot verify it: the checksum database is unreachable, unverifiable or refused.</summary>
    ChecksumDatabaseFailed,

    /// <summary>go would download it; not checked, because the network is off.</summary>
    NotChecked,
}

/// <summary>The toolchain decision for a go.mod and whether this machine can carry it out.</summary>
/// <param name="LocalToolchain">The toolchain at GOROOT, e.g. <c>go1.26.11</c>.</param>
/// <param name="ModuleVersion">The golang.org/toolchain version go would download, when it would.</param>
/// <param name="Where">The PATH executable or module-cache directory that will be used, when one is.</param>
/// <param name="GoMessage">What go prints (without <c>go: </c>) when it stops; null when it carries on.</param>
/// <param name="Resolution">The GOPROXY walk for <see cref="ModuleVersion"/> (trace, failure class, mirror suggestion).</param>
public sealed record ToolchainReport(
    ToolchainSelection Selection,
    string LocalToolchain,
    ToolchainOutcome Outcome,
    string? ModuleVersion,
    string? Where,
    string? GoMessage,
    RequirementReport? Resolution)
{
    /// <summary>Whether the next go command in this module fails because of its toolchain.</summary>
    public bool Fails => Outcome is ToolchainOutcome.TooNew or ToolchainOutcome.Invalid or ToolchainOutcome.NotOnPath
        or ToolchainOutcome.NotAvailable or ToolchainOutcome.Failed or ToolchainOutcome.ChecksumDatabaseOff or ToolchainOutcome.ChecksumDatabaseFailed;
}

/// <summary>
/// Checks the toolchain switch go makes for a go.mod (cmd/go toolchain.Select and Exec): a <c>go</c> or
/// <c>toolchain</c> line newer than the local toolchain makes go run <c>go1.X.Y</c> from PATH, or download module
/// golang.org/toolchain@v0.0.1-go1.X.Y.&lt;os&gt;-&lt;arch&gt; through GOPROXY like any module, and verify it against
/// the checksum database. Behind a blocked proxy that is the first thing to fail, before any require is looked at.
/// go fetches the ~70 MB zip; GoModLens walks GOPROXY for the same version's few-byte <c>.info</c>, so every entry
/// answers the same way, and reports go's message with the zip's URL.
/// </summary>
public static class ToolchainCheck
{
    /// <param name="goLine">The go.mod's go line; in workspace mode (<see cref="ResolveOptions.Workspace"/>) the go.work's decides.</param>
    /// <param name="toolchainLine">The go.mod's toolchain line; likewise.</param>
    /// <returns>Null when it cannot be decided here: no Go installation found, or a GOWORK go rejects.</returns>
    public static async Task<ToolchainReport?> RunAsync(GoEnvironment environment, string? goLine, string? toolchainLine,
        IRequirementResolver resolver, ResolveOptions options, CancellationToken cancellationToken)
    {
        if (environment.LocalToolchain is not { } local || options.Workspace is { Parse: null })
        {
            return null;
        }

        var file = "go.mod";
        if (options.Workspace is { } workspace)
        {
            // modGoToolchain: an existing go.work decides, whether or not it uses this module.
            (goLine, toolchainLine) = (workspace.GoLine, workspace.ToolchainLine);
            file = options.GoModDirectory is { } moduleDirectory ? workspace.ShortPath(moduleDirectory) : workspace.FilePath;
        }

        var selection = ToolchainSelection.Select(environment.GoToolchain.Value, local, goLine, toolchainLine, file);
        if (selection.Error is { } invalid)
        {
            return new(selection, local, ToolchainOutcome.Invalid, null, null, invalid, null);
        }

        if (selection.Toolchain is not { } toolchain)
        {
            return new(selection, local, selection.TooNew is null ? ToolchainOutcome.Local : ToolchainOutcome.TooNew, null, null, selection.TooNew, null);
        }

        if (environment.FindOnPath(toolchain) is { } onPath)
        {
            return new(selection, local, ToolchainOutcome.OnPath, null, onPath, null, null);
        }

        var pathOnly = selection.Setting == "path" || selection.Setting.EndsWith("+path", StringComparison.Ordinal);
        if (pathOnly)
        {
            return new(selection, local, ToolchainOutcome.NotOnPath, null, null, $"cannot find \"{toolchain}\" in PATH", null);
        }

        var (goos, goarch) = HostPlatform();
        var version = ToolchainSelection.ModuleVersion(toolchain, goos, goarch);
        if (Downloaded(environment, version) is { } dir)
        {
            return new(selection, local, ToolchainOutcome.InModuleCache, version, dir, null, null);
        }

        if (options.Offline)
        {
            return new(selection, local, ToolchainOutcome.NotChecked, version, null, null, null);
        }

        // go downloads the zip alone, through GOPROXY as such (no go.work or go.mod replacement applies): the .info walk
        // stands for it, with no .mod request go would never make.
        var resolution = await resolver.ResolveAsync(ToolchainSelection.Module, version,
                options with { CheckLatest = false, InfoOnly = true, Workspace = null, GoModDirectory = null, Vendor = null }, cancellationToken)
            .ConfigureAwait(false);
        var download = "download " + toolchain;
        var notAvailable = GoVersions.FromToolchain(toolchain) is var v && GoVersions.IsLang(v) && GoVersions.Compare(v, "1.21") >= 0
            ? $"invalid toolchain: {toolchain} is a language version but not a toolchain version ({toolchain}.x)"
            : $"{download} for {goos}/{goarch}: toolchain not available";
        var verified = resolution.Status == RequirementStatus.Resolved && ProxyRouting.For(ToolchainSelection.Module, options.Settings).UsesChecksumDb;
        if (verified && options.Settings.GoSumDb != "off"
            && await VerifyAsync(resolver, version, options, cancellationToken).ConfigureAwait(false) is { } unverifiable)
        {
            return new(selection, local, ToolchainOutcome.ChecksumDatabaseFailed, version, null, $"{download}: {unverifiable}", resolution);
        }

        return resolution.Status switch
        {
            RequirementStatus.Resolved when verified && options.Settings.GoSumDb == "off" =>
                new(selection, local, ToolchainOutcome.ChecksumDatabaseOff, version, null,
                    $"{download}: {ToolchainSelection.Module}@{version}: verifying module: checksum database disabled by GOSUMDB=off", resolution),
            RequirementStatus.Resolved => new(selection, local, ToolchainOutcome.Available, version, resolution.Info?.AnsweredBy, null, resolution),
            RequirementStatus.Direct => new(selection, local, ToolchainOutcome.Direct, version, null, null, resolution),
            RequirementStatus.NotFound or RequirementStatus.Disabled => new(selection, local, ToolchainOutcome.NotAvailable, version, null, notAvailable, resolution),
            _ => new(selection, local, ToolchainOutcome.Failed, version, null,
                $"{download}: {AsZipDownload(resolution.Failure?.GoMessage ?? resolution.Status.ToString(), version)}", resolution),
        };
    }

    /// <summary>
    /// go's checkSumDB for the toolchain zip: the database must answer for it, verified. go's error (<c>m@v: verifying
    /// module: …</c>) when it cannot; null when it answers. The zip itself (100+ MB) is not downloaded to compare.
    /// </summary>
    private static async Task<string?> VerifyAsync(IRequirementResolver resolver, string version, ResolveOptions options, CancellationToken cancellationToken)
    {
        var at = $"{ToolchainSelection.Module}@{version}";
        if (resolver.OpenChecksumDatabase(options) is not { } opened)
        {
            return null;
        }

        if (opened.Client is not { } client)
        {
            return $"{at}: verifying module: {opened.Error}";
        }

        var lookup = await client.LookupAsync(ToolchainSelection.Module, version, cancellationToken).ConfigureAwait(false);
        return lookup.Error is not null ? $"{at}: verifying module: {at}: {lookup.Error}"
            : !lookup.Lines.Any(l => l.StartsWith($"{ToolchainSelection.Module} {version} h1:", StringComparison.Ordinal))
                ? $"{at}: verifying module: checksum missing from sumdb response" + GoSum.ChecksumDatabase.SumDbAbsent
                : null;
    }

    /// <summary>runtime.GOOS/GOARCH of a go built for this machine.</summary>
    public static (string Goos, string Goarch) HostPlatform()
    {
        var goos = OperatingSystem.IsWindows() ? "windows" : OperatingSystem.IsMacOS() ? "darwin" : OperatingSystem.IsFreeBSD() ? "freebsd" : "linux";
        var goarch = System.Runtime.InteropServices.RuntimeInformation.OSArchitecture switch
        {
            System.Runtime.InteropServices.Architecture.Arm64 => "arm64",
            System.Runtime.InteropServices.Architecture.X86 => "386",
            System.Runtime.InteropServices.Architecture.Arm => "arm",
            System.Runtime.InteropServices.Architecture.LoongArch64 => "loong64",
            System.Runtime.InteropServices.Architecture.RiscV64 => "riscv64",
            System.Runtime.InteropServices.Architecture.S390x => "s390x",
            System.Runtime.InteropServices.Architecture.Ppc64le => "ppc64le",
            _ => "amd64",
        };
        return (goos, goarch);
    }

    // modfetch.DownloadDir: the extracted directory, complete (no .partial marker) and with its .ziphash.
    private static string? Downloaded(GoEnvironment environment, string version)
    {
        var cache = environment.GoModCache.Value;
        if (cache.Length == 0)
        {
            return null;
        }

        var os = environment.Os;
        var files = environment.Files;
        var dir = os.JoinPath(cache, "golang.org", "toolchain@" + version);
        var zipHash = os.JoinPath(cache, "cache", "download", "golang.org", "toolchain", "@v", version + ".ziphash");
        return files.DirectoryExists(dir) && !files.FileExists(dir + ".partial") && files.FileExists(zipHash) ? dir : null;
    }

    // go's download failed on the .zip of the version whose .info we fetched; every entry answers both alike.
    private static string AsZipDownload(string goMessage, string version) =>
        goMessage.Replace("/@v/" + version + ".info", "/@v/" + version + ".zip", StringComparison.Ordinal);
}
