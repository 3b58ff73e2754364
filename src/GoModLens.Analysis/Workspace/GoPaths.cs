namespace GoModLens.Analysis.Workspace;

/// <summary>Paths as the go command prints them.</summary>
public static class GoPaths
{
    /// <summary>base.ShortPath: <paramref name="path"/> relative to <paramref name="workingDirectory"/> when that is shorter.</summary>
    public static string ShortPath(string path, string workingDirectory)
    {
        if (Resolve(workingDirectory, path) is null)
        {
            return path;
        }

        var relative = Path.GetRelativePath(workingDirectory, path);
        return relative.Length < path.Length && !Path.IsPathRooted(relative) ? relative : path;
    }

    /// <summary>
    /// <paramref name="path"/> (as written in a go.mod or go.work) made absolute against <paramref name="baseDirectory"/>;
    /// null when it cannot name a file at all (a NUL character, which a quoted path can carry), so a file never
    /// crashes the analysis of the text that names it.
    /// </summary>
    public static string? Resolve(string baseDirectory, string path)
    {
        if (path.Contains('\0', StringComparison.Ordinal) || baseDirectory.Contains('\0', StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            return Path.GetFullPath(Path.Combine(baseDirectory, path));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return null;
        }
    }

    /// <summary>
    /// The sum file go reads with a module file (modload: the name less <c>.mod</c>, plus <c>.sum</c>): go.sum for go.mod,
    /// tools.sum for a <c>-modfile=tools.mod</c>. A name without <c>.mod</c> (which go never reads as a module file) gets
    /// the go.sum beside it.
    /// </summary>
    public static string SumFileFor(string modFilePath) =>
        modFilePath.EndsWith(".mod", StringComparison.Ordinal) ? modFilePath[..^".mod".Length] + ".sum"
            : Path.Combine(Path.GetDirectoryName(modFilePath) ?? "", "go.sum");

    /// <summary>The module file beside a sum file (<see cref="SumFileFor"/> backwards): tools.mod for tools.sum; go.mod otherwise.</summary>
    public static string ModFileForSum(string sumPath) =>
        sumPath.EndsWith(".sum", StringComparison.Ordinal) && Path.GetFileName(sumPath) != "go.work.sum" ? sumPath[..^".sum".Length] + ".mod"
            : Path.Combine(Path.GetDirectoryName(sumPath) ?? "", "go.mod");

    /// <summary>The flag go needs to read a module file of another name than go.mod (<c>-modfile=tools.mod</c>), or null.</summary>
    public static string? ModFileFlag(string modFilePath) =>
        Path.GetFileName(modFilePath) is var name && name != "go.mod" && name.EndsWith(".mod", StringComparison.Ordinal) ? "-modfile=" + name : null;

    /// <summary>Do two paths name the same directory (after making them absolute)?</summary>
    public static bool SameDirectory(string a, string b) =>
        DirectoryKey(a) is { } x && DirectoryKey(b) is { } y && KeyComparer.Equals(x, y);

    /// <summary>A directory as compared: absolute, without a trailing separator; null when it cannot name one.</summary>
    public static string? DirectoryKey(string directory) =>
        Resolve(directory, ".") is { } full ? Path.TrimEndingDirectorySeparator(full) : null;

    /// <summary>How <see cref="DirectoryKey"/>s compare: case-insensitively where the file system usually is.</summary>
    public static StringComparer KeyComparer { get; } =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
}
