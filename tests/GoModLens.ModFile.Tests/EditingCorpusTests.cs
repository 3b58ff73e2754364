using GoModLens.ModFile.Editing;
using GoModLens.ModFile.Semantics;
using GoModLens.ModFile.Tests.Differential;
using GoModLens.ModFile.Tests.Editing;
using Xunit.Abstractions;

namespace GoModLens.ModFile.Tests;

/// <summary>Every editing operation on every accepted corpus file: the result re-parses without diagnostics and TextEdits.Diff reproduces it.</summary>
public sealed class EditingCorpusTests(ITestOutputHelper output)
{
    private static IEnumerable<(string Name, Action<ModFileEditor> Edit)> Operations(GoModFile m)
    {
        foreach (var flags in EditCases.For(ModFilePrinterText(m)))
        {
            yield return (string.Join(' ', flags), e =>
            {
                foreach (var f in flags)
                {
                    GoModEditFlags.Apply(e, f);
                }
            });
        }

        yield return ("flip every indirect", e => e.Model.Require.ForEach(r => ModFileEditor.SetIndirect(r, !r.Indirect)));
        var wanted = m.Require.Where((r, i) => i % 3 != 0).Select(r => new RequireSpec(r.Mod.Path, r.Mod.Version, !r.Indirect))
            .DistinctBy(r => r.Path).Append(new RequireSpec("example.com/new", "v1.0.0", true)).ToList();
        yield return ("SetRequire", e => e.SetRequire(wanted));
        yield return ("SetRequireSeparateIndirect", e => e.SetRequireSeparateIndirect(wanted));
        yield return ("UpdateRequirements", e => e.UpdateRequirements(wanted));
        yield return ("AddNewRequire x2", e =>
        {
            e.AddNewRequire("example.com/n1", "v0.1.0", indirect: true);
            e.AddNewRequire("example.com/n2", "v0.2.0", indirect: false);
        });
    }

    private static string ModFilePrinterText(GoModFile m) => GoModLens.ModFile.Formatting.ModFilePrinter.Format(m.Syntax);

    [Fact]
    public void Every_operation_keeps_every_corpus_file_clean()
    {
        var files = EditCases.AcceptedFiles(int.MaxValue);
        var failures = new List<string>();
        var runs = 0;
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            foreach (var (name, edit) in Operations(ModFileParser.Parse("go.mod", text).Model))
            {
                var editor = ModFileEditor.Open("go.mod", text);
                try
                {
                    edit(editor);
                }
                catch (ModEditException)
                {
                    continue; // refused edits (also refused by go, see EditingDifferentialTests)
                }

                runs++;
                foreach (var result in new[] { editor.Format(), editor.FormatLikeGoModEdit() })
                {
                    var reparsed = ModFileParser.Parse("go.mod", result);
                    if (!reparsed.Diagnostics.IsEmpty)
                    {
                        failures.Add($"{DifferentialCorpus.Name(file)} {name}: {reparsed.Diagnostics[0]}");
                    }

                    if (TextEdits.Apply(text, TextEdits.Diff(text, result)) != result)
                    {
                        failures.Add($"{DifferentialCorpus.Name(file)} {name}: diff does not reproduce the result");
                    }
                }
            }
        }

        output.WriteLine($"{files.Count} files, {runs} edit runs, {failures.Count} failures");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
        Assert.True(runs > files.Count * 20);
    }
}
