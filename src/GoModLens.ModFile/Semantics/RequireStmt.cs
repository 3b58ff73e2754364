using GoModLens.ModFile.Syntax;

namespace GoModLens.ModFile.Semantics;

/// <summary>One requirement; <see cref="Indirect"/> reflects a "// indirect" first suffix comment.</summary>
public sealed class RequireStmt(ModPathVersion mod, bool indirect, ModLine syntax)
{
    public ModPathVersion Mod { get; set; } = mod;

    public bool Indirect { get; set; } = indirect;

    public ModLine Syntax { get; set; } = syntax;
}
