using System.Text.Json;
using GoModLens.ModFile.Versions;
using GoModLens.TestUtilities;

namespace GoModLens.ModFile.Tests;

/// <summary>Our semver.Sort against the order go 1.26 itself prints for `go list -m -versions`.</summary>
public sealed class VersionsOrderingOracleTests
{
    [SkippableTheory]
    [InlineData(1, 300)]
    [InlineData(2, 300)]
    public void Sort_equals_go_list_versions_order(int seed, int count)
    {
        GoOracle.Require();
        const string module = "example.com/Sort/Oracle";
        var versions = VersionsCorpus.Generate(seed, count);
        var proxy = new ModuleTestProxy();
        proxy.WriteList(module, versions.Select((v, i) => i % 5 == 0 ? v + " 2020-01-01T00:00:00Z" : v));
        foreach (var v in versions.Where(v => Semver.IsValid(v)))
        {
            proxy.WriteInfoAndMod(module, v, "module example.com/Sort/Oracle\n"u8.ToArray());
        }

        var work = GoOracle.NewScratchDir("sort");
        var result = GoOracle.Run(work, proxy.Environment(), "list", "-m", "-versions", "-json", module);
        Assert.True(result.ExitCode == 0, result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        var goOrder = json.RootElement.GetProperty("Versions").EnumerateArray().Select(e => e.GetString()!).ToList();

        // go lists only valid, non-pseudo versions (proxy.go Versions) — every other line is hidden.
        var ours = versions.Where(v => Semver.IsValid(v) && !PseudoVersion.IsPseudoVersion(v)).ToList();
        Semver.Sort(ours);
        Assert.True(ours.Count > 150, "corpus too small: " + ours.Count);
        Assert.Equal(goOrder, ours);

        // The same order through ModuleVersion (NuGet-backed) with the tie-break comparer.
        var parsed = ours.Select(ModuleVersion.Parse).Reverse().ToList();
        parsed.Sort(ModuleVersionComparer.Ordering);
        Assert.Equal(goOrder, parsed.Select(p => p.OriginalText));
    }
}
