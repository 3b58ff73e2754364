using GoModLens.Analysis.GoSum;
using GoModLens.Analysis.Workspace;
using GoModLens.ModFile.GoSum;
using GoModLens.ModFile.Semantics;

namespace GoModLens.Server.Features.GoMod;

/// <summary>
/// The sum files go checks a download against (<see cref="GoSumSet"/>) for an open go.mod, go.sum or go.work.sum: the
/// module's go.sum, or in workspace mode go.work.sum and every workspace module's go.sum. Open files count with the
/// editor's text, the others as on disk now (a parse kept per file version), so a go.sum another module's
/// <c>go mod download</c> just wrote is seen at once.
/// </summary>
internal static class GoSumSets
{
    /// <summary>For a go.mod: null when it is not saved and not in a workspace.</summary>
    public static GoSumSet? ForGoMod(GoModServices services, TextDocumentSnapshot goMod, AnalysisContext context, GoWorkspace? workspace, string? directory) =>
        directory is not null && workspace?.Uses(directory) == true ? workspace.SumSet(p => services.Models.GoSumAt(p, context.Workspace))
            : services.Models.GoSumFor(goMod, context.Workspace) is { } sum ? GoSumSet.Module(sum) : null;

    /// <summary>
    /// For an open go.sum or go.work.sum, with the go.mod files whose requires it verifies: the go.mod next to a go.sum,
    /// every workspace module's for a go.work.sum (each with its directory). <see cref="GoSumSet"/> holds the document's
    /// own parse, so a finding's file can be told by reference.
    /// </summary>
    public static (GoSumSet Sums, IReadOnlyList<(GoModFile GoMod, string? Directory)> GoMods) ForGoSum(GoModServices services, TextDocumentSnapshot goSum,
        AnalysisContext context)
    {
        var sum = services.Models.GoSum(goSum);
        var path = goSum.FilePath;
        GoSumFile Read(string p) => path is not null && GoPaths.KeyComparer.Equals(p, path) ? sum : services.Models.GoSumAt(p, context.Workspace);
        var directory = path is null ? null : Path.GetDirectoryName(path);
        var workspace = services.Workspaces.Get(services.Environments.Get(context.Settings), directory);
        if (workspace is not null && path is not null && GoPaths.KeyComparer.Equals(path, workspace.FilePath + ".sum"))
        {
            return (workspace.SumSet(Read), [.. workspace.Modules.Where(m => m.GoMod is not null).Select(m => (m.GoMod!, (string?)m.Directory))]);
        }

        var goMod = services.Models.GoModFor(goSum, context.Workspace)?.Model;
        var sums = directory is not null && workspace?.Uses(directory) == true ? workspace.SumSet(Read) : GoSumSet.Module(sum);
        return (sums, goMod is null ? [] : [(goMod, directory)]);
    }
}
