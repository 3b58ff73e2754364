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

            if (Provides(mainModule, package))
            {
                if (goModDirectory is null
                    || Workspace.GoPaths.Resolve(goModDirectory, package.Length == mainModule.Length ? "." : package[(mainModule.Length + 1)..]) is not { } directory
                    || Directory.Exists(directory))
                {
                    continue;
                }
            }
            else if (model.Require.Any(r => Provides(r.Mod.Path, package)))
            {
                continue;
            }

            var range = tool.Syntax.Tokens.LastOrDefault()?.Span ?? tool.Syntax.Span;
            var inMainModule = Provides(mainModule, package);
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

    // A module provides the packages at its path and below it (a whole path element).
    private static bool Provides(string modulePath, string package) =>
        package == modulePath || (package.StartsWith(modulePath, StringComparison.Ordinal) && package[modulePath.Length] == '/');
}
