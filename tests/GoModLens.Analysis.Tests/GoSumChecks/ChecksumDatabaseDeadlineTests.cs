using System.Diagnostics;
using System.Text.Json;
using GoModLens.Analysis.Tests.Check;
using GoModLens.Host.Commands;
using GoModLens.TestUtilities;
using GoModLens.TestUtilities.FakeProxy;

namespace GoModLens.Analysis.Tests.GoSumChecks;

/// <summary>
/// <c>check --timeout</c> bounds the checksum database's requests as it bounds the proxy's: a database that never
/// answers (asked at GOSUMDB's URL, or through the GOPROXY entry that proxies it) is GML3015, a timeout in go's words
/// for a failed lookup, within the deadline, instead of a check that waits out the transport's own ~25 s.
/// </summary>
public sealed class ChecksumDatabaseDeadlineTests
{
    private const string Module = "example.com/foo@v1.0.0";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_database_that_never_answers_is_a_timeout_within_the_deadline(bool explicitUrl)
    {
        await using var proxy = await FakeModuleProxy.StartAsync();
        var dir = GoOracle.NewScratchDir("sumdb-deadline");
        var goMod = Path.Combine(dir, "go.mod");
        File.WriteAllText(goMod, "module example.com/app\n\ngo 1.22\n\nrequire example.com/foo v1.0.0\n");
        var hang = proxy.Url("hang");
        // GOSUMDB's own URL; or sum.golang.org found through GOPROXY: /ok has no /sumdb/ (404, "|" moves on), /hang never answers.
        var (goproxy, gosumdb, hanging) = explicitUrl
            ? (proxy.Url("ok"), "sum.golang.org " + hang, $"{hang}/lookup/{Module}")
            : (proxy.Url("ok") + "|" + hang, "sum.golang.org", $"{hang}/sumdb/sum.golang.org/supported");
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var watch = Stopwatch.StartNew();
        var exit = await CheckCommand.RunAsync(new CheckArguments(goMod, "json", GoProxy: goproxy, GoSumDb: gosumdb, Timeout: "1s"), stdout, stderr,
            o => CheckCommandTests.Hermetic(o) with { ChecksumDatabaseMirror = null }, CancellationToken.None);
        var elapsed = watch.Elapsed;

        // Before, the transport's own deadlines (15 s for the first byte, after a 10 s connect budget) ended it: ~25 s.
        Assert.True(elapsed < TimeSpan.FromSeconds(15), $"check took {elapsed}");
        Assert.Equal(CheckCommand.ExitFindings, exit);
        using var json = JsonDocument.Parse(stdout.ToString());
        var finding = Assert.Single(json.RootElement.GetProperty("findings").EnumerateArray(), f => f.GetProperty("code").GetString() == "GML3015");
        Assert.Equal($"{Module}: verifying go.mod: {Module}/go.mod: Get \"{hanging}\": no response within GoModLens's 1s budget (the go command has no overall timeout and would keep waiting)",
            finding.GetProperty("goMessage").GetString());
        Assert.Contains("no answer within the deadline", finding.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains(proxy.Requests, r => hanging.EndsWith(r.Path, StringComparison.Ordinal));
    }
}
