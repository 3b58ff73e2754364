using System.Text;

namespace GoModLens.Analysis.Environment;

/// <summary>
/// encoding/json as go reads a file it unmarshals (the -overlay file): its syntax check, byte by byte with the same
/// states and the same error texts (<c>invalid character '}' looking for beginning of object key string</c>,
/// <c>unexpected end of JSON input</c>), and a tree of the values of a document that passed it.
/// </summary>
internal static class GoJson
{
    private const int MaxNestingDepth = 10000;

    /// <summary>The error json.Unmarshal's syntax check gives, or null when <paramref name="data"/> is valid JSON.</summary>
    public static string? SyntaxError(ReadOnlySpan<byte> data)
    {
        var scanner = new Scanner();
        foreach (var c in data)
        {
            if (!scanner.Step(c))
            {
                return scanner.Error;
            }
        }

        return scanner.AtEnd();
    }

    /// <summary>
    /// The value of a document <see cref="SyntaxError"/> accepted, objects read to <paramref name="objectDepth"/> levels
    /// (members of deeper objects, and array elements, are passed over without recursion: a valid document may nest
    /// 10 000 deep).
    /// </summary>
    public static Node Parse(ReadOnlySpan<byte> data, int objectDepth = 2)
    {
        var i = 0;
        return ParseValue(data, ref i, objectDepth);
    }

    /// <summary>A JSON value: its kind as go names it in type errors, a string's text, an object's members in order.</summary>
    public sealed record Node(string Kind, string? Text = null, IReadOnlyList<(string Key, Node Value)>? Members = null);

    private static Node ParseValue(ReadOnlySpan<byte> data, ref int i, int objectDepth)
    {
        SkipSpace(data, ref i);
        switch (data[i])
        {
            case (byte)'{' when objectDepth > 0:
                {
                    i++;
                    var members = new List<(string, Node)>();
                    SkipSpace(data, ref i);
                    while (data[i] != '}')
                    {
                        SkipSpace(data, ref i);
                        var key = ParseString(data, ref i);
                        SkipSpace(data, ref i);
                        i++; // ':'
                        members.Add((key, ParseValue(data, ref i, objectDepth - 1)));
                        SkipSpace(data, ref i);
                        if (data[i] == ',')
                        {
                            i++;
                        }
                    }

                    i++;
                    return new Node("object", Members: members);
                }

            case (byte)'{' or (byte)'[':
                {
                    var kind = data[i] == '{' ? "object" : "array";
                    SkipComposite(data, ref i);
                    return new Node(kind);
                }

            case (byte)'"':
                return new Node("string", ParseString(data, ref i));
            case (byte)'t' or (byte)'f':
                i += data[i] == 't' ? 4 : 5;
                return new Node("bool");
            case (byte)'n':
                i += 4;
                return new Node("null");
            default:
                while (i < data.Length && (data[i] is (byte)'-' or (byte)'+' or (byte)'.' or (byte)'e' or (byte)'E' || char.IsAsciiDigit((char)data[i])))
                {
                    i++;
                }

                return new Node("number");
        }
    }

    /// <summary>Past a valid object or array, counting brackets outside strings.</summary>
    private static void SkipComposite(ReadOnlySpan<byte> data, ref int i)
    {
        var depth = 0;
        do
        {
            switch (data[i])
            {
                case (byte)'{' or (byte)'[':
                    depth++;
                    break;
                case (byte)'}' or (byte)']':
                    depth--;
                    break;
                case (byte)'"':
                    for (i++; data[i] != '"'; i++)
                    {
                        if (data[i] == '\\')
                        {
                            i++;
                        }
                    }

                    break;
            }

            i++;
        }
        while (depth > 0);
    }

    private static void SkipSpace(ReadOnlySpan<byte> data, ref int i)
    {
        while (i < data.Length && IsSpace(data[i]))
        {
            i++;
        }
    }

