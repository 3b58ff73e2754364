using System.Diagnostics;
using System.Globalization;
using System.Text;
using GoModLens.ModFile.Semantics;
using GoModLens.ModFile.Syntax;

namespace GoModLens.Benchmarks;

/// <summary>
/// `--quick`: a plain Stopwatch loop (no BenchmarkDotNet) that splits the corpus parse into its phases, for fast
/// iteration while optimising. Not used for recorded numbers.
/// </summary>
internal static class QuickTimer
{
    public static void Run()
    {
        Console.WriteLine("-- largest");
        Phases([BenchmarkCorpus.Instance.Largest]);
        Console.WriteLine("-- corpus");
        Phases(BenchmarkCorpus.Instance.Files);
    }

    private static void Phases(IReadOnlyList<(string Name, byte[] Data)> files)
    {
        var texts = files.Select(f => Encoding.UTF8.GetString(f.Data)).ToArray();
        Measure("utf8 decode", () =>
        {
            foreach (var (_, data) in files)
            {
                _ = Encoding.UTF8.GetString(data);
            }
        });
        Measure("lex only", () =>
        {
            foreach (var t in texts)
            {
                _ = ModSyntaxParser.CountTokens(t);
            }
        });
        Measure("lex+parse", () =>
        {
            for (var i = 0; i < texts.Length; i++)
            {
                _ = ModSyntaxParser.Parse(files[i].Name, texts[i]);
            }
        });
        var trees = texts.Select((t, i) => ModSyntaxParser.Parse(files[i].Name, t).Syntax).ToArray();
        Measure("bind only", () =>
        {
            foreach (var tree in trees)
            {
                _ = ModFileBinder.Bind(tree, ParseMode.Strict, []);
            }
        });
        var lines = trees.SelectMany(t => t.Descendants().OfType<ModLine>()).ToArray();
        var words = lines.SelectMany(l => l.Tokens.Select(t => t.Text)).ToArray();
        var versions = words.Where(w => w.StartsWith('v')).ToArray();
        Console.WriteLine($"{lines.Length} lines, {words.Length} tokens, {versions.Length} version-like");
        Measure("AutoQuote all tokens", () =>
        {
            foreach (var w in words)
            {
                _ = ModQuoting.AutoQuote(w);
            }
        });
        Measure("CanonicalModuleVersion+CheckPathMajor", () =>
        {
            foreach (var v in versions)
            {
                _ = GoModLens.ModFile.Module.ModulePath.CanonicalVersion(v);
                _ = GoModLens.ModFile.Module.ModulePath.CheckPathMajor(v, "");
            }
        });
        Measure("SplitPathVersion all tokens", () =>
        {
            foreach (var w in words)
            {
                _ = GoModLens.ModFile.Module.ModulePath.SplitPathVersion(w);
            }
        });
        Measure("IsIndirect all lines", () =>
        {
            foreach (var l in lines)
            {
                _ = ModFileBinder.IsIndirect(l);
            }
        });
        Measure("full Parse(bytes)", () =>
        {
            foreach (var (name, data) in files)
            {
                _ = ModFileParser.Parse(name, data);
            }
        });
    }

    /// <summary>
    /// Process CPU time per full parse of <paramref name="files"/>, measured like go-baseline's reportCPU (15 rounds of
    /// at least 200 ms, median), printed in the same format.
    /// </summary>
    public static void ReportCpu(string label, IReadOnlyList<(string Name, byte[] Data)> files)
    {
        void ParseAll()
        {
            foreach (var (name, data) in files)
            {
                _ = ModFileParser.Parse(name, data);
            }
        }

        for (var i = 0; i < 20; i++)
        {
            ParseAll();
        }

        var (_, perOpMs) = TimedRounds(ParseAll);
        var perOp = perOpMs.Select(ms => ms / 1000).ToList();
        perOp.Sort();
        var secs = perOp[perOp.Count / 2];
        var bytes = files.Sum(f => (long)f.Data.Length);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label} cpu: {bytes / secs / 1e6:F2} MB/s, {files.Count / secs:F0} files/s (median cpu {secs * 1e3:F3} ms/op)"));
    }

    /// <summary>The files with the highest parse cost per byte (finds pathological inputs).</summary>
    public static void PerFile()
    {
        var files = BenchmarkCorpus.Instance.Files;
        var costs = new List<(string Name, int Bytes, double NsPerByte)>();
        foreach (var (name, data) in files)
        {
            for (var i = 0; i < 50; i++)
            {
                _ = ModFileParser.Parse(name, data);
            }

            var sw = Stopwatch.StartNew();
            for (var i = 0; i < 50; i++)
            {
                _ = ModFileParser.Parse(name, data);
            }

            costs.Add((name, data.Length, sw.Elapsed.TotalNanoseconds / 50 / data.Length));
        }

        foreach (var c in costs.OrderByDescending(c => c.NsPerByte).Take(12))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{c.NsPerByte,8:F1} ns/B {c.Bytes,7} B {c.Name}"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median {costs.Select(c => c.NsPerByte).Order().ElementAt(costs.Count / 2):F1} ns/B"));
    }

    private static void Measure(string label, Action op)
    {
        for (var i = 0; i < 20; i++)
        {
            op();
        }

        var a0 = GC.GetAllocatedBytesForCurrentThread();
        op();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - a0;

        var (times, cpu) = TimedRounds(op);
        times.Sort();
        cpu.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label}: wall min {times[0]:F3} / median {times[times.Count / 2]:F3} ms/op, cpu median {cpu[cpu.Count / 2]:F3} ms/op, {allocated / 1024.0:F0} KB/op"));
    }

    /// <summary>
    /// 15 rounds of at least 200 ms each; per round, wall and process CPU milliseconds per call. Wall time is at the
    /// mercy of other processes on a loaded machine; process CPU time much less so.
    /// </summary>
    private static (List<double> WallMs, List<double> CpuMs) TimedRounds(Action op)
    {
        var wall = new List<double>();
        var cpu = new List<double>();
        using var self = Process.GetCurrentProcess();
        for (var round = 0; round < 15; round++)
        {
            self.Refresh();
            var cpu0 = self.TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            var n = 0;
            while (sw.ElapsedMilliseconds < 200)
            {
                op();
                n++;
            }

            wall.Add(sw.Elapsed.TotalMilliseconds / n);
            self.Refresh();
            cpu.Add((self.TotalProcessorTime - cpu0).TotalMilliseconds / n);
        }

        return (wall, cpu);
    }
}
