using GoModLens.Analysis.Environment;
using GoModLens.Analysis.Workspace;
using GoModLens.ModFile.Semantics;
using GoModLens.ModFile.Text;

namespace GoModLens.Analysis.Findings;

/// <summary>
/// What GOFLAGS does to the go commands run for a go.mod, found locally, on its module line:
/// GML2016 when go stops on it (a word it cannot read, a bad -mod/-modfile/-modcacherw value, -modfile in workspace
/// mode, a -modfile that does not exist, a build flag the target refuses), with go's message and the commands it stops;
/// GML2016 too when CC, CXX or FC stops go's builds and go list (checked with the build flags, so whatever GOFLAGS is);
/// GML2017 when -modfile makes go read another file instead of this one.
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
    /// <param name="localGoVersion">The version of the go that runs, when known (go mod tidy's -go and -compat are checked against it).</param>
    public static IEnumerable<Finding> From(EnvValue setting, GoOs os, GoModFile model, string fileName, string? filePath, string? workingDirectory,
        bool workspaceMode, string? localGoVersion = null, BuildTarget? buildTarget = null)
    {
        ArgumentNullException.ThrowIfNull(setting);
        ArgumentNullException.ThrowIfNull(model);
        var flags = GoFlags.Parse(setting.Value, os, localGoVersion, buildTarget);
        var moduleLine = model.Module?.Syntax.Span ?? model.Go?.Syntax.Span ?? default; // a go.work has no module line
        var shown = $"GOFLAGS={GoQuote.Quote(setting.Value)} ({setting.Describe()})";
        var problems = flags.FirstProblems(workspaceMode);
        var target = flags.ModFile is { } named && workingDirectory is not null ? GoPaths.Resolve(workingDirectory, named) : null;
        var self = target is not null && filePath is not null && workingDirectory is not null && GoPaths.Resolve(workingDirectory, filePath) is { } me
            && GoPaths.KeyComparer.Equals(target, me);
        if (OverlayProblem(flags, os, workingDirectory, workspaceMode) is { } overlay)
        {
            // Every command that gets past its flags stops on it, before -modfile is looked at.
            problems = [.. Enum.GetValues<GoCommandKind>().Select(c => overlay.StopsCommand(c) ? overlay : flags.FirstProblem(c, workspaceMode))
                .OfType<GoFlagsProblem>().Distinct()];
        }
        else if (target is not null && !self && !File.Exists(target))
        {
            // go opens -modfile once a command's flag checks pass (-mod's value included). In workspace mode only go get
            // (which opens it before refusing it) and go mod tidy (which ignores the workspace) get that far.
            var reaching = Enum.GetValues<GoCommandKind>().Where(c => flags.FirstProblem(c, workspaceMode) is not { } first
                ? !workspaceMode || c == GoCommandKind.ModTidy
                : workspaceMode && c == GoCommandKind.Get && first is { Stops: GoFlagsScope.WorkspaceMode, Stage: GoFlagsStage.ModuleInit }).ToList();
            if (reaching.Count > 0)
            {
                var open = new GoFlagsProblem($"open {flags.ModFile}: no such file or directory", GoFlagsProblem.ScopeOf(reaching), GoFlagsStage.ModuleInit, "modfile");
                problems = [.. Enum.GetValues<GoCommandKind>().Select(c => reaching.Contains(c) ? open : flags.FirstProblem(c, workspaceMode))
                    .OfType<GoFlagsProblem>().Distinct()];
            }
        }

        foreach (var problem in problems.Where(p => !p.ReportedByWorkspace))
        {
            yield return Stops(problem, setting, moduleLine, fileName, shown);
        }

        if (problems.Count > 0 || workspaceMode || target is null || self || !File.Exists(target))
        {
            yield break;
        }

        yield return new Finding(FindingCodes.AlternateModFile, FindingSeverity.Warning, fileName, moduleLine,
            $"{shown} sets -modfile: go commands here read {target} and {GoPaths.SumFileFor(target)} instead of this go.mod and its go.sum",
            null, null, [], SetGoFlagsFixes(setting, "modfile", null));
    }

    /// <summary>
    /// fsys.Init reads the -overlay file first thing in every module command (InitWorkfile, modload.Init): a file that
    /// is not there, or whose JSON or replacements go refuses, stops each command that gets past its flags (relative
    /// names, of the file and in it, are read against the working directory).
    /// </summary>
    private static GoFlagsProblem? OverlayProblem(GoFlags flags, GoOs os, string? workingDirectory, bool workspaceMode)
    {
        if (flags.Overlay is not { } overlay || workingDirectory is null || GoPaths.Resolve(workingDirectory, overlay) is not { } path)
        {
            return null;
        }

        var error = Directory.Exists(path) ? $"reading overlay: read {overlay}: is a directory"
            : !File.Exists(path) ? $"reading overlay: open {overlay}: no such file or directory"
            : ContentProblem(path, workingDirectory, os);
        var reaching = Enum.GetValues<GoCommandKind>().Where(c => flags.FirstProblem(c, workspaceMode) is not { Stage: < GoFlagsStage.ModuleInit }).ToList();
        return error is null || reaching.Count == 0 ? null
            : new GoFlagsProblem(error, GoFlagsProblem.ScopeOf(reaching), GoFlagsStage.ModuleInit, "overlay");
    }

    // The editor analyses on every keystroke: an overlay file is read and parsed again only when it changed.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Path, string WorkingDirectory, GoOs Os), (DateTime Written, long Length, string? Problem)> s_overlays = new();

    /// <summary>What go says of the overlay file's content, or null (also when it cannot be read now, or is too large to check).</summary>
    private static string? ContentProblem(string path, string workingDirectory, GoOs os)
    {
        try
        {
            var file = new FileInfo(path);
            var key = (path, workingDirectory, os);
            if (s_overlays.TryGetValue(key, out var known) && known.Written == file.LastWriteTimeUtc && known.Length == file.Length)
            {
                return known.Problem;
            }

            var problem = file.Length <= GoOverlay.MaxCheckedBytes ? GoOverlay.Problem(File.ReadAllBytes(path), workingDirectory, os) : null;
            if (s_overlays.Count > 64)
            {
                s_overlays.Clear();
            }

            s_overlays[key] = (file.LastWriteTimeUtc, file.Length, problem);
            return problem;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // unreadable now: nothing said
        }
    }

    private static Finding Stops(GoFlagsProblem problem, EnvValue setting, TextSpan range, string fileName, string shown) =>
        new(FindingCodes.InvalidGoFlags, FindingSeverity.Error, fileName, range,
            $"{(problem.Setting is { } other ? $"{other.Name}={GoQuote.Quote(other.Value)} ({other.Describe()})" : shown)} stops {problem.Commands} here",
            problem.GoMessage, null, [], problem.Setting is null ? SetGoFlagsFixes(setting, problem.Flag, problem.Word) : []);

    /// <summary>
    /// go env -w GOFLAGS without the words at fault (every word of <paramref name="flag"/>, else <paramref name="word"/>),
    /// when GOFLAGS comes from the GOENV file (where go env -w writes).
    /// </summary>
    private static IReadOnlyList<SuggestedFix> SetGoFlagsFixes(EnvValue setting, string? flag, string? word) =>
        setting.Source == EnvSource.GoEnvFile && GoFlags.Without(setting.Value, flag, word) is { } rest
            ? [new SetGoFlags(flag is not null ? "-" + flag : word ?? "", rest)]
            : [];
}
