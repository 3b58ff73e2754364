using System.Text;

namespace GoModLens.Analysis.Resolution;

/// <summary>
/// Decodes a <c>.info</c>/<c>@latest</c> body like go's <c>json.Unmarshal(body, &amp;modfetch.RevInfo{})</c> (go 1.26),
/// with encoding/json's and time.Parse's exact error texts. RevInfo is
/// <c>{Version string; Time time.Time; Name, Short string `json:"-"`; Origin *codehost.Origin}</c>; Origin's fields are
/// all strings.
/// </summary>
internal static class InfoJson
{
    private const string Rfc3339 = "2006-01-02T15:04:05Z07:00";

    private static readonly string[] s_originFields = ["VCS", "URL", "Subdir", "Hash", "TagPrefix", "TagSum", "Ref", "RepoSum"];

    /// <summary>
    /// json.Unmarshal into RevInfo. On success <paramref name="version"/> is the Version field ("" when absent or the
    /// body is <c>null</c>, as go leaves it) and <paramref name="time"/> the Time field, or null when absent or outside
    /// what <see cref="DateTimeOffset"/> can hold (year 0, for instance, which go accepts). On failure
    /// <paramref name="error"/> is go's error text.
    /// </summary>
    public static bool TryParse(byte[] body, out string version, out DateTimeOffset? time, out string? error)
    {
        version = "";
        time = null;
        if (GoJsonScanner.FirstSyntaxError(body) is { } syntax)
        {
            error = syntax;
            return false;
        }

        var decoder = new Decoder(body);
        var fatal = decoder.DecodeTop();
        version = decoder.Version;
        time = decoder.Time;
        error = fatal ?? decoder.SavedError;
        return error is null;
    }

    /// <summary>
    /// encoding/json's decodeState over a body the scanner accepted: type mismatches are saved (the first one is
    /// reported, decoding goes on), an UnmarshalJSON error (time.Time's) stops decoding and wins.
    /// </summary>
    private sealed class Decoder(byte[] data)
    {
        private int _pos;

        public string Version { get; private set; } = "";

        public DateTimeOffset? Time { get; private set; }

        public string? SavedError { get; private set; }

        public string? DecodeTop()
        {
            SkipSpace();
            var c = data[_pos];
            if (c == '{')
            {
                return DecodeObject(origin: false);
            }

            if (c != 'n')
            {
                Save("json: cannot unmarshal " + Kind(c) + " into Go value of type modfetch.RevInfo");
            }

            return null;
        }

        /// <summary>An object into RevInfo or (<paramref name="origin"/>) codehost.Origin; _pos is at '{' and ends after '}'.</summary>
        private string? DecodeObject(bool origin)
        {
            _pos++;
            while (true)
            {
                SkipSpace();
                if (data[_pos] == '}')
                {
                    _pos++;
                    return null;
                }

                var keyEnd = GoJsonScanner.ValueEnd(data, _pos);
                var key = Fold(GoJsonScanner.Unquote(data.AsSpan(_pos, keyEnd - _pos)));
                _pos = keyEnd;
                SkipSpace();
                _pos++; // ':'
                SkipSpace();

                var start = _pos;
                var end = GoJsonScanner.ValueEnd(data, start);
                if (origin)
                {
                    if (Array.Find(s_originFields, f => Fold(f) == key) is { } field)
                    {
                        _ = StringField(start, end, "Origin.Origin." + field);
                    }

                    _pos = end;
                }
                else if (key == "VERSION")
                {
                    if (StringField(start, end, "RevInfo.Version") is { } v)
                    {
                        Version = v;
                    }

                    _pos = end;
                }
                else if (key == "TIME")
                {
                    if (UnmarshalTime(data.AsSpan(start, end - start)) is { } timeError)
                    {
                        return timeError;
                    }

                    _pos = end;
                }
                else if (key == "ORIGIN")
                {
                    var c = data[start];
                    if (c == '{')
                    {
                        _pos = start;
                        if (DecodeObject(origin: true) is { } nested)
                        {
                            return nested;
                        }
                    }
                    else if (c != 'n')
                    {
                        Save("json: cannot unmarshal " + Kind(c) + " into Go struct field RevInfo.Origin of type codehost.Origin");
                    }

                    _pos = end;
                }
                else
                {
                    _pos = end;
                }

                SkipSpace();
                if (data[_pos++] == '}')
                {
                    return null;
                }
            }
        }

        /// <summary>A value into a string field: the unquoted text, or null (null leaves the field as it was; other kinds are saved type errors).</summary>
        private string? StringField(int start, int end, string field)
        {
            var c = data[start];
            if (c == '"')
            {
                return GoJsonScanner.Unquote(data.AsSpan(start, end - start));
            }

            if (c != 'n')
            {
                Save("json: cannot unmarshal " + Kind(c) + " into Go struct field " + field + " of type string");
            }

            return null;
        }

