namespace GoModLens.Analysis.Environment;

/// <summary>
/// Finds GOROOT the way cmd/go's findGOROOT does for locating $GOROOT/go.env: an explicit value first (the user GOENV
/// file's GOROOT, then $GOROOT), else the directory two (or three) levels above the <c>go</c> binary, following
/// symlinks, that contains pkg/tool. go always knows its own location; we may be started without go on PATH (an
/// editor launched from a desktop menu gets the login PATH, not the shell's), so the installers' standard locations
/// are tried last.
/// </summary>
public static class GoRootLocator
{
    /// <summary>Where the official installers and common packages put Go, per OS.</summary>
    public static IReadOnlyList<string> InstallLocations(GoEnvironmentInput input) => input.Os switch
    {
        GoOs.Windows => [input.Os.JoinPath(input.Env("ProgramFiles") ?? @"C:\Program Files", "Go"), @"C:\Go"],
        GoOs.MacOS => ["/usr/local/go", "/opt/homebrew/opt/go/libexec", "/usr/local/opt/go/libexec"],
        GoOs.Plan9 => ["/usr/local/go"],
        _ => ["/usr/local/go", "/usr/lib/go", "/usr/lib/golang", "/snap/go/current"],
    };

    public static string? Find(GoEnvironmentInput input, string? goRootFromEnvFile) => Find(input, goRootFromEnvFile, out _);

    /// <param name="foundAt">How GOROOT was found when it was not set: the go command on PATH, or a standard install location.</param>
    public static string? Find(GoEnvironmentInput input, string? goRootFromEnvFile, out string? foundAt)
    {
        foundAt = null;
        if (!string.IsNullOrEmpty(goRootFromEnvFile))
        {
            return goRootFromEnvFile;
        }

        if (input.Env("GOROOT") is { } fromEnv)
        {
            return fromEnv;
        }

        if (input.GoRoot is { Length: > 0 } provided)
        {
            return provided;
        }

        if (FindOnPath(input) is { } exe)
        {
            foundAt = "location of the go command on PATH";
            return Candidate(input, exe) ?? Candidate(input, input.Files.ResolveLinks(exe));
        }

        foreach (var dir in InstallLocations(input))
        {
            var installed = input.Os.JoinPath(dir, "bin", input.Os == GoOs.Windows ? "go.exe" : "go");
            if (input.Files.FileExists(installed) && (Candidate(input, installed) ?? Candidate(input, input.Files.ResolveLinks(installed))) is { } root)
            {
                foundAt = "standard install location; go is not on PATH";
                return root;
            }
        }

        return null;
    }

    /// <summary>The <c>go</c> executable on PATH, or null.</summary>
    public static string? FindOnPath(GoEnvironmentInput input) => FindOnPath(input, "go");

    /// <summary>An executable on PATH (<c>.exe</c> on Windows), e.g. a <c>go1.22.0</c> from golang.org/dl; null when absent.</summary>
    public static string? FindOnPath(GoEnvironmentInput input, string command)
    {
        var path = input.Env("PATH") ?? (input.Os == GoOs.Plan9 ? input.Env("path") : null);
        if (path is null)
        {
            return null;
        }

        var name = input.Os == GoOs.Windows ? command + ".exe" : command;
        foreach (var dir in path.Split(input.Os.ListSeparator()))
        {
            if (dir.Length == 0)
            {
                continue;
            }

            var candidate = input.Os.JoinPath(dir, name);
            if (input.Files.FileExists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static string? Candidate(GoEnvironmentInput input, string exe)
    {
        // GOROOT/bin/go or GOROOT/bin/GOOS_GOARCH/go (cross-compiled toolchains).
        var dir = Parent(exe);
        for (var up = 0; up < 2 && dir is not null; up++)
        {
            dir = Parent(dir);
            if (dir is not null && input.Files.DirectoryExists(input.Os.JoinPath(dir, "pkg", "tool")))
            {
                return dir;
            }
        }

        return null;
    }

    private static string? Parent(string path)
    {
        var trimmed = path.TrimEnd('/', '\\');
        var i = trimmed.LastIndexOfAny(['/', '\\']);
        return i <= 0 ? (i == 0 ? "/" : null) : trimmed[..i];
    }
}
