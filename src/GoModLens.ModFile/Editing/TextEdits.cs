using System.Text;
using GoModLens.ModFile.Semantics;
using GoModLens.ModFile.Syntax;
using GoModLens.ModFile.Text;

namespace GoModLens.ModFile.Editing;

/// <summary>
/// Text edits for editors: <see cref="Diff"/> turns a structural edit (original text → re-printed text) into a few
/// line-granular edits, and the targeted helpers change a single token or comment without re-printing the file.
/// </summary>
public static class TextEdits
{
    /// <summary>Above this many line pairs in the changed middle, one replacement edit is returned instead of an LCS diff.</summary>
    private const long MaxLcsCells = 4_000_000;

    /// <summary>Minimal line-based edits turning <paramref name="original"/> into <paramref name="edited"/>, in text order.</summary>
    public static IReadOnlyList<ModTextEdit> Diff(string original, string edited)
    {
        if (original == edited)
        {
            return [];
        }

        var a = SplitLines(original);
        var b = SplitLines(edited);
        var prefix = 0;
        while (prefix < a.Count && prefix < b.Count && a[prefix].Equals(b[prefix]))
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < a.Count - prefix && suffix < b.Count - prefix && a[^(suffix + 1)].Equals(b[^(suffix + 1)]))
        {
            suffix++;
        }

        var n = a.Count - prefix - suffix;
        var m = b.Count - prefix - suffix;
        var hunks = new List<(int A0, int A1, int B0, int B1)>();
        if ((long)n * m > MaxLcsCells || n == 0 || m == 0)
        {
            hunks.Add((prefix, prefix + n, prefix, prefix + m));
        }
        else
        {
            Lcs(a, b, prefix, n, m, hunks);
        }

        var lineStarts = LineStarts(original);
        var edits = new List<ModTextEdit>(hunks.Count);
        foreach (var (a0, a1, b0, b1) in hunks)
        {
            var start = a0 < a.Count ? a[a0].Offset : original.Length;
            var end = a1 < a.Count ? a[a1].Offset : original.Length;
            var sb = new StringBuilder();
            for (var i = b0; i < b1; i++)
            {
                sb.Append(edited, b[i].Offset, b[i].Length);
            }

            edits.Add(Create(original, lineStarts, start, end, sb.ToString()));
        }

