namespace GoModLens.Protocol;

/// <summary>LSP 3.17 <c>PositionEncodingKind</c> values.</summary>
public static class PositionEncodingKind
{
    public const string Utf8 = "utf-8";
    public const string Utf16 = "utf-16";
    public const string Utf32 = "utf-32";
}
