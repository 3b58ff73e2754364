using GoModLens.ModFile.Syntax;

namespace GoModLens.ModFile.Semantics;

/// <summary>One exclude directive.</summary>
public sealed class ExcludeStmt(ModPathVersion mod, ModLine syntax)
{
    public ModPathVersion Mod { get; set; } = mod;

    public ModLine Syntax { get; set; } = syntax;
}
