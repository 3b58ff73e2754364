using System.Text;
using GoModLens.ModFile.Text;

namespace GoModLens.Analysis.Environment;

/// <summary>
/// What go's fsys.Init says of an -overlay file it could read: its JSON (encoding/json's syntax and type errors), then
/// the replacements themselves (an empty path, two names of one file, a file replaced along with a file inside it).
/// </summary>
internal static class GoOverlay
{
    /// <summary>An overlay file larger than this is not checked (go reads any size; an editor should not).</summary>
    public const int MaxCheckedBytes = 16 << 20;

    /// <summary>go's message (without <c>go: </c>), or null when go takes the overlay.</summary>
    /// <param name="json">The file's bytes.</param>
    /// <param name="workingDirectory">Where go runs: relative paths in the file are read against it.</param>
    /// <param name="os">The system go runs on (its path rules).</param>
    public static string? Problem(ReadOnlySpan<byte> json, string workingDirectory, GoOs os)
    {
        if (GoJson.SyntaxError(json) is { } syntax)
        {
            return "parsing overlay JSON: " + syntax;
        }

        if (Replacements(GoJson.Parse(json), out var typeError) is not { } replace)
        {
            return typeError is null ? null : "parsing overlay JSON: " + typeError;
        }

        // initFromJSON: each path made absolute, in go's order (byte order of the names, then of the absolute paths).
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        var list = new List<(byte[] From, string FromText, bool Deleted)>();
        foreach (var from in replace.Keys.OrderBy(k => Encoding.UTF8.GetBytes(k), ByteOrder.Instance))
        {
            if (from.Length == 0)
            {
                return "empty string key in overlay map";
            }

            var absolute = Absolute(from, workingDirectory, os);
            if (seen.TryGetValue(absolute, out var earlier))
            {
                return $"duplicate paths {earlier} and {from} in overlay map";
            }

            seen[absolute] = from;
            list.Add((Encoding.UTF8.GetBytes(absolute), absolute, replace[from].Length == 0));
        }

        var separator = (byte)(os == GoOs.Windows ? '\\' : '/');
        list.Sort((x, y) => Compare(x.From, y.From, separator));
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i].Deleted)
            {
                continue;
            }

            // A file replaced, and a file inside it as if it were a directory.
            byte[] prefix = [.. list[i].From, separator];
            for (var j = i + 1; j < list.Count && list[j].From.AsSpan().StartsWith(prefix); j++)
            {
                if (!list[j].Deleted)
                {
                    return $"inconsistent files {list[i].FromText} and {list[j].FromText} in overlay map";
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The Replace map as json.Unmarshal fills fsys's overlayJSON: the field found whatever its case, null resetting the
    /// map, a null value an empty path (a deleted file); the first type error, if any, in <paramref name="typeError"/>.
    /// </summary>
    private static Dictionary<string, string>? Replacements(GoJson.Node root, out string? typeError)
    {
        typeError = null;
        if (root.Kind != "object")
        {
            typeError = root.Kind == "null" ? null : $"json: cannot unmarshal {root.Kind} into Go value of type fsys.overlayJSON";
            return null;
        }

        Dictionary<string, string>? replace = null;
        foreach (var (key, value) in root.Members!.Where(m => m.Key.Equals("Replace", StringComparison.OrdinalIgnoreCase)))
        {
            switch (value.Kind)
            {
                case "null":
                    replace = null;
                    break;
                case "object":
                    replace ??= new Dictionary<string, string>(StringComparer.Ordinal);
                    foreach (var (from, to) in value.Members!)
                    {
                        if (to.Kind is "string" or "null")
                        {
                            replace[from] = to.Text ?? "";
                        }
                        else
                        {
                            typeError ??= $"json: cannot unmarshal {to.Kind} into Go struct field overlayJSON.Replace of type string";
                        }
                    }

                    break;
                default:
                    typeError ??= $"json: cannot unmarshal {value.Kind} into Go struct field overlayJSON.Replace of type map[string]string";
                    break;
            }
        }

        return typeError is null ? replace : null;
    }

    /// <summary>fsys.abs: clean if absolute, else joined to the working directory.</summary>
    private static string Absolute(string path, string workingDirectory, GoOs os)
    {
        if (os == GoOs.Windows)
        {
            return Path.GetFullPath(Path.Combine(workingDirectory, path));
        }

        return SlashPath.Clean(path.StartsWith('/') ? path : workingDirectory + "/" + path);
    }

    /// <summary>fsys.cmp: byte order, with the separator below every other byte (so a directory's files follow it).</summary>
    private static int Compare(byte[] x, byte[] y, byte separator)
    {
        for (var i = 0; i < x.Length && i < y.Length; i++)
        {
            var (a, b) = (x[i] == separator ? -1 : x[i], y[i] == separator ? -1 : y[i]);
            if (a != b)
            {
                return a - b;
            }
        }

        return x.Length - y.Length;
    }

    /// <summary>go's string order: the bytes of the UTF-8 encoding.</summary>
    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static readonly ByteOrder Instance = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
