using System.Diagnostics;
using System.Text.Json.Nodes;

namespace GoModLens.LspBenchmarks;

/// <summary>didChange → publishDiagnostics on the generated go.mod, for one debounce / network / pacing setting.</summary>
internal static class TypingScenario
{
    public static async Task<TypingResult> RunAsync(
        BenchEnvironment environment, GeneratedGoMod goMod, IReadOnlyList<SingleCharEdit> edits, string name,
        int debounceMs, JsonObject settings, Pacing pacing, int warmupEdits)
    {
        var (connection, _) = await environment.StartAsync(debounceMs, settings);
        await using var _ = connection;
        var uri = new Uri(Path.Combine(environment.WorkDirectory, "big", "go.mod")).AbsoluteUri;
        var opened = connection.Notify("textDocument/didOpen", Lsp.DidOpen(uri, goMod.Text));
        await WaitForVersionAsync(connection, uri, 1, TimeSpan.FromSeconds(30));

        // Let the open's network stage finish (all requires resolved once) before typing starts.
        await connection.WaitForQuietAsync(TimeSpan.FromSeconds(1.5), TimeSpan.FromMinutes(5));
        var settle = Ms(opened, connection.LastNotificationTimestamp);

        // Warm-up: the script's first (even number of) edits, which leave the text as it was, so the measured edits
        // run on tiered-up code, like in an editor that has been open for a while.
        var version = 1;
        var warmup = warmupEdits / 2 * 2;
        for (var i = 0; i < warmup; i++)
        {
            connection.Notify("textDocument/didChange", Lsp.DidChange(uri, ++version, edits[i % edits.Count]));
            await Task.Delay(30);
        }

        if (warmup > 0)
        {
            // The warm-up's last state equals the opened text (already published), so wait by time, not by version.
            await Task.Delay(1000 + debounceMs);
            await connection.WaitForQuietAsync(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5));
        }

        var first = version + 1;
        var baseline = connection.Publishes.Count;

        var random = new Random(42);
        var sent = new long[edits.Count];
        var burstEnds = new List<int>();
        var next = Stopwatch.GetTimestamp();
        var burstLeft = 0;
        for (var i = 0; i < edits.Count; i++)
        {
            if (pacing != Pacing.BackToBack)
            {
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), next);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait);
                }
            }

            sent[i] = connection.Notify("textDocument/didChange", Lsp.DidChange(uri, first + i, edits[i]));
            var gapMs = random.Next(20, 51);
            if (pacing == Pacing.Bursts)
            {
                if (burstLeft == 0)
                {
                    burstLeft = (random.Next(3) * 2) + 1;
                }

                burstLeft--;
                if (burstLeft == 0 || i == edits.Count - 1)
                {
                    burstEnds.Add(i);
                    gapMs = 400;
                }
            }

            next = Stopwatch.GetTimestamp() + (gapMs * Stopwatch.Frequency / 1000);
        }

        await WaitForVersionAsync(connection, uri, first + edits.Count - 1, TimeSpan.FromSeconds(60));
        var publishes = connection.Publishes.Skip(baseline).Where(p => p.Uri == uri).ToList();
        var latencies = new double[edits.Count];
        var exact = 0;
        for (var i = 0; i < edits.Count; i++)
        {
            var v = first + i;
            var answer = publishes.First(p => p.Version >= v && p.Timestamp >= sent[i]);
            latencies[i] = Ms(sent[i], answer.Timestamp);
            if (publishes.Any(p => p.Version == v))
            {
                exact++;
            }
        }

        if (System.Environment.GetEnvironmentVariable("LSPBENCH_TRACE") is "1")
        {
            // Debug aid: every send and every publish, relative to the first send.
            foreach (var (i, t) in sent.Select((t, i) => (i, t)))
            {
                Console.Error.WriteLine($"send v{first + i} {Ms(sent[0], t):0.0} {edits[i].Kind}");
            }

            foreach (var p in publishes)
            {
                Console.Error.WriteLine($"publish v{p.Version} {Ms(sent[0], p.Timestamp):0.0} n={p.DiagnosticCount}");
            }
        }

        await connection.ShutdownAsync();
        return new TypingResult(
            name,
            Stats.Of(latencies),
            pacing == Pacing.Bursts ? Stats.Of([.. burstEnds.Select(i => latencies[i])]) : null,
            exact,
            edits.Count,
            publishes.Count,
            settle);
    }

    public static async Task WaitForVersionAsync(LspConnection connection, string uri, int version, TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (!connection.Publishes.Any(p => p.Uri == uri && p.Version >= version))
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"no publishDiagnostics for {uri} version ≥ {version} within {timeout.TotalSeconds:0} s");
            }

            await Task.Delay(5);
        }
    }

    private static double Ms(long from, long to) => BenchEnvironment.Ms(from, to);
}
