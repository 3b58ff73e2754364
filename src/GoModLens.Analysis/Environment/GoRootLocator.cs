namespace GoModLens.Analysis.Environment;

/// <summary>
/// Finds GOROOT the way cmd/go's findGOROOT does for locating $GOROOT/go.env: an explicit value first (the user GOENV
/// file's GOROOT, then $GOROOT), else the directory two (or three) levels above the <c>go</c> binary, following
/// symlinks, that contains pkg/tool.
/// </summary>
public static class GoRootLocator
{
    public static string? Find(GoEnvironmentInput input, string? goRootFromEnvFile)
    {
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

        var exe = FindOnPath(input);
        if (exe is null)
        {
            return null;
        }

        return Candidate(input, exe) ?? Candidate(input, input.Files.ResolveLinks(exe));
    }

    /// <summary>The <c>go</c> executable on PATH, or null.</summary>
    public static string? FindOnPath(GoEnvironmentInput input)
    {
        var path = input.Env("PATH") ?? (input.Os == GoOs.Plan9 ? input.Env("path") : null);
        if (path is null)
        {
            return null;
        }

        var name = input.Os == GoOs.Windows ? "go.exe" : "go";
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
