namespace GoModLens.Analysis.Environment;

/// <summary>
/// cmd/internal/quoted: how go splits a setting that holds a command line (GOFLAGS, GOAUTH, CC, CXX, FC) into words.
/// </summary>
internal static class GoQuoted
{
    /// <summary>
    /// Fields separated by spaces, each optionally in single or double quotes, nothing unescaped inside; an unterminated
    /// quote is go's error (<c>unterminated ' string</c>) and no fields.
    /// </summary>
    internal static IReadOnlyList<string> Split(string s, out string? error)
    {
        error = null;
        var fields = new List<string>();
        var i = 0;
        while (i < s.Length)
        {
            while (i < s.Length && IsSpace(s[i]))
            {
                i++;
            }

            if (i >= s.Length)
            {
                break;
            }

            if (s[i] is '"' or '\'')
            {
                var quote = s[i];
                var end = s.IndexOf(quote, i + 1);
                if (end < 0)
                {
                    error = "unterminated " + quote + " string";
                    return [];
                }

                fields.Add(s[(i + 1)..end]);
                i = end + 1;
                continue;
            }

            var start = i;
            while (i < s.Length && !IsSpace(s[i]))
            {
                i++;
            }

            fields.Add(s[start..i]);
        }

        return fields;
    }

    internal static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\r';
}
