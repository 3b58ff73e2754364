namespace GoModLens.Analysis.ProxyConfig;

/// <summary>
/// GOPRIVATE/GONOPROXY/GONOSUMDB/GOINSECURE glob lists: x/mod module.MatchPrefixPatterns over Go's path.Match.
/// To be replaced by ModulePath.MatchPrefixPatterns at merge (the versions helper owns the shared copy).
/// </summary>
public static class PrivatePatterns
{
    /// <summary>True if any comma-separated glob in <paramref name="globs"/> matches a leading run of path elements of <paramref name="target"/>.</summary>
    public static bool MatchPrefixPatterns(string globs, string target)
    {
        while (globs.Length > 0)
        {
            string glob;
            var comma = globs.IndexOf(',', StringComparison.Ordinal);
            if (comma >= 0)
            {
                glob = globs[..comma];
                globs = globs[(comma + 1)..];
            }
            else
            {
                glob = globs;
                globs = "";
            }

            // Only one trailing slash is dropped and nothing is trimmed: " x" never matches, as in go.
            if (glob.EndsWith('/'))
            {
                glob = glob[..^1];
            }

            if (glob.Length == 0)
            {
                continue;
            }

            var n = glob.Count(c => c == '/');
            var prefix = target;
            for (var i = 0; i < target.Length; i++)
            {
                if (target[i] == '/')
                {
                    if (n == 0)
                    {
                        prefix = target[..i];
                        break;
                    }

                    n--;
                }
            }

            if (n > 0)
            {
                continue;
            }

            if (PathMatch(glob, prefix, out _))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Go's path.Match. <paramref name="badPattern"/> is set when go would return ErrBadPattern (and the match is then false).</summary>
    public static bool PathMatch(string pattern, string name, out bool badPattern)
    {
        badPattern = false;
        var p = pattern;
        var s = name;
        while (p.Length > 0)
        {
            ScanChunk(ref p, out var star, out var chunk);
            if (star && chunk.Length == 0)
            {
                return !s.Contains('/', StringComparison.Ordinal);
            }

            var ok = MatchChunk(chunk, s, out var rest, out var err);
            if (ok && (rest.Length == 0 || p.Length > 0))
            {
                s = rest;
                continue;
            }

            if (err)
            {
                badPattern = true;
                return false;
            }

            var matchedStar = false;
            if (star)
            {
                for (var i = 0; i < s.Length && s[i] != '/'; i++)
                {
                    ok = MatchChunk(chunk, s[(i + 1)..], out rest, out err);
                    if (ok)
                    {
                        if (p.Length == 0 && rest.Length > 0)
                        {
                            continue;
                        }

                        s = rest;
                        matchedStar = true;
                        break;
                    }

                    if (err)
                    {
                        badPattern = true;
                        return false;
                    }
                }
            }

            if (matchedStar)
            {
                continue;
            }

            // Like go, report a malformed remainder of the pattern even though the match already failed.
            while (p.Length > 0)
            {
                ScanChunk(ref p, out _, out chunk);
                MatchChunk(chunk, "", out _, out err);
                if (err)
                {
                    badPattern = true;
                    return false;
                }
            }

            return false;
        }

        return s.Length == 0;
    }

    private static void ScanChunk(ref string pattern, out bool star, out string chunk)
    {
        star = false;
        while (pattern.Length > 0 && pattern[0] == '*')
        {
            pattern = pattern[1..];
            star = true;
        }

        var inRange = false;
        int i;
        for (i = 0; i < pattern.Length; i++)
        {
            var stop = false;
            switch (pattern[i])
            {
                case '\\':
                    if (i + 1 < pattern.Length)
                    {
                        i++;
                    }

                    break;
                case '[':
                    inRange = true;
                    break;
                case ']':
                    inRange = false;
                    break;
                case '*':
                    stop = !inRange;
                    break;
            }

            if (stop)
            {
                break;
            }
        }

        chunk = pattern[..i];
        pattern = pattern[i..];
    }

    private static bool MatchChunk(string chunk, string s, out string rest, out bool err)
    {
        rest = "";
        err = false;
        var failed = false;
        while (chunk.Length > 0)
        {
            if (!failed && s.Length == 0)
            {
                failed = true;
            }

            switch (chunk[0])
            {
                case '[':
                {
                    var r = -1;
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
                            err = true;
                            return false;
                        }

                        var hi = lo;
                        if (chunk[0] == '-')
                        {
                            chunk = chunk[1..];
                            if (!GetEsc(ref chunk, out hi))
                            {
                                err = true;
                                return false;
                            }
                        }

                        if (lo <= r && r <= hi)
                        {
                            match = true;
                        }

                        nrange++;
                    }

                    if (match == negated)
                    {
                        failed = true;
                    }

                    break;
                }

                case '?':
                    if (!failed)
                    {
                        if (s[0] == '/')
                        {
                            failed = true;
                        }

                        DecodeRune(s, out var n);
                        s = s[n..];
                    }

                    chunk = chunk[1..];
                    break;

                case '\\':
                    chunk = chunk[1..];
                    if (chunk.Length == 0)
                    {
                        err = true;
                        return false;
                    }

                    goto default;

                default:
                    if (!failed)
                    {
                        if (chunk[0] != s[0])
                        {
                            failed = true;
                        }

                        s = s[1..];
                    }

                    chunk = chunk[1..];
                    break;
            }
        }

        if (failed)
        {
            return false;
        }

        rest = s;
        return true;
    }

    private static bool GetEsc(ref string chunk, out int r)
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

        r = DecodeRune(chunk, out var n);
        chunk = chunk[n..];
        return chunk.Length > 0;
    }

    private static int DecodeRune(string s, out int length)
    {
        if (System.Text.Rune.DecodeFromUtf16(s.AsSpan(), out var rune, out length) == System.Buffers.OperationStatus.Done)
        {
            return rune.Value;
        }

        length = Math.Max(length, 1);
        return 0xFFFD;
    }
}
