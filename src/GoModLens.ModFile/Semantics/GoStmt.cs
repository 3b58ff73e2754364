using GoModLens.ModFile.Syntax;

namespace GoModLens.ModFile.Semantics;

/// <summary>The go directive ("1.23").</summary>
public sealed class GoStmt(string version, ModLine syntax)
{
    public string Version { get; set; } = version;

    public ModLine Syntax { get; set; } = syntax;
}
