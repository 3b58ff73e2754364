using System.Text.Json;
using GoModLens.Host.Commands;
using GoModLens.TestUtilities;

namespace GoModLens.Analysis.Tests.Check;

/// <summary>
/// <see cref="GoDuration"/> is go's time.ParseDuration: the table holds go 1.26's answers (recorded from the oracle,
/// and <see cref="The_table_is_gos_own_answers"/> asks go again, so it cannot drift from go), value or error text.
/// </summary>
public sealed class GoDurationTests
{
    private const string Program = """
        package main

        import (
        	"encoding/json"
        	"fmt"
        	"os"
        	"time"
        )

        // One JSON line per argument: time.ParseDuration's value (nanoseconds) and error text.
        func main() {
        	for _, s := range os.Args[1:] {
        		d, err := time.ParseDuration(s)
        		e := ""
        		if err != nil {
        			e = err.Error()
        		}
        		b, _ := json.Marshal(map[string]any{"ns": int64(d), "err": e})
        		fmt.Println(string(b))
        	}
        }
        """;

    // Input, go's nanoseconds (0 on an error), go's error text (null when it parses).
    public static TheoryData<string, long, string?> Table() => new()
    {
        { "", 0L, "time: invalid duration \"\"" },
        { "1", 0L, "time: missing unit in duration \"1\"" },
        { "1x", 0L, "time: unknown unit \"x\" in duration \"1x\"" },
        { "-1s", -1000000000L, null },
        { "s1", 0L, "time: invalid duration \"s1\"" },
        { "1m30s", 90000000000L, null },
        { "500ms", 500000000L, null },
        { "2.5s", 2500000000L, null },
        { "1h", 3600000000000L, null },
        { "90s", 90000000000L, null },
        { "1.5m", 90000000000L, null },
        { "300us", 300000L, null },
        { "300\u00B5s", 300000L, null },
        { "300\u03BCs", 300000L, null },
        { "10ns", 10L, null },
        { "+5s", 5000000000L, null },
        { "1s500ms", 1500000000L, null },
        { "500ms1s", 1500000000L, null },
        { "0", 0L, null },
        { "-0", 0L, null },
        { "+0", 0L, null },
        { "0s", 0L, null },
        { ".5s", 500000000L, null },
        { "5.s", 5000000000L, null },
        { ".s", 0L, "time: invalid duration \".s\"" },
        { "-.s", 0L, "time: invalid duration \"-.s\"" },
        { "1.0000000000000000000001h", 3600000000000L, null },
        { "9223372036854775807ns", 9223372036854775807L, null },
        { "9223372036854775808ns", 0L, "time: invalid duration \"9223372036854775808ns\"" },
        { "-9223372036854775808ns", -9223372036854775808L, null },
        { "2562047h47m16.854775807s", 9223372036854775807L, null },
        { "2562048h", 0L, "time: invalid duration \"2562048h\"" },
        { "1e3s", 0L, "time: unknown unit \"e\" in duration \"1e3s\"" },
        { "1 s", 0L, "time: unknown unit \" s\" in duration \"1 s\"" },
        { " 1s", 0L, "time: invalid duration \" 1s\"" },
        { "1S", 0L, "time: unknown unit \"S\" in duration \"1S\"" },
        { "1sec", 0L, "time: unknown unit \"sec\" in duration \"1sec\"" },
        { "1m.5s", 60500000000L, null },
        { "1..5s", 0L, "time: missing unit in duration \"1..5s\"" },
        { "1h-1m", 0L, "time: unknown unit \"h-\" in duration \"1h-1m\"" },
        { "1.5.5s", 0L, "time: missing unit in duration \"1.5.5s\"" },
        { "0.000000001s", 1L, null },
        { "0.0000000001s", 0L, null },
        { "3.000000001s", 3000000001L, null },
        { "100000000000000000000s", 0L, "time: invalid duration \"100000000000000000000s\"" },
        { "1\u00B5", 0L, "time: unknown unit \"\\xc2\\xb5\" in duration \"1\\xc2\\xb5\"" },
        { "--1s", 0L, "time: invalid duration \"--1s\"" },
        { "+-1s", 0L, "time: invalid duration \"+-1s\"" },
        { "\u00E9", 0L, "time: invalid duration \"\\xc3\\xa9\"" },
        { "1\u00E9", 0L, "time: unknown unit \"\\xc3\\xa9\" in duration \"1\\xc3\\xa9\"" },
        { "1\u00B5S", 0L, "time: unknown unit \"\\xc2\\xb5S\" in duration \"1\\xc2\\xb5S\"" },
        { "1\"s", 0L, "time: unknown unit \"\\\"s\" in duration \"1\\\"s\"" },
        { "1\\s", 0L, "time: unknown unit \"\\\\s\" in duration \"1\\\\s\"" },
        { "1.5h", 5400000000000L, null },
        { "0.1ns", 0L, null },
        { "1.9ns", 1L, null },
        { "1h1h", 7200000000000L, null },
        { "0x10s", 0L, "time: unknown unit \"x\" in duration \"0x10s\"" },
        { "1_000ms", 0L, "time: unknown unit \"_\" in duration \"1_000ms\"" },
        { "1s ", 0L, "time: unknown unit \"s \" in duration \"1s \"" },
        { "1.00000000000000000000000000001s", 1000000000L, null },
        { "9223372036.854775807s", 9223372036854775807L, null },
        { "9223372036.854775808s", 0L, "time: invalid duration \"9223372036.854775808s\"" },
        { "1ss", 0L, "time: unknown unit \"ss\" in duration \"1ss\"" },
        { "1m0.5s", 60500000000L, null },
        { "24h", 86400000000000L, null },
        { "1\ts", 0L, "time: unknown unit \"\\x09s\" in duration \"1\\x09s\"" },
        { "1\u00E9s", 0L, "time: unknown unit \"\\xc3\\xa9s\" in duration \"1\\xc3\\xa9s\"" },
        { "1.333333333333333333h", 4799999999999L, null },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Parses_as_gos_time_ParseDuration(string input, long nanoseconds, string? error)
    {
        var parsed = GoDuration.TryParse(input, out var ours, out var ourError);

        Assert.Equal(error is null, parsed);
        Assert.Equal(error, ourError);
        Assert.Equal(nanoseconds, ours);
    }

    [SkippableFact]
    public void The_table_is_gos_own_answers()
    {
        GoOracle.Require();
        var dir = GoOracle.NewScratchDir("duration");
        File.WriteAllText(Path.Combine(dir, "main.go"), Program);
        File.WriteAllText(Path.Combine(dir, "go.mod"), "module durationoracle\n\ngo 1.21\n");
        var inputs = Table().Select(row => (string)row[0]).ToArray();

        var run = GoOracle.Run(dir, new Dictionary<string, string?> { ["GOFLAGS"] = "-mod=mod" }, ["run", ".", .. inputs]);

        Assert.True(run.ExitCode == 0, run.Stderr);
        var lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(inputs.Length, lines.Length);
        foreach (var (row, line) in Table().Zip(lines))
        {
            using var go = JsonDocument.Parse(line);
            var goError = go.RootElement.GetProperty("err").GetString() is { Length: > 0 } e ? e : null;
            Assert.Equal(((string)row[0], (long)row[1], (string?)row[2]), ((string)row[0], go.RootElement.GetProperty("ns").GetInt64(), goError));
        }
    }
}
