using GoModLens.ModFile.Syntax;

namespace GoModLens.ModFile.Semantics;

/// <summary>One replace directive; <see cref="New"/> has an empty version when it is a directory.</summary>
public sealed class ReplaceStmt(ModPathVersion old, ModPathVersion @new, ModLine syntax)
{
    public ModPathVersion Old { get; set; } = old;

    public ModPathVersion New { get; set; } = @new;

    public ModLine Syntax { get; set; } = syntax;
}
