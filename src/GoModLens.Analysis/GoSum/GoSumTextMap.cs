using System.Text;
using GoModLens.ModFile.GoSum;
using GoModLens.ModFile.Text;

namespace GoModLens.Analysis.GoSum;

/// <summary>Converts go.sum spans (UTF-16 offsets) into full <see cref="TextSpan"/>s (line, rune column, byte offset) once per text.</summary>
internal sealed class GoSumTextMap
{
    private readonly string _text;
    private readonly List<int> _lineStarts = [0];
    private readonly List<int> _lineStartBytes = [0];

    public GoSumTextMap(string text)
    {
        _text = text;
        var bytes = 0;
        for (var i = 0; i < text.Length; i++)
        {
            bytes += ByteLength(text, i);
            if (text[i] == '\n')
            {
                _lineStarts.Add(i + 1);
                _lineStartBytes.Add(bytes);
            }
        }
    }

    public TextSpan ToTextSpan(GoSumSpan span) => new(Position(span.Line, span.Start), Position(span.Line, span.End));

    /// <summary>The whole 1-based line including its newline (for deletions).</summary>
    public TextSpan WholeLine(int line)
    {
        var start = Position(line, _lineStarts[line - 1]);
        var end = line < _lineStarts.Count ? Position(line + 1, _lineStarts[line]) : Position(line, _text.Length);
        return new TextSpan(start, end);
    }

    /// <summary>The 1-based line containing a UTF-16 offset.</summary>
    public int LineOf(int offset)
    {
        var i = _lineStarts.BinarySearch(offset);
        return i >= 0 ? i + 1 : ~i;
    }

    public int LineStart(int line) => _lineStarts[line - 1];

    public int LineCount => _lineStarts.Count;

    private TextPosition Position(int line, int offset)
    {
        var lineStart = _lineStarts[line - 1];
        var bytes = _lineStartBytes[line - 1];
        var runes = 0;
        for (var i = lineStart; i < offset; i++)
        {
            bytes += ByteLength(_text, i);
            if (!char.IsLowSurrogate(_text[i]) || i == lineStart || !char.IsHighSurrogate(_text[i - 1]))
            {
                runes++;
            }
        }

        return new TextPosition(line, runes + 1, bytes, offset, offset - lineStart);
    }

    // UTF-8 length contributed by the UTF-16 unit at i: a surrogate pair is 4 bytes (counted on the high half), a lone surrogate 3.
    private static int ByteLength(string s, int i)
    {
        var c = s[i];
        if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
        {
            return 4;
        }

        if (char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(s[i - 1]))
        {
            return 0;
        }

        return c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
    }
}