    /// <summary>A string literal's text as go unquotes it: escapes decoded, a lone surrogate or invalid UTF-8 as U+FFFD.</summary>
    private static string ParseString(ReadOnlySpan<byte> data, ref int i)
    {
        i++; // '"'
        var raw = new List<byte>();
        var text = new StringBuilder();
        void FlushRaw()
        {
            text.Append(Encoding.UTF8.GetString(raw.ToArray()));
            raw.Clear();
        }

        while (data[i] != '"')
        {
            if (data[i] != '\\')
            {
                raw.Add(data[i++]);
                continue;
            }

            FlushRaw();
            var escape = data[i + 1];
            i += 2;
            if (escape != 'u')
            {
                text.Append(escape switch { (byte)'b' => '\b', (byte)'f' => '\f', (byte)'n' => '\n', (byte)'r' => '\r', (byte)'t' => '\t', _ => (char)escape });
                continue;
            }

            var unit = Convert.ToInt32(Encoding.ASCII.GetString(data.Slice(i, 4)), 16);
            i += 4;
            if (char.IsHighSurrogate((char)unit) && i + 5 < data.Length && data[i] == '\\' && data[i + 1] == 'u'
                && Convert.ToInt32(Encoding.ASCII.GetString(data.Slice(i + 2, 4)), 16) is var low && char.IsLowSurrogate((char)low))
            {
                text.Append((char)unit).Append((char)low);
                i += 6;
            }
            else
            {
                text.Append(char.IsSurrogate((char)unit) ? '\uFFFD' : (char)unit);
            }
        }

        FlushRaw();
        i++;
        return text.ToString();
    }

    private static bool IsSpace(byte c) => c is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';

    /// <summary>encoding/json's scanner: one state per position in the grammar, and a stack of open objects and arrays.</summary>
    private sealed class Scanner
    {
        private enum State
        {
            BeginValueOrEmpty, BeginValue, BeginStringOrEmpty, BeginString, EndValue, EndTop, InString, InStringEsc,
            InStringEscU, InStringEscU1, InStringEscU12, InStringEscU123, Neg, One, Zero, Dot, Dot0, E, ESign, E0,
            T, Tr, Tru, F, Fa, Fal, Fals, N, Nu, Nul, Error,
        }

        private enum Parse { ObjectKey, ObjectValue, ArrayValue }

        private readonly List<Parse> _stack = [];
        private State _state = State.BeginValue;
        private bool _endTop;

        public string? Error { get; private set; }

        /// <summary>Takes one byte; false once the document is known to be invalid (<see cref="Error"/>).</summary>
        public bool Step(byte c)
        {
            if (_state == State.Error)
            {
                return false;
            }

            // (go goes on one byte past a byte after the top-level value, then stops with that same error.)
            Run(c);
            return Error is null;
        }

        /// <summary>The end of the input: a number still open ends with it; anything else open is an unexpected end.</summary>
        public string? AtEnd()
        {
            if (Error is not null)
            {
                return Error;
            }

            if (_endTop)
            {
                return null;
            }

            Run((byte)' ');
            return _endTop && Error is null ? null : Error ?? "unexpected end of JSON input";
        }

        private void Fail(byte c, string context)
        {
            _state = State.Error;
            Error ??= "invalid character " + QuoteChar(c) + " " + context;
        }

        private void Push(byte c, Parse parse, State next)
        {
            _stack.Add(parse);
            _state = next;
            if (_stack.Count > MaxNestingDepth)
            {
                Fail(c, "exceeded max depth");
            }
        }

        private void Pop()
        {
            _stack.RemoveAt(_stack.Count - 1);
            if (_stack.Count == 0)
            {
                _state = State.EndTop;
                _endTop = true;
            }
            else
            {
                _state = State.EndValue;
            }
        }

