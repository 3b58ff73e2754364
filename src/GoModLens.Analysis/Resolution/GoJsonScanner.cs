using System.Text;

namespace GoModLens.Analysis.Resolution;

/// <summary>
/// encoding/json's syntax checker (scanner.go) as a byte-at-a-time state machine: <see cref="FirstSyntaxError"/> returns
/// the first error worded as go's SyntaxError.Error() ("invalid character 'x' looking for beginning of value",
/// "unexpected end of JSON input", ...), plus go's string unquoting (unquoteBytes) and UTF-8 decoding rules.
/// </summary>
internal sealed class GoJsonScanner
{
    private const int MaxNestingDepth = 10000;

    private enum State
    {
        BeginValue,
        BeginValueOrEmpty,
        BeginStringOrEmpty,
        BeginString,
        EndValue,
        EndTop,
        InString,
        InStringEsc,
        InStringEscU,
        InStringEscU1,
        InStringEscU12,
        InStringEscU123,
        Neg,
        One,
        Zero,
        Dot,
        Dot0,
        E,
        ESign,
        E0,
        T,
        Tr,
        Tru,
        F,
        Fa,
        Fal,
        Fals,
        N,
        Nu,
        Nul,
        Error,
    }

    private enum Parse : byte
    {
        ObjectKey,
        ObjectValue,
        ArrayValue,
    }

    private readonly List<Parse> _parseState = [];
    private State _step = State.BeginValue;
    private bool _endTop;
    private string? _err;

    /// <summary>What json.Unmarshal's checkValid reports for <paramref name="data"/>, or null when it is valid JSON.</summary>
    public static string? FirstSyntaxError(ReadOnlySpan<byte> data)
    {
        var scan = new GoJsonScanner();
        foreach (var c in data)
        {
            if (!scan.Step(c))
            {
                return scan._err;
            }
        }

        return scan.Eof();
    }

    private string? Eof()
    {
        if (_err is not null)
        {
            return _err;
        }

        if (_endTop)
        {
            return null;
        }

        Step((byte)' ');
        if (_endTop)
        {
            return null;
        }

        return _err ??= "unexpected end of JSON input";
    }

