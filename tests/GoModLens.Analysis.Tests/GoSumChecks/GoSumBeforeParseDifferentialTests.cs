using System.Text;
using GoModLens.Analysis.Findings;
using GoModLens.Analysis.GoSum;
using GoModLens.Analysis.Resolution;
using GoModLens.Analysis.Tests.Resolution;
using GoModLens.ModFile.GoSum;
using GoModLens.ModFile.Semantics;
using GoModLens.TestUtilities;
using GoModLens.TestUtilities.ProxyTree;
using static GoModLens.Analysis.Tests.Resolution.ResolutionTestData;

namespace GoModLens.Analysis.Tests.GoSumChecks;

/// <summary>
/// A go.mod the proxy serves that go cannot use (it does not parse, has no module line, or declares another path),
/// against go 1.26's <c>go list -m all</c>: go hashes the downloaded bytes and checks go.sum (modfetch checkGoMod)
/// before modload parses them. A go.sum hash that differs is go's checksum mismatch (GML1508, on the require and the
/// go.sum line), not GML3007; a hash that matches leaves go's parse error (GML3007), in go's words.
/// </summary>
public sealed class GoSumBeforeParseDifferentialTests
{
    private const string Wrong = "h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

    private static readonly Dictionary<string, string> s_served = new()
    {
        ["example.com/block"] = "module example.com/block\n\nrequire (\n\texample.com/x v1.0.0\n", // unterminated block
        ["example.com/quote"] = "module \"example.com/quote\n", // unterminated string
        ["example.com/usage"] = "module example.com/usage\ngo 1.21\nrequire example.com/x\n", // a require without a version
        ["example.com/nomodule"] = "this is not a go.mod\n", // ParseLax skips the unknown word: no module line
        ["example.com/renamed"] = "module example.com/elsewhere\n\ngo 1.21\n", // declares another path
    };

    private static readonly Lazy<string> s_proxy = new(() =>
    {
        var builder = new ProxyTreeBuilder();
        foreach (var (path, goMod) in s_served)
        {
            builder.Add(path, "v1.0.0", new DateTimeOffset(2023, 1, 15, 10, 0, 0, TimeSpan.Zero), goMod);
        }

        return builder.WriteTo(GoOracle.NewScratchDir("gosum-before-parse-proxy"));
    });

    public static TheoryData<string, bool> Cases()
    {
        var data = new TheoryData<string, bool>();
        foreach (var path in s_served.Keys)
        {
            data.Add(path, true);
            data.Add(path, false);
        }

        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public async Task The_go_sum_check_comes_before_the_parse_as_in_go(string module, bool mismatch)
    {
        GoOracle.Require();
        var dir = GoOracle.NewScratchDir("gosum-before-parse");
        var goModPath = Path.Combine(dir, "go.mod");
        var sumPath = Path.Combine(dir, "go.sum");
        var goMod = $"module example.com/m\n\ngo 1.21\n\nrequire {module} v1.0.0\n";
        var served = Encoding.UTF8.GetBytes(s_served[module]);
        var sumText = $"{module} v1.0.0/go.mod {(mismatch ? Wrong : DirHash.HashGoMod(served))}\n";
        await File.WriteAllTextAsync(goModPath, goMod);
        await File.WriteAllTextAsync(sumPath, sumText);

        var go = GoOracle.Run(dir, new Dictionary<string, string?>
        {
            ["GOFLAGS"] = "-mod=readonly",
            ["GOPROXY"] = new Uri(s_proxy.Value).AbsoluteUri,
            ["GOSUMDB"] = "off",
            ["GOMODCACHE"] = Path.Combine(dir, ".modcache"),
        }, "list", "-m", "all");

        // What gomodlens check builds: the go.mod's findings with the sum files go reads, then go.sum's own.
        var parse = ModFileParser.Parse(goModPath, goMod);
        using var transport = new RecordingTransport();
        var reports = await ResolveAllAsync(new RequirementResolver(transport), parse.Model, Options(FileUrl(s_proxy.Value)) with { CheckLatest = false });
        var sum = GoSumFile.Parse(sumPath, sumText);
        var onGoMod = FindingsBuilder.Build(parse, goMod, reports, new FindingsContext(GoModDirectory: dir) { GoSums = GoSumSet.Module(sum) });
        var downloaded = reports.Where(r => r.GoMod is not null).ToDictionary(r => new ModuleVersionKey(r.Target.Path, r.Target.Version), r => r.GoMod!);
        var onGoSum = GoSumChecker.Check(sum, parse.Model, downloaded);

        Assert.NotEqual(0, go.ExitCode);
        var goText = go.Stderr.TrimEnd('\n');
        var stoppedAt = onGoMod.Single(f => f.Severity == FindingSeverity.Error);
        Assert.True(goText == stoppedAt.GoMessage || goText == "go: " + stoppedAt.GoMessage, $"go printed\n{goText}\nours ({stoppedAt.Code}):\n{stoppedAt.GoMessage}");
        if (mismatch)
        {
            Assert.Equal(GoSumFindingCodes.GoModChecksumMismatch, stoppedAt.Code);
            Assert.Contains("verifying " + module + "@v1.0.0/go.mod: checksum mismatch", goText, StringComparison.Ordinal);
            Assert.Equal(stoppedAt.GoMessage, onGoSum.Single(f => f.Code == GoSumFindingCodes.GoModChecksumMismatch).GoMessage);
        }
        else
        {
            Assert.Equal(FindingCodes.InvalidProxyResponse, stoppedAt.Code);
            Assert.Contains("parsing go.mod", goText, StringComparison.Ordinal);
            Assert.DoesNotContain(onGoSum, f => f.Severity == FindingSeverity.Error);
        }
    }
}
