using System.Globalization;
using System.Text;
using GoModLens.LspBenchmarks;

// gomodlens language server benchmarks against the real process; see run.sh and docs/benchmarks.md.
var options = ParseArguments(args);
var repoRoot = FindRepoRoot();
var serverPath = options.GetValueOrDefault("server") ?? Path.Combine(repoRoot, "artifacts", "bin", "GoModLens", "release", "gomodlens");
var work = options.GetValueOrDefault("work") ?? Path.Combine(Path.GetTempPath(), $"gomodlens-lspbench-{Environment.ProcessId}");
var edits = int.Parse(options.GetValueOrDefault("edits") ?? "501", CultureInfo.InvariantCulture);
var requireCount = int.Parse(options.GetValueOrDefault("requires") ?? "2000", CultureInfo.InvariantCulture);
var hovers = int.Parse(options.GetValueOrDefault("hovers") ?? "1000", CultureInfo.InvariantCulture);
var coldRuns = int.Parse(options.GetValueOrDefault("cold-runs") ?? "10", CultureInfo.InvariantCulture);
var memoryFiles = int.Parse(options.GetValueOrDefault("memory-files") ?? "50", CultureInfo.InvariantCulture);
var memoryRepeats = int.Parse(options.GetValueOrDefault("memory-repeats") ?? "3", CultureInfo.InvariantCulture);
var warmup = int.Parse(options.GetValueOrDefault("warmup") ?? "300", CultureInfo.InvariantCulture);
var floodEdits = int.Parse(options.GetValueOrDefault("flood-edits") ?? "10000", CultureInfo.InvariantCulture);
var only = options.GetValueOrDefault("only")?.Split(',') ?? ["cold", "typing", "hover", "memory", "flood"];
var typingRuns = options.GetValueOrDefault("typing-runs")?.Split(',').Select(r => int.Parse(r, CultureInfo.InvariantCulture)).ToHashSet();
var workspaceModules = int.Parse(options.GetValueOrDefault("workspace") ?? "0", CultureInfo.InvariantCulture);

if (!File.Exists(serverPath))
{
    Console.Error.WriteLine($"server not found: {serverPath} (dotnet build src/GoModLens -c Release)");
    return 2;
}

Directory.CreateDirectory(work);
var environment = new BenchEnvironment(serverPath, work);
var report = new StringBuilder();
void Line(string text = "")
{
    Console.WriteLine(text);
    report.Append(text).Append('\n');
}

Line("Machine:");
Line();
foreach (var (key, value) in MachineFacts.Collect())
{
    Line($"- {key}: {value}");
}

Line($"- server: {serverPath}");
Line();

var goMod = GeneratedGoMod.Create(requireCount);
if (options.GetValueOrDefault("tools") is { } toolCount)
{
    // --tools N: N tool lines whose modules are in the module cache (half of them lack the package).
    goMod = goMod.WithTools(int.Parse(toolCount, CultureInfo.InvariantCulture), Path.Combine(work, "modcache"));
    Directory.CreateDirectory(Path.Combine(work, "big"));
    File.WriteAllText(Path.Combine(work, "big", "go.mod"), goMod.Text); // the editor's text wins; this is for gomodlens check
    Line($"Tool lines: {toolCount}, each module's tree in {work}/modcache (every other one without the package).");
    Line();
}

if (workspaceModules > 0)
{
    // --workspace N: the go.mod under test is one module of a go.work with N more (workspace mode on every keystroke).
    WorkspaceFixture.Write(work, workspaceModules);
    Line($"Workspace mode: {work}/go.work uses the go.mod and {workspaceModules} more modules (50 requires each).");
    Line();
}

if (options.ContainsKey("vendor"))
{
    // --vendor x: builds of the go.mod use vendor/ (go 1.22 and a vendor directory), checked on every keystroke.
    ModuleFixtures.WriteVendor(Path.Combine(work, "big"), goMod.Text);
    Line($"Vendor mode: {work}/big/vendor/modules.txt vendors every require.");
    Line();
}

