using System.Collections.Immutable;
using GoModLens.Analysis.Environment;
using GoModLens.Analysis.Workspace;
using GoModLens.ModFile.Semantics;

namespace GoModLens.Server.Features.GoMod;

/// <summary>
/// Go to definition: the go.mod go reads for the module under the cursor. A require goes where go resolves it: a
/// workspace module, a local replacement directory (the go.work's replace first, then the go.mod's), else the module
/// version (after a version replacement) in the module cache, extracted or as go's download-cache <c>.mod</c>. A
/// replace line goes to its target, a go.work use line to that module, a go.sum line to that module version. Only
/// files that exist: nothing is fetched, so it answers at once offline.
/// </summary>
internal static class GoModNavigation
{
    public static ImmutableArray<string> Definition(GoModServices services, TextDocumentSnapshot document, int offset, AnalysisContext context)
    {
        var env = services.Environments.Get(context.Settings);
        var directory = GoModAnalyzer.GoModDirectory(document);
        string? target = null;
        if (document.Kind == DocumentKind.GoSum)
        {
            var sum = services.Models.GoSum(document);
            if (sum.Lines.FirstOrDefault(l => offset >= l.Span.Start && offset <= l.Span.End) is { } line)
            {
                target = InModuleCache(env, line.ModulePath.Text, line.ModuleVersion);
            }
        }
        else if (directory is not null)
        {
            var model = services.Models.GoMod(document).Model;
            if (GoModLocator.Require(model, offset) is { } require)
            {
                target = ForRequire(services, env, model, directory, require.Mod.Path, require.Mod.Version);
            }
            else if (GoModLocator.Replace(model, offset) is { } replace)
            {
                target = ReplacementTarget(env, replace, directory);
            }
            else if (GoModLocator.Use(model, offset) is { } use)
            {
                target = GoModIn(GoPaths.Resolve(directory, use.Path));
            }
        }

        return target is null ? [] : [new Uri(target).AbsoluteUri];
    }

    private static string? ForRequire(GoModServices services, GoEnvironment env, GoModFile model, string directory, string path, string version)
    {
        if (services.Workspaces.Get(env, directory) is { } workspace)
        {
            if (workspace.ModuleNamed(path) is { } module)
            {
                return GoModIn(module.Directory); // a workspace module is used whatever version is required
            }

            return workspace.Replacement(path, version, model, directory) is { } replacement
                ? ReplacementTarget(env, replacement.Statement, replacement.BaseDirectory)
                : InModuleCache(env, path, version);
        }

        return GoWorkspace.ReplaceIn(model, path, version) is { } replace
            ? ReplacementTarget(env, replace, directory)
            : InModuleCache(env, path, version);
    }

    private static string? ReplacementTarget(GoEnvironment env, ReplaceStmt replace, string baseDirectory) =>
        replace.New.Version.Length == 0
            ? GoModIn(GoPaths.Resolve(baseDirectory, replace.New.Path))
            : InModuleCache(env, replace.New.Path, replace.New.Version);

    private static string? GoModIn(string? directory) =>
        directory is not null && Path.Combine(directory, "go.mod") is var goMod && File.Exists(goMod) ? goMod : null;

    /// <summary>The module's own go.mod where go extracted it, else the .mod go downloaded (also what go synthesizes for a module without one).</summary>
    private static string? InModuleCache(GoEnvironment env, string path, string version) =>
        GoModIn(ModuleCacheFiles.ExtractedDirectory(env, path, version))
        ?? (ModuleCacheFiles.FilePath(env, path, version, ".mod") is { } mod && File.Exists(mod) ? mod : null);
}
