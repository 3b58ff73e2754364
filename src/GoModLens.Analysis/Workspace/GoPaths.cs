namespace GoModLens.Analysis.Workspace;

/// <summary>Paths as the go command prints them.</summary>
public static class GoPaths
{
    /// <summary>base.ShortPath: <paramref name="path"/> relative to <paramref name="workingDirectory"/> when that is shorter.</summary>
    public static string ShortPath(string path, string workingDirectory)
    {
        var relative = Path.GetRelativePath(workingDirectory, path);
        return relative.Length < path.Length && !Path.IsPathRooted(relative) ? relative : path;
    }

    /// <summary>Do two paths name the same directory (after making them absolute)?</summary>
    public static bool SameDirectory(string a, string b) =>
        string.Equals(Path.TrimEndingDirectorySeparator(Path.GetFullPath(a)), Path.TrimEndingDirectorySeparator(Path.GetFullPath(b)),
            OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
}
