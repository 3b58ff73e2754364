using GoModLens.Analysis.Environment;
using GoModLens.Analysis.GoSum;
using GoModLens.Analysis.Toolchain;
using GoModLens.ModFile.GoSum;
using GoModLens.ModFile.Semantics;

namespace GoModLens.Analysis.Workspace;

/// <summary>
/// Workspace mode, as go enters it for a module directory (modload.FindGoWork, ReadWorkFile, replacementFrom): the
/// go.work in force, whose go and toolchain lines pick the toolchain instead of the go.mod's, the modules it uses, and
/// the replacements it puts in force for all of them. go list, go build and go mod download run in this mode; go mod
/// tidy does not. A go.mod outside the use list gets nothing from go there but "not one of the workspace modules".
/// </summary>
public sealed class GoWorkspace
{
    // The module directories as compared (absolute, no trailing separator): a lookup per require stays a string compare.
    private readonly string[] _moduleKeys;

    // Which modules' go.mod files (as on disk) replace a path, in use order: most requires are replaced nowhere, and
    // the local stage asks for each require on every keystroke.
    private readonly Dictionary<string, List<int>> _replacedBy = new(StringComparer.Ordinal);

    // The paths the go.work itself replaces.
    private readonly HashSet<string> _replacedByWork;

    // Relative replacement directories made absolute, per module: asked on every analysis.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Directory, string Path), string> _absoluteTargets = new();

    private GoWorkspace(string filePath, string text, ParseResult? parse, IReadOnlyList<WorkspaceModule> modules, string? goError)
    {
        FilePath = filePath;
        Directory = Path.GetDirectoryName(filePath) ?? filePath;
        Text = text;
        Parse = parse;
        Modules = modules;
        GoError = goError;
        _moduleKeys = [.. modules.Select(m => GoPaths.DirectoryKey(m.Directory) ?? "")];
        _replacedByWork = parse?.Model.Replace.Select(r => r.Old.Path).ToHashSet(StringComparer.Ordinal) ?? [];
        for (var i = 0; i < modules.Count; i++)
        {
            foreach (var path in modules[i].GoMod?.Replace.Select(r => r.Old.Path).Distinct(StringComparer.Ordinal) ?? [])
            {
                (_replacedBy.TryGetValue(path, out var list) ? list : _replacedBy[path] = []).Add(i);
            }
        }
    }

    /// <summary>The go.work (absolute).</summary>
    public string FilePath { get; }

    public string Directory { get; }

    public string Text { get; }

    /// <summary>The go.work parsed like x/mod ParseWork; null when GOWORK itself is invalid.</summary>
    public ParseResult? Parse { get; }

    /// <summary>The <c>use</c> directories in go.work order, each with its go.mod as on disk.</summary>
    public IReadOnlyList<WorkspaceModule> Modules { get; }

    /// <summary>What go prints (without <c>go: </c>) when it refuses the workspace, so every go command here fails; null when accepted.</summary>
    public string? GoError { get; }

    /// <summary>The -mod value GOFLAGS sets, if any (workspace mode takes only readonly and vendor).</summary>
    public string? BuildMod { get; private init; }

    /// <summary>The go.work's <c>go</c> line as the toolchain switch reads it (a line scan, like the go.mod's).</summary>
    public string? GoLine => ToolchainSelection.Lookup(Text, "go");

    /// <summary>The go.work's <c>toolchain</c> line as the toolchain switch reads it.</summary>
    public string? ToolchainLine => ToolchainSelection.Lookup(Text, "toolchain");

    /// <summary>The workspace module that declares <paramref name="modulePath"/> (as on disk), if one does.</summary>
    public WorkspaceModule? ModuleNamed(string modulePath) => Modules.FirstOrDefault(m => m.GoMod?.Module?.Mod?.Path == modulePath);

    /// <summary>Is the module in <paramref name="moduleDirectory"/> one of the workspace modules?</summary>
    public bool Uses(string moduleDirectory) => IndexOf(moduleDirectory) >= 0;

