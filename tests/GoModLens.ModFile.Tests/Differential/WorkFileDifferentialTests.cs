using GoModLens.Host.Commands;
using GoModLens.ModFile.Formatting;
using GoModLens.ModFile.Semantics;
using GoModLens.TestUtilities;
using Xunit.Abstractions;

namespace GoModLens.ModFile.Tests.Differential;

/// <summary>
/// go.work parsing, `gomodlens work-json` and `gomodlens fmt` against the real go 1.26 `go work edit -json` /
/// `go work edit -fmt` on every go.work text of <see cref="WorkCorpus"/>: same exit code, byte-equal stdout (for
/// -fmt, the file go wrote), byte-equal stderr. Both the library (ParseWork, WorkJson, the printer) and the CLI
/// commands are checked. The commands get an absolute path in a scratch dir; the only normalisation is that the
/// short form of that temp path in their messages becomes "go.work", the name go was given.
/// </summary>
public sealed class WorkFileDifferentialTests(ITestOutputHelper output)
{
    private sealed record Outcome(int ExitCode, string Stdout, string Stderr);

    private static Outcome LibraryJson(string text)
    {
        var r = ModFileParser.ParseWork("go.work", WorkCorpus.Encoding.GetBytes(text));
        return r.IsAcceptedByGo ? new(0, WorkJson.Write(r), "") : new(1, "", r.FormatGoWorkEditFailure("go.work"));
    }

    private static Outcome LibraryFmt(string text)
    {
        var r = ModFileParser.ParseWork("go.work", WorkCorpus.Encoding.GetBytes(text));
        return r.IsAcceptedByGo ? new(0, ModFilePrinter.FormatLikeGoModEdit(r), "") : new(1, "", r.FormatGoWorkEditFailure("go.work"));
    }

    private static Outcome Cli(string text, Func<string, TextWriter, TextWriter, int> command)
    {
        var dir = GoOracle.NewScratchDir("ours");
        var path = Path.Combine(dir, "go.work");
        File.WriteAllBytes(path, WorkCorpus.Encoding.GetBytes(text));
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = command(path, stdout, stderr);
        Directory.Delete(dir, recursive: true);
        return new(exit, stdout.ToString(), stderr.ToString().Replace(GoModFileInput.ShortPath(path), "go.work", StringComparison.Ordinal));
    }

    private static Outcome CliJson(string text) => Cli(text, WorkJsonCommand.Run);

    private static Outcome CliFmt(string text) => Cli(text, (p, o, e) => FmtCommand.Run(p, write: false, o, e));

    /// <summary>Compares one of our outcomes with go's; returns a description of the first difference, or null.</summary>
    private static string? Compare(string who, Outcome go, Outcome ours)
    {
        if (go.ExitCode != ours.ExitCode)
        {
            return $"{who}: exit {ours.ExitCode}, go {go.ExitCode}\n--- go stderr\n{go.Stderr}--- our stderr\n{ours.Stderr}--- our stdout\n{ours.Stdout}";
        }

        if (go.Stderr != ours.Stderr)
        {
            return $"{who}: stderr differs\n--- go\n{go.Stderr}--- ours\n{ours.Stderr}";
        }

        return go.Stdout != ours.Stdout ? $"{who}: stdout differs\n--- go\n{go.Stdout}--- ours\n{ours.Stdout}" : null;
    }

    private (int Accepted, int Rejected) CheckJson(IReadOnlyList<WorkCorpus.Case> cases, string label)
    {
        GoWorkEditOracle.Prefetch(cases.Select(c => c.Text), "-json");
        var failures = new List<string>();
        int accepted = 0, rejected = 0;
        foreach (var c in cases)
        {
            var a = GoWorkEditOracle.Json(c.Text);
            var go = new Outcome(a.ExitCode, a.Stdout, a.Stderr);
            if (a.ExitCode == 0)
            {
                accepted++;
            }
            else
            {
                rejected++;
            }

            var problem = Compare("library", go, LibraryJson(c.Text)) ?? Compare("work-json", go, CliJson(c.Text));
            if (problem is not null)
            {
                failures.Add($"{c.Name}: {problem}");
            }
        }

        output.WriteLine($"{label} json: {cases.Count} texts, {accepted} accepted, {rejected} rejected by go, {cases.Count - failures.Count} agree, {failures.Count} differ");
        Assert.True(failures.Count == 0, string.Join("\n\n", failures.Take(10)));
        return (accepted, rejected);
    }