if (options.ContainsKey("gosum"))
{
    // --gosum x: a complete go.sum next to the go.mod, as a tidy module has; without one, go (and the server) report
    // that there is none.
    Directory.CreateDirectory(Path.Combine(work, "big"));
    ModuleFixtures.WriteGoSum(Path.Combine(work, "big"), goMod.Text);
    Line($"go.sum: {work}/big/go.sum has both lines of every require and replacement.");
    Line();
}

var proxyUri = FileProxyTree.Write(Path.Combine(work, "proxy-big"), goMod.Modules);
var script = EditScript.Create(goMod, edits);

if (only.Contains("cold"))
{
    var cold = await ColdStartScenario.RunAsync(environment, coldRuns);
    var stats = Stats.Of(cold);
    Line($"Cold start (spawn → initialize response), {cold.Count} processes, ms: " + string.Join(", ", cold.Select(F)));
    Line();
    Line("| measure | n | p50 | p90 | max | first run |");
    Line("|---|---|---|---|---|---|");
    Line($"| spawn → initialize response (ms) | {stats.Count} | {F(stats.P50)} | {F(stats.P90)} | {F(stats.Max)} | {F(cold[0])} |");
    Line();
}

if (only.Contains("typing"))
{
    var offline = Lsp.Settings(null, network: false);
    var online = Lsp.Settings(proxyUri, network: true);
    var runs = new (string Name, int Debounce, System.Text.Json.Nodes.JsonObject Settings, Pacing Pacing)[]
    {
        ("network off, debounce 0, typing 20–50 ms", 0, offline, Pacing.Typing),
        ("network off, debounce 0, back-to-back", 0, offline, Pacing.BackToBack),
        ("network off, debounce 150 (default), bursts", 150, offline, Pacing.Bursts),
        ("network file://, debounce 0, typing 20–50 ms", 0, online, Pacing.Typing),
        ("network file://, debounce 0, back-to-back", 0, online, Pacing.BackToBack),
        ("network file://, debounce 150 (default), bursts", 150, online, Pacing.Bursts),
    };
    Line($"didChange → publishDiagnostics (local stage) on a {requireCount}-require go.mod ({goMod.Text.Length / 1024} KiB), {edits} single-character edits measured after {warmup / 2 * 2} warm-up edits in the same process, ms:");
    Line();
    Line("| run | edits | own publish | p50 | p90 | p99 | max | burst end p50 / p99 | open → network settled |");
    Line("|---|---|---|---|---|---|---|---|---|");
    foreach (var run in runs.Where((_, i) => typingRuns is null || typingRuns.Contains(i + 1)))
    {
        var result = await TypingScenario.RunAsync(environment, goMod, script, run.Name, run.Debounce, run.Settings, run.Pacing, warmup);
        var s = result.PerVersion;
        var burst = result.BurstEnd is { } b ? $"{F(b.P50)} / {F(b.P99)} (n={b.Count})" : "–";
        Line($"| {result.Name} | {result.Edits} | {result.Exact} | {F(s.P50)} | {F(s.P90)} | {F(s.P99)} | {F(s.Max)} | {burst} | {F(result.NetworkSettleMs)} |");
    }

    Line();
}

if (only.Contains("hover"))
{
    var (hover, nonEmpty) = await HoverScenario.RunAsync(environment, goMod, proxyUri, hovers);
    Line($"Hover on require lines, warm cache (after the open's network results, file:// proxy), {hover.Count} requests, {nonEmpty} non-empty:");
    Line();
    Line("| measure | n | p50 | p90 | p99 | max |");
    Line("|---|---|---|---|---|---|");
    Line($"| hover request → response (ms) | {hover.Count} | {F(hover.P50)} | {F(hover.P90)} | {F(hover.P99)} | {F(hover.Max)} |");
    Line();
}