        private void Run(byte c)
        {
            switch (_state)
            {
                case State.BeginValueOrEmpty:
                    if (IsSpace(c))
                    {
                        return;
                    }

                    if (c == ']')
                    {
                        EndValue(c);
                        return;
                    }

                    BeginValue(c);
                    return;
                case State.BeginValue:
                    BeginValue(c);
                    return;
                case State.BeginStringOrEmpty:
                    if (IsSpace(c))
                    {
                        return;
                    }

                    if (c == '}')
                    {
                        _stack[^1] = Parse.ObjectValue;
                        EndValue(c);
                        return;
                    }

                    BeginString(c);
                    return;
                case State.BeginString:
                    BeginString(c);
                    return;
                case State.EndValue:
                    EndValue(c);
                    return;
                case State.EndTop:
                    EndTop(c);
                    return;
                case State.InString:
                    if (c == '"')
                    {
                        _state = State.EndValue;
                    }
                    else if (c == '\\')
                    {
                        _state = State.InStringEsc;
                    }
                    else if (c < 0x20)
                    {
                        Fail(c, "in string literal");
                    }

                    return;
                case State.InStringEsc:
                    if (c is (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t' or (byte)'\\' or (byte)'/' or (byte)'"')
                    {
                        _state = State.InString;
                    }
                    else if (c == 'u')
                    {
                        _state = State.InStringEscU;
                    }
                    else
                    {
                        Fail(c, "in string escape code");
                    }

                    return;
                case State.InStringEscU or State.InStringEscU1 or State.InStringEscU12 or State.InStringEscU123:
                    if (!char.IsAsciiHexDigit((char)c))
                    {
                        Fail(c, "in \\u hexadecimal character escape");
                        return;
                    }

                    _state = _state == State.InStringEscU123 ? State.InString : _state + 1;
                    return;
                case State.Neg:
                    if (c == '0')
                    {
                        _state = State.Zero;
                    }
                    else if (c is >= (byte)'1' and <= (byte)'9')
                    {
                        _state = State.One;
                    }
                    else
                    {
                        Fail(c, "in numeric literal");
                    }

                    return;
                case State.One:
                    if (char.IsAsciiDigit((char)c))
                    {
                        return;
                    }

                    AfterInteger(c);
                    return;
                case State.Zero:
                    AfterInteger(c);
                    return;
                case State.Dot:
                    if (char.IsAsciiDigit((char)c))
                    {
                        _state = State.Dot0;
                    }
                    else
                    {
                        Fail(c, "after decimal point in numeric literal");
                    }

                    return;
                case State.Dot0:
                    if (char.IsAsciiDigit((char)c))
                    {
                        return;
                    }

                    if (c is (byte)'e' or (byte)'E')
                    {
                        _state = State.E;
                        return;
                    }

                    EndValue(c);
                    return;
                case State.E:
                    if (c is (byte)'+' or (byte)'-')
                    {
                        _state = State.ESign;
                        return;
                    }

                    ESign(c);
                    return;
                case State.ESign:
                    ESign(c);
                    return;
                case State.E0:
                    if (char.IsAsciiDigit((char)c))
                    {
                        return;
                    }

                    EndValue(c);
                    return;
                default:
                    Literal(c);
                    return;
            }
        }

        private void BeginValue(byte c)
        {
            if (IsSpace(c))
            {
                _state = State.BeginValue;
                return;
            }

            switch (c)
            {
                case (byte)'{':
                    Push(c, Parse.ObjectKey, State.BeginStringOrEmpty);
                    return;
                case (byte)'[':
                    Push(c, Parse.ArrayValue, State.BeginValueOrEmpty);
                    return;
                case (byte)'"':
                    _state = State.InString;
                    return;
                case (byte)'-':
                    _state = State.Neg;
                    return;
                case (byte)'0':
                    _state = State.Zero;
                    return;
                case (byte)'t':
                    _state = State.T;
                    return;
                case (byte)'f':
                    _state = State.F;
                    return;
                case (byte)'n':
                    _state = State.N;
                    return;
                case >= (byte)'1' and <= (byte)'9':
                    _state = State.One;
                    return;
                default:
                    Fail(c, "looking for beginning of value");
                    return;
            }
        }

        private void BeginString(byte c)
        {
            if (IsSpace(c))
            {
                _state = State.BeginString;
            }
            else if (c == '"')
            {
                _state = State.InString;
            }
            else
            {
                Fail(c, "looking for beginning of object key string");
            }
        }

        private void EndValue(byte c)
        {
            if (_stack.Count == 0)
            {
                _state = State.EndTop;
                _endTop = true;
                EndTop(c);
                return;
            }

            if (IsSpace(c))
            {
                _state = State.EndValue;
                return;
            }

            switch (_stack[^1])
            {
                case Parse.ObjectKey when c == ':':
                    _stack[^1] = Parse.ObjectValue;
                    _state = State.BeginValue;
                    return;
                case Parse.ObjectKey:
                    Fail(c, "after object key");
                    return;
                case Parse.ObjectValue when c == ',':
                    _stack[^1] = Parse.ObjectKey;
                    _state = State.BeginString;
                    return;
                case Parse.ObjectValue when c == '}':
                    Pop();
                    return;
                case Parse.ObjectValue:
                    Fail(c, "after object key:value pair");
                    return;
                case Parse.ArrayValue when c == ',':
                    _state = State.BeginValue;
                    return;
                case Parse.ArrayValue when c == ']':
                    Pop();
                    return;
                default:
                    Fail(c, "after array element");
                    return;
            }
        }

        private void EndTop(byte c)
        {
            if (!IsSpace(c))
            {
                Fail(c, "after top-level value");
            }
        }

        private void AfterInteger(byte c)
        {
            if (c == '.')
            {
                _state = State.Dot;
            }
            else if (c is (byte)'e' or (byte)'E')
            {
                _state = State.E;
            }
            else
            {
                EndValue(c);
            }
        }

        private void ESign(byte c)
        {
            if (char.IsAsciiDigit((char)c))
            {
                _state = State.E0;
            }
            else
            {
                Fail(c, "in exponent of numeric literal");
            }
        }

        /// <summary>true, false and null, a letter at a time.</summary>
        private void Literal(byte c)
        {
            var (expected, word, next) = _state switch
            {
                State.T => ('r', "true", State.Tr),
                State.Tr => ('u', "true", State.Tru),
                State.Tru => ('e', "true", State.EndValue),
                State.F => ('a', "false", State.Fa),
                State.Fa => ('l', "false", State.Fal),
                State.Fal => ('s', "false", State.Fals),
                State.Fals => ('e', "false", State.EndValue),
                State.N => ('u', "null", State.Nu),
                State.Nu => ('l', "null", State.Nul),
                _ => ('l', "null", State.EndValue),
            };
            if (c == expected)
            {
                _state = next;
            }
            else
            {
                Fail(c, $"in literal {word} (expecting '{expected}')");
            }
        }
    }

    /// <summary>encoding/json's quoteChar: the byte as a character in single quotes, strconv.Quote's escapes inside.</summary>
    internal static string QuoteChar(byte c)
    {
        if (c == '\'')
        {
            return @"'\''";
        }

        if (c == '"')
        {
            return "'\"'";
        }

        var r = (char)c; // string(c) in go: the rune U+0000–U+00FF
        var s = r switch
        {
            '\a' => @"\a",
            '\b' => @"\b",
            '\f' => @"\f",
            '\n' => @"\n",
            '\r' => @"\r",
            '\t' => @"\t",
            '\v' => @"\v",
            '\\' => @"\\",
            < ' ' or '\x7f' => $@"\x{c:x2}",
            >= '\x80' and <= '\xa0' or '\xad' => $@"\u{c:x4}",
            _ => r.ToString(),
        };
        return "'" + s + "'";
    }
}
