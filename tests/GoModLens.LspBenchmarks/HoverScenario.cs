using System.Text.Json;

namespace GoModLens.LspBenchmarks;

/// <summary>Hover on require lines once the open's network results have arrived (warm cache).</summary>
internal static class HoverScenario
{
    public static async Task<(Stats Latency, int NonEmpty)> RunAsync(BenchEnvironment environment, GeneratedGoMod goMod, string proxyUri, int count)
    {
        var (connection, _) = await environment.StartAsync(150, Lsp.Settings(proxyUri, network: true));
        await using var _ = connection;
        var uri = new Uri(Path.Combine(environment.WorkDirectory, "big", "go.mod")).AbsoluteUri;
        connection.Notify("textDocument/didOpen", Lsp.DidOpen(uri, goMod.Text));
        await TypingScenario.WaitForVersionAsync(connection, uri, 1, TimeSpan.FromSeconds(30));
        await connection.WaitForQuietAsync(TimeSpan.FromSeconds(1.5), TimeSpan.FromMinutes(5));

        var latencies = new double[count];
        var nonEmpty = 0;
        for (var i = 0; i < count; i++)
        {
            var target = goMod.Requires[i * 13 % goMod.Requires.Count];
            var (result, sent, received) = await connection.RequestAsync(
                "textDocument/hover", Lsp.Hover(uri, target.Line, target.PathStart + 3), TimeSpan.FromSeconds(30));
            latencies[i] = BenchEnvironment.Ms(sent, received);
            if (result.ValueKind == JsonValueKind.Object)
            {
                nonEmpty++;
            }
        }

        await connection.ShutdownAsync();
        return (Stats.Of(latencies), nonEmpty);
    }
}
