namespace GoModLens.Analysis.Workspace;

/// <summary>The little file access <see cref="LocalCheckoutFinder"/> needs; implementations never throw for I/O errors.</summary>
public interface ICheckoutFileSystem
{
    bool DirectoryExists(string path);

    bool FileExists(string path);

    /// <summary>Full paths of the direct subdirectories; empty when unreadable.</summary>
    IEnumerable<string> EnumerateDirectories(string path);

    /// <summary>The first <paramref name="maxBytes"/> bytes of a file decoded as UTF-8; null when missing or unreadable.</summary>
    string? ReadPrefix(string path, int maxBytes);
}
