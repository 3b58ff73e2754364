using System.Diagnostics;

namespace GoModLens.LspBenchmarks;

/// <summary>RSS with many go.mod files open: the largest corpus files, each opened under its own directory.</summary>
internal static class MemoryScenario
{
    public static IReadOnlyList<string> LargestCorpusFiles(string corpusDirectory, int count) =>
        [.. Directory.GetFiles(corpusDirectory, "*.mod").OrderByDescending(f => new FileInfo(f).Length).ThenBy(f => f, StringComparer.Ordinal).Take(count)];

    /// <summary>Every module@version a file requires or replaces with, read line by line (enough for a proxy tree).</summary>
    public static IEnumerable<ModuleVersion> ModulesOf(string text)
    {
        var inRequire = false;
        var inReplace = false;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Split("//", 2)[0].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (line == ")")
            {
                inRequire = inReplace = false;
                continue;
            }

            var fields = line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(f => f.Trim('"')).ToArray();
            if (fields[0] is "require" && fields.Length == 2 && fields[1] == "(")
            {
                inRequire = true;
                continue;
            }

            if (fields[0] is "replace" && fields.Length == 2 && fields[1] == "(")
            {
                inReplace = true;
                continue;
            }

            var entry = inRequire || inReplace ? fields : fields.Length > 1 ? fields[1..] : [];
            var isRequire = inRequire || fields[0] == "require";
            var isReplace = inReplace || fields[0] == "replace";
            if (isRequire && entry.Length >= 2)
            {
                yield return new ModuleVersion(entry[0], entry[1]);
            }
            else if (isReplace && Array.IndexOf(entry, "=>") is var arrow and >= 0 && entry.Length == arrow + 3)
            {
                yield return new ModuleVersion(entry[arrow + 1], entry[arrow + 2]);
            }
        }
    }

    public static async Task<MemoryResult> RunAsync(
        BenchEnvironment environment, IReadOnlyList<string> files, string? proxyUri, string name, bool withGoSum = false)
    {
        var (connection, _) = await environment.StartAsync(150, Lsp.Settings(proxyUri, network: proxyUri is not null));
        await using var _ = connection;
        await connection.WaitForQuietAsync(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30));
        var (idle, _) = connection.ReadMemory();

        var requires = 0;
        var uris = new List<string>();
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < files.Count; i++)
        {
            var text = await File.ReadAllTextAsync(files[i]);
            requires += ModulesOf(text).Count();
            var directory = Path.Combine(environment.WorkDirectory, "memory", $"m{i:D2}");
            Directory.CreateDirectory(directory);
            var path = Path.Combine(directory, "go.mod");
            await File.WriteAllTextAsync(path, text);
            if (withGoSum)
            {
                ModuleFixtures.WriteGoSum(directory, text); // --gosum: each module tidy, with its go.sum
            }

            var uri = new Uri(path).AbsoluteUri;
            uris.Add(uri);
            connection.Notify("textDocument/didOpen", Lsp.DidOpen(uri, text));
        }

        foreach (var uri in uris)
        {
            await TypingScenario.WaitForVersionAsync(connection, uri, 1, TimeSpan.FromMinutes(2));
        }

        // Forced quiet period: no notification and no progress for 5 s, so resolution is over and the GC had time.
        await connection.WaitForQuietAsync(TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(10));
        var settle = BenchEnvironment.Ms(start, connection.LastNotificationTimestamp);
        var (rss, hwm) = connection.ReadMemory();
        if (int.TryParse(Environment.GetEnvironmentVariable("LSPBENCH_HOLD_MEMORY_S"), out var hold) && hold > 0)
        {
            // Keeps the server alive for a heap snapshot (dotnet-gcdump collect -p PID).
            Console.WriteLine($"memory run '{name}': server pid {connection.ProcessId} held for {hold} s");
            await Task.Delay(TimeSpan.FromSeconds(hold));
        }

        await connection.ShutdownAsync();
        return new MemoryResult(name, files.Count, requires, idle, rss, hwm, settle);
    }
}
