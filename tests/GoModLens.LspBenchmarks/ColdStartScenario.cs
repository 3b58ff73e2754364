namespace GoModLens.LspBenchmarks;

/// <summary>Process spawn → initialize response, each time a new process with an empty GoModLens cache.</summary>
internal static class ColdStartScenario
{
    public static async Task<IReadOnlyList<double>> RunAsync(BenchEnvironment environment, int runs)
    {
        var samples = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var (connection, initializeMs) = await environment.StartAsync(150, Lsp.Settings(null, network: false));
            await using (connection)
            {
                samples.Add(initializeMs);
                await connection.ShutdownAsync();
            }
        }

        return samples;
    }
}
