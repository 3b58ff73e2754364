using System.Collections.Immutable;
using GoModLens.Protocol;

namespace GoModLens.Server.Text;

/// <summary>
/// Converts between UTF-16 string offsets (what the rest of GoModLens uses) and LSP positions in any of the three
/// encodings. Line breaks are \n, \r\n and \r, as the LSP specification defines them.
/// Out-of-range positions clamp: a character past the line end means the line end (LSP 3.17 rule), a line past
/// the last line means the end of the text.
/// </summary>
public sealed class LineIndex
{
    private readonly string _text;
    private readonly ImmutableArray<int> _lineStarts;

    public LineIndex(string text)
    {
        _text = text;
        var starts = ImmutableArray.CreateBuilder<int>();
        starts.Add(0);
        Scan(text, 0, text.Length, starts);
        _lineStarts = starts.ToImmutable();
    }

    private LineIndex(string text, ImmutableArray<int> lineStarts)
    {
        _text = text;
        _lineStarts = lineStarts;
    }

    public int LineCount => _lineStarts.Length;

    /// <summary>
    /// The index of <paramref name="newText"/>, which is this text with [<paramref name="start"/>, <paramref name="oldEnd"/>)
    /// replaced by <paramref name="insertedLength"/> characters. Only the edited lines are rescanned; the other line
    /// starts are copied (and shifted), which keeps a keystroke in a large file from rescanning the whole text.
    /// </summary>
    public LineIndex WithEdit(string newText, int start, int oldEnd, int insertedLength)
    {
        var delta = insertedLength - (oldEnd - start);
        var starts = ImmutableArray.CreateBuilder<int>(_lineStarts.Length + 4);

        // Line starts before the edit depend only on characters before it (a start s looks at s-1 and s).
        var kept = FindLine(Math.Max(0, start - 1));
        for (var i = 0; i <= kept; i++)
        {
            starts.Add(_lineStarts[i]);
        }

        // Rescan from the start of the first touched line to one character past the inserted text.
        var limit = Math.Min(newText.Length, start + insertedLength + 1);
        Scan(newText, _lineStarts[kept], limit, starts);

        // Starts after that sit behind unchanged characters: shift them.
        var last = starts[^1];
        for (var i = kept + 1; i < _lineStarts.Length; i++)
        {
            var shifted = _lineStarts[i] + delta;
            if (_lineStarts[i] > oldEnd && shifted > last)
            {
                starts.Add(shifted);
            }
        }

        return new LineIndex(newText, starts.Count == starts.Capacity ? starts.MoveToImmutable() : starts.ToImmutable());
    }

    private static void Scan(string text, int from, int to, ImmutableArray<int>.Builder starts)
    {
        for (var i = from; i < to; i++)
        {
            var c = text[i];
            if (c == '\r')
            {
                if (i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                starts.Add(i + 1);
            }
            else if (c == '\n')
            {
                starts.Add(i + 1);
            }
        }
    }

    /// <summary>The text this index describes.</summary>
    public string Text => _text;

    public int GetOffset(Position position, PositionEncoding encoding)
    {
        if (position.Line < 0)
        {
            return 0;
        }

        if (position.Line >= _lineStarts.Length)
        {
            return _text.Length;
        }

        var lineStart = _lineStarts[position.Line];
        var lineEnd = LineContentEnd(position.Line);
        var remaining = Math.Max(0, position.Character);
        var offset = lineStart;
        while (offset < lineEnd && remaining > 0)
        {
            var width = CharWidth(offset, lineEnd, out var utf16Length, encoding);
            if (width > remaining)
            {
                // Position points inside a multi-unit character: round down to its start.
                break;
            }

            remaining -= width;
            offset += utf16Length;
        }

        return offset;
    }

    public Position GetPosition(int offset, PositionEncoding encoding)
    {
        offset = Math.Clamp(offset, 0, _text.Length);
        var line = FindLine(offset);
        var lineStart = _lineStarts[line];
        var lineEnd = LineContentEnd(line);
        var stop = Math.Min(offset, lineEnd);
        var character = 0;
        var i = lineStart;
        while (i < stop)
        {
            character += CharWidth(i, lineEnd, out var utf16Length, encoding);
            i += utf16Length;
        }

        return new Position(line, character);
    }

    /// <summary>The zero-based line holding <paramref name="offset"/> (clamped to the text).</summary>
    public int LineOf(int offset) => FindLine(Math.Clamp(offset, 0, _text.Length));

    public Protocol.Range GetRange(int start, int end, PositionEncoding encoding) =>
        new(GetPosition(start, encoding), GetPosition(end, encoding));

    private int FindLine(int offset)
    {
        var index = _lineStarts.BinarySearch(offset);
        return index >= 0 ? index : ~index - 1;
    }

    /// <summary>End of the line's content, before its line break.</summary>
    private int LineContentEnd(int line)
    {
        var end = line + 1 < _lineStarts.Length ? _lineStarts[line + 1] : _text.Length;
        if (end > _lineStarts[line] && line + 1 < _lineStarts.Length)
        {
            end--;
            if (_text[end] == '\n' && end > _lineStarts[line] && _text[end - 1] == '\r')
            {
                end--;
            }
        }

        return end;
    }

    private int CharWidth(int offset, int limit, out int utf16Length, PositionEncoding encoding)
    {
        var c = _text[offset];
        var isPair = char.IsHighSurrogate(c) && offset + 1 < limit && char.IsLowSurrogate(_text[offset + 1]);
        utf16Length = isPair ? 2 : 1;
        return encoding switch
        {
            PositionEncoding.Utf16 => utf16Length,
            PositionEncoding.Utf32 => 1,
            _ => isPair ? 4 : c < 0x80 ? 1 : c < 0x800 ? 2 : 3,
        };
    }
}
