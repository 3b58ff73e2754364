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
    [InlineData("git", true)]
    [InlineData("git", false)]
    [InlineData("command", true)]           // headers printed on the first, argument-less run
    [InlineData("command-after-4xx", true)] // headers only when run again with the URL and the 401 on stdin
    [InlineData("command", false)]
    public async Task GOAUTH_answers_a_private_proxy_as_go_does(string method, bool knowsThePassword)
    {
        GoOracle.Require();
        var goproxy = fixture.Proxy.Url("auth/alice/s3cret", https: true);
        var authority = new Uri(goproxy).Authority;
        var dir = GoOracle.NewScratchDir("goauth");
        var store = Path.Combine(dir, ".git-credentials");
        var stored = knowsThePassword ? $"https://alice:s3cret@{authority}\n" : "";
        string goauth;
        if (method == "git")
        {
            var tree = new GitWorkTree(dir);
            tree.Git("init", "-q");
            tree.Git("config", "credential.helper", "store --file=" + store);
            File.WriteAllText(store, stored);
            goauth = "git " + dir;
        }
        else
        {
            // A GOAUTH command: prints "URL, blank, headers, blank"; the -after-4xx one only when given the URL,
            // and only after reading the response go writes to its stdin.
            var header = "Authorization: Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(knowsThePassword ? "alice:s3cret" : "alice:wrong"));
            var script = Path.Combine(dir, "auth.sh");
            File.WriteAllText(script, "#!/bin/sh\n"
                + (method == "command-after-4xx" ? "[ -z \"$1\" ] && exit 0\nhead -1 | grep -q ' 401 ' || exit 1\n" : "")
                + $"printf 'https://{authority}\\n\\n{header}\\n\\n'\n");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
            goauth = script;
        }

        var env = new Dictionary<string, string?>
        {
            ["GOPROXY"] = goproxy,
            ["GOAUTH"] = goauth,
            ["GOMODCACHE"] = GoOracle.NewScratchDir("modcache"),
            ["GOFLAGS"] = "-mod=mod",
            ["SSL_CERT_FILE"] = fixture.Proxy.WriteCertificatePem(GoOracle.NewScratchDir("cert")),
        };

        var environment = GoEnvironment.Compute(new GoEnvironmentInput(GoOracle.EnvironmentWith(env), GoOs.Linux, PhysicalGoEnvFileSystem.Instance));
        using var engine = ResolutionEngineFactory.Create(environment, new EngineOptions
        {
            CacheDirectory = null, Mirrors = [], UseModuleCache = false, ProbeDirect = false,
            Http = new HttpTransportOptions { MaxRetries = 0, TrustedRoots = [fixture.Proxy.Certificate] },
        });
        var ours = await engine.Resolver.ResolveAsync("example.com/foo", "v1.0.0", engine.Options with { CheckLatest = false, SuggestMirrors = false }, CancellationToken.None);
        if (method == "git")
        {
            Assert.Equal(stored, File.ReadAllText(store)); // read, never approved or rejected into
        }

        var work = GoOracle.NewScratchDir("goauth-go");
        File.WriteAllText(Path.Combine(work, "go.mod"), "module m\n\ngo 1.21\n");
        var go = GoOracle.Run(work, env, "list", "-m", "-e", "-json", "example.com/foo@v1.0.0");
        using var json = JsonDocument.Parse(go.Stdout);
        var goError = json.RootElement.TryGetProperty("Error", out var e) ? e.GetProperty("Err").GetString() : null;

        if (knowsThePassword)
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

    [Fact]
    public void GOAUTH_command_output_parses_like_go()
    {
        var two = GoAuthenticator.ParseCommandOutput("https://a.example\nhttps://b.example/api\n\nAuthorization: Bearer t\nX-Extra: 1\n\nhttps://c.example\n\nX-C: c\n\n");
        Assert.NotNull(two);
        Assert.Equal(["a.example", "b.example/api", "c.example"], two.Select(c => c.Prefix));
        Assert.Equal([new("Authorization", "Bearer t"), new("X-Extra", "1")], two[0].Headers);
        Assert.Empty(GoAuthenticator.ParseCommandOutput("")!);
        Assert.Null(GoAuthenticator.ParseCommandOutput(" https://a.example\n\nA: b\n\n")); // leading white space
        Assert.Null(GoAuthenticator.ParseCommandOutput("http://a.example\n\nA: b\n\n"));  // not https
        Assert.Null(GoAuthenticator.ParseCommandOutput("\nA: b\n\n"));                     // no URL before the headers
    }
}
