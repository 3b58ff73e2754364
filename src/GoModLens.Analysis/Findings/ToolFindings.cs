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
    public static IEnumerable<Finding> From(GoModFile model, string fileName, string? goModDirectory, bool goAddsModules = false)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.Tool.Count == 0 || model.Module?.Mod.Path is not { Length: > 0 } mainModule)
        {
            yield break;
        }

        foreach (var tool in model.Tool)
        {
            var package = tool.Path;
            if (package.Length == 0 || package.StartsWith('.'))
            {
                continue;
            }

            // The longest matching path wins: a required module nested below the main module's path provides its own.
            var require = ProvidedBy(model, package);
            var inMainModule = Provides(mainModule, package) && (require is null || require.Mod.Path.Length <= mainModule.Length);
            if (inMainModule)
            {
                if (goModDirectory is null
                    || Workspace.GoPaths.Resolve(goModDirectory, package.Length == mainModule.Length ? "." : package[(mainModule.Length + 1)..]) is not { } directory
                    || Directory.Exists(directory))
                {
                    continue;
                }
            }
            else if (require is not null)
            {
                continue;
            }

            var range = tool.Syntax.Tokens.LastOrDefault()?.Span ?? tool.Syntax.Span;
            yield return goAddsModules && !inMainModule
                ? new Finding(FindingCodes.ToolNotProvided, FindingSeverity.Information, fileName, range,
                    $"no module of this go.mod provides the tool package {package}: with GOFLAGS=-mod=mod go looks its module up and adds the require on its next go tool run",
                    null, null, [], [new RunGoCommand($"Add its module: go get {package}", "go get " + package)])
                : new Finding(FindingCodes.ToolNotProvided, FindingSeverity.Warning, fileName, range,
                    $"no module of this go.mod provides the tool package {package}: go tool, go list tool and go build tool stop until "
                    + (inMainModule ? "its directory exists" : "a require of its module is added"),
                    $"no required module provides package {package}; to add it:\n\tgo get {package}", null, [],
                    inMainModule ? [] : [new RunGoCommand($"Add its module: go get {package}", "go get " + package)]);
        }
    }

    /// <summary>The require whose module provides <paramref name="package"/> (the longest matching path), or null.</summary>
    public static RequireStmt? ProvidedBy(GoModFile model, string package)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.Require.Where(r => Provides(r.Mod.Path, package)).MaxBy(r => r.Mod.Path.Length);
    }

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
