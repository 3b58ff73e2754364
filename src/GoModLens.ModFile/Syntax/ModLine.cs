using GoModLens.ModFile.Text;

namespace GoModLens.ModFile.Syntax;

/// <summary>
/// A single line of tokens: a top-level statement ("require x v1", Tokens[0] is the verb) or a line inside a block
/// (<see cref="InBlock"/>, no verb). A line whose <see cref="Tokens"/> is empty is marked removed (modfile's
/// markRemoved) and is dropped by <see cref="ModFileSyntax.Cleanup"/>.
/// </summary>
public sealed class ModLine : ModExpr
{
    public TextPosition Start { get; set; }

    public TextPosition End { get; set; }

    public List<ModToken> Tokens { get; set; } = [];

    public bool InBlock { get; set; }

    public override TextSpan Span => new(Start, End);

    /// <summary>The token texts, as modfile's Line.Token.</summary>
    public IReadOnlyList<string> TokenTexts => Tokens.ConvertAll(t => t.Text);

    public bool IsRemoved => Tokens.Count == 0;

    /// <summary>Marks the line (and its end-of-line comment) for removal by Cleanup.</summary>
    public void MarkRemoved()
    {
        Tokens = [];
        if (Comments.SuffixOrEmpty.Count > 0)
        {
            Comments.Suffix = [];
        }
    }

    public override string ToString() => string.Join(' ', TokenTexts);
}
