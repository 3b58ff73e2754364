namespace GoModLens.ModFile.Syntax;

/// <summary>Comments attached to a node: whole-line comments before it, end-of-line comments after it, and (top level) whole-line comments after it.</summary>
public sealed class ModComments
{
    public List<ModComment> Before { get; set; } = [];

    public List<ModComment> Suffix { get; set; } = [];

    public List<ModComment> After { get; set; } = [];
}
