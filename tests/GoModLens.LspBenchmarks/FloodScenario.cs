using System.Diagnostics;

namespace GoModLens.LspBenchmarks;

/// <summary>
/// 10 000 didChange notifications sent back-to-back to a server whose go.mod (2 000 requires) resolves through a
/// loopback HTTP proxy: memory must stay bounded (VmRSS sampled during the flood) and no URL may be requested twice
/// within its cache TTL (every request is logged by the proxy; the flood takes well under the 5-minute list TTL).
/// </summary>
internal static class FloodScenario
{
    public static async Task<FloodResult> RunAsync(BenchEnvironment environment, GeneratedGoMod goMod, string proxyRoot, int edits)
    {
        await using var proxy = LoopbackProxy.Start(proxyRoot);
        var (connection, _) = await environment.StartAsync(150, Lsp.Settings(proxy.Url, network: true));
        await using var _ = connection;
        var uri = new Uri(Path.Combine(environment.WorkDirectory, "flood", "go.mod")).AbsoluteUri;
        Directory.CreateDirectory(Path.Combine(environment.WorkDirectory, "flood"));
        connection.Notify("textDocument/didOpen", Lsp.DidOpen(uri, goMod.Text));
        await TypingScenario.WaitForVersionAsync(connection, uri, 1, TimeSpan.FromMinutes(2));
        await connection.WaitForQuietAsync(TimeSpan.FromSeconds(3), TimeSpan.FromMinutes(5));
        var (afterOpen, _) = connection.ReadMemory();
        var openRequests = proxy.Requests.Count;

        // Break/repair edits; an odd count ends on a broken version (no new URL: a broken version is never requested),
        // and that last version's publish can only come after every earlier notification was applied.
        var script = EditScript.Create(goMod, edits / 2 * 2 + 1);
        var samples = new List<long>();
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < script.Count; i++)
        {
            connection.Notify("textDocument/didChange", Lsp.DidChange(uri, i + 2, script[i]));
            if ((i + 1) % 1000 == 0)
            {
                samples.Add(connection.ReadMemory().RssKiB);
            }
        }

        var floodMs = BenchEnvironment.Ms(started, Stopwatch.GetTimestamp());
        await TypingScenario.WaitForVersionAsync(connection, uri, script.Count + 1, TimeSpan.FromMinutes(10));
        var drainedMs = BenchEnvironment.Ms(started, Stopwatch.GetTimestamp());
        await connection.WaitForQuietAsync(TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(10));
        var (settled, hwm) = connection.ReadMemory();
        if (int.TryParse(Environment.GetEnvironmentVariable("LSPBENCH_HOLD_MEMORY_S"), out var hold) && hold > 0)
        {
            Console.WriteLine($"flood run: server pid {connection.ProcessId} held for {hold} s");
            await Task.Delay(TimeSpan.FromSeconds(hold));
        }

        await connection.ShutdownAsync();

        var requests = proxy.Requests.ToList();
        var repeated = requests.GroupBy(r => r, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        return new FloodResult(script.Count, floodMs, drainedMs, afterOpen, samples, settled, hwm,
            openRequests, requests.Count, requests.Distinct(StringComparer.Ordinal).Count(), repeated);
    }
}

internal sealed record FloodResult(
    int Edits, double FloodMs, double DrainedMs, long RssAfterOpenKiB, IReadOnlyList<long> RssEvery1000KiB, long RssSettledKiB, long HwmKiB,
    int OpenRequests, int Requests, int DistinctUrls, IReadOnlyList<string> Repeated)
{
    public long RssMaxDuringKiB => RssEvery1000KiB.Count > 0 ? RssEvery1000KiB.Max() : RssAfterOpenKiB;
}