    // The workspace module in a directory, by position in Modules; -1 when none. The last answer is kept: one
    // go.mod's requires all ask about the same directory.
    private int IndexOf(string? directory)
    {
        if (directory is null)
        {
            return -1;
        }

        if (_lastLookup is { } last && last.Directory == directory)
        {
            return last.Index;
        }

        var index = GoPaths.DirectoryKey(directory) is { } key ? Array.FindIndex(_moduleKeys, k => GoPaths.KeyComparer.Equals(k, key)) : -1;
        _lastLookup = new DirectoryLookup(directory, index);
        return index;
    }

    private DirectoryLookup? _lastLookup;

    // The paths a go.mod model (the editor's current one) replaces; kept for the last model asked about.
    private HashSet<string> ReplacedPaths(GoModFile model)
    {
        if (_lastReplaced is { } last && ReferenceEquals(last.Model, model))
        {
            return last.Paths;
        }

        var paths = model.Replace.Select(r => r.Old.Path).ToHashSet(StringComparer.Ordinal);
        _lastReplaced = new ReplacedPathsMemo(model, paths);
        return paths;
    }

    private ReplacedPathsMemo? _lastReplaced;

    private sealed record ReplacedPathsMemo(GoModFile Model, HashSet<string> Paths);

    private sealed record DirectoryLookup(string Directory, int Index);

    /// <summary>
    /// The files go checks a download against in this workspace (<see cref="GoSumSet"/>): go.work.sum, then each
    /// workspace module's go.sum in use order, labelled with its absolute path as go prints it. <paramref name="read"/>
    /// gives the parsed file at an absolute path (an editor's text, a parse cached by the file's stamp; an empty one
    /// when the file does not exist).
    /// </summary>
    public GoSumSet SumSet(Func<string, GoSumFile> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var modules = Modules.Select(m => Path.Combine(m.Directory, "go.sum")).Select(p => new LabeledGoSum(read(p), p)).ToList();
        return GoSumSet.ForWorkspace(read(FilePath + ".sum"), FilePath + ".sum", modules);
    }

    /// <summary>The go.work as go names it in messages from <paramref name="workingDirectory"/> (base.ShortPath).</summary>
    public string ShortPath(string workingDirectory) => GoPaths.ShortPath(FilePath, workingDirectory);

    /// <summary>
    /// The replacement go applies to <paramref name="path"/>@<paramref name="version"/> in this workspace
    /// (modload.replacementFrom): go.work's own first (an exact version, then any version); else the workspace modules'
    /// go.mod files in use order, a later match taking over, except that a later exact-version match with another
    /// target is go's "conflicting replacements found" error (<see cref="WorkspaceReplacement.ConflictsWith"/>).
    /// <paramref name="current"/> stands in for the go.mod in <paramref name="currentDirectory"/> (the editor's text,
    /// not the disk's). Null when nothing replaces it.
    /// </summary>
    public WorkspaceReplacement? Replacement(string path, string version, GoModFile current, string currentDirectory)
    {
        if (_replacedByWork.Contains(path) && Parse is { } work && ReplaceIn(work.Model, path, version) is { } fromWork)
        {
            return new WorkspaceReplacement(fromWork, FilePath, Directory);
        }

        var currentIndex = IndexOf(currentDirectory);
        var onDisk = _replacedBy.GetValueOrDefault(path);
        var inCurrent = currentIndex >= 0 && ReplacedPaths(current).Contains(path);
        if (onDisk is null && !inCurrent)
        {
            return null; // the common case, once per require per analysis
        }

        WorkspaceReplacement? found = null;
        var candidates = (onDisk ?? []).Where(i => i != currentIndex);
        if (inCurrent)
        {
            candidates = candidates.Append(currentIndex).Order();
        }

        foreach (var i in candidates)
        {
            var module = Modules[i];
            if ((i == currentIndex ? current : module.GoMod) is not { } goMod || ReplaceIn(goMod, path, version) is not { } replace)
            {
                continue;
            }

            var file = Path.Combine(module.Directory, "go.mod");
            if (found is not null && replace.Old.Version.Length > 0 && found.Statement.New != replace.New)
            {
                return found with { ConflictsWith = file };
            }

            found = new WorkspaceReplacement(replace, file, module.Directory);
        }

        return found;
    }

