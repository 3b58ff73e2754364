using GoModLens.ModFile.Semantics;

namespace GoModLens.Host.Commands;

/// <summary>Reads and parses a go.mod (or go.work) the way `go mod edit` (`go work edit`) does, printing go's exact error text on failure.</summary>
internal static class GoModFileInput
{
    /// <summary>The parse result, or null after writing go's error lines to <paramref name="stderr"/>.</summary>
    public static (ParseResult? Result, byte[] Bytes) Load(string path, TextWriter stderr)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var reason = e switch
            {
                FileNotFoundException or DirectoryNotFoundException => "no such file or directory",
                UnauthorizedAccessException => "permission denied",
                _ => e.Message,
            };
            stderr.Write($"go: open {path}: {reason}\n");
            return (null, []);
        }

        var result = ModFileParser.Parse(path, bytes, ParseMode.Strict);
        if (!result.IsAcceptedByGo)
        {
            stderr.Write(result.FormatGoModEditFailure(ShortPath(path)));
            return (null, bytes);
        }

        return (result, bytes);
    }

    /// <summary>
    /// Reads and parses a go.work the way `go work edit` does (modload.ReadWorkFile): go shortens the path first and
    /// uses the short form in every message, and wraps read and parse failures in "errors parsing go.work".
    /// Returns null after writing go's error lines to <paramref name="stderr"/>.
    /// </summary>
    public static (ParseResult? Result, byte[] Bytes) LoadWork(string path, TextWriter stderr)
    {
        var shortPath = ShortPath(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // .NET reports reading a directory as access denied; go's read(2) says EISDIR.
            var reason = Directory.Exists(path) ? $"read {shortPath}: is a directory" : e switch
            {
                FileNotFoundException or DirectoryNotFoundException => $"open {shortPath}: no such file or directory",
                UnauthorizedAccessException => $"open {shortPath}: permission denied",
                _ => e.Message,
            };
            stderr.Write($"go: errors parsing {shortPath}:\nreading go.work: {reason}\n");
            return (null, []);
        }

        var result = ModFileParser.ParseWork(shortPath, bytes);
        if (!result.IsAcceptedByGo)
        {
            stderr.Write(result.FormatGoWorkEditFailure(shortPath));
            return (null, bytes);
        }

        return (result, bytes);
    }

    /// <summary>Whether <paramref name="path"/> names a go.work file, which `fmt` formats like `go work edit -fmt`.</summary>
    public static bool IsGoWork(string path) => string.Equals(Path.GetFileName(path), "go.work", StringComparison.Ordinal);

    /// <summary>go's base.ShortPath: the path relative to the working directory when that is shorter.</summary>
    public static string ShortPath(string path)
    {
        if (!Path.IsPathRooted(path))
        {
            return path;
        }

        var rel = Path.GetRelativePath(Directory.GetCurrentDirectory(), path);
        return rel.Length < path.Length ? rel : path;
    }
}
