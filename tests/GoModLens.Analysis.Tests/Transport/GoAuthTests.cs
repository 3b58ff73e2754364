using System.Text.Json;
using GoModLens.Analysis.Environment;
using GoModLens.Analysis.Resolution;
using GoModLens.Infrastructure.Composition;
using GoModLens.Infrastructure.Http;
using GoModLens.TestUtilities;
using GoModLens.TestUtilities.GitHost;

namespace GoModLens.Analysis.Tests.Transport;

/// <summary>
/// GOAUTH (go 1.24+): its parsing with go's errors, and the <c>git dir</c> method against go 1.26 — a private https
/// proxy that answers 401 until git's credential helper supplies the password.
/// </summary>
public sealed class GoAuthTests(FakeProxyFixture fixture) : IClassFixture<FakeProxyFixture>
{
    [Theory]
    [InlineData("", true, null, null)]
    [InlineData("netrc", true, null, null)]
    [InlineData("off", false, null, null)]
    [InlineData("git /home/me/src", false, "/home/me/src", null)]
    [InlineData("netrc; git '/a dir'", true, "/a dir", null)]
    [InlineData("off;netrc", false, null, "GOAUTH=off cannot be combined with other authentication commands (GOAUTH=off;netrc)")]
    [InlineData("git", false, null, "GOAUTH=git dir method requires an absolute path to the git working directory")]
    [InlineData("git src", false, null, "GOAUTH=git dir method requires an absolute path to the git working directory, dir is not absolute")]
    [InlineData("netrc;", false, null, "GOAUTH encountered an empty command (GOAUTH=netrc;)")]
    public void GOAUTH_parses_like_go(string value, bool netrc, string? gitDirectory, string? error)
    {
        var config = GoAuthConfig.Parse(value);
        Assert.Equal(error, config.Error);
        Assert.Equal(netrc, config.Netrc);
        Assert.Equal(gitDirectory, config.GitDirectory);
    }

    [Theory]
    [InlineData("protocol=https\nhost=h.example:8443\nusername=u\npassword=p\n", "https://h.example:8443", "u", "p")]
    [InlineData("protocol=https\nhost=h\npath=org/repo\nusername=u\npassword=p\n", "https://h/org/repo", "u", "p")]
    [InlineData("url=https://h/x\nusername=u\npassword=p\n", "https://h/x", "u", "p")]
    [InlineData("protocol=https\nhost=h\n", "https://h", "", "")]
    public void Git_credential_fill_output_parses_like_go(string output, string prefix, string user, string password) =>
        Assert.Equal((prefix, user, password), GitCredentialFill.Parse(output));

    [SkippableTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task GOAUTH_git_answers_a_401_from_the_credential_helper_as_go_does(bool helperKnowsThePassword)
    {
        GoOracle.Require();
        var goproxy = fixture.Proxy.Url("auth/alice/s3cret", https: true);
        var gitDirectory = GoOracle.NewScratchDir("goauth-git");
        var tree = new GitWorkTree(gitDirectory);
        tree.Git("init", "-q");
        var store = Path.Combine(gitDirectory, ".git-credentials");
        tree.Git("config", "credential.helper", "store --file=" + store);
        var authority = new Uri(goproxy).Authority;
        var stored = helperKnowsThePassword ? $"https://alice:s3cret@{authority}\n" : "";
        File.WriteAllText(store, stored);
        var env = new Dictionary<string, string?>
        {
            ["GOPROXY"] = goproxy,
            ["GOAUTH"] = "git " + gitDirectory,
            ["GOMODCACHE"] = GoOracle.NewScratchDir("modcache"),
            ["GOFLAGS"] = "-mod=mod",
            ["NETRC"] = Path.Combine(gitDirectory, "no-netrc"),
            ["SSL_CERT_FILE"] = fixture.Proxy.WriteCertificatePem(GoOracle.NewScratchDir("cert")),
        };

        var environment = GoEnvironment.Compute(new GoEnvironmentInput(GoOracle.EnvironmentWith(env), GoOs.Linux, PhysicalGoEnvFileSystem.Instance));
        using var engine = ResolutionEngineFactory.Create(environment, new EngineOptions
        {
            CacheDirectory = null, Mirrors = [], UseModuleCache = false, ProbeDirect = false,
            Http = new HttpTransportOptions { MaxRetries = 0, TrustedRoots = [fixture.Proxy.Certificate] },
        });
        var ours = await engine.Resolver.ResolveAsync("example.com/foo", "v1.0.0", engine.Options with { CheckLatest = false, SuggestMirrors = false }, CancellationToken.None);
        Assert.Equal(stored, File.ReadAllText(store)); // read, never approved or rejected into

        var work = GoOracle.NewScratchDir("goauth");
        File.WriteAllText(Path.Combine(work, "go.mod"), "module m\n\ngo 1.21\n");
        var go = GoOracle.Run(work, env, "list", "-m", "-e", "-json", "example.com/foo@v1.0.0");
        using var json = JsonDocument.Parse(go.Stdout);
        var goError = json.RootElement.TryGetProperty("Error", out var e) ? e.GetProperty("Err").GetString() : null;

        if (helperKnowsThePassword)
        {
            Assert.Null(goError);
            Assert.Equal(RequirementStatus.Resolved, ours.Status);
        }
        else
        {
            Assert.Contains("401 Unauthorized", goError, StringComparison.Ordinal);
            Assert.Equal(goError, ours.Failure!.GoMessage);
        }
    }
}
