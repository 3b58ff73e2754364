using GoModLens.ModFile.GoSum;

namespace GoModLens.Analysis.GoSum;

/// <summary>
/// The go.sum files go checks a downloaded hash against (modfetch.haveModSumLocked). Outside a workspace that is the
/// module's go.sum. In workspace mode it is go.work.sum first, where a matching line settles it, then every workspace
/// module's go.sum, where any other h1 hash for the version stops go even when another file has the right one.
/// </summary>
public sealed class GoSumSet
{
    private GoSumSet(GoSumFile main, string mainLabel, IReadOnlyList<LabeledGoSum> workspace)
    {
        Main = main;
        MainLabel = mainLabel;
        Workspace = workspace;
    }

    /// <summary>The file go writes (go.sum, or go.work.sum in workspace mode); its first line for a version decides.</summary>
    public GoSumFile Main { get; }

    /// <summary>How go names <see cref="Main"/> in a mismatch (modfetch's sumFileName): <c>go.sum</c> or <c>go.work.sum</c>.</summary>
    public string MainLabel { get; }

    /// <summary>The workspace modules' go.sum files in use order, each with the absolute path go names it by.</summary>
    public IReadOnlyList<LabeledGoSum> Workspace { get; }

    /// <summary>Every file of the set, <see cref="Main"/> first.</summary>
    public IEnumerable<GoSumFile> Files => Workspace.Select(w => w.File).Prepend(Main);

    /// <summary>Module mode: the module's go.sum alone.</summary>
    public static GoSumSet Module(GoSumFile sum)
    {
        ArgumentNullException.ThrowIfNull(sum);
        return new GoSumSet(sum, "go.sum", []);
    }

    /// <summary>
    /// Workspace mode: the go.work's sum file at <paramref name="workSumPath"/>, then each workspace module's go.sum
    /// (label: its absolute path, as go prints it). go calls the first <c>go.work.sum</c> in messages only when it has
    /// that name (GOWORK may name another file), else <c>go.sum</c>.
    /// </summary>
    public static GoSumSet ForWorkspace(GoSumFile workSum, string workSumPath, IReadOnlyList<LabeledGoSum> moduleSums)
    {
        ArgumentNullException.ThrowIfNull(workSum);
        ArgumentNullException.ThrowIfNull(workSumPath);
        ArgumentNullException.ThrowIfNull(moduleSums);
        return new GoSumSet(workSum, workSumPath.EndsWith("go.work.sum", StringComparison.Ordinal) ? "go.work.sum" : "go.sum", moduleSums);
    }
}

/// <summary>A workspace module's go.sum and the name go gives it in a checksum mismatch.</summary>
public sealed record LabeledGoSum(GoSumFile File, string Label);
