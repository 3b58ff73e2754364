using GoModLens.ModFile.Semantics;

namespace GoModLens.Host.Commands;

/// <summary>Reads and parses a go.mod the way `go mod edit` does, printing go's exact error text on failure.</summary>
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
