namespace GoModLens.Analysis.Environment;

/// <summary>The operating-system family as far as go's environment rules differ (config dir, home variable, list separator).</summary>
public enum GoOs
{
    Linux,
    MacOS,
    Windows,
    Plan9,
}

/// <summary>Per-OS conventions used by go's configuration code.</summary>
public static class GoOsConventions
{
    public static GoOs Current =>
        OperatingSystem.IsWindows() ? GoOs.Windows : OperatingSystem.IsMacOS() ? GoOs.MacOS : GoOs.Linux;

    /// <summary>os.PathListSeparator.</summary>
    public static char ListSeparator(this GoOs os) => os switch
    {
        GoOs.Windows => ';',
        GoOs.Plan9 => '\0',
        _ => ':',
    };

    /// <summary>The variable os.UserHomeDir reads.</summary>
    public static string HomeVariable(this GoOs os) => os switch
    {
        GoOs.Windows => "USERPROFILE",
        GoOs.Plan9 => "home",
        _ => "HOME",
    };

    /// <summary>filepath.Join for the given OS (no cleaning beyond separator handling).</summary>
    public static string JoinPath(this GoOs os, string dir, params string[] parts)
    {
        var sep = os == GoOs.Windows ? '\\' : '/';
        var result = dir;
        foreach (var part in parts)
        {
            var p = os == GoOs.Windows ? part.Replace('/', '\\') : part;
            result = result.Length == 0 ? p : result.TrimEnd(sep) + sep + p.TrimStart(sep);
        }

        return result;
    }

    /// <summary>filepath.IsAbs.</summary>
    public static bool IsAbsolutePath(this GoOs os, string path) => os == GoOs.Windows
        ? path.StartsWith(@"\\", StringComparison.Ordinal) || path.StartsWith("//", StringComparison.Ordinal)
            || (path.Length >= 3 && char.IsAsciiLetter(path[0]) && path[1] == ':' && path[2] is '\\' or '/')
        : path.StartsWith('/');

    /// <summary>filepath.Base: the last element, trailing separators (and a Windows drive) left out; "." for "".</summary>
    public static string PathBase(this GoOs os, string path)
    {
        bool IsSeparator(char c) => c == '/' || (os == GoOs.Windows && c == '\\');
        if (os == GoOs.Windows && path.Length >= 2 && char.IsAsciiLetter(path[0]) && path[1] == ':')
        {
            path = path[2..];
        }

        var end = path.Length;
        while (end > 0 && IsSeparator(path[end - 1]))
        {
            end--;
        }

        if (end == 0)
        {
            return path.Length == 0 ? "." : os == GoOs.Windows ? "\\" : "/";
        }

        var start = end;
        while (start > 0 && !IsSeparator(path[start - 1]))
        {
            start--;
        }

        return path[start..end];
    }
}
