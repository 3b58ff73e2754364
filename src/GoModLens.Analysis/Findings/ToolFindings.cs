using GoModLens.ModFile.Semantics;
using GoModLens.ModFile.Text;

namespace GoModLens.Analysis.Findings;

/// <summary>
/// GML2018: a <c>tool</c> line (go 1.24) whose package no module of the go.mod provides. go resolves a tool package like
/// an import of the main module (modload.importFromModules): it looks in every module among the main module and its
/// requires whose path is a prefix of the package (graph pruning lists every such module in go.mod). With none that
/// has it, <c>go tool</c>, <c>go list tool</c> and <c>go build tool</c> stop with <c>no required module provides
/// package …</c>; with two, <c>ambiguous import</c>. Trees are looked in where they are at hand (local directories, the
/// module cache), never fetched. Before go looks in a required module it needs its module hash in go.sum: without it,
/// go's <c>missing go.sum entry for module providing package</c> (GML1509 on the tool line).
/// </summary>
public static class ToolFindings
{
    /// <param name="goModDirectory">The main module's directory, to find its own tool packages; null = not checked.</param>
    /// <param name="goAddsModules">GOFLAGS=-mod=mod: go looks the module up and adds the require itself (information then).</param>
    /// <param name="workspace">
    /// The go.work in force, if any. When go accepts it and it uses this module (workspace mode), every workspace module
    /// is a main module and every one's requires provide packages to all (checked with go list tool).
    /// </param>
    /// <param name="goModCache">GOMODCACHE: a required module go has downloaded is looked in for the package; null = requires are trusted.</param>
    /// <param name="sums">
    /// The go.sum go reads when it must find every module hash there (-mod=readonly outside workspace and vendor mode):
    /// go does not look in a module whose hash it lacks, and stops with <c>missing go.sum entry for module providing
    /// package</c> (GML1509 on the tool line). Null = not checked.
    /// </param>
    /// <param name="buildMode">
    /// The -mod go builds with here: it words go's error (<c>import lookup disabled by -mod=…</c> when set in GOFLAGS or
    /// when go says why it chose it), and in vendor mode packages come from the main modules and vendor/ only.
    /// Null = go's default, -mod=readonly with nothing to say.
    /// </param>
    /// <param name="vendorList">vendor/modules.txt, in vendor mode: from go 1.23 on, go imports only the packages it lists.</param>
    /// <param name="goRoot">
    /// GOROOT: a path whose first element has no dot is looked for in the standard library first, and when no module
    /// has it either, it is go's <c>package P is not in std</c>. Null = such paths are not checked.
    /// </param>
    public static IEnumerable<Finding> From(GoModFile model, string fileName, string? goModDirectory, bool goAddsModules = false,
        Workspace.GoWorkspace? workspace = null, string? goModCache = null, ModFile.GoSum.GoSumFile? sums = null,
        Vendoring.BuildMode? buildMode = null, Vendoring.VendorList? vendorList = null, string? goRoot = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.Tool.Count == 0)
        {
            yield break;
        }

        // go checks every tool path when it loads the main modules (modload's initialization): a malformed one stops
        // every go command in the module, not only go tool.
        foreach (var tool in model.Tool)
        {
            if (MalformedToolPath(tool.Path) is { } goMessage)
            {
                yield return new Finding(FindingCodes.MalformedModulePath, FindingSeverity.Error, fileName, RangeOf(tool),
                    goMessage + ": every go command in this module stops on it", goMessage, null, [], []);
            }
        }

        workspace = InWorkspaceMode(workspace, goModDirectory);
        if (buildMode is { IsVendor: true })
        {
            foreach (var finding in FromVendor(model, fileName, goModDirectory, workspace, buildMode, vendorList ?? Vendoring.VendorList.Empty, goRoot))
            {
                yield return finding;
            }

            yield break;
        }