    /// <summary>
    /// go's refusal of two workspace modules replacing the same path@version (or path) by different targets, unless the
    /// go.work replaces that path: <c>conflicting replacements for …</c>, relative directories made absolute. Null when none.
    /// </summary>
    public string? ConflictingReplacements(GoModFile? current, string? currentDirectory)
    {
        var seen = new Dictionary<ModPathVersion, string>();
        foreach (var (module, goMod) in ModulesWith(current, currentDirectory))
        {
            var inThisModule = new HashSet<ModPathVersion>();
            foreach (var replace in goMod.Replace.Where(r => !_replacedByWork.Contains(r.Old.Path)))
            {
                var target = replace.New.Version.Length > 0 ? replace.New.Path + "@" + replace.New.Version
                    : Path.IsPathRooted(replace.New.Path) ? replace.New.Path
                    : _absoluteTargets.GetOrAdd((module.Directory, replace.New.Path), key => GoPaths.Resolve(key.Directory, key.Path) ?? key.Path);
                if (seen.TryGetValue(replace.Old, out var previous) && !inThisModule.Contains(replace.Old) && previous != target)
                {
                    var old = replace.Old.Version.Length > 0 ? replace.Old.Path + "@" + replace.Old.Version : replace.Old.Path;
                    return $"conflicting replacements for {old}:\n\t{previous}\n\t{target}\nuse \"go work edit -replace {old}=[override]\" to resolve";
                }

                inThisModule.Add(replace.Old);
                seen[replace.Old] = target;
            }
        }

        return null;
    }

    /// <summary>The workspace modules that have a go.mod, <paramref name="current"/> standing in for the one in <paramref name="currentDirectory"/>.</summary>
    public IEnumerable<(WorkspaceModule Module, GoModFile GoMod)> ModulesWith(GoModFile? current, string? currentDirectory)
    {
        var currentIndex = current is null ? -1 : IndexOf(currentDirectory);
        for (var i = 0; i < Modules.Count; i++)
        {
            if ((i == currentIndex ? current : Modules[i].GoMod) is { } goMod)
            {
                yield return (Modules[i], goMod);
            }
        }
    }

    /// <summary>go's Replacement within one file: an exact path@version line wins over a path-only one; among equals the last.</summary>
    public static ReplaceStmt? ReplaceIn(GoModFile file, string path, string version) =>
        file.Replace.LastOrDefault(r => r.Old.Path == path && r.Old.Version == version)
        ?? file.Replace.LastOrDefault(r => r.Old.Path == path && r.Old.Version.Length == 0);

    /// <summary>
    /// The workspace go uses in <paramref name="moduleDirectory"/>: GOWORK=off means none; an empty GOWORK or
    /// <c>auto</c> looks for go.work there and in each parent (not crossing into GOROOT); any other GOWORK must be an
    /// absolute path, and names a workspace only if the file exists. Never throws; unreadable files count as absent.
    /// </summary>
    /// <param name="readGoMod">Reads a workspace module's go.mod (a caller's cache); null reads and parses it through the environment's files.</param>
    public static GoWorkspace? Find(GoEnvironment environment, string moduleDirectory, Func<string, GoModFile?>? readGoMod = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var files = environment.Files;
        var setting = environment.Get("GOWORK").Value;
        string? path;
        switch (setting)
        {
            case "off":
                return null;
            case "" or "auto":
                path = Locate(files, moduleDirectory, environment.GoRoot);
                break;
            default:
                if (!Path.IsPathRooted(setting))
                {
                    return new GoWorkspace(setting, "", null, [], "invalid GOWORK: not an absolute path");
                }

                path = setting;
                break;
        }

        if (path is null || !files.FileExists(path) || files.ReadAllText(path) is not { } text)
        {
            return null;
        }

        return Load(path, text, files, moduleDirectory, environment.ToProxySettings().BuildMod, readGoMod);
    }

