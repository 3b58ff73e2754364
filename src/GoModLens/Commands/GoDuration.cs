using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace GoModLens.Host.Commands;

/// <summary>
/// go's time.ParseDuration, ported byte for byte (go 1.26 src/time/format.go): a possibly signed sequence of decimal
/// numbers, each with an optional fraction and a unit (ns, us, µs, μs, ms, s, m, h), in any order and repeated
/// ("1s500ms", "1.5h", "+2m"); "0" alone needs no unit. Values are go's int64 nanoseconds, overflow and rounding
/// included, and errors are go's own text, so a duration go takes means the same here and one it refuses is refused
/// with the words go would print.
/// </summary>
internal static class GoDuration
{
    private const ulong Limit = 1UL << 63; // magnitudes are accumulated unsigned, as go does

    /// <summary>Parses <paramref name="text"/> as go would; <paramref name="error"/> is go's error text when it fails.</summary>
    public static bool TryParse(string text, out long nanoseconds, [NotNullWhen(false)] out string? error)
    {
        // go works on the string's UTF-8 bytes: the units "µs"/"μs" are two bytes and an "s", and an unknown unit is
        // every byte up to the next digit or '.'.
        ReadOnlySpan<byte> orig = Encoding.UTF8.GetBytes(text);
        var s = orig;
        nanoseconds = 0;
        error = null;
        ulong d = 0;
        var negative = false;
        if (!s.IsEmpty && s[0] is (byte)'-' or (byte)'+')
        {
            negative = s[0] == '-';
            s = s[1..];
        }

        if (s.SequenceEqual("0"u8))
        {
            return true;
        }

        if (s.IsEmpty)
        {
            return Fail("invalid duration", orig, out error);
        }

        while (!s.IsEmpty)
        {
            if (!(s[0] == '.' || IsDigit(s[0])))
            {
                return Fail("invalid duration", orig, out error);
            }

            var before = s.Length;
            if (!LeadingInt(ref s, out var v))
            {
                return Fail("invalid duration", orig, out error);
            }

            var pre = before != s.Length;
            ulong f = 0;
            var scale = 1.0;
            var post = false;
            if (!s.IsEmpty && s[0] == '.')
            {
                s = s[1..];
                before = s.Length;
                (f, scale) = LeadingFraction(ref s);
                post = before != s.Length;
            }

            if (!pre && !post)
            {
                // No digits at all, e.g. ".s" or "-.s".
                return Fail("invalid duration", orig, out error);
            }

            var i = 0;
            while (i < s.Length && s[i] != '.' && !IsDigit(s[i]))
            {
                i++;
            }

            if (i == 0)
            {
                return Fail("missing unit in duration", orig, out error);
            }

            var u = s[..i];
            s = s[i..];
            if (Unit(u) is not { } unit)
            {
                return Fail("unknown unit " + Quote(u) + " in duration", orig, out error);
            }

            if (v > Limit / unit)
            {
                return Fail("invalid duration", orig, out error);
            }

            v *= unit;
            if (f > 0)
            {
                // go's float64 arithmetic, truncated: nanosecond-exact for fractions of an hour.
                v += (ulong)(f * (unit / scale));
                if (v > Limit)
                {
                    return Fail("invalid duration", orig, out error);
                }
            }

            d += v;
            if (d > Limit)
            {
                return Fail("invalid duration", orig, out error);
            }
        }

        if (negative)
        {
            nanoseconds = unchecked(-(long)d); // 1<<63 is go's math.MinInt64, as here
            return true;
        }

        if (d > long.MaxValue)
        {
            return Fail("invalid duration", orig, out error);
        }

        nanoseconds = (long)d;
        return true;
    }

    private static bool IsDigit(byte c) => c is >= (byte)'0' and <= (byte)'9';

    private static ulong? Unit(ReadOnlySpan<byte> u) =>
        u.SequenceEqual("ns"u8) ? 1UL
        : u.SequenceEqual("us"u8) || u.SequenceEqual("µs"u8) || u.SequenceEqual("μs"u8) ? 1_000UL // U+00B5 micro sign, U+03BC mu
        : u.SequenceEqual("ms"u8) ? 1_000_000UL
        : u.SequenceEqual("s"u8) ? 1_000_000_000UL
        : u.SequenceEqual("m"u8) ? 60_000_000_000UL
        : u.SequenceEqual("h"u8) ? 3_600_000_000_000UL
        : null;

    /// <summary>go's leadingInt: the leading digits; false when they overflow 1&lt;&lt;63.</summary>
    private static bool LeadingInt(ref ReadOnlySpan<byte> s, out ulong x)
    {
        x = 0;
        var i = 0;
        for (; i < s.Length && IsDigit(s[i]); i++)
        {
            if (x > Limit / 10)
            {
                return false;
            }

            x = (x * 10) + (ulong)(s[i] - '0');
            if (x > Limit)
            {
                return false;
            }
        }

        s = s[i..];
        return true;
    }

    /// <summary>go's leadingFraction: the fraction's digits; past 63 bits they are consumed and ignored, never an error.</summary>
    private static (ulong X, double Scale) LeadingFraction(ref ReadOnlySpan<byte> s)
    {
        ulong x = 0;
        var scale = 1.0;
        var overflow = false;
        var i = 0;
        for (; i < s.Length && IsDigit(s[i]); i++)
        {
            if (overflow)
            {
                continue;
            }

            if (x > (Limit - 1) / 10)
            {
                overflow = true;
                continue;
            }

            var y = (x * 10) + (ulong)(s[i] - '0');
            if (y > Limit)
            {
                overflow = true;
                continue;
            }

            x = y;
            scale *= 10;
        }

        s = s[i..];
        return (x, scale);
    }

    private static bool Fail(string message, ReadOnlySpan<byte> value, out string error)
    {
        error = "time: " + message + " " + Quote(value);
        return false;
    }

    /// <summary>
    /// time's own quote (not strconv.Quote): ASCII as is with '"' and '\' escaped, and every byte of a control or
    /// non-ASCII character as \xNN.
    /// </summary>
    internal static string Quote(ReadOnlySpan<byte> s)
    {
        var quoted = new StringBuilder(s.Length + 2).Append('"');
        while (!s.IsEmpty)
        {
            if (s[0] is >= (byte)' ' and < 0x80)
            {
                if (s[0] is (byte)'"' or (byte)'\\')
                {
                    quoted.Append('\\');
                }

                quoted.Append((char)s[0]);
                s = s[1..];
                continue;
            }

            // Each byte of the character, or of the invalid UTF-8 (go's range loop takes it a byte at a time: same text).
            System.Text.Rune.DecodeFromUtf8(s, out _, out var width);
            foreach (var b in s[..Math.Max(1, width)])
            {
                quoted.Append(@"\x").Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            }

            s = s[Math.Max(1, width)..];
        }

        return quoted.Append('"').ToString();
    }
}