        /// <summary>time.Time.UnmarshalJSON on the raw value bytes (string escapes are not decoded, as in go).</summary>
        private string? UnmarshalTime(ReadOnlySpan<byte> raw)
        {
            if (raw.SequenceEqual("null"u8))
            {
                return null;
            }

            if (raw.Length < 2 || raw[0] != '"' || raw[^1] != '"')
            {
                return "Time.UnmarshalJSON: input is not a JSON string";
            }

            if (GoTime.ParseRfc3339(raw[1..^1], out var parsed) is { } parseError)
            {
                return parseError;
            }

            Time = parsed;
            return null;
        }

        private void Save(string error) => SavedError ??= error;

        private void SkipSpace()
        {
            while (_pos < data.Length && GoJsonScanner.IsSpace(data[_pos]))
            {
                _pos++;
            }
        }

        private static string Kind(byte c) => c switch
        {
            (byte)'{' => "object",
            (byte)'[' => "array",
            (byte)'"' => "string",
            (byte)'t' or (byte)'f' => "bool",
            (byte)'n' => "null",
            _ => "number",
        };

        /// <summary>
        /// encoding/json's foldName as far as it matters for ASCII field names: ASCII letters upper-cased, and the two
        /// non-ASCII runes whose simple case folding reaches an ASCII letter (U+017F ſ → S, U+212A Kelvin → K).
        /// </summary>
        private static string Fold(string name)
        {
            var sb = new StringBuilder(name.Length);
            foreach (var ch in name)
            {
                sb.Append(ch switch
                {
                    >= 'a' and <= 'z' => (char)(ch - 32),
                    '\u017F' => 'S',
                    '\u212A' => 'K',
                    _ => ch,
                });
            }

            return sb.ToString();
        }
    }

    /// <summary>time.Parse(time.RFC3339, s) as go 1.26 does it (what time.Time.UnmarshalJSON falls back to), with its ParseError texts.</summary>
    private static class GoTime
    {
        private enum Std
        {
            LongYear,
            ZeroMonth,
            ZeroDay,
            Hour,
            ZeroMinute,
            ZeroSecond,
            Iso8601ColonTz,
        }

        // nextStdChunk over "2006-01-02T15:04:05Z07:00": (prefix, element, element's layout text).
        private static readonly (string Prefix, Std Std, string Text)[] s_chunks =
        [
            ("", Std.LongYear, "2006"),
            ("-", Std.ZeroMonth, "01"),
            ("-", Std.ZeroDay, "02"),
            ("T", Std.Hour, "15"),
            (":", Std.ZeroMinute, "04"),
            (":", Std.ZeroSecond, "05"),
            ("", Std.Iso8601ColonTz, "Z07:00"),
        ];

        /// <summary>Null on success (<paramref name="time"/> null when DateTimeOffset cannot hold it), else go's error text.</summary>
        public static string? ParseRfc3339(ReadOnlySpan<byte> input, out DateTimeOffset? time)
        {
            time = null;
            var value = input;
            int year = 0, month = -1, day = -1, hour = 0, min = 0, sec = 0, nsec = 0, zoneOffset = 0;
            foreach (var (prefix, std, text) in s_chunks)
            {
                if (!Skip(ref value, prefix))
                {
                    return Error(input, prefix, value);
                }

                var hold = value;
                var bad = false;
                var range = "";
                switch (std)
                {
                    case Std.LongYear:
                        if (value.Length < 4 || !IsDigit(value, 0))
                        {
                            bad = true;
                            break;
                        }

                        bad = !Atoi(value[..4], out year);
                        value = value[4..];
                        break;
                    case Std.ZeroMonth:
                        bad = !GetNum(ref value, true, out month);
                        if (!bad && month is <= 0 or > 12)
                        {
                            range = "month";
                        }

                        break;
                    case Std.ZeroDay:
                        bad = !GetNum(ref value, true, out day);
                        break;
                    case Std.Hour:
                        bad = !GetNum(ref value, false, out hour);
                        if (hour is < 0 or >= 24)
                        {
                            range = "hour";
                        }

                        break;
                    case Std.ZeroMinute:
                        bad = !GetNum(ref value, true, out min);
                        if (min is < 0 or >= 60)
                        {
                            range = "minute";
                        }

                        break;
                    case Std.ZeroSecond:
                        bad = !GetNum(ref value, true, out sec);
                        if (bad)
                        {
                            break;
                        }

                        if (sec is < 0 or >= 60)
                        {
                            range = "second";
                            break;
                        }

                        // A fractional second after the seconds field even though the layout has none.
                        if (value.Length >= 2 && value[0] is (byte)'.' or (byte)',' && IsDigit(value, 1))
                        {
                            var n = 2;
                            while (n < value.Length && IsDigit(value, n))
                            {
                                n++;
                            }

                            bad = !ParseNanoseconds(value, n, out nsec);
                            value = value[n..];
                        }

                        break;
                    case Std.Iso8601ColonTz:
                        if (value.Length >= 1 && value[0] == 'Z')
                        {
                            value = value[1..];
                            zoneOffset = 0;
                            break;
                        }

                        if (value.Length < 6 || value[3] != ':')
                        {
                            bad = true;
                            break;
                        }

                        var sign = value[0];
                        var hh = value[1..3];
                        var mm = value[4..6];
                        value = value[6..];
                        int hr, mn = 0;
                        bad = !GetNum(ref hh, true, out hr) || !GetNum(ref mm, true, out mn);
                        if (hr > 24)
                        {
                            range = "time zone offset hour";
                        }

                        if (mn > 60)
                        {
                            range = "time zone offset minute";
                        }

                        zoneOffset = ((hr * 60) + mn) * 60;
                        if (sign == '-')
                        {
                            zoneOffset = -zoneOffset;
                        }
                        else if (sign != '+')
                        {
                            bad = true;
                        }

                        break;
                }

                if (range.Length > 0)
                {
                    return "parsing time " + Quote(input) + ": " + range + " out of range";
                }

                if (bad)
                {
                    return Error(input, text, hold);
                }
            }

            if (value.Length != 0)
            {
                return "parsing time " + Quote(input) + ": extra text: " + Quote(value);
            }

            if (day < 1 || day > DaysIn(month, year))
            {
                return "parsing time " + Quote(input) + ": day out of range";
            }

            time = ToDateTimeOffset(year, month, day, hour, min, sec, nsec, zoneOffset);
            return null;
        }