    /// <summary>
    /// The workspace of the go.work at <paramref name="path"/> with <paramref name="text"/> (the file, or an editor's
    /// unsaved text), its modules' go.mod files read through <paramref name="files"/>; go's messages name files as seen
    /// from <paramref name="workingDirectory"/>. <paramref name="buildMod"/> is GOFLAGS' -mod, which workspace mode restricts.
    /// </summary>
    public static GoWorkspace Load(string path, string text, IGoEnvFileSystem files, string workingDirectory, string? buildMod = null,
        Func<string, GoModFile?>? readGoMod = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        var parse = ModFileParser.ParseWork(GoPaths.ShortPath(path, workingDirectory), text ?? "");
        var directory = Path.GetDirectoryName(path) ?? path;
        var modules = parse.Model.Use
            .Where(u => u.Path.Length > 0)
            .Select(u => (Use: u, Directory: GoPaths.Resolve(directory, u.Path) ?? Path.Join(directory, u.Path))) // unresolvable: no go.mod
            .Select(m => new WorkspaceModule(m.Directory, ReadGoMod(Path.Combine(m.Directory, "go.mod")), m.Use))
            .ToList();
        GoModFile? ReadGoMod(string goModPath) => readGoMod is not null ? readGoMod(goModPath)
            : files.ReadAllText(goModPath) is { } goMod ? ModFileParser.Parse(goModPath, goMod).Model : null;

        var error = parse.IsAcceptedByGo ? null : $"errors parsing go.work:\n{parse.GoErrorText}"; // ReadWorkFile names the file only in the lines
        return new GoWorkspace(path, text ?? "", parse, modules, error) { BuildMod = buildMod };
    }

    /// <summary>
    /// Why go refuses this workspace once it has parsed the go.work, in go's order (modload.loadModFile, then the main
    /// module set): a use directory without go.mod, a module listed twice, a module's go line newer than the go.work's
    /// (from go 1.21 on), two modules replacing one version differently. Messages name paths as seen from
    /// <paramref name="workingDirectory"/>. <paramref name="current"/> stands in for the go.mod in
    /// <paramref name="currentDirectory"/> (the editor's text).
    /// </summary>
    public IReadOnlyList<WorkspaceRefusal> Refusals(GoModFile? current, string? currentDirectory, string workingDirectory)
    {
        var refusals = new List<WorkspaceRefusal>();
        if (Parse is null)
        {
            return refusals;
        }

        // setDefaultBuildMod: an explicit -mod other than readonly or vendor stops every command in workspace mode.
        if (BuildMod is { } mod && mod is not ("readonly" or "vendor"))
        {
            refusals.Add(new WorkspaceRefusal(
                $"-mod may only be set to readonly or vendor when in workspace mode, but it is set to {ModFile.Text.GoQuote.Quote(mod)}"
                + "\n\tRemove the -mod flag to use the default readonly value, \n\tor set GOWORK=off to disable workspace mode.",
                $"GOFLAGS sets -mod={mod}, which go refuses in workspace mode (drop it from GOFLAGS, or GOWORK=off)", null, null));
        }

        // loadWorkFile: the same directory used twice ("./app" and "./app/") stops go before any go.mod is read.
        var usedDirectories = new HashSet<string>(GoPaths.KeyComparer);
        foreach (var module in Modules)
        {
            var cleaned = Path.TrimEndingDirectorySeparator(module.Directory); // filepath.Join cleans "./app/" to ".../app"
            if (module.Use is { } use && !usedDirectories.Add(cleaned))
            {
                refusals.Add(new WorkspaceRefusal(
                    $"error loading go.work:\n{GoPaths.ShortPath(FilePath, workingDirectory)}:{use.Syntax.Span.Start.Line}: path {cleaned} appears multiple times in workspace",
                    $"{use.Path} is used twice", use.Syntax, module.Directory));
                return refusals;
            }
        }

        var currentIndex = current is null ? -1 : IndexOf(currentDirectory);
        GoModFile? GoModOf(int i) => i == currentIndex ? current : Modules[i].GoMod;

        var workGo = Parse.Model.Go?.Version;
        var paths = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Modules.Count; i++)
        {
            var module = Modules[i];
            string Shown() => GoPaths.ShortPath(module.Directory, workingDirectory); // for messages only: path work is the cost here
            if (GoModOf(i) is not { } goMod)
            {
                var why = module.Directory.Contains('\0', StringComparison.Ordinal) ? "invalid argument" : "no such file or directory";
                refusals.Add(new WorkspaceRefusal($"cannot load module {Shown()} listed in go.work file: open {Path.Join(Shown(), "go.mod")}: {why}",
                    $"the workspace module {module.Use?.Path ?? Shown()} has no go.mod", module.Use?.Syntax, module.Directory));
                continue;
            }

            var modulePath = goMod.Module?.Mod?.Path;
            if (modulePath is not null && !paths.Add(modulePath))
            {
                refusals.Add(new WorkspaceRefusal($"module {modulePath} appears multiple times in workspace",
                    $"{modulePath} is used twice ({module.Use?.Path ?? Shown()} is another copy)", module.Use?.Syntax, module.Directory));
            }

            var moduleGo = goMod.Go?.Version ?? "1.16";
            if (GoVersions.Compare(moduleGo, workGo ?? "1.18") > 0 && GoVersions.Compare(moduleGo, "1.21") >= 0)
            {
                refusals.Add(new WorkspaceRefusal(
                    $"module {Shown()} listed in go.work file requires go >= {moduleGo}, but go.work {(workGo is null ? "implicitly requires" : "lists")} go {workGo ?? "1.18"}; to update it:\n\tgo work use",
                    $"{modulePath ?? Shown()} needs go {moduleGo}, newer than the go.work's go {workGo ?? "1.18"} (go work use updates it)",
                    Parse.Model.Go?.Syntax ?? module.Use?.Syntax, module.Directory));
            }
        }

