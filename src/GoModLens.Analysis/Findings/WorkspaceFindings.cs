using GoModLens.Analysis.Toolchain;
using GoModLens.Analysis.Workspace;
using GoModLens.ModFile.Semantics;

namespace GoModLens.Analysis.Findings;

/// <summary>
/// What workspace mode (a go.work above the go.mod) changes for a go.mod, found locally: a workspace go rejects
/// (GML2012: the go.work, a module's go line, conflicting replacements), a module outside its use list (GML2011), and
/// replacements written elsewhere — in the go.work or another workspace module's go.mod — whose directory has no
/// go.mod (GML2005).
/// </summary>
public static class WorkspaceFindings
{
    public static IEnumerable<Finding> From(GoWorkspace workspace, GoModFile model, string fileName, string goModDirectory)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(model);
        var moduleLine = model.Module?.Syntax.Span ?? default;
        var work = workspace.ShortPath(goModDirectory);
        if (workspace.Parse is null)
        {
            yield return new Finding(FindingCodes.InvalidWorkspace, FindingSeverity.Error, fileName, moduleLine,
                $"GOWORK={workspace.FilePath} is not an absolute path, so every go command here fails", workspace.GoError, null, [], []);
            yield break;
        }

        if (workspace.GoError is { } error)
        {
            yield return new Finding(FindingCodes.InvalidWorkspace, FindingSeverity.Error, fileName, moduleLine,
                $"go rejects {work} (workspace mode), so every go command here fails", error, null, [], []);
            yield break;
        }

        if (!workspace.Uses(goModDirectory))
        {
            yield return new Finding(FindingCodes.NotInWorkspace, FindingSeverity.Warning, fileName, moduleLine,
                $"this module is not in the workspace of {work}: go build, go list and go mod download here work on the workspace's "
                + "modules, not on this go.mod (go work use . adds it; GOWORK=off leaves workspace mode)",
                "current directory is contained in a module that is not one of the workspace modules listed in go.work. "
                + "You can add the module to the workspace using:\n\tgo work use .", null, [], []);
            yield break;
        }

        // loadModFile: a workspace module whose go line is newer than the go.work's (from go 1.21 on) stops every command.
        var workGo = workspace.Parse.Model.Go?.Version;
        foreach (var module in workspace.Modules)
        {
            var isThis = GoPaths.SameDirectory(module.Directory, goModDirectory);
            var goMod = isThis ? model : module.GoMod;
            var moduleGo = goMod?.Go?.Version ?? "1.16";
            if (goMod is not null && GoVersions.Compare(moduleGo, workGo ?? "1.18") > 0 && GoVersions.Compare(moduleGo, "1.21") >= 0)
            {
                var verb = workGo is null ? "implicitly requires" : "lists";
                var shown = GoPaths.ShortPath(module.Directory, goModDirectory);
                yield return new Finding(FindingCodes.InvalidWorkspace, FindingSeverity.Error, fileName,
                    isThis ? model.Go?.Syntax.Tokens.LastOrDefault()?.Span ?? moduleLine : moduleLine,
                    $"{(isThis ? "this module's" : shown + "'s")} go {moduleGo} is newer than the go {workGo ?? "1.18"} of {work}, so go refuses the workspace (go work use updates it)",
                    $"module {shown} listed in go.work file requires go >= {moduleGo}, but go.work {verb} go {workGo ?? "1.18"}; to update it:\n\tgo work use",
                    null, [], []);
            }
        }

        if (workspace.ConflictingReplacements(model, goModDirectory) is { } conflict)
        {
            yield return new Finding(FindingCodes.InvalidWorkspace, FindingSeverity.Error, fileName, moduleLine,
                $"two modules of {work} replace the same module differently, so go refuses the workspace (a replace in the go.work settles it)",
                conflict, null, [], []);
            yield break; // go stops here
        }

        foreach (var require in model.Require)
        {
            var (path, version) = (require.Mod.Path, require.Mod.Version);
            var found = workspace.Replacement(path, version, model, goModDirectory);
            if (found?.ConflictsWith is { } other)
            {
                yield return new Finding(FindingCodes.InvalidWorkspace, FindingSeverity.Error, fileName, require.Syntax.Span,
                    $"{GoPaths.ShortPath(found.File, goModDirectory)} and {GoPaths.ShortPath(other, goModDirectory)} replace {path}@{version} differently; go reports the conflict and uses the first",
                    $"conflicting replacements found for {path}@{version} in workspace modules defined by {found.File} and {other}", path, [], []);
            }

            if (found is not { Statement.New.Version.Length: 0 } replacement || model.Replace.Any(r => ReferenceEquals(r, replacement.Statement)))
            {
                continue; // not replaced, replaced by a module, or by this go.mod's own line (FindingsBuilder checks those)
            }

            var directory = replacement.Statement.New.Path;
            var full = Path.GetFullPath(Path.Combine(replacement.BaseDirectory, directory));
            var goMod = Path.Combine(full, "go.mod");
            if (File.Exists(goMod))
            {
                continue;
            }

            var where = GoPaths.ShortPath(replacement.File, goModDirectory);
            var range = require.Syntax.Tokens.LastOrDefault()?.Span ?? require.Syntax.Span;
            yield return new Finding(FindingCodes.ReplaceDirectoryWithoutGoMod, FindingSeverity.Error, fileName, range,
                $"{path} is replaced in {where} by {directory}, which " + (Directory.Exists(full) ? "has no go.mod" : "does not exist"),
                $"{path}@{version} (replaced by {directory}): reading {GoPaths.ShortPath(goMod, goModDirectory)}: open {goMod}: no such file or directory",
                path, [new RelatedInformation($"replace {replacement.Statement.Old.Path} => {directory} in {where}")], []);
        }
    }
}
