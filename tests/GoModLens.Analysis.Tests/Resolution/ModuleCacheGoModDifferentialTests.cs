using System.Text;
using GoModLens.Analysis.Findings;
using GoModLens.Analysis.GoSum;
using GoModLens.Analysis.Resolution;
using GoModLens.ModFile.GoSum;
using GoModLens.ModFile.Semantics;
using GoModLens.TestUtilities;
using static GoModLens.Analysis.Tests.Resolution.ResolutionTestData;

namespace GoModLens.Analysis.Tests.Resolution;

/// <summary>
/// A go.mod go finds in $GOMODCACHE/cache/download (with its .info), against go 1.26's <c>go list -m all</c> with
/// GOPROXY=off: go reads the cache through the same modfetch.GoMod as a proxy, so go.sum, the parse and the module
/// line are checked as for a served go.mod (GoSumBeforeParseDifferentialTests), in the same words.
/// </summary>
public sealed class ModuleCacheGoModDifferentialTests
{
    private const string Wrong = "h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

    private static readonly Dictionary<string, string> s_cached = new()
    {
        ["example.com/block"] = "module example.com/block\n\nrequire (\n\texample.com/x v1.0.0\n", // unterminated block
        ["example.com/quote"] = "module \"example.com/quote\n", // unterminated string
        ["example.com/usage"] = "module example.com/usage\ngo 1.21\nrequire example.com/x\n", // a require without a version
        ["example.com/nomodule"] = "this is not a go.mod\n", // ParseLax skips the unknown word: no module line
        ["example.com/renamed"] = "module example.com/elsewhere\n\ngo 1.21\n", // declares another path
        ["example.com/fine"] = "module example.com/fine\n\ngo 1.21\n", // the control: go accepts it
    };

    public static TheoryData<string, bool> Cases()
    {
        var data = new TheoryData<string, bool>();
        foreach (var path in s_cached.Keys)
        {
            data.Add(path, true);
            data.Add(path, false);
        }

        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public async Task A_cached_go_mod_is_checked_as_a_served_one_as_in_go(string module, bool mismatch)
    {
        GoOracle.Require();
        var dir = GoOracle.NewScratchDir("modcache-gomod");
        var modCache = Path.Combine(dir, ".modcache");
        var versions = Path.Combine(modCache, "cache", "download", module, "@v");
        Directory.CreateDirectory(versions);
        var cached = Encoding.UTF8.GetBytes(s_cached[module]);
        await File.WriteAllBytesAsync(Path.Combine(versions, "v1.0.0.mod"), cached);
        await File.WriteAllTextAsync(Path.Combine(versions, "v1.0.0.info"), "{\"Version\":\"v1.0.0\",\"Time\":\"2023-01-15T10:00:00Z\"}\n");

        var goModPath = Path.Combine(dir, "go.mod");
        var sumPath = Path.Combine(dir, "go.sum");
        var goMod = $"module example.com/m\n\ngo 1.21\n\nrequire {module} v1.0.0\n";
        var sumText = $"{module} v1.0.0/go.mod {(mismatch ? Wrong : DirHash.HashGoMod(cached))}\n";
        await File.WriteAllTextAsync(goModPath, goMod);
        await File.WriteAllTextAsync(sumPath, sumText);

        var go = GoOracle.Run(dir, new Dictionary<string, string?>
        {
            ["GOFLAGS"] = "-mod=readonly",
            ["GOPROXY"] = "off",
            ["GOSUMDB"] = "off",
            ["GOMODCACHE"] = modCache,
        }, "list", "-m", "all");

        // What gomodlens check builds: the go.mod's findings with the sum files go reads, then go.sum's own.
        var parse = ModFileParser.Parse(goModPath, goMod);
        using var transport = new RecordingTransport();
        var resolver = new RequirementResolver(transport, new ModuleCacheAdapterForTests(modCache));
        var reports = await ResolveAllAsync(resolver, parse.Model, Options("off") with { CheckLatest = false });
        Assert.Empty(transport.Urls); // everything came from the cache, as for go with GOPROXY=off
        var sum = GoSumFile.Parse(sumPath, sumText);
        var onGoMod = FindingsBuilder.Build(parse, goMod, reports, new FindingsContext(GoModDirectory: dir) { GoSums = GoSumSet.Module(sum) });
        var errors = onGoMod.Where(f => f.Severity == FindingSeverity.Error).ToList();
        var downloaded = reports.Where(r => r.GoMod is not null).ToDictionary(r => new ModuleVersionKey(r.Target.Path, r.Target.Version), r => r.GoMod!);
        var onGoSum = GoSumChecker.Check(sum, parse.Model, downloaded).Where(f => f.Severity == FindingSeverity.Error).ToList();
        var goText = go.Stderr.TrimEnd('\n');

        if (module == "example.com/fine")
        {
            Assert.Empty(errors);
            if (!mismatch)
            {
                Assert.True(go.ExitCode == 0, go.Stderr);
                Assert.Empty(onGoSum);
                return;
            }

            // A go.mod go can read under a wrong go.sum hash: the go.sum line says it.
            Assert.NotEqual(0, go.ExitCode);
            var wrongLine = Assert.Single(onGoSum);
            Assert.Equal(GoSumFindingCodes.GoModChecksumMismatch, wrongLine.Code);
            Assert.True(goText == wrongLine.GoMessage || goText == "go: " + wrongLine.GoMessage, $"go printed\n{goText}\nours:\n{wrongLine.GoMessage}");
            return;
        }

        Assert.NotEqual(0, go.ExitCode);
        var stoppedAt = Assert.Single(errors);
        Assert.True(goText == stoppedAt.GoMessage || goText == "go: " + stoppedAt.GoMessage, $"go printed\n{goText}\nours ({stoppedAt.Code}):\n{stoppedAt.GoMessage}");
        if (mismatch)
        {
            Assert.Equal(GoSumFindingCodes.GoModChecksumMismatch, stoppedAt.Code);
            Assert.Contains("verifying " + module + "@v1.0.0/go.mod: checksum mismatch", goText, StringComparison.Ordinal);
            Assert.Equal(stoppedAt.GoMessage, Assert.Single(onGoSum).GoMessage);
        }
        else
        {
            Assert.Equal(FindingCodes.InvalidProxyResponse, stoppedAt.Code);
            Assert.Contains("parsing go.mod", goText, StringComparison.Ordinal);
            Assert.DoesNotContain("proxy", stoppedAt.Message, StringComparison.Ordinal); // no proxy was asked
            Assert.Empty(onGoSum);
        }
    }
}