    /// <summary>Feeds one byte; false once the scanner has hit an error.</summary>
    private bool Step(byte c)
    {
        while (true)
        {
            switch (_step)
            {
                case State.BeginValueOrEmpty:
                    if (IsSpace(c))
                    {
                        return true;
                    }

                    if (c == ']')
                    {
                        _step = State.EndValue;
                        continue;
                    }

                    _step = State.BeginValue;
                    continue;

                case State.BeginValue:
                    return BeginValue(c);

                case State.BeginStringOrEmpty:
                    if (IsSpace(c))
                    {
                        return true;
                    }

                    if (c == '}')
                    {
                        _parseState[^1] = Parse.ObjectValue;
                        _step = State.EndValue;
                        continue;
                    }

                    _step = State.BeginString;
                    continue;

                case State.BeginString:
                    if (IsSpace(c))
                    {
                        return true;
                    }

                    if (c == '"')
                    {
                        _step = State.InString;
                        return true;
                    }

                    return Fail(c, "looking for beginning of object key string");

                case State.EndValue:
                    return EndValue(c);

                case State.EndTop:
                    // go records the error but still reports scanEnd; checkValid only stops on scanError, which the
                    // scanner returns from then on (its step is stateError).
                    if (!IsSpace(c))
                    {
                        return Fail(c, "after top-level value");
                    }

                    return true;

                case State.InString:
                    if (c == '"')
                    {
                        _step = State.EndValue;
                        return true;
                    }

                    if (c == '\\')
                    {
                        _step = State.InStringEsc;
                        return true;
                    }

                    return c >= 0x20 || Fail(c, "in string literal");

                case State.InStringEsc:
                    switch (c)
                    {
                        case (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t' or (byte)'\\' or (byte)'/' or (byte)'"':
                            _step = State.InString;
                            return true;
                        case (byte)'u':
                            _step = State.InStringEscU;
                            return true;
                        default:
                            return Fail(c, "in string escape code");
                    }

                case State.InStringEscU:
                case State.InStringEscU1:
                case State.InStringEscU12:
                case State.InStringEscU123:
                    if (!IsHex(c))
                    {
                        return Fail(c, "in \\u hexadecimal character escape");
                    }

                    _step = _step == State.InStringEscU123 ? State.InString : _step + 1;
                    return true;

                case State.Neg:
                    if (c == '0')
                    {
                        _step = State.Zero;
                        return true;
                    }

                    if (c is >= (byte)'1' and <= (byte)'9')
                    {
                        _step = State.One;
                        return true;
                    }

                    return Fail(c, "in numeric literal");

                case State.One:
                    if (c is >= (byte)'0' and <= (byte)'9')
                    {
                        return true;
                    }

                    _step = State.Zero;
                    continue;

                case State.Zero:
                    if (c == '.')
                    {
                        _step = State.Dot;
                        return true;
                    }

                    if (c is (byte)'e' or (byte)'E')
                    {
                        _step = State.E;
                        return true;
                    }

                    _step = State.EndValue;
                    continue;

                case State.Dot:
                    if (c is >= (byte)'0' and <= (byte)'9')
                    {
                        _step = State.Dot0;
                        return true;
                    }

                    return Fail(c, "after decimal point in numeric literal");

                case State.Dot0:
                    if (c is >= (byte)'0' and <= (byte)'9')
                    {
                        return true;
                    }

                    if (c is (byte)'e' or (byte)'E')
                    {
                        _step = State.E;
                        return true;
                    }

                    _step = State.EndValue;
                    continue;

                case State.E:
                    if (c is (byte)'+' or (byte)'-')
                    {
                        _step = State.ESign;
                        return true;
                    }

                    _step = State.ESign;
                    continue;

                case State.ESign:
                    if (c is >= (byte)'0' and <= (byte)'9')
                    {
                        _step = State.E0;
                        return true;
                    }

                    return Fail(c, "in exponent of numeric literal");

                case State.E0:
                    if (c is >= (byte)'0' and <= (byte)'9')
                    {
                        return true;
                    }

                    _step = State.EndValue;
                    continue;

                case State.T:
                    return Literal(c, 'r', State.Tr, "in literal true (expecting 'r')");
                case State.Tr:
                    return Literal(c, 'u', State.Tru, "in literal true (expecting 'u')");
                case State.Tru:
                    return Literal(c, 'e', State.EndValue, "in literal true (expecting 'e')");
                case State.F:
                    return Literal(c, 'a', State.Fa, "in literal false (expecting 'a')");
                case State.Fa:
                    return Literal(c, 'l', State.Fal, "in literal false (expecting 'l')");
                case State.Fal:
                    return Literal(c, 's', State.Fals, "in literal false (expecting 's')");
                case State.Fals:
                    return Literal(c, 'e', State.EndValue, "in literal false (expecting 'e')");
                case State.N:
                    return Literal(c, 'u', State.Nu, "in literal null (expecting 'u')");
                case State.Nu:
                    return Literal(c, 'l', State.Nul, "in literal null (expecting 'l')");
                case State.Nul:
                    return Literal(c, 'l', State.EndValue, "in literal null (expecting 'l')");

                default:
                    return false;
            }
        }
    }

    private bool BeginValue(byte c)
    {
        if (IsSpace(c))
        {
            return true;
        }

        switch (c)
        {
            case (byte)'{':
                _step = State.BeginStringOrEmpty;
                return Push(c, Parse.ObjectKey);
            case (byte)'[':
                _step = State.BeginValueOrEmpty;
                return Push(c, Parse.ArrayValue);
            case (byte)'"':
                _step = State.InString;
                return true;
            case (byte)'-':
                _step = State.Neg;
                return true;
            case (byte)'0':
                _step = State.Zero;
                return true;
            case (byte)'t':
                _step = State.T;
                return true;
            case (byte)'f':
                _step = State.F;
                return true;
            case (byte)'n':
                _step = State.N;
                return true;
            case >= (byte)'1' and <= (byte)'9':
                _step = State.One;
                return true;
            default:
                return Fail(c, "looking for beginning of value");
        }
    }

    private bool EndValue(byte c)
    {
        if (_parseState.Count == 0)
        {
            _step = State.EndTop;
            _endTop = true;
            return IsSpace(c) || Fail(c, "after top-level value");
        }

        if (IsSpace(c))
        {
            return true;
        }

        switch (_parseState[^1])
        {
            case Parse.ObjectKey:
                if (c == ':')
                {
                    _parseState[^1] = Parse.ObjectValue;
                    _step = State.BeginValue;
                    return true;
                }

                return Fail(c, "after object key");
            case Parse.ObjectValue:
                if (c == ',')
                {
                    _parseState[^1] = Parse.ObjectKey;
                    _step = State.BeginString;
                    return true;
                }

                if (c == '}')
                {
                    Pop();
                    return true;
                }

                return Fail(c, "after object key:value pair");
            default:
                if (c == ',')
                {
                    _step = State.BeginValue;
                    return true;
                }

                if (c == ']')
                {
                    Pop();
                    return true;
                }

                return Fail(c, "after array element");
        }
    }

    private bool Literal(byte c, char expected, State next, string context)
    {
        if (c == expected)
        {
            _step = next;
            return true;
        }

        return Fail(c, context);
    }

    private bool Push(byte c, Parse state)
    {
        _parseState.Add(state);
        return _parseState.Count <= MaxNestingDepth || Fail(c, "exceeded max depth");
    }

    private void Pop()
    {
        _parseState.RemoveAt(_parseState.Count - 1);
        if (_parseState.Count == 0)
        {
            _step = State.EndTop;
            _endTop = true;
        }
        else
        {
            _step = State.EndValue;
        }
    }

    private bool Fail(byte c, string context)
    {
        _step = State.Error;
        _err = "invalid character " + QuoteChar(c) + " " + context;
        return false;
    }

    internal static bool IsSpace(byte c) => c is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';

    private static bool IsHex(byte c) => c is (>= (byte)'0' and <= (byte)'9') or (>= (byte)'a' and <= (byte)'f') or (>= (byte)'A' and <= (byte)'F');

    /// <summary>go's quoteChar: the byte as a rune (U+0000..U+00FF), quoted like strconv.Quote, between single quotes.</summary>
    internal static string QuoteChar(byte c)
    {
        switch (c)
        {
            case (byte)'\'':
                return "'\\''";
            case (byte)'"':
                return "'\"'";
            case (byte)'\\':
                return "'\\\\'";
            case 7:
                return "'\\a'";
            case 8:
                return "'\\b'";
            case 12:
                return "'\\f'";
            case 10:
                return "'\\n'";
            case 13:
                return "'\\r'";
            case 9:
                return "'\\t'";
            case 11:
                return "'\\v'";
        }

        if (c < 0x20 || c == 0x7F)
        {
            return "'\\x" + c.ToString("x2") + "'";
        }

        // strconv.IsPrint: U+0080..U+00A0 and the soft hyphen U+00AD are not printable.
        if (c is (>= 0x80 and <= 0xA0) or 0xAD)
        {
            return "'\\u00" + c.ToString("x2") + "'";
        }

        return "'" + (char)c + "'";
    }

    /// <summary>go's utf8.DecodeRune: (U+FFFD, 1) for any invalid or truncated sequence, surrogates and overlongs included.</summary>
    internal static (int Rune, int Size) DecodeRune(ReadOnlySpan<byte> s)
    {
        if (s.Length == 0)
        {
            return (0xFFFD, 0);
        }

        var b0 = s[0];
        if (b0 < 0x80)
        {
            return (b0, 1);
        }

        int size, rune, lo = 0x80, hi = 0xBF;
        switch (b0)
        {
            case >= 0xC2 and <= 0xDF:
                size = 2;
                rune = b0 & 0x1F;
                break;
            case >= 0xE0 and <= 0xEF:
                size = 3;
                rune = b0 & 0x0F;
                if (b0 == 0xE0)
                {
                    lo = 0xA0;
                }
                else if (b0 == 0xED)
                {
                    hi = 0x9F;
                }

                break;
            case >= 0xF0 and <= 0xF4:
                size = 4;
                rune = b0 & 0x07;
                if (b0 == 0xF0)
                {
                    lo = 0x90;
                }
                else if (b0 == 0xF4)
                {
                    hi = 0x8F;
                }

                break;
            default:
                return (0xFFFD, 1);
        }

        if (s.Length < size)
        {
            return (0xFFFD, 1);
        }

        for (var i = 1; i < size; i++)
        {
            var b = s[i];
            if (b < (i == 1 ? lo : 0x80) || b > (i == 1 ? hi : 0xBF))
            {
                return (0xFFFD, 1);
            }

            rune = (rune << 6) | (b & 0x3F);
        }

        return (rune, size);
    }

    /// <summary>
    /// go's unquoteBytes for a string literal the scanner accepted (quotes included): escapes decoded, invalid UTF-8
    /// and lone surrogates become U+FFFD one byte / one escape at a time.
    /// </summary>
    internal static string Unquote(ReadOnlySpan<byte> literal)
    {
        var s = literal[1..^1];
        var sb = new StringBuilder(s.Length);
        var r = 0;
        while (r < s.Length)
        {
            var c = s[r];
            if (c == '\\')
            {
                r++;
                var e = s[r];
                switch (e)
                {
                    case (byte)'b':
                        sb.Append('\b');
                        break;
                    case (byte)'f':
                        sb.Append('\f');
                        break;
                    case (byte)'n':
                        sb.Append('\n');
                        break;
                    case (byte)'r':
                        sb.Append('\r');
                        break;
                    case (byte)'t':
                        sb.Append('\t');
                        break;
                    case (byte)'u':
                        var rr = GetU4(s[(r - 1)..]);
                        r += 5;
                        if (rr is >= 0xD800 and < 0xE000)
                        {
                            var rr1 = GetU4(s[r..]);
                            if (rr < 0xDC00 && rr1 is >= 0xDC00 and < 0xE000)
                            {
                                r += 6;
                                sb.Append((char)rr).Append((char)rr1);
                                continue;
                            }

                            rr = 0xFFFD;
                        }

                        sb.Append((char)rr);
                        continue;
                    default:
                        // '"', '\\', '/' (the scanner admits no other escapes)
                        sb.Append((char)e);
                        break;
                }

                r++;
                continue;
            }

            if (c < 0x80)
            {
                sb.Append((char)c);
                r++;
                continue;
            }

            var (rune, size) = DecodeRune(s[r..]);
            sb.Append(char.ConvertFromUtf32(rune));
            r += size;
        }

        return sb.ToString();
    }

    private static int GetU4(ReadOnlySpan<byte> s)
    {
        if (s.Length < 6 || s[0] != '\\' || s[1] != 'u')
        {
            return -1;
        }

        var r = 0;
        foreach (var c in s[2..6])
        {
            int d;
            if (c is >= (byte)'0' and <= (byte)'9')
            {
                d = c - '0';
            }
            else if (c is >= (byte)'a' and <= (byte)'f')
            {
                d = c - 'a' + 10;
            }
            else if (c is >= (byte)'A' and <= (byte)'F')
            {
                d = c - 'A' + 10;
            }
            else
            {
                return -1;
            }

            r = (r * 16) + d;
        }

        return r;
    }

    /// <summary>
    /// The end (exclusive) of the value starting at <paramref name="start"/> in valid JSON: a string, number or literal
    /// token, or a whole object/array (iteratively, so deep nesting is no problem).
    /// </summary>
    internal static int ValueEnd(ReadOnlySpan<byte> data, int start)
    {
        var i = start;
        var depth = 0;
        do
        {
            var c = data[i];
            if (c == '"')
            {
                i++;
                while (data[i] != '"')
                {
                    i += data[i] == '\\' ? 2 : 1;
                }

                i++;
            }
            else if (c is (byte)'{' or (byte)'[')
            {
                depth++;
                i++;
            }
            else if (c is (byte)'}' or (byte)']')
            {
                depth--;
                i++;
            }
            else if (IsSpace(c) || c is (byte)',' or (byte)':')
            {
                i++;
            }
            else
            {
                // number or literal: letters, digits, sign, dot
                while (i < data.Length && !IsSpace(data[i]) && data[i] is not ((byte)',' or (byte)'}' or (byte)']' or (byte)':'))
                {
                    i++;
                }
            }
        }
        while (depth > 0);

        return i;
    }
}
