using GoModLens.ModFile.Text;

namespace GoModLens.ModFile.Syntax;

/// <summary>Position arithmetic (modfile's Position.add).</summary>
internal static class ModPositions
{
    public static TextPosition Advance(TextPosition p, string s)
    {
        if (System.Text.Ascii.IsValid(s) && !s.Contains('\n', StringComparison.Ordinal))
        {
            var n = s.Length;
            return new TextPosition(p.Line, p.LineRune + n, p.Byte + n, p.Utf16Offset + n, p.Utf16Column + n);
        }

        var line = p.Line;
        var rune = p.LineRune;
        var b = p.Byte;
        var u = p.Utf16Offset;
        var col = p.Utf16Column;
        for (var i = 0; i < s.Length;)
        {
            var r = GoUnicode.RuneAt(s, i, out var n);
            b += GoUnicode.Utf8LengthAt(s, i, r);
            i += n;
            u += n;
            if (r == '\n')
            {
                line++;
                rune = 1;
                col = 0;
            }
            else
            {
                rune++;
                col += n;
            }
        }

        return new TextPosition(line, rune, b, u, col);
    }
}
