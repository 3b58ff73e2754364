using GoModLens.ModFile.Text;

namespace GoModLens.ModFile.Syntax;

/// <summary>The "(" of a block: holds the suffix comment written after it.</summary>
public sealed class ModLParen : ModExpr
{
    public TextPosition Pos { get; set; }

    public override TextSpan Span => new(Pos, ModPositions.Advance(Pos, ")"));
}

/// <summary>The ")" of a block: holds the whole-line comments written before it. <see cref="IsMissing"/> when the block was never closed (recovery).</summary>
public sealed class ModRParen : ModExpr
{
    public TextPosition Pos { get; set; }

    public bool IsMissing { get; set; }

    public override TextSpan Span => IsMissing ? TextSpan.Empty(Pos) : new(Pos, ModPositions.Advance(Pos, ")"));
}
