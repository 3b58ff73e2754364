using System.Diagnostics;
using System.Globalization;
using GoModLens.Analysis.Environment;
using GoModLens.Analysis.Resolution;
using GoModLens.Infrastructure.Composition;
using GoModLens.ModFile.Semantics;

namespace GoModLens.Benchmarks;

/// <summary>
/// "Latest version for every require", timed inside one process, so the numbers leave out process start (the first cold run still pays the JIT):
/// what the language server pays once it runs. Cold = a new engine with an empty disk cache; warm (memory) = the same
/// engine again (what a re-check in the editor costs); warm (disk) = a new engine over the cache the cold run wrote
/// (a restarted editor); with --cold-runs N, N-1 more cold runs follow, each a new engine over a new empty cache in
/// this now-warm process (opening an unrelated project in a running server). Usage: --resolution &lt;go.mod&gt;
/// &lt;GOPROXY&gt; [--concurrency N] [--warm-runs N] [--cold-runs N].
/// </summary>
internal static class ResolutionTimer
{
    public static async Task RunAsync(string[] args)
    {
        var at = Array.IndexOf(args, "--resolution");
        var goMod = args[at + 1];
        var goProxy = args[at + 2];
        var concurrency = Option(args, "--concurrency", ResolveOptions.DefaultMaxConcurrency);
        var warmRuns = Option(args, "--warm-runs", 9);
        var text = await File.ReadAllTextAsync(goMod);
        var parse = ModFileParser.Parse(goMod, text, ParseMode.Strict);
        var coldRuns = Option(args, "--cold-runs", 1);
        var cache = NewCacheDirectory();
        var environment = GoEnvironment.Compute(GoEnvironmentInput.FromCurrentProcess(new Dictionary<string, string>
        {
            ["GOPROXY"] = goProxy,
            ["GOPRIVATE"] = "",
            ["GONOPROXY"] = "",
        }));

        // No public mirrors and no direct probes: the benchmark never leaves the loopback proxy.
        var options = new EngineOptions
        {
            CacheDirectory = cache,
            Mirrors = [],
            ProbeDirect = false,
            UseModuleCache = false,
            MaxConcurrency = concurrency,
            PerModuleBudget = TimeSpan.FromSeconds(60),
        };
        try
        {
            using (var engine = ResolutionEngineFactory.Create(environment, options))
            {
                await Report("cold", engine, parse, 1);
                await Report("warm (memory)", engine, parse, warmRuns);
            }

            using (var restarted = ResolutionEngineFactory.Create(environment, options))
            {
                await Report("warm (disk, new engine)", restarted, parse, 1);
            }

            // Cold cache in a process that has already run once (JIT done): what opening a second, unrelated
            // project costs in a running language server.
            for (var i = 1; i < coldRuns; i++)
            {
                var fresh = options with { CacheDirectory = NewCacheDirectory() };
                try
                {
                    using var engine = ResolutionEngineFactory.Create(environment, fresh);
                    await Report("cold (empty cache, process already warm)", engine, parse, 1);
                }
                finally
                {
                    Directory.Delete(fresh.CacheDirectory, recursive: true);
                }
            }
        }
        finally
        {
            Directory.Delete(cache, recursive: true);
        }
    }

    private static async Task Report(string label, ResolutionEngine engine, ParseResult parse, int runs)
    {
        var times = new List<double>();
        var requests = 0;
        var resolved = 0;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var collections = GC.CollectionCount(0);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        for (var i = 0; i < runs; i++)
        {
            var started = Stopwatch.GetTimestamp();
            resolved = 0;
            await foreach (var report in engine.Resolver.ResolveAllAsync(parse.Model, engine.Options, CancellationToken.None))
            {
                resolved += report.Status == RequirementStatus.Resolved ? 1 : 0;
            }

            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            requests += engine.Resolver.LastRunRequestCount;
        }

        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        collections = GC.CollectionCount(0) - collections;
        var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / runs;
        times.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"in-process {label}: median {times[times.Count / 2]:F1} ms, min {times[0]:F1} ms, max {times[^1]:F1} ms over {runs} run(s); process CPU {cpuMs:F0} ms per run; {requests / runs} transport calls per run; {allocated / runs / 1e6:F1} MB allocated and {(double)collections / runs:F1} gen0 GCs per run; {resolved}/{parse.Model.Require.Count} resolved"));
    }

    private static string NewCacheDirectory() =>
        Path.Combine(Path.GetTempPath(), "gomodlens-bench-" + Guid.NewGuid().ToString("N"));

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], CultureInfo.InvariantCulture, out var n) ? n : fallback;
    }
}
