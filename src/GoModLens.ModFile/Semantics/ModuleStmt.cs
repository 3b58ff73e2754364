using GoModLens.ModFile.Syntax;

namespace GoModLens.ModFile.Semantics;

/// <summary>The module directive; <see cref="Deprecated"/> is the "Deprecated:" paragraph of its comments ("" if none).</summary>
public sealed class ModuleStmt(ModLine syntax)
{
    public ModPathVersion Mod { get; set; } = new("", "");

    public string Deprecated { get; set; } = "";

    public ModLine Syntax { get; set; } = syntax;
}
