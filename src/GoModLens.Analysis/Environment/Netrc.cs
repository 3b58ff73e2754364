namespace GoModLens.Analysis.Environment;

/// <summary>One complete .netrc entry (machine, login and password all non-empty).</summary>
public sealed record NetrcEntry(string Machine, string Login, string Password)
{
    /// <summary>Never print the password.</summary>
    public override string ToString() => "machine " + Machine + " login " + Login + " password xxxxx";
}

/// <summary>.netrc location and parsing exactly as cmd/go's auth/netrc.go.</summary>
public static class Netrc
{
    /// <summary>$NETRC, else (Windows) %USERPROFILE%\_netrc if it exists, else ~/.netrc.</summary>
    public static string? Locate(GoEnvironmentInput input)
    {
        if (input.Env("NETRC") is { } explicitPath)
        {
            return explicitPath;
        }

        if (input.Env(input.Os.HomeVariable()) is not { } home)
        {
            return null;
        }

        if (input.Os == GoOs.Windows)
        {
            var legacy = input.Os.JoinPath(home, "_netrc");
            if (input.Files.FileExists(legacy))
            {
                return legacy;
            }
        }

        return input.Os.JoinPath(home, ".netrc");
    }

    /// <summary>
    /// Whitespace-separated tokens are taken pairwise per line; <c>machine</c> starts an entry, which is recorded once
    /// machine, login and password are non-empty; <c>macdef</c> skips the following lines up to an empty line; a
    /// <c>default</c> token left over at the end of a line stops parsing (go's quirk: elsewhere it is ignored).
    /// </summary>
    public static IReadOnlyList<NetrcEntry> Parse(string data)
    {
        var result = new List<NetrcEntry>();
        string machine = "", login = "", password = "";
        var inMacro = false;
        foreach (var line in data.Split('\n'))
        {
            if (inMacro)
            {
                if (line.Length == 0)
                {
                    inMacro = false;
                }

                continue;
            }

            var f = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            var i = 0;
            for (; i < f.Length - 1; i += 2)
            {
                switch (f[i])
                {
                    case "machine":
                        machine = f[i + 1];
                        login = "";
                        password = "";
                        break;
                    case "login":
                        login = f[i + 1];
                        break;
                    case "password":
                        password = f[i + 1];
                        break;
                    case "macdef":
                        inMacro = true;
                        break;
                }

                if (machine.Length > 0 && login.Length > 0 && password.Length > 0)
                {
                    result.Add(new NetrcEntry(machine, login, password));
                    machine = login = password = "";
                }
            }

            if (i < f.Length && f[i] == "default")
            {
                break;
            }
        }

        return result;
    }
}
