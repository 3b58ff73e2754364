using System.Text;

namespace GoModLens.ModFile.Module;

/// <summary>
/// Go's path.Match over UTF-8 bytes: '*' (no '/'), '?', '[...]'/'[^...]' with ranges, '\' escapes. A malformed
/// pattern is path.ErrBadPattern: <see cref="TryMatch"/> returns false, and, like go, the error can surface only once
/// matching reaches the bad part (go also checks the rest of the pattern when a match fails).
/// </summary>
public static class PathGlob
{
    /// <summary>go's error text for path.ErrBadPattern.</summary>
    public const string BadPatternMessage = "syntax error in pattern";

    /// <summary>Returns false on ErrBadPattern; otherwise <paramref name="matched"/> is the match result.</summary>
    public static bool TryMatch(string pattern, string name, out bool matched)
    {
        var result = Match(Encoding.UTF8.GetBytes(pattern), Encoding.UTF8.GetBytes(name), out var bad);
        matched = result && !bad;
        return !bad;
    }

    /// <summary>Throws <see cref="FormatException"/> ("syntax error in pattern") for a malformed pattern.</summary>
    public static bool IsMatch(string pattern, string name) =>
        TryMatch(pattern, name, out var matched) ? matched : throw new FormatException(BadPatternMessage);

    private static bool Match(ReadOnlySpan<byte> pattern, ReadOnlySpan<byte> name, out bool bad)
    {
        bad = false;
    Pattern:
        while (pattern.Length > 0)
        {
            var star = ScanChunk(ref pattern, out var chunk);
            if (star && chunk.Length == 0)
            {
                return name.IndexOf((byte)'/') < 0;
            }

            var restLength = MatchChunk(chunk, name, out bad);
            if (restLength >= 0 && (restLength == 0 || pattern.Length > 0))
            {
                name = name[^restLength..];
                continue;
            }

            if (bad)
            {
                return false;
            }

            if (star)
            {
                for (var i = 0; i < name.Length && name[i] != '/'; i++)
                {
                    restLength = MatchChunk(chunk, name[(i + 1)..], out bad);
                    if (restLength >= 0)
                    {
                        if (pattern.Length == 0 && restLength > 0)
                        {
                            continue;
                        }

                        name = name[^restLength..];
                        goto Pattern;
                    }

                    if (bad)
                    {
                        return false;
                    }
                }
            }

            // Report a syntax error anywhere in the remaining pattern even though the match has failed.
            while (pattern.Length > 0)
            {
                ScanChunk(ref pattern, out chunk);
                MatchChunk(chunk, [], out bad);
                if (bad)
                {
                    return false;
                }
            }

            return false;
        }

        return name.Length == 0;
    }

    private static bool ScanChunk(ref ReadOnlySpan<byte> pattern, out ReadOnlySpan<byte> chunk)
    {
        var star = false;
        while (pattern.Length > 0 && pattern[0] == '*')
        {
            pattern = pattern[1..];
            star = true;
        }

        var inRange = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            switch (pattern[i])
            {
                case (byte)'\\':
                    if (i + 1 < pattern.Length)
                    {
                        i++;
                    }

                    break;
                case (byte)'[':
                    inRange = true;
                    break;
                case (byte)']':
                    inRange = false;
                    break;
                case (byte)'*':
                    if (!inRange)
                    {
                        chunk = pattern[..i];
                        pattern = pattern[i..];
                        return star;
                    }

                    break;
            }
        }

        chunk = pattern;
        pattern = [];
        return star;
    }

    /// <summary>Length of the unmatched tail of <paramref name="s"/>, or -1 when the chunk does not match.</summary>
    private static int MatchChunk(ReadOnlySpan<byte> chunk, ReadOnlySpan<byte> s, out bool bad)
    {
        bad = false;
        var failed = false;
        while (chunk.Length > 0)
        {
            failed = failed || s.Length == 0;
            switch (chunk[0])
            {
                case (byte)'[':
                {
                    var r = 0;
                    if (!failed)
                    {
                        r = DecodeRune(s, out var n);
                        s = s[n..];
                    }

                    chunk = chunk[1..];
                    var negated = false;
                    if (chunk.Length > 0 && chunk[0] == '^')
                    {
                        negated = true;
                        chunk = chunk[1..];
                    }

                    var match = false;
                    var nrange = 0;
                    while (true)
                    {
                        if (chunk.Length > 0 && chunk[0] == ']' && nrange > 0)
                        {
                            chunk = chunk[1..];
                            break;
                        }

                        if (!GetEsc(ref chunk, out var lo))
                        {
                            bad = true;
                            return -1;
                        }

                        var hi = lo;
                        if (chunk[0] == '-')
                        {
                            chunk = chunk[1..];
                            if (!GetEsc(ref chunk, out hi))
                            {
                                bad = true;
                                return -1;
                            }
                        }

                        match = match || (lo <= r && r <= hi);
                        nrange++;
                    }

                    failed = failed || match == negated;
                    break;
                }

                case (byte)'?':
                    if (!failed)
                    {
                        failed = s[0] == '/';
                        DecodeRune(s, out var n);
                        s = s[n..];
                    }

                    chunk = chunk[1..];
                    break;

                default:
                    if (chunk[0] == '\\')
                    {
                        chunk = chunk[1..];
                        if (chunk.Length == 0)
                        {
                            bad = true;
                            return -1;
                        }
                    }

                    if (!failed)
                    {
                        failed = chunk[0] != s[0];
                        s = s[1..];
                    }

                    chunk = chunk[1..];
                    break;
            }
        }

        return failed ? -1 : s.Length;
    }

    /// <summary>One (possibly escaped) character of a class; false means ErrBadPattern.</summary>
    private static bool GetEsc(ref ReadOnlySpan<byte> chunk, out int r)
    {
        r = 0;
        if (chunk.Length == 0 || chunk[0] == '-' || chunk[0] == ']')
        {
            return false;
        }

        if (chunk[0] == '\\')
        {
            chunk = chunk[1..];
            if (chunk.Length == 0)
            {
                return false;
            }
        }

        var status = Rune.DecodeFromUtf8(chunk, out var rune, out var n);
        r = rune.Value;
        chunk = chunk[n..];
        return status == System.Buffers.OperationStatus.Done && chunk.Length > 0;
    }

    // utf8.DecodeRuneInString: invalid bytes decode to U+FFFD with width 1.
    private static int DecodeRune(ReadOnlySpan<byte> s, out int width)
    {
        var status = Rune.DecodeFromUtf8(s, out var rune, out width);
        if (status != System.Buffers.OperationStatus.Done)
        {
            width = Math.Max(1, Math.Min(width, 1));
            return 0xFFFD;
        }

        return rune.Value;
    }
}