        foreach (var tool in model.Tool)
        {
            var package = tool.Path;
            if (package.Length == 0 || ModFile.Module.ModulePath.CheckImportPath(package) is not null
                || (IsStandardImportPath(package) && (goRoot is null || InStandardLibrary(goRoot, package)))
                || Provider(model, package, goModDirectory, workspace, goModCache, sums is null ? null : key => GoSum.GoSumChecker.HasModuleEntry(sums, key)) is not { } provider
                || (provider.Provides && provider.MissingSums.Count == 0 && provider.Kind is null or Workspace.PackageKind.Main))
            {
                continue;
            }

            var range = RangeOf(tool);
            if (provider.Provides && provider.MissingSums.Count == 0)
            {
                // go list tool accepts it; go tool refuses to run a library or a directory of tests.
                var name = ExecName(package);
                yield return provider.Kind == Workspace.PackageKind.TestsOnly
                    ? new Finding(FindingCodes.ToolNotMain, FindingSeverity.Warning, fileName, range,
                        $"the tool package {package} has only test files: go tool {name} and go build tool stop (go list tool accepts it)",
                        $"{package}: no non-test Go files in {provider.PackageDirectory}", null, [], [])
                    : new Finding(FindingCodes.ToolNotMain, FindingSeverity.Warning, fileName, range,
                        $"the tool package {package} is not a main package: go tool {name} stops (go build tool and go list tool accept it)",
                        $"package {package} is not a main package", null, [], []);
                continue;
            }

            // go's order (importFromModules): two modules with the package, then a module it cannot look in, then none.
            yield return provider.Ambiguous.Count > 1 ? Ambiguous(fileName, package, range, provider)
                : provider.MissingSums.Count > 0 ? MissingSum(model, package, range, provider)
                : NotProvided(fileName, package, range, provider, workspace is not null, goAddsModules, buildMode, goRoot);
        }
    }

    private static Finding Ambiguous(string fileName, string package, TextSpan range, ToolProvider provider)
    {
        var found = string.Concat(provider.Ambiguous.Select(c => $"\n\t{c.Path}{(c.Version is null ? "" : " " + c.Version)} ({c.PackageDirectory})"));
        return new Finding(FindingCodes.ToolNotProvided, FindingSeverity.Error, fileName, range,
            $"the tool package {package} is in more than one module ({string.Join(", ", provider.Ambiguous.Select(c => c.Path))}): go tool, go list tool and go build tool stop",
            $"ambiguous import: found package {package} in multiple modules:{found}", null, [], []);
    }

    // No module has the package: none claims its path, the main module's directory lacks it, or the required versions
    // looked in lack it.
    private static Finding NotProvided(string fileName, string package, TextSpan range, ToolProvider provider, bool inWorkspace, bool goAddsModules,
        Vendoring.BuildMode? buildMode, string? goRoot)
    {
        var lacking = provider.Lacking;
        var ofWhat = inWorkspace ? "of the workspace" : "of this go.mod";
        SuggestedFix[] goGet = [new RunGoCommand($"Add its module: go get {package}", "go get " + package)];
        if (IsStandardImportPath(package) && lacking.Count == 0)
        {
            // No dot in the first element: go takes it for a standard library path, whatever -mod says.
            return new Finding(FindingCodes.ToolNotProvided, FindingSeverity.Warning, fileName, range,
                $"the tool package {package} is not in the standard library, and no module {ofWhat} provides it "
                + "(a path whose first element has no dot is a standard library path to go): go tool, go list tool and go build tool stop",
                NotInStd(goRoot!, package), null, [], []);
        }

        if (lacking.Count == 0 && !provider.MainModule && goAddsModules)
        {
            // go looks the package up and adds its module itself; a required module without it stays go's error.
            return new Finding(FindingCodes.ToolNotProvided, FindingSeverity.Information, fileName, range,
                $"no module {ofWhat} provides the tool package {package}: with GOFLAGS=-mod=mod go looks its module up and adds the require on its next go tool run",
                null, null, [], goGet);
        }

        var what = lacking.Count == 0 ? $"no module {ofWhat} provides the tool package {package}"
            : $"the tool package {package} is not in {string.Join(" or ", lacking.Select(c => c.Display))}";
        var until = lacking.Count > 0 ? "a module that has it is required"
            : provider.MainModule ? "its directory has a .go file"
            : "a require of its module is added";
        return new Finding(FindingCodes.ToolNotProvided, FindingSeverity.Warning, fileName, range,
            $"{what}: go tool, go list tool and go build tool stop until {until}",
            // Under -mod=mod go goes on to look the package up, and what it says then depends on the proxy.
            IsStandardImportPath(package) ? NotInStd(goRoot!, package) : goAddsModules ? null : NotFoundMessage(package, buildMode),
            null, [.. lacking.Select(c => new RelatedInformation(c.Display + " has no .go file in " + c.PackageDirectory))],
            provider.MainModule && lacking.Count == 0 ? [] : goGet);
    }

    // Vendor mode: requires, the module cache and go.sum play no part.
    private static IEnumerable<Finding> FromVendor(GoModFile model, string fileName, string? goModDirectory, Workspace.GoWorkspace? workspace,
        Vendoring.BuildMode buildMode, Vendoring.VendorList list, string? goRoot)
    {
        if (string.IsNullOrEmpty(model.Module?.Mod.Path) || goModDirectory is null)
        {
            yield break;
        }

        foreach (var tool in model.Tool)
        {
            var package = tool.Path;
            var standard = IsStandardImportPath(package);
            if (package.Length == 0 || ModFile.Module.ModulePath.CheckImportPath(package) is not null || (standard && (goRoot is null || InStandardLibrary(goRoot, package))))
            {
                continue;
            }

            var source = InVendorMode(model, package, goModDirectory, workspace, buildMode, list);
            if (source is VendoredTool.MainModule or VendoredTool.Vendored)
            {
                continue;
            }

            var range = RangeOf(tool);
            var sync = workspace is null ? "go mod vendor" : "go work vendor";
            var notFound = standard ? NotInStd(goRoot!, package) : NotFoundMessage(package, buildMode);
            yield return source == VendoredTool.Unlisted
                ? new Finding(FindingCodes.ToolNotProvided, FindingSeverity.Warning, fileName, range,
                    $"the tool package {package} is in vendor/ but vendor/modules.txt does not list it, so go ignores it: go tool, go list tool and go build tool stop until {sync} is run",
                    $"ignoring package {package} which exists in the vendor directory but is missing from vendor/modules.txt. To sync the vendor directory run {sync}.\n{notFound}",
                    null, [], [new RunGoCommand($"Sync vendor/: {sync}", sync)])
                : new Finding(FindingCodes.ToolNotProvided, FindingSeverity.Warning, fileName, range,
                    $"the tool package {package} is not in vendor/ (builds here use vendor/): go tool, go list tool and go build tool stop until its module is required and vendored",
                    notFound, null, [], [new RunGoCommand($"Add its module: go get {package}", "go get " + package)]);
        }
    }

    /// <summary>
    /// Where a tool package comes from in vendor mode (modload.importFromModules, -mod=vendor): a main module's
    /// directory, else vendor/, which from go 1.23 on counts only when vendor/modules.txt lists the package.
    /// </summary>
    /// <param name="workspace">The go.work when in workspace mode (<see cref="InWorkspaceMode"/>): its go line and modules count.</param>
    public static VendoredTool InVendorMode(GoModFile model, string package, string goModDirectory, Workspace.GoWorkspace? workspace,
        Vendoring.BuildMode buildMode, Vendoring.VendorList list)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(buildMode);
        ArgumentNullException.ThrowIfNull(list);
        List<(string? Path, string Directory)> mains = [(model.Module?.Mod.Path, goModDirectory), .. (workspace?.Modules ?? []).Select(m => (m.GoMod?.Module?.Mod.Path, m.Directory))];
        if (mains.Any(m => m.Path is { Length: > 0 } path && Workspace.ModulePackages.InLocalTree(m.Directory, path, package)))
        {
            return VendoredTool.MainModule;
        }

        if (!Workspace.ModulePackages.InVendorDirectory(buildMode.VendorDirectory, package))
        {
            return VendoredTool.Missing;
        }

        var goVersion = (workspace is null ? model.Go?.Version : workspace.Parse?.Model.Go?.Version) ?? "";
        return Toolchain.GoVersions.Compare(goVersion, "1.23") < 0 || list.ListsPackage(package) ? VendoredTool.Vendored : VendoredTool.Unlisted;
    }

    /// <summary>search.IsStandardImportPath: the first path element has no dot.</summary>
    public static bool IsStandardImportPath(string package)
    {
        ArgumentNullException.ThrowIfNull(package);
        var slash = package.IndexOf('/');
        return !(slash < 0 ? package : package[..slash]).Contains('.');
    }

    /// <summary>A standard library package of the go in <paramref name="goRoot"/> (modindex.IsStandardPackage: its directory under src/ holds Go files).</summary>
    public static bool InStandardLibrary(string goRoot, string package) =>
        Workspace.ModulePackages.InVendorDirectory(Path.Combine(goRoot, "src"), package);

    // ImportMissingError for a standard library path: go names where it looked.
    private static string NotInStd(string goRoot, string package) =>
        $"package {package} is not in std ({Path.Combine(goRoot, "src", package)})";

    // What go says when no module has the package (ImportMissingError from queryImport): readonly and vendor mode name
    // the -mod that stops the lookup when GOFLAGS set it or go had a reason to choose it.
    private static string NotFoundMessage(string package, Vendoring.BuildMode? buildMode) => buildMode switch
    {
        { Explicit: true } => $"cannot find module providing package {package}: import lookup disabled by -mod={buildMode.Mode}",
        { Reason: { Length: > 0 } reason } => $"cannot find module providing package {package}: import lookup disabled by -mod={buildMode.Mode}\n\t({reason})",
        _ => $"no required module provides package {package}; to add it:\n\tgo get {package}",
    };

    // go checks go.sum before it downloads a module (modload.fetch): one whose module hash is missing is not looked in,
    // and the package is "provided by exactly one module" only if every candidate could be looked in.
    private static Finding MissingSum(GoModFile model, string package, TextSpan range, ToolProvider provider)
    {
        var missing = provider.MissingSums;
        var modules = string.Join(' ', missing.Select(c => c.Path));
        var goMessage = (provider.Known
            ? $"missing go.sum entry needed to verify package {package} is provided by exactly one module"
            : $"missing go.sum entry for module providing package {package}") + $"; to add:\n\tgo mod download {modules}";
        var sumName = GoSum.GoSumChecker.SumName(model);
        return new Finding(GoSum.GoSumFindingCodes.MissingModuleEntry, FindingSeverity.Error, model.Syntax.Name, range,
            $"{sumName} has no module hash for {string.Join(" or ", missing.Select(c => c.SumKey!.Path + " " + c.SumKey.Version))}, which go must look in for the tool package {package}: "
            + "go tool, go list tool and go build tool stop until it is added",
            goMessage, missing[0].Path, [], [.. missing.Select(c => GoSum.GoSumChecker.DownloadFix(c.Path, model))]);
    }

    /// <summary>
    /// Which module provides a tool package as go resolves it (modload.importFromModules): every module among the main
    /// modules (this one; in workspace mode every workspace module) and the requires of all whose path is a prefix of
    /// the package, looked in where the tree is at hand: a main module's or a replacement's directory, a required
    /// version in the module cache (with <paramref name="goModCache"/>). One that has the package provides it; two are
    /// go's ambiguous import; a module not at hand is assumed to (go would download it). Null when the go.mod has no
    /// module line.
    /// </summary>
    /// <param name="hasModuleSum">Whether go.sum has a module version's hash, when go needs it before looking in the module; null = not checked.</param>
    public static ToolProvider? Provider(GoModFile model, string package, string? goModDirectory, Workspace.GoWorkspace? workspace = null,
        string? goModCache = null, Func<GoSum.ModuleVersionKey, bool>? hasModuleSum = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(package);
        // go rejects an invalid import path before it looks anywhere (and "..", for one, must not lead out of a tree).
        if (model.Module?.Mod.Path is not { Length: > 0 } mainModule || ModFile.Module.ModulePath.CheckImportPath(package) is not null)
        {
            return null;
        }

        // This go.mod as the editor has it, then the other workspace modules as on disk.
        var inWorkspace = InWorkspaceMode(workspace, goModDirectory);
        var others = inWorkspace?.Modules.Where(m => m.GoMod?.Module?.Mod.Path is { Length: > 0 } path && path != mainModule).ToList() ?? [];
        List<(string Path, string? Directory)> mains = [(mainModule, goModDirectory), .. others.Select(m => (m.GoMod!.Module!.Mod.Path, (string?)m.Directory))];
        var candidates = new List<ToolCandidate>();
        foreach (var main in mains.Where(m => Provides(m.Path, package)))
        {
            var relative = Workspace.ModulePackages.RelativeDirectory(main.Path, package)!;
            var has = main.Directory is null || Workspace.GoPaths.Resolve(main.Directory, relative) is null
                ? (bool?)null
                : Workspace.ModulePackages.InLocalTree(main.Directory, main.Path, package);
            candidates.Add(new ToolCandidate(main.Path, null, main.Directory is null ? relative : InDirectory(main.Directory, relative), has, MainModule: true));
        }

        // go selects the highest version a path is required at (graph pruning lists every providing module in go.mod).
        var requires = model.Require.Concat(others.SelectMany(m => m.GoMod!.Require))
            .Where(r => Provides(r.Mod.Path, package) && !mains.Any(m => m.Path == r.Mod.Path))
            .GroupBy(r => r.Mod.Path)
            .Select(g => g.MaxBy(r => r.Mod.Version, Comparer<string>.Create(ModFile.Versions.Semver.Compare))!);
        foreach (var require in requires)
        {
            var candidate = RequiredCandidate(model, require, package, goModDirectory, inWorkspace, goModCache);
            candidates.Add(candidate.SumKey is { } key && hasModuleSum?.Invoke(key) == false ? candidate with { Has = false, SumMissing = true } : candidate);
        }

        if (candidates.Count == 0)
        {
            return new ToolProvider(null, null, null, false, MainModule: false);
        }

        // go walks the package's path prefixes from the longest: that order decides which one a hover names.
        candidates.Sort((a, b) => b.Path.Length.CompareTo(a.Path.Length));
        var having = candidates.Where(c => c.Has == true).ToList();
        var provider = having.Count == 1 ? having[0] : candidates.FirstOrDefault(c => c.Has is null);
        var lacking = candidates.Where(c => c.Has == false && !c.SumMissing).ToList();
        // go lists missing sums and ambiguous modules from the shortest module path.
        List<ToolCandidate> missingSums = [.. candidates.Where(c => c.SumMissing).Reverse()];
        if (having.Count > 1)
        {
            return new ToolProvider(null, null, null, false, MainModule: false) { Ambiguous = [.. Enumerable.Reverse(having)], MissingSums = missingSums };
        }

        if (provider is null)
        {
            var longest = candidates[0];
            return new ToolProvider(longest.Path, longest.Version, longest.MainModule ? Workspace.ModulePackages.RelativeDirectory(longest.Path, package) : null,
                false, candidates.Any(c => c.MainModule)) { Require = longest.Require, Lacking = [.. lacking.Where(c => !c.MainModule)], MissingSums = missingSums };
        }

        // go tool runs main packages only: known where the tree is at hand.
        Workspace.PackageKind? kind = provider.Has != true ? null
            : provider.SumKey is { } tree ? (goModCache is null ? null
                : Workspace.ModulePackages.PackageKindInModuleCache(goModCache, tree.Path, tree.Version, Workspace.ModulePackages.RelativeDirectory(provider.Path, package)!))
            : Path.IsPathRooted(provider.PackageDirectory) ? Workspace.ModulePackages.PackageKindOfDirectory(provider.PackageDirectory)
            : null;
        return new ToolProvider(provider.Path, provider.Version, provider.MainModule ? Workspace.ModulePackages.RelativeDirectory(provider.Path, package) : null,
            true, provider.MainModule) { Require = provider.Require, Known = provider.Has == true, MissingSums = missingSums, Kind = kind, PackageDirectory = provider.PackageDirectory };
    }

    // A require whose path is a prefix of the package: its tree is the replacement's where one applies (a directory's
    // go.mod placement is local, so a nested module there takes the package), else the version in the module cache.
    private static ToolCandidate RequiredCandidate(GoModFile model, RequireStmt require, string package, string? goModDirectory,
        Workspace.GoWorkspace? workspace, string? goModCache)
    {
        var (path, version) = (require.Mod.Path, require.Mod.Version);
        var relative = Workspace.ModulePackages.RelativeDirectory(path, package)!;
        var (replace, baseDirectory) = workspace is not null && goModDirectory is not null
            ? workspace.Replacement(path, version, model, goModDirectory) is { } r ? (r.Statement, (string?)r.BaseDirectory) : (null, null)
            : (Workspace.GoWorkspace.ReplaceIn(model, path, version), goModDirectory);
        bool? has;
        string? directory = null;
        if (replace is { New.Version.Length: 0 })
        {
            directory = baseDirectory is null ? null : Workspace.GoPaths.Resolve(baseDirectory, replace.New.Path);
            has = directory is null ? null : Workspace.ModulePackages.InLocalTree(directory, path, package);
            directory = directory is null ? null : InDirectory(directory, relative);
        }
        else
        {
            var (treePath, treeVersion) = replace is null ? (path, version) : (replace.New.Path, replace.New.Version);
            has = goModCache is null ? null : Workspace.ModulePackages.InModuleCache(goModCache, treePath, treeVersion, relative);
            directory = goModCache is not null && ModFile.Module.ModulePath.TryEscapePath(treePath, out var escaped, out _)
                && ModFile.Module.ModulePath.TryEscapeVersion(treeVersion, out var escapedVersion, out _)
                ? InDirectory(Path.Combine(goModCache, escaped + "@" + escapedVersion), relative) : null;
        }

        return new ToolCandidate(path, version, directory ?? relative, has, MainModule: false)
        {
            Require = require,
            SumKey = replace is { New.Version.Length: 0 } ? null : replace is null ? new(path, version) : new(replace.New.Path, replace.New.Version),
            Display = replace is null ? $"{path}@{version}" : $"{path}@{version} (replaced by {replace.New.Path}{(replace.New.Version.Length > 0 ? "@" + replace.New.Version : "")})",
        };
    }

    /// <summary>go's refusal of a tool path that is not a valid import path (<c>malformed tool path "…": …</c>), or null.</summary>
    public static string? MalformedToolPath(string package) =>
        ModFile.Module.ModulePath.CheckImportPath(package) is { } malformed ? "malformed tool path" + malformed["malformed import path".Length..] : null;

    // Findings about a tool line point at its path.
    private static TextSpan RangeOf(ToolStmt tool) => tool.Syntax.Tokens.LastOrDefault()?.Span ?? tool.Syntax.Span;

    // filepath.Join(root, rel): the module's own package is its root.
    private static string InDirectory(string root, string relative) => relative == "." ? root : Path.Combine(root, relative);

    /// <summary>The workspace when go is in workspace mode for the module: it accepts the go.work, and its use list has the directory.</summary>
    public static Workspace.GoWorkspace? InWorkspaceMode(Workspace.GoWorkspace? workspace, string? goModDirectory) =>
        workspace is { Parse: not null, GoError: null } && goModDirectory is not null && workspace.Uses(goModDirectory) ? workspace : null;

    /// <summary>The name <c>go tool</c> runs a tool package by (load.Package.DefaultExecName): its last path element, or the one before a major version.</summary>
    public static string ExecName(string package)
    {
        ArgumentNullException.ThrowIfNull(package);
        var slash = package.LastIndexOf('/');
        var elem = package[(slash + 1)..];
        if (slash >= 0 && IsVersionElement(elem))
        {
            var dir = package[..slash];
            elem = dir[(dir.LastIndexOf('/') + 1)..];
        }

        return elem;
    }

    // load.isVersionElement: v2, v3, … (not v0 or v1).
    private static bool IsVersionElement(string s) =>
        s.Length >= 2 && s[0] == 'v' && s[1] != '0' && !(s[1] == '1' && s.Length == 2) && s.Skip(1).All(char.IsAsciiDigit);

    // A module provides the packages at its path and below it (a whole path element).
    private static bool Provides(string modulePath, string package) => Workspace.ModulePackages.RelativeDirectory(modulePath, package) is not null;
}

