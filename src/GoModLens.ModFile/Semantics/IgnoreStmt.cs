using GoModLens.ModFile.Syntax;

namespace GoModLens.ModFile.Semantics;

/// <summary>One ignore directive (directory).</summary>
public sealed class IgnoreStmt(string path, ModLine syntax)
{
    public string Path { get; set; } = path;

    public ModLine Syntax { get; set; } = syntax;
}
