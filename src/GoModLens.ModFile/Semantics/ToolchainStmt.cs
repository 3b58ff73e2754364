using GoModLens.ModFile.Syntax;

namespace GoModLens.ModFile.Semantics;

/// <summary>The toolchain directive ("go1.21rc1" or "default").</summary>
public sealed class ToolchainStmt(string name, ModLine syntax)
{
    public string Name { get; set; } = name;

    public ModLine Syntax { get; set; } = syntax;
}
