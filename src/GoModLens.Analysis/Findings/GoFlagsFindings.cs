using GoModLens.Analysis.Environment;
using GoModLens.Analysis.Workspace;
using GoModLens.ModFile.Semantics;
using GoModLens.ModFile.Text;

namespace GoModLens.Analysis.Findings;

/// <summary>
/// What GOFLAGS does to the go commands run for a go.mod, found locally, on its module line:
/// GML2016 when go stops on it (a word it cannot read, a bad -mod/-modfile/-modcacherw value, -modfile in workspace
/// mode, a -modfile that does not exist), with go's message and the commands it stops; GML2017 when -modfile makes go
/// read another file instead of this one.
/// </summary>
public static class GoFlagsFindings
{
    /// <param name="setting">GOFLAGS with its provenance.</param>
    /// <param name="fileName">The go.mod as named in findings.</param>
    /// <param name="filePath">Its full path, to tell whether -modfile names this very file; null when unsaved.</param>
    /// <param name="workingDirectory">
    /// Where go runs, against which a relative -modfile is read: the CLI's current directory; in an editor the go.mod's
    /// directory (go commands for a module run there).
    /// </param>
    /// <param name="workspaceMode">A go.work is in force.</param>
    public static IEnumerable<Finding> From(EnvValue setting, GoOs os, GoModFile model, string fileName, string? filePath, string? workingDirectory,
        bool workspaceMode)
    {
        ArgumentNullException.ThrowIfNull(setting);
        ArgumentNullException.ThrowIfNull(model);
        if (setting.Value.Length == 0)
        {
            yield break;
        }

        var flags = GoFlags.Parse(setting.Value, os);
        var moduleLine = model.Module?.Syntax.Span ?? model.Go?.Syntax.Span ?? default; // a go.work has no module line
        var shown = $"GOFLAGS={GoQuote.Quote(setting.Value)} ({setting.Describe()})";
        var problems = flags.FirstProblems(workspaceMode);
        foreach (var problem in problems)
        {
            yield return Stops(problem, setting, moduleLine, fileName, shown);
        }

        if (problems.Count > 0 || flags.ModFile is not { } modFile || workspaceMode || workingDirectory is null
            || GoPaths.Resolve(workingDirectory, modFile) is not { } target)
        {
            yield break;
        }

        if (filePath is not null && GoPaths.Resolve(workingDirectory, filePath) is { } self && GoPaths.KeyComparer.Equals(target, self))
        {
            yield break; // go reads this file
        }

        if (!File.Exists(target))
        {
            // go opens the file as named.
            yield return Stops(new GoFlagsProblem($"open {modFile}: no such file or directory", GoFlagsScope.ModuleCommands, GoFlagsStage.ModuleInit, "modfile"),
                setting, moduleLine, fileName, shown);
            yield break;
        }

        yield return new Finding(FindingCodes.AlternateModFile, FindingSeverity.Warning, fileName, moduleLine,
            $"{shown} sets -modfile: go commands here read {target} and {GoPaths.SumFileFor(target)} instead of this go.mod and its go.sum",
            null, null, [], SetGoFlagsFixes(setting, "modfile", null));
    }

    private static Finding Stops(GoFlagsProblem problem, EnvValue setting, TextSpan range, string fileName, string shown) =>
        new(FindingCodes.InvalidGoFlags, FindingSeverity.Error, fileName, range,
            $"{shown} stops {problem.Commands} here", problem.GoMessage, null, [], SetGoFlagsFixes(setting, problem.Flag, problem.Word));

    /// <summary>
    /// go env -w GOFLAGS without the words at fault (every word of <paramref name="flag"/>, else <paramref name="word"/>),
    /// when GOFLAGS comes from the GOENV file (where go env -w writes).
    /// </summary>
    private static IReadOnlyList<SuggestedFix> SetGoFlagsFixes(EnvValue setting, string? flag, string? word) =>
        setting.Source == EnvSource.GoEnvFile && GoFlags.Without(setting.Value, flag, word) is { } rest
            ? [new SetGoFlags(flag is not null ? "-" + flag : word ?? "", rest)]
            : [];
}
