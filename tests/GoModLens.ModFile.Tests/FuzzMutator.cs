using System.Text;

namespace GoModLens.ModFile.Tests;

/// <summary>Random damage to go.mod text: byte/char and line edits plus the characters the lexer treats specially.</summary>
internal static class FuzzMutator
{
    private static readonly string[] s_snippets =
    [
        "\"", "`", "'", "(", ")", "[", "]", "{", "}", ",", "//", "/*", "*/", "\r", "\r\n", "\0", "\n", "\t", " ", "\\",
        "é", "😀", "\uFFFD", "\uD800", "\uDC00", "\u2028", "\u00A0", "\u200B", "=>", "v1.0.0", "v2.0.0+incompatible",
        "v0.0.0-20200101000000-abcdefabcdef", "require", "module", "go", "toolchain", "replace", "exclude", "retract",
        "tool", "ignore", "godebug", "// indirect", "// Deprecated: x", "require (\n", ")\n", "\"a\\x\"", "../dir",
        "gopkg.in/yaml.v3", "example.com/m/v2", "1.21", "go1.22.0", "x=y", "\\xff", "\\xc3\\xa9", "\\377", "\"ex\\xc3\\xa9.com/m\"",
    ];

    public static string Mutate(string text, Random rng, int steps)
    {
        for (var i = 0; i < steps; i++)
        {
            text = MutateOnce(text, rng);
        }

        return text;
    }

    public static string MutateOnce(string text, Random rng)
    {
        var at = text.Length == 0 ? 0 : rng.Next(text.Length + 1);
        switch (rng.Next(12))
        {
            case 0: // delete a run of chars
            {
                var len = Math.Min(text.Length - at, rng.Next(1, 8));
                return text.Remove(at, len);
            }

            case 1: // insert a snippet
            case 2:
                return text.Insert(at, s_snippets[rng.Next(s_snippets.Length)]);
            case 3: // insert a random char, any plane
            {
                var c = rng.Next(4) == 0 ? char.ConvertFromUtf32(rng.Next(0x80, 0x10FFFF) is var r && r is >= 0xD800 and <= 0xDFFF ? 0xFFFD : r) : ((char)rng.Next(0, 128)).ToString();
                return text.Insert(at, c);
            }

            case 4: // swap two adjacent chars (may split a surrogate pair: that is a valid test too)
                if (at + 1 < text.Length)
                {
                    var sb = new StringBuilder(text);
                    (sb[at], sb[at + 1]) = (sb[at + 1], sb[at]);
                    return sb.ToString();
                }

                return text;
            case 5: // truncate
                return text[..at];
            case 6: // duplicate a line
            case 7: // delete a line
            case 8: // swap two lines
            {
                var lines = text.Split('\n').ToList();
                var i = rng.Next(lines.Count);
                var j = rng.Next(lines.Count);
                switch (rng.Next(3))
                {
                    case 0: lines.Insert(i, lines[j]); break;
                    case 1: lines.RemoveAt(i); break;
                    default: (lines[i], lines[j]) = (lines[j], lines[i]); break;
                }

                return string.Join('\n', lines);
            }

            case 9: // duplicate a run of chars
            {
                var len = Math.Min(text.Length - at, rng.Next(1, 40));
                return text.Insert(at, text.Substring(at, len));
            }

            case 10: // replace a char with a special one
                return at < text.Length ? text.Remove(at, 1).Insert(at, s_snippets[rng.Next(20)]) : text;
            default: // replace all newlines by CRLF or CR in a region
            {
                var len = Math.Min(text.Length - at, rng.Next(1, 200));
                var repl = rng.Next(2) == 0 ? "\r\n" : "\r";
                return text[..at] + text.Substring(at, len).Replace("\n", repl, StringComparison.Ordinal) + text[(at + len)..];
            }
        }
    }
}