/// <summary>What provides a tool package (<see cref="ToolFindings.Provider"/>).</summary>
/// <param name="ModulePath">The providing module, or null when none does.</param>
/// <param name="Version">The require's version (null for a main module).</param>
/// <param name="Directory">For a main module, the package's directory relative to the module's.</param>
/// <param name="Provides">go finds the package in exactly one module: one that has it, or one not at hand to look in.</param>
/// <param name="MainModule">A main module's path matches (in workspace mode, any workspace module's).</param>
public sealed record ToolProvider(string? ModulePath, string? Version, string? Directory, bool Provides, bool MainModule)
{
    /// <summary>The providing require (in this go.mod or, in workspace mode, another workspace module's).</summary>
    public RequireStmt? Require { get; init; }

    /// <summary>The module's tree was looked in and has the package (not just assumed to).</summary>
    public bool Known { get; init; }

    /// <summary>What a known package is (a main package is what go tool can run); null when not known.</summary>
    public Workspace.PackageKind? Kind { get; init; }

    /// <summary>Where go looks for the package (absolute when the tree's place is known).</summary>
    public string? PackageDirectory { get; init; }

    /// <summary>Required modules whose path matches but whose tree (looked in) lacks the package.</summary>
    public IReadOnlyList<ToolCandidate> Lacking { get; init; } = [];

