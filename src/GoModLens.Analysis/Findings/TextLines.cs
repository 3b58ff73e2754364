using System.Text;
using GoModLens.ModFile.Text;

namespace GoModLens.Analysis.Findings;

/// <summary>Whole-line ranges computed from a token position and the source text (for line deletions).</summary>
internal static class TextLines
{
    /// <summary>From the start of <paramref name="start"/>'s line to the start of the line after <paramref name="end"/>.</summary>
    public static TextSpan WholeLines(string text, TextPosition start, TextPosition end)
    {
        var lineStartUtf16 = start.Utf16Offset - start.Utf16Column;
        var from = new TextPosition(start.Line, 1, start.Byte - Encoding.UTF8.GetByteCount(text.AsSpan(lineStartUtf16, start.Utf16Column)), lineStartUtf16, 0);
        var nl = text.IndexOf('\n', Math.Min(end.Utf16Offset, text.Length));
        if (nl < 0)
        {
            var tail = text.AsSpan(end.Utf16Offset);
            return new TextSpan(from, new TextPosition(end.Line, end.LineRune + tail.Length, end.Byte + Encoding.UTF8.GetByteCount(tail), text.Length, end.Utf16Column + tail.Length));
        }

        var to = new TextPosition(end.Line + 1, 1, end.Byte + Encoding.UTF8.GetByteCount(text.AsSpan(end.Utf16Offset, nl + 1 - end.Utf16Offset)), nl + 1, 0);
        return new TextSpan(from, to);
    }

    /// <summary>The end of the text as a position.</summary>
    public static TextPosition EndOf(string text) => At(text, text.Length);

    /// <summary>The position of a UTF-16 offset into the text.</summary>
    public static TextPosition At(string text, int utf16Offset)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < utf16Offset; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        var runes = 0;
        foreach (var _ in text.AsSpan(lineStart, utf16Offset - lineStart).EnumerateRunes())
        {
            runes++;
        }

        return new TextPosition(line, runes + 1, Encoding.UTF8.GetByteCount(text.AsSpan(0, utf16Offset)), utf16Offset, utf16Offset - lineStart);
    }
}