    private (int Accepted, int Rejected) CheckFmt(IReadOnlyList<WorkCorpus.Case> cases, string label)
    {
        GoWorkEditOracle.Prefetch(cases.Select(c => c.Text), "-fmt");
        var failures = new List<string>();
        int accepted = 0, rejected = 0;
        foreach (var c in cases)
        {
            var a = GoWorkEditOracle.Fmt(c.Text);

            // go work edit -fmt writes the file and prints nothing; gomodlens fmt prints what go wrote.
            var go = new Outcome(a.ExitCode, a.FormattedFile ?? "", a.Stderr);
            Assert.Equal("", a.Stdout);
            if (a.ExitCode == 0)
            {
                accepted++;
            }
            else
            {
                rejected++;
            }

            var problem = Compare("library", go, LibraryFmt(c.Text)) ?? Compare("fmt", go, CliFmt(c.Text));
            if (problem is not null)
            {
                failures.Add($"{c.Name}: {problem}");
            }
        }

        output.WriteLine($"{label} fmt: {cases.Count} texts, {accepted} accepted, {rejected} rejected by go, {cases.Count - failures.Count} agree, {failures.Count} differ");
        Assert.True(failures.Count == 0, string.Join("\n\n", failures.Take(10)));
        return (accepted, rejected);
    }

    [Fact]
    public void Own_corpus_is_large_and_mixes_accepted_and_rejected_texts()
    {
        var cases = WorkCorpus.Own;
        Assert.True(cases.Count >= 40, $"only {cases.Count} go.work texts");
        foreach (var c in cases)
        {
            var rejected = c.Name.StartsWith("gowork/err_", StringComparison.Ordinal);
            Assert.True(rejected != ModFileParser.ParseWork("go.work", c.Text).IsAcceptedByGo, $"{c.Name}: named err_ iff rejected");
        }
    }

    /// <summary>
    /// go.work texts damaged by one to six random edits (<see cref="FuzzMutator"/>), seeded: 200 per run, through the
    /// library and the CLI, against go work edit -json and -fmt. GOMODLENS_FUZZ_ITERATIONS runs more.
    /// </summary>
    [SkippableFact]
    public void Damaged_go_work_texts_parse_format_and_fail_as_go_work_edit_does()
    {
        GoOracle.Require();
        var count = int.TryParse(System.Environment.GetEnvironmentVariable("GOMODLENS_FUZZ_ITERATIONS"), out var n) && n > 0 ? n : 200;
        var seeds = WorkCorpus.Own.Select(c => c.Text).ToArray();
        var rng = new Random(27112026);
        var cases = Enumerable.Range(0, count)
            .Select(i => new WorkCorpus.Case($"mutant{i:D4}", WorkCorpus.Encoding.GetString(WorkCorpus.Encoding.GetBytes(FuzzMutator.Mutate(seeds[rng.Next(seeds.Length)], rng, 1 + rng.Next(6))))))
            .DistinctBy(c => c.Text)
            .ToList();
        var (accepted, rejected) = CheckJson(cases, "damaged");
        CheckFmt(cases, "damaged");
        Assert.True(accepted > 0 && rejected > 0, $"{accepted} accepted, {rejected} rejected");
    }

    [SkippableFact]
    public void Work_json_matches_go_work_edit_json_on_the_own_corpus()
    {
        GoOracle.Require();
        var (accepted, rejected) = CheckJson(WorkCorpus.Own, "gowork");
        Assert.True(accepted >= 20 && rejected >= 20, $"{accepted} accepted, {rejected} rejected");
    }

    [SkippableFact]
    public void Fmt_matches_go_work_edit_fmt_on_the_own_corpus()
    {
        GoOracle.Require();
        CheckFmt(WorkCorpus.Own, "gowork");
    }

    [SkippableFact]
    public void Go_mod_edge_corpus_read_as_go_work_matches_go_work_edit()
    {
        GoOracle.Require();
        CheckJson(WorkCorpus.EdgeAsWork, "edge");
        CheckFmt(WorkCorpus.EdgeAsWork, "edge");
    }

    [SkippableFact]
    public void Go_work_members_of_gos_own_test_scripts_match_go_work_edit()
    {
        GoOracle.Require();
        var cases = WorkCorpus.GoScriptSections;
        Skip.If(cases.Count == 0, "GOROOT/src/cmd/go/testdata/script not installed");
        var (accepted, _) = CheckJson(cases, "go scripts");
        CheckFmt(cases, "go scripts");
        Assert.True(accepted >= 20, $"only {accepted} accepted go.work members");
    }
}
