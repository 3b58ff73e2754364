using System.Text.Json.Nodes;
using GoModLens.ModFile.Formatting;
using GoModLens.ModFile.Semantics;
using GoModLens.TestUtilities;
using Xunit.Abstractions;

namespace GoModLens.ModFile.Tests.Differential;

/// <summary>
/// Our parser, binder, JSON writer and printer against the real go 1.26 `go mod edit` on every corpus file:
/// same exit code, same stderr, equal JSON, byte-equal formatted output.
/// </summary>
public sealed class ModEditDifferentialTests(ITestOutputHelper output)
{
    private static (int ExitCode, string Stdout, string Stderr) OursJson(string file)
    {
        var result = ModFileParser.Parse("go.mod", File.ReadAllBytes(file), ParseMode.Strict);
        return result.IsAcceptedByGo ? (0, ModJson.Write(result), "") : (1, "", result.FormatGoModEditFailure("go.mod"));
    }

    private static (int ExitCode, string? Formatted, string Stderr) OursFmt(string file)
    {
        var result = ModFileParser.Parse("go.mod", File.ReadAllBytes(file), ParseMode.Strict);
        return result.IsAcceptedByGo ? (0, ModFilePrinter.FormatLikeGoModEdit(result), "") : (1, null, result.FormatGoModEditFailure("go.mod"));
    }

    [SkippableFact]
    public void ModJson_matches_go_mod_edit_json_on_the_whole_corpus()
    {
        GoOracle.Require();
        var files = DifferentialCorpus.Files;
        GoModEditOracle.Prefetch(files, "-json");
        var failures = new List<string>();
        int accepted = 0, rejected = 0, byteEqual = 0;
        foreach (var file in files)
        {
            var go = GoModEditOracle.Json(file);
            var ours = OursJson(file);
            var name = DifferentialCorpus.Name(file);
            if (go.ExitCode != ours.ExitCode)
            {
                failures.Add($"{name}: exit {ours.ExitCode}, go {go.ExitCode}\n  go stderr: {go.Stderr}\n  our stderr: {ours.Stderr}");
                continue;
            }

            if (go.ExitCode != 0)
            {
                rejected++;
                if (go.Stderr != ours.Stderr)
                {
                    failures.Add($"{name}: stderr differs\n--- go\n{go.Stderr}--- ours\n{ours.Stderr}");
                }

                continue;
            }

            accepted++;
            if (!JsonNode.DeepEquals(JsonNode.Parse(go.Stdout), JsonNode.Parse(ours.Stdout)))
            {
                failures.Add($"{name}: JSON differs\n--- go\n{go.Stdout}--- ours\n{ours.Stdout}");
            }
            else if (go.Stdout == ours.Stdout)
            {
                byteEqual++;
            }
        }

        output.WriteLine($"mod-json: {files.Count} files, {accepted} accepted, {rejected} rejected, {byteEqual} byte-equal JSON, {failures.Count} mismatches");
        Assert.True(failures.Count == 0, string.Join("\n\n", failures.Take(15)));
        Assert.Equal(accepted, byteEqual);
    }

    [SkippableFact]
    public void Fmt_matches_go_mod_edit_fmt_on_the_whole_corpus()
    {
        GoOracle.Require();
        var files = DifferentialCorpus.Files;
        GoModEditOracle.Prefetch(files, "-fmt");
        var failures = new List<string>();
        int formatted = 0, rejected = 0;
        foreach (var file in files)
        {
            var go = GoModEditOracle.Fmt(file);
            var ours = OursFmt(file);
            var name = DifferentialCorpus.Name(file);
            if (go.ExitCode != ours.ExitCode)
            {
                failures.Add($"{name}: exit {ours.ExitCode}, go {go.ExitCode}\n  go stderr: {go.Stderr}\n  our stderr: {ours.Stderr}");
                continue;
            }

            if (go.ExitCode != 0)
            {
                rejected++;
                if (go.Stderr != ours.Stderr)
                {
                    failures.Add($"{name}: stderr differs\n--- go\n{go.Stderr}--- ours\n{ours.Stderr}");
                }

                continue;
            }

            formatted++;
            if (go.FormattedFile != ours.Formatted)
            {
                failures.Add($"{name}: formatted output differs\n--- go\n{go.FormattedFile}--- ours\n{ours.Formatted}");
            }
        }

        output.WriteLine($"fmt: {files.Count} files, {formatted} formatted, {rejected} rejected, {failures.Count} mismatches");
        Assert.True(failures.Count == 0, string.Join("\n\n", failures.Take(15)));
    }
}
