using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using System.Text;

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
        var psi = new ProcessStartInfo(git)
        {
            WorkingDirectory = directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(false),
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        psi.ArgumentList.Add("credential");
        psi.ArgumentList.Add("fill");
        psi.Environment["GIT_TERMINAL_PROMPT"] = "0";
        psi.Environment["GIT_ASKPASS"] = "";
        psi.Environment["GCM_INTERACTIVE"] = "never";
        try
        {
            using var process = Process.Start(psi);
            if (process is null)
            {
                return null;
            }

            using var deadline = new CancellationTokenSource(_timeout);
            await process.StandardInput.WriteAsync($"url={url}\n");
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync(deadline.Token);
            _ = process.StandardError.ReadToEndAsync(deadline.Token);
            try
            {
                await process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                return null;
            }

            if (process.ExitCode != 0)
            {
                return null;
            }

            var (prefix, user, password) = Parse(await output);
            if (prefix.Length == 0 || user.Length == 0 || password.Length == 0 || !url.StartsWith(prefix, StringComparison.Ordinal))
            {
                return null; // go: no credential, or one for another URL
            }

            return new GitCredential(prefix, new NetworkCredential(user, password));
        }
        catch (Exception e) when (e is Win32Exception or IOException or InvalidOperationException or OperationCanceledException)
        {
            return null; // no git, or it went away: the 401 stands, as in go
        }
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
