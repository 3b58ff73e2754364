using System.Globalization;
using System.Text;

namespace GoModLens.Infrastructure.Vcs;

/// <summary>
/// The output of <c>git cat-file --batch</c>: per input line either <c>&lt;oid&gt; &lt;type&gt; &lt;size&gt;\n&lt;size bytes&gt;\n</c>
/// or <c>&lt;name&gt; missing\n</c> (also <c>ambiguous</c>). Sizes are in bytes, so the output is read as bytes.
/// </summary>
internal static class CatFileBatch
{
    /// <summary>One answer: a found object (name = object id), or a missing one (<see cref="Type"/> null).</summary>
    internal sealed record Entry(string Name, string? Type, byte[] Content);

    public static List<Entry> Parse(ReadOnlySpan<byte> output)
    {
        var entries = new List<Entry>();
        while (output.Length > 0)
        {
            var newline = output.IndexOf((byte)'\n');
            if (newline < 0)
            {
                break; // a truncated answer: the caller sees too few entries
            }

            var header = Encoding.UTF8.GetString(output[..newline]).Split(' ');
            output = output[(newline + 1)..];
            if (header.Length == 3 && int.TryParse(header[2], NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size <= output.Length)
            {
                entries.Add(new Entry(header[0], header[1], output[..size].ToArray()));
                output = output[Math.Min(output.Length, size + 1)..]; // the content, then its newline
            }
            else
            {
                entries.Add(new Entry(string.Join(' ', header[..^1]), null, []));
            }
        }

        return entries;
    }

    /// <summary>The committer time of a raw commit object (go's RevInfo.Time); null when it has none.</summary>
    public static DateTimeOffset? CommitTime(byte[] commit)
    {
        foreach (var line in Encoding.UTF8.GetString(commit).Split('\n'))
        {
            if (line.Length == 0)
            {
                break; // the headers end at the first empty line; the message follows
            }

            // committer Name <email> 1704164645 +0000
            var fields = line.Split(' ');
            if (fields[0] == "committer" && fields.Length >= 3
                && long.TryParse(fields[^2], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            {
                return DateTimeOffset.FromUnixTimeSeconds(seconds);
            }
        }

        return null;
    }
}