if (only.Contains("memory"))
{
    var corpus = Path.Combine(repoRoot, "tests", "testdata", "corpus", "gomod");
    var files = MemoryScenario.LargestCorpusFiles(corpus, memoryFiles);
    var modules = files.SelectMany(f => MemoryScenario.ModulesOf(File.ReadAllText(f))).ToList();
    var corpusProxy = FileProxyTree.Write(Path.Combine(work, "proxy-corpus"), modules);
    await using var httpProxy = LoopbackProxy.Start(Path.Combine(work, "proxy-corpus"));
    // RSS of one server varies by a few MB from run to run on these machines (thread timing decides what the GC
    // finds live), which is the size of the margin to the goal: each row is a fresh server, run N times round-robin.
    (string? Proxy, string Name)[] rows =
    [
        (null, "network off"),
        (corpusProxy, "network file:// (tree covers every require)"),
        (httpProxy.Url, "network http:// loopback (same tree; bodies cached)"),
    ];
    var results = rows.Select(_ => new List<MemoryResult>()).ToArray();
    for (var repeat = 0; repeat < memoryRepeats; repeat++)
    {
        for (var row = 0; row < rows.Length; row++)
        {
            results[row].Add(await MemoryScenario.RunAsync(environment, files, rows[row].Proxy, rows[row].Name, options.ContainsKey("gosum")));
        }
    }

    Line($"Memory with {files.Count} go.mod files open (largest corpus files), after a 5 s quiet period; median of {memoryRepeats} fresh servers per row, range in brackets:");
    Line();
    Line("| run | files | requires | idle RSS | RSS after open | peak (VmHWM) | open → quiet |");
    Line("|---|---|---|---|---|---|---|");
    foreach (var runs in results)
    {
        var r = runs[0];
        Line($"| {r.Name} | {r.Files} | {r.Requires} | {MbRange(runs.Select(x => x.IdleRssKiB))} | {MbRange(runs.Select(x => x.RssKiB))} | {MbRange(runs.Select(x => x.HwmKiB))} | {F(Stats.Of([.. runs.Select(x => x.SettleMs)]).P50)} ms |");
    }

    Line();
}

if (only.Contains("flood"))
{
    var flood = await FloodScenario.RunAsync(environment, goMod, Path.Combine(work, "proxy-big"), floodEdits);
    Line($"{flood.Edits} didChange notifications back-to-back on the {requireCount}-require go.mod, network through a loopback HTTP proxy (every request logged):");
    Line();
    Line("| RSS after open | max RSS during the flood | RSS after it settled | peak (VmHWM) | flood sent in | last edit published after | requests (open / total) | distinct URLs | URLs requested twice |");
    Line("|---|---|---|---|---|---|---|---|---|");
    Line($"| {Mb(flood.RssAfterOpenKiB)} | {Mb(flood.RssMaxDuringKiB)} | {Mb(flood.RssSettledKiB)} | {Mb(flood.HwmKiB)} | {F(flood.FloodMs)} ms | {F(flood.DrainedMs)} ms | {flood.OpenRequests} / {flood.Requests} | {flood.DistinctUrls} | {flood.Repeated.Count} |");
    Line($"RSS every 1 000 edits (MB): {string.Join(", ", flood.RssEvery1000KiB.Select(k => (k / 1024.0).ToString("0", CultureInfo.InvariantCulture)))}");
    foreach (var url in flood.Repeated.Take(10))
    {
        Line($"- requested more than once: {url}");
    }

    Line();
}

if (options.GetValueOrDefault("markdown") is { } markdownPath)
{
    await File.WriteAllTextAsync(markdownPath, report.ToString());
}

return 0;

static string F(double ms) => double.IsNaN(ms) ? "–" : ms.ToString(ms < 100 ? "0.00" : "0", CultureInfo.InvariantCulture);

static string Mb(long kib) => (kib / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " MB";

// "97.1 MB [94.0–99.2]": the median, then the range when there is more than one sample.
static string MbRange(IEnumerable<long> kib)
{
    var sorted = kib.Order().ToList();
    var median = Mb(sorted[sorted.Count / 2]);
    return sorted.Count == 1 ? median : $"{median} [{(sorted[0] / 1024.0).ToString("0.0", CultureInfo.InvariantCulture)}–{(sorted[^1] / 1024.0).ToString("0.0", CultureInfo.InvariantCulture)}]";
}

static Dictionary<string, string> ParseArguments(string[] args)
{
    var result = new Dictionary<string, string>(StringComparer.Ordinal);
    for (var i = 0; i + 1 < args.Length; i += 2)
    {
        result[args[i].TrimStart('-')] = args[i + 1];
    }

    return result;
}

static string FindRepoRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "GoModLens.sln")))
        {
            return dir.FullName;
        }
    }

    return Directory.GetCurrentDirectory();
}
