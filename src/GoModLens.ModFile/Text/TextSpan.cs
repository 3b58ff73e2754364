namespace GoModLens.ModFile.Text;

/// <summary>A half-open range [Start, End) of a go.mod text.</summary>
public readonly record struct TextSpan(TextPosition Start, TextPosition End)
{
    public int Utf16Length => End.Utf16Offset - Start.Utf16Offset;

    public int ByteLength => End.Byte - Start.Byte;

    public bool Contains(TextPosition p) => p.Utf16Offset >= Start.Utf16Offset && p.Utf16Offset < End.Utf16Offset;

    public static TextSpan Empty(TextPosition at) => new(at, at);

    public override string ToString() => $"[{Start.Line}:{Start.LineRune}-{End.Line}:{End.LineRune})";
}
