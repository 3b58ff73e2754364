namespace GoModLens.Analysis.Environment;

/// <summary>The file access go's configuration code needs; abstracted so environment computation is testable.</summary>
public interface IGoEnvFileSystem
{
    /// <summary>Returns the file's text, or null if it does not exist or cannot be read (go ignores such files).</summary>
    string? ReadAllText(string path);

    bool DirectoryExists(string path);

    bool FileExists(string path);

    /// <summary>Resolves symbolic links in <paramref name="path"/> (filepath.EvalSymlinks); returns the input when not a link.</summary>
    string ResolveLinks(string path);
}
