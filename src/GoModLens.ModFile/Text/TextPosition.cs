namespace GoModLens.ModFile.Text;

/// <summary>
/// A point in a go.mod text. Line/LineRune/Byte are exactly what x/mod's modfile.Position reports (1-based line,
/// 1-based column counted in runes, 0-based UTF-8 byte offset); the UTF-16 fields serve LSP clients.
/// </summary>
/// <param name="Line">1-based line number.</param>
/// <param name="LineRune">1-based column in runes (a tab is one rune), as go prints it.</param>
/// <param name="Byte">0-based byte offset in the UTF-8 encoding of the text.</param>
/// <param name="Utf16Offset">0-based offset in the UTF-16 string.</param>
/// <param name="Utf16Column">0-based UTF-16 code-unit column within the line (LSP "character").</param>
public readonly record struct TextPosition(int Line, int LineRune, int Byte, int Utf16Offset, int Utf16Column)
{
    /// <summary>The start of any text.</summary>
    public static TextPosition Start { get; } = new(1, 1, 0, 0, 0);

    public override string ToString() => $"{Line}:{LineRune} (byte {Byte}, utf16 {Utf16Offset})";
}
