using System.Text.Json.Nodes;
using GoModLens.ModFile.Formatting;
using GoModLens.ModFile.Semantics;
using GoModLens.TestUtilities;
using Xunit.Abstractions;

namespace GoModLens.ModFile.Tests.Differential;

/// <summary>
/// Damaged go.mod files against go 1.26's <c>go mod edit -json</c> and <c>-fmt</c>: corpus files after one to six random
/// mutations (<see cref="FuzzMutator"/>; one in ten also gets a byte that is never UTF-8), seeded so every run sees the same 300 files. Accept/reject, go's error lines,
/// the JSON and the formatted bytes must all be go's: the corpus shows what real files look like, this shows that the
/// parser agrees with go where files go wrong as they are typed. GOMODLENS_FUZZ_ITERATIONS runs more.
/// </summary>
public sealed class MutationDifferentialTests(ITestOutputHelper output)
{
    [SkippableFact]
    public void Damaged_files_parse_format_and_fail_as_go_mod_edit_does()
    {
        GoOracle.Require();
        var count = int.TryParse(Environment.GetEnvironmentVariable("GOMODLENS_FUZZ_ITERATIONS"), out var n) && n > 0 ? n : 300;
        var seeds = DifferentialCorpus.Files.Select(File.ReadAllText).ToArray();
        var rng = new Random(20261127);
        var dir = GoOracle.NewScratchDir("mutants");
        var files = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var file = Path.Combine(dir, $"mutant{i:D4}.mod");
            var bytes = new System.Text.UTF8Encoding(false).GetBytes(FuzzMutator.Mutate(seeds[rng.Next(seeds.Length)], rng, 1 + rng.Next(6))).ToList();
            if (rng.Next(10) == 0)
            {
                bytes.Insert(rng.Next(bytes.Count + 1), (byte)(rng.Next(2) == 0 ? 0xFF : 0xC0)); // never valid UTF-8
            }

            File.WriteAllBytes(file, [.. bytes]);
            files.Add(file);
        }

        GoModEditOracle.Prefetch(files, "-json");
        GoModEditOracle.Prefetch(files, "-fmt");
        var failures = new List<string>();
        var rejected = 0;
        foreach (var file in files)
        {
            var parsed = ModFileParser.Parse("go.mod", File.ReadAllBytes(file), ParseMode.Strict);
            var json = GoModEditOracle.Json(file);
            var fmt = GoModEditOracle.Fmt(file);
            var name = Path.GetFileName(file);
            if ((json.ExitCode == 0) != parsed.IsAcceptedByGo)
            {
                failures.Add($"{name}: go exit {json.ExitCode}, ours {(parsed.IsAcceptedByGo ? "accepted" : "rejected")}\n  go: {json.Stderr}\n  ours: {(parsed.IsAcceptedByGo ? "" : parsed.FormatGoModEditFailure("go.mod"))}");
                continue;
            }

            if (!parsed.IsAcceptedByGo)
            {
                rejected++;
                // go prints such a byte raw where it does not quote; the oracle reads go's stderr as .NET decodes it.
                var ours = System.Text.Encoding.UTF8.GetString(GoModLens.ModFile.Text.GoUtf8.Encode(parsed.FormatGoModEditFailure("go.mod")));
                if (ours != json.Stderr)
                {
                    failures.Add($"{name}: error lines differ\n--- go\n{json.Stderr}--- ours\n{ours}");
                }

                continue;
            }

            if (!JsonNode.DeepEquals(JsonNode.Parse(json.Stdout), JsonNode.Parse(ModJson.Write(parsed))))
            {
                failures.Add($"{name}: JSON differs\n--- go\n{json.Stdout}--- ours\n{ModJson.Write(parsed)}");
            }
            else if (fmt.ExitCode != 0 || fmt.FormattedFile != ModFilePrinter.FormatLikeGoModEdit(parsed))
            {
                failures.Add($"{name}: formatted output differs (go exit {fmt.ExitCode})\n--- go\n{fmt.FormattedFile}--- ours\n{ModFilePrinter.FormatLikeGoModEdit(parsed)}");
            }
        }

        output.WriteLine($"{files.Count} damaged files: {files.Count - rejected} accepted, {rejected} rejected, {failures.Count} differ from go");
        Assert.True(failures.Count == 0, string.Join("\n\n", failures.Take(10)));
    }
}
