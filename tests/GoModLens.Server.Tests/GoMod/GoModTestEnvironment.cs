using GoModLens.Host.Serve;
using GoModLens.Server.Features.GoMod;
using GoModLens.TestUtilities;
using GoModLens.TestUtilities.ProxyTree;

namespace GoModLens.Server.Tests.GoMod;

/// <summary>
/// An isolated go environment for one test: a temp project dir, a temp GOENV file, an empty module cache and a
/// file:// (or loopback) GOPROXY. The real user's go env file is never read or written.
/// </summary>
internal sealed class GoModTestEnvironment
{
    public GoModTestEnvironment(string goProxy, string? goPrivate = null, IReadOnlyList<Uri>? mirrors = null)
    {
        Root = GoOracle.NewScratchDir("gomodlsp");
        Project = Directory.CreateDirectory(Path.Combine(Root, "project")).FullName;
        GoEnvFile = Path.Combine(Root, "config", "go", "env");
        Environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["HOME"] = Root,
            ["XDG_CONFIG_HOME"] = Path.Combine(Root, "config"),
            ["GOENV"] = GoEnvFile,
            ["GOPROXY"] = goProxy,
            ["GOMODCACHE"] = Path.Combine(Root, "modcache"),
            ["GOPATH"] = Path.Combine(Root, "gopath"),
            ["GOFLAGS"] = "-mod=mod",
            ["GONOSUMDB"] = "",
            ["GOSUMDB"] = "off",
            ["PATH"] = System.Environment.GetEnvironmentVariable("PATH") ?? "",
        };
        if (goPrivate is not null)
        {
            Environment["GOPRIVATE"] = goPrivate;
        }

        Mirrors = mirrors ?? [];
    }

    public string Root { get; }

    public string Project { get; }

    public string GoEnvFile { get; }

    public Dictionary<string, string> Environment { get; }

    public IReadOnlyList<Uri> Mirrors { get; }

    /// <summary>Writes one file of go's download cache: $GOMODCACHE/cache/download/&lt;escaped path&gt;/@v/&lt;escaped version&gt;&lt;extension&gt;.</summary>
    public void WriteModuleCache(string modulePath, string version, string extension, byte[] content)
    {
        Assert.True(ModFile.Module.ModulePath.TryEscapePath(modulePath, out var path, out _));
        Assert.True(ModFile.Module.ModulePath.TryEscapeVersion(version, out var escapedVersion, out _));
        var dir = Path.Combine(Environment["GOMODCACHE"], "cache", "download", path.Replace('/', Path.DirectorySeparatorChar), "@v");
        Directory.CreateDirectory(dir);
        File.WriteAllBytes(Path.Combine(dir, escapedVersion + extension), content);
    }

    public string GoModUri => new Uri(Path.Combine(Project, "go.mod")).AbsoluteUri;

    public string GoSumUri => new Uri(Path.Combine(Project, "go.sum")).AbsoluteUri;

    public static string FileProxy() =>
        new Uri(ProxyTreeBuilder.Standard().WriteTo(GoOracle.NewScratchDir("tree"))).AbsoluteUri;

    /// <summary>Every host name GoModLens connects to goes through this; non-loopback names fail at once, without DNS.</summary>
    public RecordingHostResolver Hosts { get; } = new();

    /// <param name="builtInPublicMirrors">Keep the real public mirror list (only with mirrors.public=false or to prove the recorder sees them: their DNS always fails here).</param>
    /// <param name="useModuleCache">Read this test's GOMODCACHE first, as go (and the shipped server) does.</param>
    /// <param name="checksumDatabaseMirror">Where sum.golang.org is also served (a loopback URL in tests; null: nowhere).</param>
    /// <param name="directGit">Follow go's direct path with git run this way (tests point it at a loopback git host); null = do not.</param>
    public GoModAnalyzer CreateAnalyzer(bool builtInPublicMirrors = false, GoModAnalyzerOptions? options = null, bool useModuleCache = false,
        string? checksumDatabaseMirror = null, GoModLens.Infrastructure.Vcs.GitCommandOptions? directGit = null) => new(
        new InfrastructureEngineFactory(new InfrastructureEngineFactory.Settings(builtInPublicMirrors ? null : Mirrors, CacheDirectory: null,
            UseModuleCache: useModuleCache, ProbeDirect: directGit is not null, HostResolver: Hosts, ChecksumDatabaseMirror: checksumDatabaseMirror, Git: directGit)),
        (options ?? new GoModAnalyzerOptions()) with { ProcessEnvironment = Environment, BatchInterval = TimeSpan.Zero });

    /// <summary>
    /// The environment without its GOFLAGS=-mod=mod: go's default -mod then applies (readonly; vendor when vendor/
    /// exists), and workspace mode, which refuses -mod=mod, works.
    /// </summary>
    internal static GoModTestEnvironment WithDefaultGoFlags(string goProxy)
    {
        var env = new GoModTestEnvironment(goProxy);
        env.Environment.Remove("GOFLAGS");
        return env;
    }

    /// <summary>
    /// For the commands that run go (go mod download, go mod vendor, go get, go mod tidy): go's default GOFLAGS (no
    /// -mod) and the oracle go as the GOROOT the server runs (it is not on PATH here). Skips without go 1.26.
    /// </summary>
    internal static GoModTestEnvironment RunningGo(string goProxy)
    {
        var go = GoOracle.Require();
        var env = WithDefaultGoFlags(goProxy);
        env.Environment["GOROOT"] = Path.GetDirectoryName(Path.GetDirectoryName(go))!;
        env.Environment["GOTOOLCHAIN"] = "local";
        env.Environment["GOFLAGS"] = "-modcacherw"; // lets the test's scratch cleanup remove the module cache go writes
        return env;
    }

    /// <summary>A module zip's one package, <c>package name; func F()</c>, for a proxy tree.</summary>
    internal static Dictionary<string, string> Package(string name) => new() { [$"{name}.go"] = $"package {name}\n\nfunc F() {{}}\n" };

    /// <summary>Writes <paramref name="relative"/> under <paramref name="root"/>, creating its directories.</summary>
    internal static void Write(string root, string relative, string text)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    /// <summary>Polls <paramref name="read"/> until <paramref name="done"/> holds or 10 s pass; returns the last value.</summary>
    internal static async Task<T> UntilAsync<T>(Func<T> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var value = await Task.Run(read);
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(50);
        }
    }
}
