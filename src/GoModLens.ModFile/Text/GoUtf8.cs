using System.Text;
using System.Text.Unicode;

namespace GoModLens.ModFile.Text;

/// <summary>
/// File bytes as Go sees them: a Go string may hold bytes that are not UTF-8, a .NET string cannot. Each such byte
/// b decodes to the lone low surrogate U+DC00+b (U+DC80–U+DCFF, which valid UTF-8 never produces), so it keeps its
/// place: one byte for positions, <c>\xNN</c> in go's quoted messages (<see cref="GoQuote.Quote"/>), U+FFFD in JSON as
/// encoding/json writes it, and the same byte again when the text is written back (<see cref="Encode"/>), so
/// formatting a go.mod never rewrites bytes the user did not ask to change.
/// </summary>
public static class GoUtf8
{
    /// <summary>Decodes like Go's utf8.DecodeRune loop: every byte of an invalid sequence on its own.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (Utf8.IsValid(bytes))
        {
            return Encoding.UTF8.GetString(bytes);
        }

        var sb = new StringBuilder(bytes.Length);
        while (!bytes.IsEmpty)
        {
            if (Rune.DecodeFromUtf8(bytes, out var rune, out var consumed) == System.Buffers.OperationStatus.Done)
            {
                sb.Append(rune.ToString());
                bytes = bytes[consumed..];
            }
            else
            {
                sb.Append((char)(0xDC00 | bytes[0]));
                bytes = bytes[1..];
            }
        }

        return sb.ToString();
    }

    /// <summary>The bytes <see cref="Decode"/> read: escaped bytes as themselves, everything else as UTF-8.</summary>
    public static byte[] Encode(string text)
    {
        if (!text.AsSpan().ContainsAnyInRange('\uDC80', '\uDCFF'))
        {
            return Encoding.UTF8.GetBytes(text);
        }

        var bytes = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (IsEscapedByte(text, i))
            {
                bytes.Add((byte)(text[i] & 0xFF));
            }
            else
            {
                var n = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
                bytes.AddRange(Encoding.UTF8.GetBytes(text.Substring(i, n)));
                i += n - 1;
            }
        }

        return [.. bytes];
    }

    /// <summary>Whether the char at <paramref name="i"/> stands for a byte that is not UTF-8 (a lone U+DC80–U+DCFF).</summary>
    public static bool IsEscapedByte(string s, int i) =>
        s[i] is >= '\uDC80' and <= '\uDCFF' && (i == 0 || !char.IsHighSurrogate(s[i - 1]));
}
