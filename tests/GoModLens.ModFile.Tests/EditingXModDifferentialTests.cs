using GoModLens.ModFile.Editing;
using GoModLens.ModFile.Semantics;
using GoModLens.ModFile.Tests.Differential;
using GoModLens.ModFile.Tests.Editing;
using GoModLens.TestUtilities;
using Xunit.Abstractions;

namespace GoModLens.ModFile.Tests;

/// <summary>
/// SetRequire, SetRequireSeparateIndirect and AddNewRequire against x/mod modfile itself (built from the copy vendored
/// in go 1.26) on corpus files with seeded random requirement lists: drops, indirect flips, version bumps, new paths.
/// </summary>
public sealed class EditingXModDifferentialTests(ITestOutputHelper output)
{
    private const int FileCount = 60;

    [SkippableTheory]
    [InlineData("setrequire")]
    [InlineData("setrequiresep")]
    [InlineData("addnewrequire")]
    public void Requirement_edits_match_x_mod(string mode)
    {
        GoOracle.Require();
        var files = EditCases.AcceptedFiles(FileCount);
        var failures = new List<string>();
        var compared = 0;
        for (var fi = 0; fi < files.Count; fi++)
        {
            var text = File.ReadAllText(files[fi]);
            var spec = Spec(text, new Random(fi + (mode.Length * 1000)), newOnly: mode == "addnewrequire");
            var go = XModOracle.Run(mode, text, spec);
            var editor = ModFileEditor.Open("go.mod", text);
            var specs = spec.Select(s => new RequireSpec(s.Path, s.Version, s.Indirect)).ToList();
            switch (mode)
            {
                case "setrequire": editor.SetRequire(specs); break;
                case "setrequiresep": editor.SetRequireSeparateIndirect(specs); break;
                default:
                    foreach (var s in specs)
                    {
                        editor.AddNewRequire(s.Path, s.Version, s.Indirect);
                    }

                    break;
            }

            var ours = editor.Format();
            var name = DifferentialCorpus.Name(files[fi]);
            if (go.ExitCode != 0)
            {
                failures.Add($"{name}: x/mod failed: {go.Stderr}");
                continue;
            }

            compared++;
            if (go.Stdout != ours)
            {
                failures.Add($"{name}: differs\n--- x/mod\n{go.Stdout}--- ours\n{ours}");
                continue;
            }

            var reparsed = ModFileParser.Parse("go.mod", ours);
            if (!reparsed.Diagnostics.IsEmpty)
            {
                failures.Add($"{name}: does not re-parse cleanly: {reparsed.Diagnostics[0]}");
            }
            else if (mode != "addnewrequire")
            {
                var want = spec.ToDictionary(s => s.Path, s => (s.Version, s.Indirect));
                var got = reparsed.Model.Require.ToDictionary(r => r.Mod.Path, r => (r.Mod.Version, r.Indirect));
                if (want.Count != got.Count || want.Any(kv => !got.TryGetValue(kv.Key, out var g) || g != kv.Value))
                {
                    failures.Add($"{name}: re-parsed requirements differ from the requested list");
                }
            }
        }

        output.WriteLine($"{mode}: {files.Count} files, {compared} compared with x/mod, {failures.Count} failures");
        Assert.True(failures.Count == 0, string.Join("\n\n", failures.Take(5)));
    }

    private static List<(string Path, string Version, bool Indirect)> Spec(string text, Random rng, bool newOnly)
    {
        var model = ModFileParser.Parse("go.mod", text).Model;
        var spec = new List<(string, string, bool)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (!newOnly)
        {
            foreach (var r in model.Require)
            {
                if (!seen.Add(r.Mod.Path))
                {
                    continue;
                }

                var roll = rng.NextDouble();
                if (roll < 0.15)
                {
                    continue;
                }

                var version = roll < 0.35 ? EditCases.VersionFor(r.Mod.Path, "99.0") : r.Mod.Version;
                var indirect = roll is >= 0.35 and < 0.6 ? !r.Indirect : r.Indirect;
                spec.Add((r.Mod.Path, version, indirect));
            }
        }

        var added = rng.Next(0, 4);
        for (var k = 0; k < added; k++)
        {
            spec.Add(($"example.com/new{k}", $"v1.0.{k}", rng.Next(2) == 0));
        }

        return spec;
    }
}
