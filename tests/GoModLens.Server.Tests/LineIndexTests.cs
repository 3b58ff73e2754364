using GoModLens.Protocol;
using GoModLens.Server.Text;
using GoModLens.Server.Workspace;

namespace GoModLens.Server.Tests;

public sealed class LineIndexTests
{
    // "a😀é\tz": a(1 unit) 😀(2 UTF-16 units, 4 UTF-8 bytes, 1 code point) é(1 unit, 2 bytes) \t z
    private const string Mixed = "a😀é\tz";

    [Theory]
    [InlineData(PositionEncoding.Utf16, new[] { 0, 1, 3, 4, 5, 6 })]
    [InlineData(PositionEncoding.Utf8, new[] { 0, 1, 5, 7, 8, 9 })]
    [InlineData(PositionEncoding.Utf32, new[] { 0, 1, 2, 3, 4, 5 })]
    public void Columns_count_the_negotiated_units(PositionEncoding encoding, int[] columns)
    {
        var index = new LineIndex("x\n" + Mixed);
        int[] offsets = [0, 1, 3, 4, 5, 6]; // UTF-16 offsets within the line at each character boundary

        for (var i = 0; i < offsets.Length; i++)
        {
            Assert.Equal(new Position(1, columns[i]), index.GetPosition(2 + offsets[i], encoding));
            Assert.Equal(2 + offsets[i], index.GetOffset(new Position(1, columns[i]), encoding));
        }
    }

    [Theory]
    [InlineData(PositionEncoding.Utf16, 2)]
    [InlineData(PositionEncoding.Utf8, 2)]
    [InlineData(PositionEncoding.Utf8, 3)]
    [InlineData(PositionEncoding.Utf8, 4)]
    public void Column_inside_a_character_rounds_down_to_its_start(PositionEncoding encoding, int column)
    {
        var index = new LineIndex(Mixed);

        Assert.Equal(1, index.GetOffset(new Position(0, column), encoding));
    }

    [Fact]
    public void All_three_line_break_kinds_end_lines()
    {
        var index = new LineIndex("a\r\nb\rc\nd");

        Assert.Equal(4, index.LineCount);
        Assert.Equal(3, index.GetOffset(new Position(1, 0), PositionEncoding.Utf16));
        Assert.Equal(5, index.GetOffset(new Position(2, 0), PositionEncoding.Utf16));
        Assert.Equal(7, index.GetOffset(new Position(3, 0), PositionEncoding.Utf16));
        Assert.Equal(new Position(0, 1), index.GetPosition(2, PositionEncoding.Utf16)); // the \n of \r\n is still line 0's end
    }

    [Fact]
    public void Positions_past_the_end_clamp()
    {
        var index = new LineIndex("ab\r\ncd");

        Assert.Equal(2, index.GetOffset(new Position(0, 99), PositionEncoding.Utf16)); // line end, before \r\n
        Assert.Equal(6, index.GetOffset(new Position(9, 0), PositionEncoding.Utf16));
        Assert.Equal(0, index.GetOffset(new Position(-1, 5), PositionEncoding.Utf16));
        Assert.Equal(new Position(1, 2), index.GetPosition(100, PositionEncoding.Utf8));
    }

    [Fact]
    public void Empty_text_has_one_empty_line()
    {
        var index = new LineIndex(string.Empty);

        Assert.Equal(1, index.LineCount);
        Assert.Equal(new Position(0, 0), index.GetPosition(0, PositionEncoding.Utf8));
        Assert.Equal(0, index.GetOffset(new Position(0, 3), PositionEncoding.Utf8));
    }

    [Theory]
    [InlineData(PositionEncoding.Utf16, 1, 3)]
    [InlineData(PositionEncoding.Utf8, 1, 5)]
    [InlineData(PositionEncoding.Utf32, 1, 2)]
    public void Ranged_edit_replaces_a_surrogate_pair_in_every_encoding(PositionEncoding encoding, int start, int end)
    {
        var edit = new TextDocumentContentChangeEvent("-", new Protocol.Range(new Position(0, start), new Position(0, end)));

        Assert.Equal("a-é\tz", TextChangeApplier.Apply(Mixed, [edit], encoding));
    }

    [Fact]
    public void Edits_apply_in_sequence_and_reversed_ranges_are_normalised()
    {
        TextDocumentContentChangeEvent[] edits =
        [
            new("XY", new Protocol.Range(new Position(0, 0), new Position(0, 1))),
            new(string.Empty, new Protocol.Range(new Position(0, 2), new Position(0, 1))),
            new("\n", new Protocol.Range(new Position(5, 0), new Position(5, 0))),
        ];

        Assert.Equal("X😀é\tz\n", TextChangeApplier.Apply(Mixed, edits, PositionEncoding.Utf16));
    }

    [Fact]
    public void Incremental_edits_give_the_same_index_as_a_rebuild()
    {
        // Line breaks of every kind, including \r\n pairs that an edit splits or joins.
        var random = new Random(1234);
        const string alphabet = "ab\r\n\r\n";
        var index = new LineIndex("a\r\nb\rc\nd");
        for (var round = 0; round < 3000; round++)
        {
            var text = index.Text;
            var start = random.Next(text.Length + 1);
            var end = Math.Min(text.Length, start + random.Next(4));
            var inserted = new string([.. Enumerable.Range(0, random.Next(4)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
            var next = text[..start] + inserted + text[end..];
            if (next.Length > 60)
            {
                next = next[..30];
                index = new LineIndex(next);
                continue;
            }

            index = index.WithEdit(next, start, end, inserted.Length);
            var rebuilt = new LineIndex(next);
            Assert.Equal(rebuilt.LineCount, index.LineCount);
            for (var offset = 0; offset <= next.Length; offset++)
            {
                Assert.Equal(rebuilt.GetPosition(offset, PositionEncoding.Utf16), index.GetPosition(offset, PositionEncoding.Utf16));
            }
        }
    }
}
