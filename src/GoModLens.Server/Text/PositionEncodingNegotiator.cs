using GoModLens.Protocol;

namespace GoModLens.Server.Text;

internal static class PositionEncodingNegotiator
{
    /// <summary>
    /// utf-8 when offered (Go reports byte columns, so this avoids a conversion in practice); else utf-16, the
    /// mandatory default; utf-32 only when the client offers it and not utf-16.
    /// </summary>
    public static PositionEncoding Negotiate(IReadOnlyList<string>? offered)
    {
        if (offered is null || offered.Count == 0)
        {
            return PositionEncoding.Utf16;
        }

        if (offered.Contains(PositionEncodingKind.Utf8))
        {
            return PositionEncoding.Utf8;
        }

        if (offered.Contains(PositionEncodingKind.Utf16))
        {
            return PositionEncoding.Utf16;
        }

        return offered.Contains(PositionEncodingKind.Utf32) ? PositionEncoding.Utf32 : PositionEncoding.Utf16;
    }

    public static string ToWireName(PositionEncoding encoding) => encoding switch
    {
        PositionEncoding.Utf8 => PositionEncodingKind.Utf8,
        PositionEncoding.Utf32 => PositionEncodingKind.Utf32,
        _ => PositionEncodingKind.Utf16,
    };
}
