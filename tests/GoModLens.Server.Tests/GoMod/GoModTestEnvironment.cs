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

    public string GoModUri => new Uri(Path.Combine(Project, "go.mod")).AbsoluteUri;

    public string GoSumUri => new Uri(Path.Combine(Project, "go.sum")).AbsoluteUri;

    public static string FileProxy() =>
        new Uri(ProxyTreeBuilder.Standard().WriteTo(GoOracle.NewScratchDir("tree"))).AbsoluteUri;

    public GoModAnalyzer CreateAnalyzer() => new(
        new InfrastructureEngineFactory(new InfrastructureEngineFactory.Settings(Mirrors, CacheDirectory: null, UseModuleCache: false, ProbeDirect: false)),
        new GoModAnalyzerOptions { ProcessEnvironment = Environment, BatchInterval = TimeSpan.Zero });
}
