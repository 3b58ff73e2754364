using GoModLens.ModFile.Text;

namespace GoModLens.ModFile.Syntax;

/// <summary>What the lexer saw: a bare word, a quoted string, or one of the punctuation characters ( ) [ ] { } ,.</summary>
public enum ModTokenKind
{
    Ident,
    String,
    Punct,
}

/// <summary>
/// One token of a line. <see cref="Text"/> is what the printer writes (the binder rewrites it the way modfile does,
/// e.g. a canonicalised version or re-quoted path); <see cref="Span"/> is where the original token was in the source
/// and is null for tokens created by edits.
/// </summary>
public sealed record ModToken(string Text, ModTokenKind Kind, TextSpan? Span)
{
    /// <summary>A token created programmatically (no source location).</summary>
    public static ModToken Synthetic(string text) =>
        new(text, text.Length > 0 && text[0] is '"' or '`' ? ModTokenKind.String
            : text is "(" or ")" or "[" or "]" or "{" or "}" or "," ? ModTokenKind.Punct : ModTokenKind.Ident, null);

    public override string ToString() => Text;
}
