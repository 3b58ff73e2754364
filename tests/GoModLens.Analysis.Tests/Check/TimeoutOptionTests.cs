using GoModLens.Host.Commands;
using GoModLens.Infrastructure.Composition;
using GoModLens.TestUtilities;

namespace GoModLens.Analysis.Tests.Check;

/// <summary>
/// <c>--timeout</c> of check and mirrors: go's duration syntax (<see cref="GoDurationTests"/>), and a usage error
/// naming the option, the value and why for what go refuses and for a deadline that is not positive or too long.
/// </summary>
public sealed class TimeoutOptionTests
{
    private const string Want = " (want a go duration such as 10s, 500ms or 1m30s)\n";

    [Theory]
    [InlineData("1m30s", 900_000_000)]
    [InlineData("500ms", 5_000_000)]
    [InlineData("2.5s", 25_000_000)]
    [InlineData("1h", 36_000_000_000)]
    [InlineData("90s", 900_000_000)]
    [InlineData("1.5m", 900_000_000)]
    [InlineData("300us", 3_000)]
    [InlineData("300\u00B5s", 3_000)]
    [InlineData("+5s", 50_000_000)]
    [InlineData("1s500ms", 15_000_000)]
    [InlineData("500ms1s", 15_000_000)]
    [InlineData("24h", 864_000_000_000)]
    [InlineData("10ns", 1)] // a tick is 100 ns: rounded up, so it stays a deadline
    [InlineData("150ns", 2)]
    public void A_go_duration_is_the_deadline(string text, long ticks)
    {
        Assert.Null(TimeoutOption.Parse(text, out var value));
        Assert.Equal(TimeSpan.FromTicks(ticks), value);
    }

    [Fact]
    public void None_is_ten_seconds()
    {
        Assert.Null(TimeoutOption.Parse(null, out var value));
        Assert.Equal(TimeSpan.FromSeconds(10), value);
    }

    [Theory]
    [InlineData("", "gomodlens: invalid --timeout : time: invalid duration \"\"" + Want)]
    [InlineData("1", "gomodlens: invalid --timeout 1: time: missing unit in duration \"1\"" + Want)]
    [InlineData("10", "gomodlens: invalid --timeout 10: time: missing unit in duration \"10\"" + Want)]
    [InlineData("1x", "gomodlens: invalid --timeout 1x: time: unknown unit \"x\" in duration \"1x\"" + Want)]
    [InlineData("s1", "gomodlens: invalid --timeout s1: time: invalid duration \"s1\"" + Want)]
    [InlineData("10 s", "gomodlens: invalid --timeout 10 s: time: unknown unit \" s\" in duration \"10 s\"" + Want)]
    [InlineData("soon", "gomodlens: invalid --timeout soon: time: invalid duration \"soon\"" + Want)]
    [InlineData("-1s", "gomodlens: invalid --timeout -1s: a timeout must be positive" + Want)]
    [InlineData("0", "gomodlens: invalid --timeout 0: a timeout must be positive" + Want)]
    [InlineData("0s", "gomodlens: invalid --timeout 0s: a timeout must be positive" + Want)]
    [InlineData("0.1ns", "gomodlens: invalid --timeout 0.1ns: a timeout must be positive" + Want)] // go truncates it to 0
    [InlineData("24h1ns", "gomodlens: invalid --timeout 24h1ns: longer than GoModLens waits (at most 24h)\n")]
    [InlineData("2562047h", "gomodlens: invalid --timeout 2562047h: longer than GoModLens waits (at most 24h)\n")]
    public void What_go_refuses_or_no_deadline_allows_is_named_with_why(string text, string error)
    {
        Assert.Equal(error, TimeoutOption.Parse(text, out _));
    }

    [Fact]
    public async Task Check_runs_with_the_deadline_a_go_duration_names_and_stops_at_a_bad_one()
    {
        var dir = GoOracle.NewScratchDir("timeout");
        var goMod = Path.Combine(dir, "go.mod");
        File.WriteAllText(goMod, "module example.com/m\n\ngo 1.22\n");
        var budget = TimeSpan.Zero;
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        EngineOptions Capture(EngineOptions o)
        {
            budget = o.PerModuleBudget;
            return CheckCommandTests.Hermetic(o);
        }

        var exit = await CheckCommand.RunAsync(new CheckArguments(goMod, GoProxy: "off", GoSumDb: "off", Timeout: "1m30s"), stdout, stderr, Capture,
            CancellationToken.None);

        Assert.Equal(CheckCommand.ExitClean, exit);
        Assert.Equal(TimeSpan.FromSeconds(90), budget);

        var (badExit, _, badErr) = await CheckCommandTests.RunAsync(new CheckArguments(goMod, GoProxy: "off", Timeout: "-1s"));
        Assert.Equal(CheckCommand.ExitUsage, badExit);
        Assert.Equal("gomodlens: invalid --timeout -1s: a timeout must be positive" + Want, badErr);
    }

    [Fact]
    public async Task Mirrors_times_each_mirror_with_it_and_stops_at_a_bad_one()
    {
        var budget = TimeSpan.Zero;
        var firstByte = (TimeSpan?)null;
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        EngineOptions Capture(EngineOptions o)
        {
            (budget, firstByte) = (o.PerModuleBudget, o.FirstByteTimeout);
            return o with { CacheDirectory = null, UseModuleCache = false, Mirrors = [], HostResolver = new Server.Tests.GoMod.RecordingHostResolver() };
        }

        await MirrorsCommand.RunAsync(new MirrorsArguments("example.com/foo@v1.0.0", "off", [], true, false, "2.5s"), stdout, stderr, Capture, CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(2.5), budget);
        Assert.Equal(TimeSpan.FromSeconds(2.5), firstByte);

        using var badErr = new StringWriter();
        var bad = await MirrorsCommand.RunAsync(new MirrorsArguments("example.com/foo@v1.0.0", "off", [], true, false, "1x"), new StringWriter(), badErr, Capture,
            CancellationToken.None);
        Assert.Equal(CheckCommand.ExitUsage, bad);
        Assert.Equal("gomodlens: invalid --timeout 1x: time: unknown unit \"x\" in duration \"1x\"" + Want, badErr.ToString());
    }
}
