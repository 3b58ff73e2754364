using GoModLens.Analysis.Environment;
using GoModLens.Analysis.Workspace;
using GoModLens.ModFile.Semantics;

namespace GoModLens.Analysis.Findings;

/// <summary>
/// What workspace mode (a go.work above the go.mod) changes for a go.mod, found locally: a workspace go refuses
/// (GML2012, <see cref="GoWorkspace.Refusals"/>), a module outside its use list (GML2011), and
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

        // go loads every workspace module before it asks whether this one is among them: a refusal comes first.
        var refused = false;
        foreach (var refusal in workspace.Refusals(model, goModDirectory, goModDirectory))
        {
            refused = true;
            var isThis = refusal.ModuleDirectory is { } dir && GoPaths.SameDirectory(dir, goModDirectory);
            var range = isThis && refusal.GoMessage.Contains("requires go >=", StringComparison.Ordinal)
                ? model.Go?.Syntax.Tokens.LastOrDefault()?.Span ?? moduleLine
                : moduleLine;
            yield return new Finding(FindingCodes.InvalidWorkspace, FindingSeverity.Error, fileName, range,
                $"go refuses the workspace of {work}, so every go command here fails: {refusal.Message}", refusal.GoMessage, null, [], []);
        }

        if (refused)
        {
            yield break;
        }

        if (!workspace.Uses(goModDirectory))
        {
            yield return new Finding(FindingCodes.NotInWorkspace, FindingSeverity.Warning, fileName, moduleLine,
                $"this module is not in the workspace of {work}: go build, go list and go mod download here work on the workspace's "
                + "modules, not on this go.mod (go work use . adds it; GOWORK=off leaves workspace mode)",
                "current directory is contained in a module that is not one of the workspace modules listed in go.work. "
                + "You can add the module to the workspace using:\n\tgo work use .", null, [], [new AddGoWorkUse(workspace.FilePath, work)]);
            yield break;
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
            if (GoPaths.Resolve(replacement.BaseDirectory, directory) is not { } full || File.Exists(Path.Combine(full, "go.mod")))
            {
                continue;
            }

            var goMod = Path.Combine(full, "go.mod");

            var where = GoPaths.ShortPath(replacement.File, goModDirectory);
            var range = require.Syntax.Tokens.LastOrDefault()?.Span ?? require.Syntax.Span;
            yield return new Finding(FindingCodes.ReplaceDirectoryWithoutGoMod, FindingSeverity.Error, fileName, range,
                $"{path} is replaced in {where} by {directory}, which " + (Directory.Exists(full) ? "has no go.mod" : "does not exist"),
                $"{path}@{version} (replaced by {directory}): reading {GoPaths.ShortPath(goMod, goModDirectory)}: open {goMod}: no such file or directory",
                path, [new RelatedInformation($"replace {replacement.Statement.Old.Path} => {directory} in {where}")], []);
        }
    }

    /// <summary>
    /// Findings for a go.work itself (open in the editor): go's parse errors, then why go would refuse the workspace,
    /// on the line concerned, and replacement directories without a go.mod (an error once a module needs them).
    /// </summary>
    /// <param name="environment">When given: the go that runs (for a godebug default=), and GML2013, if the workspace
    /// builds from a vendor/ that <c>go work vendor</c> no longer matches.</param>
    public static IReadOnlyList<Finding> ForGoWork(GoWorkspace workspace, string text, GoEnvironment? environment = null)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        var parse = workspace.Parse!;
        var fileName = parse.Syntax.Name;
        var local = environment?.LocalToolchain is { } toolchain ? Toolchain.GoVersions.FromToolchain(toolchain) : null;
        // GOFLAGS as go reads it in workspace mode (-modfile is refused there).
        var findings = FindingsBuilder.FromParse(parse, text, new FindingsContext
        {
            LocalGoVersion = local,
            GoFlags = environment?.GoFlagsValue,
            BuildTarget = environment?.BuildTarget,
            Os = environment?.Os ?? GoOs.Linux,
            Workspace = workspace,
        }).ToList();
        if (!parse.IsAcceptedByGo)
        {
            return findings; // go stops at the parse errors
        }

        var firstLine = parse.Syntax.Stmt.FirstOrDefault()?.Span ?? default;
        var refusals = workspace.Refusals(null, null, workspace.Directory).ToList();
        foreach (var refusal in refusals)
        {
            findings.Add(new Finding(FindingCodes.InvalidWorkspace, FindingSeverity.Error, fileName, refusal.WorkLine?.Span ?? firstLine,
                $"go refuses this workspace, so every go command in it fails: {refusal.Message}", refusal.GoMessage, null, [], []));
        }

        foreach (var replace in parse.Model.Replace.Where(r => r.New.Version.Length == 0))
        {
            if (GoPaths.Resolve(workspace.Directory, replace.New.Path) is { } full && !File.Exists(Path.Combine(full, "go.mod")))
            {
                findings.Add(new Finding(FindingCodes.ReplaceDirectoryWithoutGoMod, FindingSeverity.Warning, fileName,
                    replace.Syntax.Tokens.LastOrDefault()?.Span ?? replace.Syntax.Span,
                    $"replacement directory {replace.New.Path} " + (Directory.Exists(full) ? "has no go.mod" : "does not exist")
                    + $": go fails as soon as a workspace module needs {replace.Old.Path}", null, replace.Old.Path, [], []));
            }
        }

        // go checks vendoring from any one main module; all of them share the workspace's vendor/.
        if (environment is not null && refusals.Count == 0 && workspace.Modules.FirstOrDefault(m => m.GoMod is not null) is { GoMod: { } goMod } module
            && Vendoring.VendorState.For(environment, module.Directory, goMod, workspace) is { Mode.Workspace: not null } vendor)
        {
            findings.AddRange(VendorFindings.ForGoWork(vendor, goMod, module.Directory, fileName, parse.Model.Go?.Syntax.Span ?? firstLine));
        }

        return [.. findings.OrderBy(f => f.Range.Start.Utf16Offset)];
    }
}