    /// <summary>More than one module has the package: go's ambiguous import, shortest module path first.</summary>
    public IReadOnlyList<ToolCandidate> Ambiguous { get; init; } = [];

    /// <summary>Required modules go cannot look in because go.sum lacks their module hash, shortest module path first.</summary>
    public IReadOnlyList<ToolCandidate> MissingSums { get; init; } = [];
}

/// <summary>A module whose path is a prefix of a tool package, and whether its tree has the package.</summary>
/// <param name="PackageDirectory">Where go looks (absolute when the tree's place is known; else relative to the module).</param>
/// <param name="Has">The tree has a .go file there; null when the tree is not at hand.</param>
public sealed record ToolCandidate(string Path, string? Version, string PackageDirectory, bool? Has, bool MainModule)
{
    public RequireStmt? Require { get; init; }

    /// <summary>The module version whose go.sum hash go needs before it looks in the tree (the replacement's); null for a local directory.</summary>
    public GoSum.ModuleVersionKey? SumKey { get; init; }

    /// <summary>go.sum lacks <see cref="SumKey"/>'s hash, so go does not look in this module.</summary>
    public bool SumMissing { get; init; }

    /// <summary>path@version, with its replacement.</summary>
    public string Display { get; init; } = Version is null ? Path : Path + "@" + Version;
}

/// <summary>Where a tool package comes from in vendor mode (<see cref="ToolFindings.InVendorMode"/>).</summary>
public enum VendoredTool
{
    /// <summary>A main module's directory.</summary>
    MainModule,

    /// <summary>vendor/, listed in vendor/modules.txt (or a go line before 1.23, which needs no listing).</summary>
    Vendored,

    /// <summary>In vendor/ but not in vendor/modules.txt: go ignores it.</summary>
    Unlisted,

    /// <summary>Nowhere go looks in vendor mode.</summary>
    Missing,
}
