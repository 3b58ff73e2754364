using System.Text;

namespace GoModLens.ModFile.Text;

/// <summary>Go's slash-path helpers (package path): cmd/go's proxy URLs, x/mod/zip's clean-path rule.</summary>
public static class SlashPath
{
    /// <summary>path.Join: joins non-empty elements with '/' and cleans the result.</summary>
    public static string Join(params string[] elements)
    {
        var nonEmpty = elements.Where(e => e.Length > 0).ToArray();
        return nonEmpty.Length == 0 ? "" : Clean(string.Join('/', nonEmpty));
    }

    /// <summary>path.Clean.</summary>
    public static string Clean(string path)
    {
        if (path.Length == 0)
        {
            return ".";
        }

        var rooted = path[0] == '/';
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part.Length == 0 || part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (parts.Count > 0 && parts[^1] != "..")
                {
                    parts.RemoveAt(parts.Count - 1);
                }
                else if (!rooted)
                {
                    parts.Add("..");
                }

                continue;
            }

            parts.Add(part);
        }

        var sb = new StringBuilder();
        if (rooted)
        {
            sb.Append('/');
        }

        sb.AppendJoin('/', parts);
        return sb.Length == 0 ? "." : sb.ToString();
    }
}
