using GoModLens.ModFile.Text;

namespace GoModLens.ModFile.Syntax;

/// <summary>A node of the go.mod syntax tree (modfile.Expr). Every node carries its comments.</summary>
public abstract class ModExpr
{
    public ModComments Comments { get; set; } = new();

    /// <summary>Start and end of the node, excluding comments (modfile's Span()).</summary>
    public abstract TextSpan Span { get; }
}
