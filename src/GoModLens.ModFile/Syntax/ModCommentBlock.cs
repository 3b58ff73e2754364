using GoModLens.ModFile.Text;

namespace GoModLens.ModFile.Syntax;

/// <summary>A top-level run of whole-line comments not attached to any statement (followed by a blank line or EOF).</summary>
public sealed class ModCommentBlock : ModExpr
{
    public TextPosition Start { get; set; }

    public override TextSpan Span => new(Start, Start);
}