        return edits;
    }

    /// <summary>Applies non-overlapping edits (in any order) to <paramref name="text"/>.</summary>
    public static string Apply(string text, IEnumerable<ModTextEdit> edits)
    {
        var sb = new StringBuilder(text.Length);
        var at = 0;
        foreach (var e in edits.OrderBy(e => e.StartOffset).ThenBy(e => e.EndOffset))
        {
            if (e.StartOffset < at || e.EndOffset < e.StartOffset || e.EndOffset > text.Length)
            {
                throw new ArgumentException("overlapping or out-of-range edit", nameof(edits));
            }

            sb.Append(text, at, e.StartOffset - at).Append(e.NewText);
            at = e.EndOffset;
        }

        return sb.Append(text, at, text.Length - at).ToString();
    }

    /// <summary>An edit over [start, end) of <paramref name="text"/> (UTF-16 offsets).</summary>
    public static ModTextEdit Replace(string text, int start, int end, string newText)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfLessThan(end, start);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(end, text.Length);
        return Create(text, LineStarts(text), start, end, newText);
    }

    /// <summary>Replaces one source token (e.g. a version) with new text; the token must come from parsing <paramref name="text"/>.</summary>
    public static ModTextEdit ReplaceToken(string text, ModToken token, string newText)
    {
        var span = token.Span ?? throw new ArgumentException("token has no source location (created by an edit)", nameof(token));
        return Replace(text, span.Start.Utf16Offset, span.End.Utf16Offset, newText);
    }

    /// <summary>The edit that changes a requirement's version token in place (the token is quoted if it must be).</summary>
    public static ModTextEdit SetRequireVersion(string text, RequireStmt require, string version)
    {
        var line = require.Syntax;
        var index = line.InBlock ? 1 : 2;
        if (line.Tokens.Count <= index)
        {
            throw new ArgumentException("require line has no version token", nameof(require));
        }

        return ReplaceToken(text, line.Tokens[index], ModQuoting.AutoQuote(version));
    }

    /// <summary>
    /// The edit that adds or removes a requirement's "// indirect" marker the way go does (see
    /// <see cref="IndirectComment"/>), or null when the marker is already as wanted.
    /// </summary>
    public static ModTextEdit? SetIndirect(string text, RequireStmt require, bool indirect)
    {
        var line = require.Syntax;
        if (IndirectComment.IsIndirect(line) == indirect)
        {
            return null;
        }

        var suffix = line.Comments.Suffix;
        if (indirect)
        {
            if (suffix.Count == 0)
            {
                var end = line.Tokens.Count > 0 && line.Tokens[^1].Span is { } last ? last.End.Utf16Offset : line.End.Utf16Offset;
                return Replace(text, end, end, " " + IndirectComment.Marker);
            }

            var first = suffix[0].Span ?? throw new ArgumentException("comment has no source location", nameof(require));
            return Replace(text, first.Start.Utf16Offset, first.End.Utf16Offset, IndirectComment.WithIndirect(suffix[0].Token)!);
        }

        var com = suffix[0].Span ?? throw new ArgumentException("comment has no source location", nameof(require));
        var replaced = IndirectComment.WithoutIndirect(suffix[0].Token);
        if (replaced is not null)
        {
            return Replace(text, com.Start.Utf16Offset, com.End.Utf16Offset, replaced);
        }

        // Drop every end-of-line comment (as go does) and the blanks before the first one.
        var startOffset = com.Start.Utf16Offset;
        while (startOffset > 0 && text[startOffset - 1] is ' ' or '\t')
        {
            startOffset--;
        }

        var lastSpan = suffix[^1].Span ?? com;
        return Replace(text, startOffset, lastSpan.End.Utf16Offset, "");
    }

    /// <summary>The LSP position of a UTF-16 offset in <paramref name="text"/>.</summary>
    public static LinePosition PositionAt(string text, int offset) => PositionAt(LineStarts(text), offset);

    private static LinePosition PositionAt(List<int> lineStarts, int offset)
    {
        var line = lineStarts.BinarySearch(offset);
        if (line < 0)
        {
            line = ~line - 1;
        }

        return new LinePosition(line, offset - lineStarts[line]);
    }

    private static ModTextEdit Create(string text, List<int> lineStarts, int start, int end, string newText) =>
        new(PositionAt(lineStarts, start), PositionAt(lineStarts, end), start, end, newText);

    /// <summary>Offsets where lines start: after every \n (a lone \r is not a line break in go.mod, nor here).</summary>
    private static List<int> LineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = text.IndexOf('\n', StringComparison.Ordinal); i >= 0; i = text.IndexOf('\n', i + 1))
        {
            starts.Add(i + 1);
        }

        return starts;
    }

    private readonly record struct Line(string Text, int Offset, int Length, int Hash)
    {
        public bool Equals(Line other) => Hash == other.Hash && Length == other.Length
            && string.CompareOrdinal(Text, Offset, other.Text, other.Offset, Length) == 0;

        public override int GetHashCode() => Hash;
    }

    private static List<Line> SplitLines(string text)
    {
        var lines = new List<Line>();
        var start = 0;
        while (start < text.Length)
        {
            var nl = text.IndexOf('\n', start);
            var end = nl < 0 ? text.Length : nl + 1;
            lines.Add(new Line(text, start, end - start, string.GetHashCode(text.AsSpan(start, end - start), StringComparison.Ordinal)));
            start = end;
        }

        return lines;
    }

    /// <summary>Longest common subsequence over the changed middle; every maximal non-matching run becomes one hunk.</summary>
    private static void Lcs(List<Line> a, List<Line> b, int offset, int n, int m, List<(int, int, int, int)> hunks)
    {
        // len[i, j] = LCS length of a[offset+i..offset+n) and b[offset+j..offset+m).
        var len = new int[(n + 1) * (m + 1)];
        for (var i = n - 1; i >= 0; i--)
        {
            for (var j = m - 1; j >= 0; j--)
            {
                len[(i * (m + 1)) + j] = a[offset + i].Equals(b[offset + j])
                    ? len[((i + 1) * (m + 1)) + j + 1] + 1
                    : Math.Max(len[((i + 1) * (m + 1)) + j], len[(i * (m + 1)) + j + 1]);
            }
        }

        int x = 0, y = 0, hx = -1, hy = -1;
        while (x < n || y < m)
        {
            if (x < n && y < m && a[offset + x].Equals(b[offset + y]))
            {
                Flush();
                x++;
                y++;
                continue;
            }

            if (hx < 0)
            {
                hx = x;
                hy = y;
            }

            if (y < m && (x == n || len[(x * (m + 1)) + y + 1] >= len[((x + 1) * (m + 1)) + y]))
            {
                y++;
            }
            else
            {
                x++;
            }
        }

        Flush();

        void Flush()
        {
            if (hx >= 0)
            {
                hunks.Add((offset + hx, offset + x, offset + hy, offset + y));
                hx = hy = -1;
            }
        }
    }
}
