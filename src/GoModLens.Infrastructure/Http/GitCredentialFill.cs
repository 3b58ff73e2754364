using System.Diagnostics;
using System.Net;
using GoModLens.Infrastructure.Processes;

namespace GoModLens.Infrastructure.Http;

/// <summary>
/// GOAUTH's <c>git dir</c> method: after a 4xx over https, <c>git credential fill</c> runs in dir with the URL and its
/// answer is sent as Basic authentication (cmd/go/internal/auth, runGitAuth) to every URL under the prefix git named
/// (<see cref="GoAuthenticator"/> keeps it). The helper's cache is never changed (go's approve/reject is left out: GoModLens only reads).
/// git is told never to prompt.
/// </summary>
public sealed class GitCredentialFill(string directory, string git = "git", TimeSpan? timeout = null)
{
    private readonly TimeSpan _timeout = timeout ?? TimeSpan.FromSeconds(10);

    /// <summary>Asks git for a credential for <paramref name="url"/>; null when it has none or fails.</summary>
    public Task<GitCredential?> FillAsync(Uri url, CancellationToken cancellationToken) =>
        RunAsync(url.GetLeftPart(UriPartial.Path)).WaitAsync(cancellationToken);

    private async Task<GitCredential?> RunAsync(string url)
    {
        var start = new ProcessStartInfo(git) { WorkingDirectory = directory };
        start.ArgumentList.Add("credential");
        start.ArgumentList.Add("fill");
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        start.Environment["GIT_ASKPASS"] = "";
        start.Environment["GCM_INTERACTIVE"] = "never";
        var run = await ChildProcess.RunAsync(start, $"url={url}\n", _timeout);
        if (run is not { TimedOut: false, ExitCode: 0 })
        {
            return null; // no git, or no answer: the 4xx stands, as in go
        }

        var (prefix, user, password) = Parse(run.Stdout);
        return prefix.Length == 0 || user.Length == 0 || password.Length == 0 || !url.StartsWith(prefix, StringComparison.Ordinal)
            ? null // go: no credential, or one for another URL
            : new GitCredential(prefix, new NetworkCredential(user, password));
    }

    /// <summary>go's parseGitAuth: the prefix from protocol/host/path (or url=), the username and password.</summary>
    internal static (string Prefix, string User, string Password) Parse(string output)
    {
        string scheme = "", host = "", path = "", user = "", password = "";
        string? url = null;
        foreach (var raw in output.Split('\n'))
        {
            var line = raw.Trim();
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0)
            {
                continue;
            }

            var value = line[(eq + 1)..];
            switch (line[..eq])
            {
                case "protocol": scheme = value; break;
                case "host": host = value; break;
                case "path": path = value; break;
                case "username": user = value; break;
                case "password": password = value; break;
                case "url" when Uri.TryCreate(value, UriKind.Absolute, out var u): url = u.GetLeftPart(UriPartial.Path); break;
            }
        }

        var prefix = url ?? (scheme.Length == 0 && host.Length == 0 ? "" : scheme + "://" + host + (path.Length == 0 ? "" : "/" + path.TrimStart('/')));
        return (prefix, user, password);
    }
}

/// <summary>What <c>git credential fill</c> gave: the URL prefix it applies to and the username and password.</summary>
public sealed record GitCredential(string Prefix, NetworkCredential Credential);
