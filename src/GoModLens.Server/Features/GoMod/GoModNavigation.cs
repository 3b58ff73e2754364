using System.Collections.Immutable;
using GoModLens.Analysis.Environment;
using GoModLens.Analysis.Workspace;
using GoModLens.ModFile.GoSum;
using GoModLens.ModFile.Semantics;

namespace GoModLens.Server.Features.GoMod;

/// <summary>
/// Go to definition: the go.mod go reads for the module under the cursor. A require goes where go resolves it: a
/// workspace module, a local replacement directory (the go.work's replace first, then the go.mod's), else the module
/// version (after a version replacement) in the module cache, extracted or as go's download-cache <c>.mod</c>. A
/// replace line goes to its target, a go.work use line to that module, a go.sum line to that module version. A version
/// query (<c>v1.2</c>, <c>latest</c>) is the version go's fixer got for it; before that answer only a target that does
/// not depend on the version (a workspace module, a replacement of every version). Only files that exist: nothing is
/// fetched, so it answers at once offline.
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
            // A version query (v1.2, latest) goes where go's answer is; with no answer yet (or a failed one), only where
            // the version does not matter: the strict parser's v1.2.0 is a version go never uses.
            var answered = GoModVersionQueries.For(services, document, env);
            var model = answered.Model;
            if (answered.On(offset).FirstOrDefault(q => q.Canonical is null) is { } unresolved)
            {
                target = unresolved.Query.Verb == "require" ? AnyVersion(services, env, model, directory, unresolved.Query.ModulePath) : null;
            }
            else if (GoModLocator.Require(model, offset) is { } require)
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

    /// <summary>
    /// Find references: every place the module path under the cursor is named in the files that decide how go builds
    /// this module: its go.mod (require, replace, exclude) and go.sum, and in workspace mode the go.work and every
    /// workspace module's go.mod and go.sum. Open documents are read as the editor has them, others from disk.
    /// </summary>
    public static ImmutableArray<SourceLocation> References(GoModServices services, TextDocumentSnapshot document, int offset, AnalysisContext context)
    {
        if (ModuleAt(services, document, offset) is not { } module || GoModAnalyzer.GoModDirectory(document) is not { } directory)
        {
            return [];
        }

        var env = services.Environments.Get(context.Settings);
        // This module file and its sum file: tools.mod and tools.sum for a module file go reads with -modfile.
        var modFile = document is { Kind: DocumentKind.GoMod, FilePath: { } own } ? own
            : document is { Kind: DocumentKind.GoSum, FilePath: { } sum } ? Analysis.Workspace.GoPaths.ModFileForSum(sum)
            : Path.Combine(directory, "go.mod");
        var files = new List<string> { modFile, Analysis.Workspace.GoPaths.SumFileFor(modFile) };
        if (services.Workspaces.Get(env, directory) is { } workspace)
        {
            files.Add(workspace.FilePath);
            files.AddRange(workspace.Modules.SelectMany(m => new[] { Path.Combine(m.Directory, "go.mod"), Path.Combine(m.Directory, "go.sum") }));
        }

        var locations = ImmutableArray.CreateBuilder<SourceLocation>();
        foreach (var file in files.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal))
        {
            if (DocumentModels.OpenOrDiskText(context.Workspace, file) is not { } text)
            {
                continue;
            }

            var uri = new Uri(file).AbsoluteUri;
            var spans = file.EndsWith(".sum", StringComparison.Ordinal) ? InGoSum(file, text, module) : InModFile(file, text, module);
            locations.AddRange(spans.Select(span => new SourceLocation(uri, span)));
        }

        return locations.ToImmutable();
    }

    /// <summary>The module path a require, replace (its left side) or exclude line names, or a go.sum line's.</summary>
    private static string? ModuleAt(GoModServices services, TextDocumentSnapshot document, int offset)
    {
        if (document.Kind == DocumentKind.GoSum)
        {
            return services.Models.GoSum(document).Lines.FirstOrDefault(l => offset >= l.Span.Start && offset <= l.Span.End)?.ModulePath.Text;
        }

        var model = services.Models.GoMod(document).Model;
        return GoModLocator.Require(model, offset)?.Mod.Path ?? GoModLocator.Replace(model, offset)?.Old.Path ?? GoModLocator.Exclude(model, offset)?.Mod.Path;
    }

    private static IEnumerable<SourceSpan> InGoSum(string file, string text, string module) =>
        GoSumFile.Parse(file, text).Lines.Where(l => l.ModulePath.Text == module).Select(l => SourceSpan.FromBounds(l.ModulePath.Span.Start, l.ModulePath.Span.End));

    private static IEnumerable<SourceSpan> InModFile(string file, string text, string module)
    {
        var model = (Path.GetFileName(file) == "go.work" ? ModFileParser.ParseWork(file, text) : ModFileParser.Parse(file, text)).Model;
        var lines = model.Require.Where(r => r.Mod.Path == module).Select(r => r.Syntax)
            .Concat(model.Replace.Where(r => r.Old.Path == module).Select(r => r.Syntax))
            .Concat(model.Exclude.Where(x => x.Mod.Path == module).Select(x => x.Syntax));
        foreach (var line in lines)
        {
            if (GoModLocator.Arguments(line) is { Count: > 0 } arguments && GoModLocator.SpanOf(arguments[0]) is { } span)
            {
                yield return span;
            }
        }
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

    /// <summary>Where every version of a module comes from, whatever is required: a workspace module, or a replacement without a version on its left.</summary>
    private static string? AnyVersion(GoModServices services, GoEnvironment env, GoModFile model, string directory, string path)
    {
        if (services.Workspaces.Get(env, directory) is { } workspace)
        {
            return workspace.ModuleNamed(path) is { } module ? GoModIn(module.Directory)
                : workspace.Replacement(path, "", model, directory) is { Statement.Old.Version.Length: 0 } replacement
                    ? ReplacementTarget(env, replacement.Statement, replacement.BaseDirectory)
                    : null;
        }

        return GoWorkspace.ReplaceIn(model, path, "") is { Old.Version.Length: 0 } replace ? ReplacementTarget(env, replace, directory) : null;
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
