namespace GoModLens.Analysis.Environment;

/// <summary>The real file system.</summary>
public sealed class PhysicalGoEnvFileSystem : IGoEnvFileSystem
{
    public static PhysicalGoEnvFileSystem Instance { get; } = new();

    public string? ReadAllText(string path)
    {
        try
        {
            // go reads bytes: a byte-order mark is part of the first line (whose key then matches nothing), and bytes
            // that are not UTF-8 stay what they are, so a rewrite by go env -w's algorithm keeps them (GoUtf8).
            return ModFile.Text.GoUtf8.Decode(File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    public bool DirectoryExists(string path) => Directory.Exists(path);

    public bool FileExists(string path) => File.Exists(path);

    public string ResolveLinks(string path)
    {
        try
        {
            var info = new FileInfo(path);
            return info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return path;
        }
    }
}
