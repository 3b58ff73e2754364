namespace GoModLens.Analysis.Environment;

/// <summary>
/// Reading a GOENV file or $GOROOT/go.env the way cmd/go does (cfg.readEnvFile): lines split on '\n'; a line counts
/// only if it has '=' and starts with an ASCII upper-case letter; key = text before the first '=', value = the rest
/// verbatim (no trimming or unquoting, a trailing '\r' stays); the last duplicate wins. Everything else is ignored.
/// </summary>
public static class GoEnvFile
{
    public static IReadOnlyDictionary<string, string> Parse(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0 || line[0] is < 'A' or > 'Z')
            {
                continue;
            }

            result[line[..eq]] = line[(eq + 1)..];
        }

        return result;
    }

    /// <summary>Where the user GOENV file is (cfg.EnvFile). <paramref name="error"/> is go's reason when there is none.</summary>
    /// <param name="explicitlySet">True when the path came from $GOENV.</param>
    public static string? Locate(GoEnvironmentInput input, out bool explicitlySet, out string? error)
    {
        explicitlySet = false;
        error = null;
        if (input.Env("GOENV") is { } goenv)
        {
            if (goenv == "off")
            {
                error = "GOENV=off";
                return null;
            }

            explicitlySet = true;
            return goenv;
        }

        var dir = UserConfigDir(input, out error);
        if (dir is null)
        {
            return null;
        }

        return input.Os.JoinPath(dir, "go", "env");
    }

    /// <summary>os.UserConfigDir.</summary>
    public static string? UserConfigDir(GoEnvironmentInput input, out string? error)
    {
        error = null;
        switch (input.Os)
        {
            case GoOs.Windows:
                if (input.Env("AppData") is { } appData)
                {
                    return appData;
                }

                error = "%AppData% is not defined";
                return null;
            case GoOs.MacOS:
                if (input.Env("HOME") is { } home)
                {
                    return home + "/Library/Application Support";
                }

                error = "$HOME is not defined";
                return null;
            case GoOs.Plan9:
                if (input.Env("home") is { } home9)
                {
                    return home9 + "/lib";
                }

                error = "$home is not defined";
                return null;
            default:
                if (input.Env("XDG_CONFIG_HOME") is { } xdg)
                {
                    if (!xdg.StartsWith('/'))
                    {
                        error = "path in $XDG_CONFIG_HOME is relative";
                        return null;
                    }

                    return xdg;
                }

                if (input.Env("HOME") is { } unixHome)
                {
                    return unixHome + "/.config";
                }

                error = "neither $XDG_CONFIG_HOME nor $HOME are defined";
                return null;
        }
    }
}
