using GoModLens.ModFile.Text;

namespace GoModLens.ModFile.Syntax;

/// <summary>
/// A single // comment. <see cref="Token"/> includes the leading "//" and excludes the line ending. An empty Token
/// with no span is the blank-line marker modfile keeps inside blocks.
/// </summary>
public sealed record ModComment(TextPosition Start, string Token, bool Suffix, TextSpan? Span)
{
    public static ModComment BlankLine { get; } = new(default, "", false, null);

    public bool IsBlankLine => Token.Length == 0;
}
