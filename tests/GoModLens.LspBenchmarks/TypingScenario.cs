using System.Diagnostics;
using System.Text.Json.Nodes;

namespace GoModLens.LspBenchmarks;

/// <summary>didChange → publishDiagnostics on the generated go.mod, for one debounce / network / pacing setting.</summary>
internal static class TypingScenario
{
    public static async Task<TypingResult> RunAsync(
        BenchEnvironment environment, GeneratedGoMod goMod, IReadOnlyList<SingleCharEdit> edits, string name,
        int debounceMs, JsonObject settings, Pacing pacing)
    {
        var (connection, _) = await environment.StartAsync(debounceMs, settings);
        await using var _ = connection;
        var uri = new Uri(Path.Combine(environment.WorkDirectory, "big", "go.mod")).AbsoluteUri;
        var opened = connection.Notify("textDocument/didOpen", Lsp.DidOpen(uri, goMod.Text));
        await WaitForVersionAsync(connection, uri, 1, TimeSpan.FromSeconds(30));

        // Let the open's network stage finish (all requires resolved once) before typing starts.
        await connection.WaitForQuietAsync(TimeSpan.FromSeconds(1.5), TimeSpan.FromMinutes(5));
        var settle = Ms(opened, connection.LastNotificationTimestamp);
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

            sent[i] = connection.Notify("textDocument/didChange", Lsp.DidChange(uri, i + 2, edits[i]));
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

        await WaitForVersionAsync(connection, uri, edits.Count + 1, TimeSpan.FromSeconds(60));
        var publishes = connection.Publishes.Skip(baseline).Where(p => p.Uri == uri).ToList();
        var latencies = new double[edits.Count];
        var exact = 0;
        for (var i = 0; i < edits.Count; i++)
        {
            var version = i + 2;
            var first = publishes.First(p => p.Version >= version && p.Timestamp >= sent[i]);
            latencies[i] = Ms(sent[i], first.Timestamp);
            if (publishes.Any(p => p.Version == version))
            {
                exact++;
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