        // A go.work line replacing a workspace module at every version (the workspace copy is the module at no version).
        foreach (var replace in Parse.Model.Replace.Where(r => r.Old.Version.Length == 0 && paths.Contains(r.Old.Path)))
        {
            refusals.Add(new WorkspaceRefusal(
                $"workspace module {replace.Old.Path} is replaced at all versions in the go.work file. To fix, remove the replacement from the go.work file or specify the version at which to replace the module.",
                $"the go.work replaces the workspace module {replace.Old.Path} at all versions (name the version to replace)", replace.Syntax, null));
        }

        if (ConflictingReplacements(current, currentDirectory) is { } conflict)
        {
            refusals.Add(new WorkspaceRefusal(conflict, "two workspace modules replace the same module differently (a replace in the go.work settles it)", null, null));
        }

        return refusals;
    }

    // findWorkspaceFile: the nearest go.work file, stopping before GOROOT (its own go.work is not the user's).
    private static string? Locate(IGoEnvFileSystem files, string moduleDirectory, string? goRoot)
    {
        for (var dir = Path.GetFullPath(moduleDirectory); !string.IsNullOrEmpty(dir); dir = Path.GetDirectoryName(dir))
        {
            var candidate = Path.Combine(dir, "go.work");
            if (files.FileExists(candidate))
            {
                return candidate;
            }

            if (Path.GetDirectoryName(dir) is { } parent && goRoot is not null && GoPaths.SameDirectory(parent, goRoot))
            {
                return null;
            }
        }

        return null;
    }

}

/// <summary>One <c>use</c> directory of a workspace.</summary>
/// <param name="Directory">Absolute.</param>
/// <param name="GoMod">Its go.mod as on disk; null when missing or unreadable.</param>
/// <param name="Use">The go.work line that uses it.</param>
public sealed record WorkspaceModule(string Directory, GoModFile? GoMod, UseStmt? Use = null);

/// <summary>One reason go refuses a workspace (every go command in it fails).</summary>
/// <param name="GoMessage">What go prints, without <c>go: </c>.</param>
/// <param name="Message">GoModLens's own wording.</param>
/// <param name="WorkLine">The go.work line it is about, if one.</param>
/// <param name="ModuleDirectory">The workspace module it is about, if one.</param>
public sealed record WorkspaceRefusal(string GoMessage, string Message, ModFile.Syntax.ModLine? WorkLine, string? ModuleDirectory);

/// <summary>A replace directive in force for a requirement, and where it is written.</summary>
/// <param name="Statement">The replace line.</param>
/// <param name="File">The go.work, or the workspace module's go.mod, that holds it (absolute).</param>
/// <param name="BaseDirectory">What a relative replacement directory is relative to.</param>
public sealed record WorkspaceReplacement(ReplaceStmt Statement, string File, string BaseDirectory)
{
    /// <summary>Another workspace module's go.mod replaces the same version differently: go reports the conflict and uses this one.</summary>
    public string? ConflictsWith { get; init; }
}
