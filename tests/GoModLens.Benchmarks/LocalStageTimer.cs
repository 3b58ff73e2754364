using System.Diagnostics;
using System.Globalization;
using GoModLens.Analysis.Findings;
using GoModLens.ModFile.Semantics;

namespace GoModLens.Benchmarks;

/// <summary>
/// What the language server does for every keystroke before it publishes (re-parse + semantic findings), timed and
/// counted in one process: time per phase and bytes allocated per keystroke, the input to the p99 keystroke goal
/// (gen0/gen1 collections are the tail). Usage: --local-stage &lt;go.mod | N&gt; [--rounds N]; a number generates a
/// go.mod with that many requires (a fifth each of /v2, gopkg.in, pseudo-versions, k8s-style; 60 % "// indirect").
/// </summary>
internal static class LocalStageTimer
{
    public static void Run(string[] args)
    {
        var path = args[Array.IndexOf(args, "--local-stage") + 1];
        var at = Array.IndexOf(args, "--rounds");
        var rounds = at >= 0 ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : 500;
        var text = int.TryParse(path, CultureInfo.InvariantCulture, out var requires) ? Generate(requires) : File.ReadAllText(path);
        var context = new FindingsContext("", "");

        // Alternate two texts, as typing does: the original and one with a broken version.
        var middle = text.IndexOf(" v1.", text.Length / 2, StringComparison.Ordinal);
        var broken = text[..middle] + " v1.x" + text[(middle + 4)..];
        for (var i = 0; i < 50; i++)
        {
            Keystroke(i % 2 == 0 ? text : broken, path, context);
        }

        var parseTimes = new List<double>();
        var findTimes = new List<double>();
        var gc0 = GC.CollectionCount(0);
        var gc1 = GC.CollectionCount(1);
        var gc2 = GC.CollectionCount(2);
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var parseAllocated = 0L;
        for (var i = 0; i < rounds; i++)
        {
            var input = i % 2 == 0 ? text : broken;
            var before = GC.GetAllocatedBytesForCurrentThread();
            var t0 = Stopwatch.GetTimestamp();
            var parse = ModFileParser.Parse(path, input, ParseMode.Strict);
            var t1 = Stopwatch.GetTimestamp();
            parseAllocated += GC.GetAllocatedBytesForCurrentThread() - before;
            _ = FindingsBuilder.FromParse(parse, input, context);
            var t2 = Stopwatch.GetTimestamp();
            parseTimes.Add(Stopwatch.GetElapsedTime(t0, t1).TotalMilliseconds);
            findTimes.Add(Stopwatch.GetElapsedTime(t1, t2).TotalMilliseconds);
        }

        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"local stage of {Path.GetFileName(path)} ({text.Length} chars), {rounds} keystrokes: parse {Stats(parseTimes)}; findings {Stats(findTimes)}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"allocated per keystroke: {allocated / rounds / 1024.0:F0} KB (parse {parseAllocated / rounds / 1024.0:F0} KB); GCs gen0 {GC.CollectionCount(0) - gc0}, gen1 {GC.CollectionCount(1) - gc1}, gen2 {GC.CollectionCount(2) - gc2}"));
    }

    private static string Generate(int requires)
    {
        var sb = new System.Text.StringBuilder("module example.com/big\n\ngo 1.22\n\nrequire (\n");
        for (var i = 0; i < requires; i++)
        {
            var (module, version) = (i % 5) switch
            {
                0 => ($"github.com/org{i % 37}/repo{i}", $"v1.{i % 13}.{i % 7}"),
                1 => ($"github.com/org{i % 37}/repo{i}/v2", $"v2.{i % 9}.0"),
                2 => ($"gopkg.in/pkg{i}.v3", $"v3.0.{i % 5}"),
                3 => ($"golang.org/x/mod{i}", $"v0.0.0-20240101{i % 24:D2}0000-abcdef{i:x6}"),
                _ => ($"k8s.io/api{i}", $"v0.{i % 30}.1"),
            };
            sb.Append('\t').Append(module).Append(' ').Append(version).Append(i >= requires * 2 / 5 ? " // indirect\n" : "\n");
        }

        sb.Append(")\n\n");
        for (var i = 0; i < 10; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"replace github.com/org{i}/repo{i * 5} => github.com/fork/repo{i * 5} v1.0.0\n");
        }

        return sb.Append("replace example.com/local => ./local\n").ToString();
    }

    private static void Keystroke(string text, string path, FindingsContext context) =>
        FindingsBuilder.FromParse(ModFileParser.Parse(path, text, ParseMode.Strict), text, context);

    private static string Stats(List<double> ms)
    {
        ms.Sort();
        return string.Create(CultureInfo.InvariantCulture, $"p50 {ms[ms.Count / 2]:F2} ms, p99 {ms[ms.Count * 99 / 100]:F2} ms, max {ms[^1]:F2} ms");
    }
}
