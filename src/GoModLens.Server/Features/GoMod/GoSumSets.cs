using GoModLens.Analysis.GoSum;
using GoModLens.Analysis.Workspace;
using GoModLens.ModFile.Semantics;

namespace GoModLens.Server.Features.GoMod;

/// <summary>
/// The sum files go checks a download against (<see cref="GoSumSet"/>) for an open go.mod, go.sum or go.work.sum: the
/// module's go.sum, or in workspace mode go.work.sum and every workspace module's go.sum. An open file's editor text
/// stands in for the disk's; the others are read as the workspace last read them.
/// </summary>
internal static class GoSumSets
{
    /// <summary>For a go.mod: null when it has no go.sum and is not in a workspace.</summary>
    public static GoSumSet? ForGoMod(GoModServices services, TextDocumentSnapshot goMod, AnalysisContext context, GoWorkspace? workspace, string? directory)
    {
        var sum = services.Models.GoSumFor(goMod, context.Workspace);
        return directory is not null && workspace?.Uses(directory) == true ? workspace.SumSet(sum, directory)
            : sum is null ? null : GoSumSet.Module(sum);
    }

    /// <summary>
    /// For an open go.sum or go.work.sum, with the go.mod files whose requires it verifies: the go.mod next to a go.sum,
    /// every workspace module's for a go.work.sum (each with its directory).
    /// </summary>
    public static (GoSumSet Sums, IReadOnlyList<(GoModFile GoMod, string? Directory)> GoMods) ForGoSum(GoModServices services, TextDocumentSnapshot goSum,
        AnalysisContext context)
    {
        var sum = services.Models.GoSum(goSum);
        var directory = goSum.FilePath is { } path ? Path.GetDirectoryName(path) : null;
        var workspace = services.Workspaces.Get(services.Environments.Get(context.Settings), directory);
        if (workspace is not null && goSum.FilePath is { } sumPath && GoPaths.KeyComparer.Equals(sumPath, workspace.FilePath + ".sum"))
        {
            return (workspace.SumSet(workSum: sum), [.. workspace.Modules.Where(m => m.GoMod is not null).Select(m => (m.GoMod!, (string?)m.Directory))]);
        }

        var goMod = services.Models.GoModFor(goSum, context.Workspace)?.Model;
        var sums = directory is not null && workspace?.Uses(directory) == true ? workspace.SumSet(sum, directory) : GoSumSet.Module(sum);
        return (sums, goMod is null ? [] : [(goMod, directory)]);
    }
}
