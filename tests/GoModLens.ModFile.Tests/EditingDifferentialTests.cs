using System.Collections.Concurrent;
using GoModLens.ModFile.Editing;
using GoModLens.ModFile.Semantics;
using GoModLens.ModFile.Tests.Differential;
using GoModLens.ModFile.Tests.Editing;
using GoModLens.TestUtilities;
using Xunit.Abstractions;

namespace GoModLens.ModFile.Tests;

/// <summary>
/// ModFileEditor against the real go 1.26 `go mod edit -print &lt;flags&gt;` on a spread of corpus files: the printed
/// file must be byte-equal, must re-parse without diagnostics, and TextEdits.Diff must reproduce it from the original.
/// </summary>
public sealed class EditingDifferentialTests(ITestOutputHelper output)
{
    private const int FileCount = 60;

    [SkippableFact]
    public void Editor_matches_go_mod_edit_on_corpus_files()
    {
        GoOracle.Require();
        var files = EditCases.AcceptedFiles(FileCount);
        var work = files.SelectMany(f =>
        {
            var text = File.ReadAllText(f);
            return EditCases.For(text).Select(flags => (File: f, Text: text, Flags: flags));
        }).ToList();

        var goResults = new ConcurrentDictionary<int, GoResult>();
        Parallel.ForEach(Enumerable.Range(0, files.Count), new ParallelOptions { MaxDegreeOfParallelism = 2 }, fi =>
        {
            var dir = GoOracle.NewScratchDir("edit");
            File.Copy(files[fi], Path.Combine(dir, "go.mod"));
            for (var i = 0; i < work.Count; i++)
            {
                if (work[i].File == files[fi])
                {
                    goResults[i] = GoOracle.Run(dir, null, ["mod", "edit", "-print", .. work[i].Flags, "go.mod"]);
                }
            }

            Directory.Delete(dir, recursive: true);
        });

        var failures = new List<string>();
        int equal = 0, goRejected = 0;
        for (var i = 0; i < work.Count; i++)
        {
            var (file, text, flags) = work[i];
            var go = goResults[i];
            var label = $"{DifferentialCorpus.Name(file)} {string.Join(' ', flags)}";
            string ours;
            try
            {
                ours = GoModEditFlags.Run(text, flags);
            }
            catch (ModEditException ex)
            {
                if (go.ExitCode == 0)
                {
                    failures.Add($"{label}: we refused ({ex.Message}), go accepted");
                }
                else if (!go.Stderr.Contains(ex.Message, StringComparison.Ordinal))
                {
                    failures.Add($"{label}: message differs\n  go: {go.Stderr}\n  ours: {ex.Message}");
                }
                else
                {
                    goRejected++;
                }

                continue;
            }

            if (go.ExitCode != 0)
            {
                failures.Add($"{label}: go failed ({go.Stderr.Trim()}), we accepted");
                continue;
            }

            if (go.Stdout != ours)
            {
                failures.Add($"{label}: output differs\n--- go\n{go.Stdout}--- ours\n{ours}");
                continue;
            }

            equal++;
            var reparsed = ModFileParser.Parse("go.mod", ours);
            if (!reparsed.Diagnostics.IsEmpty)
            {
                failures.Add($"{label}: result does not re-parse cleanly: {reparsed.Diagnostics[0]}");
            }

            if (TextEdits.Apply(text, TextEdits.Diff(text, ours)) != ours)
            {
                failures.Add($"{label}: TextEdits.Diff does not reproduce the result");
            }
        }

        output.WriteLine($"go mod edit: {files.Count} files, {work.Count} edit runs, {equal} byte-equal, {goRejected} rejected by both, {failures.Count} failures");
        Assert.True(failures.Count == 0, string.Join("\n\n", failures.Take(10)));
        Assert.True(equal > files.Count * 10, $"only {equal} comparisons");
    }
}
