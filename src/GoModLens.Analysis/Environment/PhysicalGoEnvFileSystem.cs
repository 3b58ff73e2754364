namespace GoModLens.Analysis.Environment;

/// <summary>The real file system.</summary>
public sealed class PhysicalGoEnvFileSystem : IGoEnvFileSystem
{
    public static PhysicalGoEnvFileSystem Instance { get; } = new();

    public string? ReadAllText(string path)
    {
        try
        {
            // Latin1 would lose UTF-8; go reads bytes, and values are UTF-8 by construction (go env -w checks it).
            return File.ReadAllText(path, new System.Text.UTF8Encoding(false));
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