        private static DateTimeOffset? ToDateTimeOffset(int year, int month, int day, int hour, int min, int sec, int nsec, int zoneOffset)
        {
            if (year < 1)
            {
                return null;
            }

            var localTicks = new DateTime(year, month, day, hour, min, sec, DateTimeKind.Unspecified).Ticks + (nsec / 100);
            var utcTicks = localTicks - (zoneOffset * TimeSpan.TicksPerSecond);
            if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
            {
                return null;
            }

            // DateTimeOffset holds offsets up to ±14:00; go's parser takes up to ±24:60. Keep the instant.
            return Math.Abs(zoneOffset) <= 14 * 3600
                ? new DateTimeOffset(localTicks, TimeSpan.FromSeconds(zoneOffset))
                : new DateTimeOffset(utcTicks, TimeSpan.Zero);
        }

        private static string Error(ReadOnlySpan<byte> input, string layoutElem, ReadOnlySpan<byte> valueElem) =>
            "parsing time " + Quote(input) + " as " + Quote(Encoding.ASCII.GetBytes(Rfc3339)) + ": cannot parse " + Quote(valueElem) + " as " + Quote(Encoding.ASCII.GetBytes(layoutElem));

        private static bool Skip(ref ReadOnlySpan<byte> value, string prefix)
        {
            foreach (var p in prefix)
            {
                if (value.Length == 0 || value[0] != p)
                {
                    return false;
                }

                value = value[1..];
            }

            return true;
        }

        private static bool IsDigit(ReadOnlySpan<byte> s, int i) => i < s.Length && s[i] is >= (byte)'0' and <= (byte)'9';

        /// <summary>go's getnum: one or two digits (exactly two when <paramref name="fixedWidth"/>).</summary>
        private static bool GetNum(ref ReadOnlySpan<byte> s, bool fixedWidth, out int n)
        {
            n = 0;
            if (!IsDigit(s, 0))
            {
                return false;
            }

            if (!IsDigit(s, 1))
            {
                if (fixedWidth)
                {
                    return false;
                }

                n = s[0] - '0';
                s = s[1..];
                return true;
            }

            n = ((s[0] - '0') * 10) + (s[1] - '0');
            s = s[2..];
            return true;
        }

        /// <summary>go's atoi for a short all-digit field (a sign is impossible where it is used).</summary>
        private static bool Atoi(ReadOnlySpan<byte> s, out int n)
        {
            n = 0;
            foreach (var c in s)
            {
                if (c is < (byte)'0' or > (byte)'9')
                {
                    n = 0;
                    return false;
                }

                n = (n * 10) + (c - '0');
            }

            return true;
        }

        /// <summary>go's parseNanoseconds: value[0] is the separator, digits after the ninth are ignored.</summary>
        private static bool ParseNanoseconds(ReadOnlySpan<byte> value, int nbytes, out int ns)
        {
            if (nbytes > 10)
            {
                nbytes = 10;
            }

            if (!Atoi(value[1..nbytes], out ns))
            {
                return false;
            }

            for (var i = 0; i < 10 - nbytes; i++)
            {
                ns *= 10;
            }

            return true;
        }

        private static int DaysIn(int month, int year) =>
            month == 2 && (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : month switch
            {
                2 => 28,
                4 or 6 or 9 or 11 => 30,
                _ => 31,
            };

        /// <summary>time's quote: ASCII kept (with \" and \\), every other byte (control, non-ASCII, invalid) as \xNN.</summary>
        private static string Quote(ReadOnlySpan<byte> s)
        {
            var sb = new StringBuilder(s.Length + 2).Append('"');
            foreach (var c in s)
            {
                if (c is >= 0x80 or < 0x20)
                {
                    sb.Append("\\x").Append(c.ToString("x2"));
                }
                else
                {
                    if (c is (byte)'"' or (byte)'\\')
                    {
                        sb.Append('\\');
                    }

                    sb.Append((char)c);
                }
            }

            return sb.Append('"').ToString();
        }
    }
}
