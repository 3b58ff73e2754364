using System.Text.Json.Nodes;

namespace GoModLens.LspBenchmarks;

/// <summary>
/// Scratch directories and the isolated go environment every server process gets: its own HOME, GoModLens cache,
/// empty GOMODCACHE, no GOENV file, checksum database off, and a GOPROXY that never leaves the machine.
/// </summary>
internal sealed class BenchEnvironment(string serverPath, string workDirectory)
{
    private int _processCount;

    public string ServerPath { get; } = serverPath;

    public string WorkDirectory { get; } = workDirectory;

    public string StderrLogPath => Path.Combine(WorkDirectory, "server-stderr.log");

    /// <summary>Starts a server (fresh GoModLens cache unless <paramref name="cacheName"/> is shared), initializes it.</summary>
    public async Task<(LspConnection Connection, double InitializeMs)> StartAsync(int debounceMs, JsonObject settings, string? cacheName = null)
    {
        var n = Interlocked.Increment(ref _processCount);
        var home = Path.Combine(WorkDirectory, "home");
        var cache = Path.Combine(WorkDirectory, "cache", cacheName ?? $"p{n}");
        var modCache = Path.Combine(WorkDirectory, "modcache");
        Directory.CreateDirectory(home);
        Directory.CreateDirectory(cache);
        Directory.CreateDirectory(modCache);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["HOME"] = home,
            ["XDG_CACHE_HOME"] = cache,
            ["XDG_CONFIG_HOME"] = Path.Combine(home, ".config"),
            ["GOENV"] = "off",
            ["GOMODCACHE"] = modCache,
            ["GOPATH"] = Path.Combine(home, "go"),
            ["GOPROXY"] = "off",
            ["GOSUMDB"] = "off",
            ["GOPRIVATE"] = "",
            ["GONOPROXY"] = "",
            ["GONOSUMDB"] = "",
            ["GOFLAGS"] = "",
            ["GOTOOLCHAIN"] = "local",
            ["HTTPS_PROXY"] = "",
            ["HTTP_PROXY"] = "",
        };
        var launch = new ServerLaunch(ServerPath, debounceMs, environment, StderrLogPath);
        var connection = LspConnection.Start(launch);
        var rootUri = new Uri(Path.GetFullPath(WorkDirectory) + "/").AbsoluteUri;
        var (_, _, received) = await connection.RequestAsync("initialize", Lsp.InitializeParams(settings, rootUri), TimeSpan.FromSeconds(30));
        var initializeMs = Ms(connection.SpawnTimestamp, received);
        connection.Notify("initialized", new JsonObject());
        return (connection, initializeMs);
    }

    public static double Ms(long from, long to) => (to - from) * 1000.0 / System.Diagnostics.Stopwatch.Frequency;
}
