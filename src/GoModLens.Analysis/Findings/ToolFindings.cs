using GoModLens.ModFile.Semantics;
using GoModLens.ModFile.Text;

namespace GoModLens.Analysis.Findings;

/// <summary>
/// GML2018: a <c>tool</c> line (go 1.24) whose package no module of the go.mod provides. go resolves a tool package like
/// an import of the main module: by the longest module path among the main module and its requires that is a prefix of
/// it (graph pruning lists every such module in go.mod). With none, <c>go tool</c>, <c>go list tool</c> and
/// <c>go build tool</c> stop with <c>no required module provides package …</c>; so does a main-module tool whose
/// directory does not exist.
/// </summary>
public static class ToolFindings
{
    /// <param name="goModDirectory">The main module's directory, to find its own tool packages; null = not checked.</param>
    /// <param name="goAddsModules">GOFLAGS=-mod=mod: go looks the module up and adds the require itself (information then).</param>
    /// <param name="workspace">
    /// The go.work in force, if any. When go accepts it and it uses this module (workspace mode), every workspace module
    /// is a main module and every one's requires provide packages to all (checked with go list tool).
    /// </param>
    public static IEnumerable<Finding> From(GoModFile model, string fileName, string? goModDirectory, bool goAddsModules = false,
        Workspace.GoWorkspace? workspace = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.Tool.Count == 0)
        {
            yield break;
        }

        workspace = InWorkspaceMode(workspace, goModDirectory);

        foreach (var tool in model.Tool)
        {
            var package = tool.Path;
            if (package.Length == 0 || package.StartsWith('.') || Provider(model, package, goModDirectory, workspace) is not { } provider
                || provider.Provides)
            {
                continue;
            }

            var inMainModule = provider.MainModule;
            var range = tool.Syntax.Tokens.LastOrDefault()?.Span ?? tool.Syntax.Span;
            yield return goAddsModules && !inMainModule
                ? new Finding(FindingCodes.ToolNotProvided, FindingSeverity.Information, fileName, range,
                    $"no module of this go.mod provides the tool package {package}: with GOFLAGS=-mod=mod go looks its module up and adds the require on its next go tool run",
                    null, null, [], [new RunGoCommand($"Add its module: go get {package}", "go get " + package)])
                : new Finding(FindingCodes.ToolNotProvided, FindingSeverity.Warning, fileName, range,
                    $"no module {(workspace is null ? "of this go.mod" : "of the workspace")} provides the tool package {package}: go tool, go list tool and go build tool stop until "
                    + (inMainModule ? "its directory exists" : "a require of its module is added"),
                    $"no required module provides package {package}; to add it:\n\tgo get {package}", null, [],
                    inMainModule ? [] : [new RunGoCommand($"Add its module: go get {package}", "go get " + package)]);
        }
    }

    /// <summary>
    /// Which module provides a tool package as go resolves it: the longest matching path among the main modules (this
    /// one; in workspace mode every workspace module) and the requires of all. A main module provides it when the
    /// directory exists (unknown: assumed). Null when the go.mod has no module line.
    /// </summary>
    public static ToolProvider? Provider(GoModFile model, string package, string? goModDirectory, Workspace.GoWorkspace? workspace = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(package);
        if (model.Module?.Mod.Path is not { Length: > 0 } mainModule)
        {
            return null;
        }

        // This go.mod as the editor has it, then the other workspace modules as on disk.
        var others = InWorkspaceMode(workspace, goModDirectory)?.Modules.Where(m => m.GoMod?.Module?.Mod.Path is { Length: > 0 } path && path != mainModule).ToList() ?? [];
        List<(string Path, string? Directory)> mains = [(mainModule, goModDirectory), .. others.Select(m => (m.GoMod!.Module!.Mod.Path, (string?)m.Directory))];
        var require = model.Require.Concat(others.SelectMany(m => m.GoMod!.Require)).Where(r => Provides(r.Mod.Path, package)).MaxBy(r => r.Mod.Path.Length);
        var main = mains.Where(m => Provides(m.Path, package)).OrderByDescending(m => m.Path.Length).FirstOrDefault(); // (null, null) when none
        if (main.Path is not null && (require is null || require.Mod.Path.Length <= main.Path.Length))
        {
            var relative = package.Length == main.Path.Length ? "." : package[(main.Path.Length + 1)..];
            var exists = main.Directory is null || Workspace.GoPaths.Resolve(main.Directory, relative) is not { } directory || Directory.Exists(directory);
            return new ToolProvider(main.Path, null, relative, exists, MainModule: true);
        }

        return require is null ? new ToolProvider(null, null, null, false, MainModule: false)
            : new ToolProvider(require.Mod.Path, require.Mod.Version, null, true, MainModule: false) { Require = require };
    }

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
    private static bool Provides(string modulePath, string package) =>
        package == modulePath || (package.StartsWith(modulePath, StringComparison.Ordinal) && package[modulePath.Length] == '/');
}

/// <summary>What provides a tool package (<see cref="ToolFindings.Provider"/>).</summary>
/// <param name="ModulePath">The providing module, or null when none does.</param>
/// <param name="Version">The require's version (null for a main module).</param>
/// <param name="Directory">For a main module, the package's directory relative to the module's.</param>
/// <param name="Provides">go finds the package: a require matches, or the main module's directory exists.</param>
/// <param name="MainModule">A main module's path matches (in workspace mode, any workspace module's).</param>
public sealed record ToolProvider(string? ModulePath, string? Version, string? Directory, bool Provides, bool MainModule)
{
    /// <summary>The providing require (in this go.mod or, in workspace mode, another workspace module's).</summary>
    public RequireStmt? Require { get; init; }
}
