namespace GoModLens.Server.Text;

/// <summary>What an LSP <c>Position.Character</c> counts, as negotiated in <c>initialize</c>.</summary>
public enum PositionEncoding
{
    Utf16,
    Utf8,
    Utf32,
}
