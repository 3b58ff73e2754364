using GoModLens.ModFile.Text;

namespace GoModLens.ModFile.Syntax;

/// <summary>A factored block such as "require ( … )". <see cref="Tokens"/> holds the header (normally just the verb).</summary>
public sealed class ModLineBlock : ModExpr
{
    public TextPosition Start { get; set; }

    public List<ModToken> Tokens { get; set; } = [];

    public ModLParen LParen { get; set; } = new();

    public List<ModLine> Lines { get; set; } = [];

    public ModRParen RParen { get; set; } = new();

    public override TextSpan Span => new(Start, RParen.Span.End);

    public IReadOnlyList<string> TokenTexts => Tokens.ConvertAll(t => t.Text);
}
