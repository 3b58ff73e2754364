using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using Xunit;

namespace GoModLens.TestUtilities.GitHost;

/// <summary>
/// tests/tools/githost/vanity_git_host.py on 127.0.0.1: a go-get page and a git smart-HTTP server for any host name,
/// reached as an HTTP forward proxy, so module paths like <c>example.test/lib</c> work without DNS. Both go and
/// GoModLens (and the git they run) use it through HTTP_PROXY/http_proxy; GOINSECURE lets go fall back to http.
/// Repository names pick faults (private*, broken*, gone*, hang*, nometa*; see the script), and tls.* hosts an untrusted
/// certificate.
/// </summary>
public sealed class VanityGitHost : IAsyncDisposable
{
    private readonly Process _process;

    private VanityGitHost(Process process, string root, string log, int port)
    {
        _process = process;
        Root = root;
        LogPath = log;
        ProxyUrl = "http://127.0.0.1:" + port;
    }

    /// <summary>Where the bare repositories live (<c>&lt;name&gt;.git</c>).</summary>
    public string Root { get; }

    /// <summary>The request log: one <c>METHOD url</c> line per request.</summary>
    public string LogPath { get; }

    /// <summary>Use as HTTP_PROXY/HTTPS_PROXY/http_proxy.</summary>
    public string ProxyUrl { get; }

    /// <summary>Every request so far.</summary>
    public IReadOnlyList<string> Requests => File.Exists(LogPath) ? File.ReadAllLines(LogPath) : [];

    /// <summary>The proxy variables go, .NET and git read (git's curl reads only the lower-case http_proxy).</summary>
    public IReadOnlyDictionary<string, string?> ProxyEnvironment => new Dictionary<string, string?>
    {
        ["HTTP_PROXY"] = ProxyUrl,
        ["HTTPS_PROXY"] = ProxyUrl,
        ["http_proxy"] = ProxyUrl,
        ["https_proxy"] = ProxyUrl,
        ["NO_PROXY"] = null,
        ["no_proxy"] = null,
    };

    /// <summary>
    /// go's environment for fetching example.test modules directly from this host: GOPROXY=direct, example.test private
    /// and insecure (the host speaks http), this host as the HTTP proxy, <paramref name="modCache"/> as GOMODCACHE.
    /// </summary>
    public Dictionary<string, string?> DirectEnvironment(string modCache) => new(ProxyEnvironment)
    {
        ["GOPROXY"] = "direct",
        ["GOPRIVATE"] = "example.test",
        ["GOINSECURE"] = "example.test",
        ["GOMODCACHE"] = modCache,
        ["GOFLAGS"] = "-mod=mod",
    };

    /// <summary>Starts the host; skips the test when python3 or git is missing (fails under CI=true, which installs both).</summary>
    public static async Task<VanityGitHost> StartAsync()
    {
        foreach (var tool in (string[])["python3", "git"])
        {
            if (!OnPath(tool))
            {
                if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
                {
                    throw new InvalidOperationException(tool + " is required under CI=true");
                }

                Skip.If(true, tool + " not installed");
            }
        }

        var dir = GoOracle.NewScratchDir("githost");
        var root = Directory.CreateDirectory(Path.Combine(dir, "repos")).FullName;
        var log = Path.Combine(dir, "requests.log");
        var psi = new ProcessStartInfo("python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // tls.* hosts answer CONNECT with a certificate no client trusts.
        var cert = Path.Combine(dir, "untrusted.pem");
        using (var certificate = FakeProxy.FakeModuleProxy.CreateSelfSignedCertificate())
        using (var key = certificate.GetRSAPrivateKey()!)
        {
            File.WriteAllText(cert, certificate.ExportCertificatePem() + "\n" + key.ExportPkcs8PrivateKeyPem() + "\n");
        }

        foreach (var a in (string[])[Path.Combine(RepoPaths.Root, "tests", "tools", "githost", "vanity_git_host.py"), "0", root, log, cert])
        {
            psi.ArgumentList.Add(a);
        }

        var process = Process.Start(psi) ?? throw new InvalidOperationException("python3 did not start");
        var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20));
        if (!int.TryParse(line, out var port))
        {
            process.Kill();
            throw new InvalidOperationException("vanity_git_host.py did not start: " + line + await process.StandardError.ReadToEndAsync());
        }

        return new VanityGitHost(process, root, log, port);
    }

    /// <summary>
    /// Creates <c>&lt;name&gt;.git</c> from a work tree whose history <paramref name="build"/> writes (commits and tags
    /// through <see cref="GitWorkTree"/>). <paramref name="allowFilter"/>: the server offers partial clone, as GitHub
    /// and GitLab do; without it a fetch brings whole trees.
    /// </summary>
    public void AddRepository(string name, Action<GitWorkTree> build, bool allowFilter = true)
    {
        var work = GoOracle.NewScratchDir("work-" + name);
        var tree = new GitWorkTree(work);
        tree.Git("init", "-q", "-b", "main");
        build(tree);
        var bare = Path.Combine(Root, name + ".git");
        GitWorkTree.Run(Root, "git", "clone", "-q", "--bare", work, bare);
        GitWorkTree.Run(bare, "git", "config", "uploadpack.allowFilter", allowFilter ? "true" : "false");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
    }

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).Any(d => File.Exists(Path.Combine(d, tool)));
}

/// <summary>A git work tree in which tests write files, commit and tag (fixed author and dates: reproducible commits).</summary>
public sealed class GitWorkTree(string directory)
{
    public string Directory { get; } = directory;

    public GitWorkTree Write(string relativePath, string text)
    {
        var path = Path.Combine(Directory, relativePath);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return this;
    }

    /// <summary>Commits everything written; <paramref name="date"/> (ISO 8601) instead of the fixed test date.</summary>
    public GitWorkTree Commit(string message, string? date = null)
    {
        Git("add", "-A");
        RunAt(Directory, date ?? FixedDate, "git", "commit", "-q", "--allow-empty", "-m", message);
        return this;
    }

    private const string FixedDate = "2024-01-02T03:04:05Z";

    /// <summary>Tags HEAD; <paramref name="annotated"/> makes an annotated tag (ls-remote then shows it peeled too).</summary>
    public GitWorkTree Tag(string tag, bool annotated = false)
    {
        if (annotated)
        {
            Git("tag", "-a", "-m", tag, tag);
        }
        else
        {
            Git("tag", tag);
        }

        return this;
    }

    /// <summary>The full commit hash of HEAD.</summary>
    public string Head => Git("rev-parse", "HEAD").Trim();

    public string Git(params string[] args) => Run(Directory, "git", args);

    internal static string Run(string workDir, string file, params string[] args) => RunAt(workDir, FixedDate, file, args);

    private static string RunAt(string workDir, string date, string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { WorkingDirectory = workDir, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["GIT_AUTHOR_NAME"] = psi.Environment["GIT_COMMITTER_NAME"] = "GoModLens Tests";
        psi.Environment["GIT_AUTHOR_EMAIL"] = psi.Environment["GIT_COMMITTER_EMAIL"] = "tests@example.test";
        psi.Environment["GIT_AUTHOR_DATE"] = psi.Environment["GIT_COMMITTER_DATE"] = date;
        psi.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        psi.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed in {workDir}: {stderr}");
        }

        return stdout.Result;
    }
}
