namespace GoModLens.Analysis.Environment;

/// <summary>
/// GOAUTH (go 1.24+, cmd/go/internal/auth): a semicolon-separated list of how go authenticates https requests to
/// module proxies and go-get pages. <c>netrc</c> (the default), <c>git dir</c> (<c>git credential fill</c> run in
/// dir after a 4xx), <c>off</c>, or a command whose output lists headers per URL prefix.
/// </summary>
/// <param name="Netrc">.netrc credentials are used.</param>
/// <param name="GitDirectory">The absolute directory of the <c>git dir</c> method, if listed.</param>
/// <param name="Commands">Other commands (argument lists): run once without arguments, and again with the URL after a 4xx.</param>
/// <param name="Error">go's fatal error for a malformed value (every network command stops with it); null when valid.</param>
public sealed record GoAuthConfig(bool Netrc, string? GitDirectory, IReadOnlyList<IReadOnlyList<string>> Commands, string? Error)
{
    public static GoAuthConfig Parse(string goauth, bool windowsPaths = false)
    {
        var value = goauth.Length == 0 ? "netrc" : goauth;
        var netrc = false;
        string? git = null;
        var commands = new List<IReadOnlyList<string>>();
        var entries = value.Split(';');
        foreach (var entry in entries)
        {
            var parts = GoQuoted.Split(entry.Trim(), out var unterminated);
            GoAuthConfig Fail(string message) => new(false, null, [], message);
            if (unterminated is not null || parts.Count == 0)
            {
                return Fail($"GOAUTH encountered an empty command (GOAUTH={goauth})");
            }

            switch (parts[0])
            {
                case "off":
                    if (entries.Length != 1)
                    {
                        return Fail($"GOAUTH=off cannot be combined with other authentication commands (GOAUTH={goauth})");
                    }

                    return new GoAuthConfig(false, null, [], null);
                case "netrc":
                    netrc = true;
                    break;
                case "git":
                    if (parts.Count != 2)
                    {
                        return Fail("GOAUTH=git dir method requires an absolute path to the git working directory");
                    }

                    if (!(windowsPaths ? Path.IsPathFullyQualified(parts[1]) : parts[1].StartsWith('/')))
                    {
                        return Fail("GOAUTH=git dir method requires an absolute path to the git working directory, dir is not absolute");
                    }

                    git ??= parts[1];
                    break;
                default:
                    commands.Add(parts);
                    break;
            }
        }

        return new GoAuthConfig(netrc, git, commands, null);
    }
}
