using GoModLens.ModFile.Syntax;

namespace GoModLens.ModFile.Semantics;

/// <summary>One tool directive (package path).</summary>
public sealed class ToolStmt(string path, ModLine syntax)
{
    public string Path { get; set; } = path;

    public ModLine Syntax { get; set; } = syntax;
}
