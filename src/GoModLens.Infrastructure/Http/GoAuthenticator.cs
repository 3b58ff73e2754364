using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using GoModLens.Analysis.Environment;
using GoModLens.Infrastructure.Processes;

namespace GoModLens.Infrastructure.Http;

/// <summary>
/// GOAUTH's <c>git dir</c> method and its commands (cmd/go/internal/auth), for https requests only:
/// <list type="bullet">
/// <item>before the first request every command runs once without arguments; the headers it prints are sent to every
/// URL under the prefixes it names;</item>
/// <item>after a 4xx, <c>git credential fill</c> and the commands run again with the URL (a command also gets the
/// response on stdin), and go repeats the request once with what they gave.</item>
/// </list>
/// Credentials are found as go finds them: the URL without <c>https://</c>, then its parents (path.Dir), longest first.
/// .netrc stays with the transport's own lookup. Commands and git are never asked to prompt; a second 4xx from the same
/// host within a minute reuses the last answer instead of starting them again.
/// </summary>
public sealed class GoAuthenticator
{
    private readonly IReadOnlyList<IReadOnlyList<string>> _commands;
    private readonly GitCredentialFill? _git;
    private readonly ConcurrentDictionary<string, IReadOnlyList<KeyValuePair<string, string>>> _byPrefix = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (Lazy<Task> Run, long Started)> _challenges = new(StringComparer.Ordinal);
    private readonly Lazy<Task> _initial;
    private readonly TimeSpan _timeout;

    public GoAuthenticator(GoAuthConfig config, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        _commands = config.Commands;
        _git = config.GitDirectory is { } directory ? new GitCredentialFill(directory) : null;
        _timeout = timeout ?? TimeSpan.FromSeconds(10);
        _initial = new Lazy<Task>(() => Task.WhenAll(_commands.Select(c => RunCommandAsync(c, null, null))));
    }

    /// <summary>Whether GOAUTH lists anything beyond .netrc.</summary>
    public bool IsActive => _git is not null || _commands.Count > 0;

    /// <summary>The headers stored for the longest prefix of <paramref name="url"/> (after the commands' first run).</summary>
    public async ValueTask<IReadOnlyList<KeyValuePair<string, string>>?> HeadersAsync(Uri url, CancellationToken cancellationToken)
    {
        if (_commands.Count > 0)
        {
            await _initial.Value.WaitAsync(cancellationToken);
        }

        return Lookup(url);
    }

    /// <summary>After a 4xx: asks git and the commands again for <paramref name="url"/>; then <see cref="HeadersAsync"/> has their answer.</summary>
    public Task ChallengeAsync(Uri url, string responseHead, CancellationToken cancellationToken)
    {
        var key = url.Scheme + "://" + url.Authority;
        var now = Environment.TickCount64;
        Lazy<Task> Start() => new(() => RunChallengeAsync(url, responseHead));
        var entry = _challenges.AddOrUpdate(key, _ => (Start(), now), (_, old) => now - old.Started < 60_000 ? old : (Start(), now));
        return entry.Run.Value.WaitAsync(cancellationToken);
    }

    private async Task RunChallengeAsync(Uri url, string responseHead)
    {
        var text = url.GetLeftPart(UriPartial.Query);
        if (_git is not null && await _git.FillAsync(url, CancellationToken.None) is { } git)
        {
            var basic = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(git.Credential.UserName + ":" + git.Credential.Password));
            _byPrefix[Trim(git.Prefix).TrimEnd('/')] = [new("Authorization", basic)];
        }

        await Task.WhenAll(_commands.Select(c => RunCommandAsync(c, text, responseHead)));
    }

    private IReadOnlyList<KeyValuePair<string, string>>? Lookup(Uri url)
    {
        // go: loadCredential(url without "https://"), then path.Dir of it until nothing is left.
        var current = Trim(url.GetLeftPart(UriPartial.Query));
        while (current.Length > 0 && current is not ("/" or "."))
        {
            if (_byPrefix.TryGetValue(current, out var headers))
            {
                return headers;
            }

            var slash = current.LastIndexOf('/');
            current = slash < 0 ? "" : current[..slash];
        }

        return null;
    }

    private static string Trim(string url) => url.StartsWith("https://", StringComparison.Ordinal) ? url["https://".Length..] : url;

    private async Task RunCommandAsync(IReadOnlyList<string> command, string? url, string? responseHead)
    {
        var start = new ProcessStartInfo(command[0]);
        foreach (var argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        if (url is not null)
        {
            start.ArgumentList.Add(url);
        }

        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        // go reports a command that fails and goes on without its credentials; so does the request here.
        if (await ChildProcess.RunAsync(start, responseHead, _timeout) is { TimedOut: false, ExitCode: 0 } run
            && ParseCommandOutput(run.Stdout) is { } credentials)
        {
            foreach (var (prefix, headers) in credentials)
            {
                _byPrefix[prefix] = headers;
            }
        }
    }

    /// <summary>
    /// go's parseUserAuth: blocks of https:// URL lines, a blank line, header lines, a blank line. Keys are the URLs
    /// without <c>https://</c>. Null when the output breaks the format (go then ignores the command's answer).
    /// </summary>
    internal static IReadOnlyList<(string Prefix, IReadOnlyList<KeyValuePair<string, string>> Headers)>? ParseCommandOutput(string output)
    {
        var lines = output.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var result = new List<(string, IReadOnlyList<KeyValuePair<string, string>>)>();
        var i = 0;
        while (i < lines.Length && !(i == lines.Length - 1 && lines[i].Length == 0))
        {
            var urls = new List<string>();
            for (; ; i++)
            {
                if (i >= lines.Length)
                {
                    return null;
                }

                var line = lines[i];
                if (line.Trim() != line)
                {
                    return null; // leading or trailing white space
                }

                if (line.Length == 0)
                {
                    i++;
                    break;
                }

                if (!line.StartsWith("https://", StringComparison.Ordinal))
                {
                    return null; // expected url prefix or empty line
                }

                urls.Add(line["https://".Length..]);
            }

            if (urls.Count == 0)
            {
                return null;
            }

            var headers = new List<KeyValuePair<string, string>>();
            for (; i < lines.Length && lines[i].Length > 0; i++)
            {
                var colon = lines[i].IndexOf(':', StringComparison.Ordinal);
                if (colon <= 0)
                {
                    return null;
                }

                headers.Add(new(lines[i][..colon].Trim(), lines[i][(colon + 1)..].Trim()));
            }

            i++; // the blank line after the headers
            result.AddRange(urls.Select(u => (u, (IReadOnlyList<KeyValuePair<string, string>>)headers)));
        }

        return result;
    }
}
