using System.IO.Compression;
using System.Text;

namespace GoModLens.TestUtilities.ProxyTree;

/// <summary>
/// Writes a GOPROXY directory tree: &lt;escaped path&gt;/@v/list, vX.info, vX.mod, vX.zip and &lt;escaped path&gt;/@latest.
/// Zip entries are named "&lt;path&gt;@&lt;version&gt;/&lt;file&gt;" with the real (unescaped) path, as go requires.
/// </summary>
public sealed class ProxyTreeBuilder
{
    private readonly List<ModuleVersion> _versions = [];

    public ProxyTreeBuilder Add(string path, string version, DateTimeOffset time, string? goMod = null, IReadOnlyDictionary<string, string>? files = null)
    {
        _versions.Add(new ModuleVersion(path, version, time, goMod ?? $"module {path}\n\ngo 1.18\n", files ?? new Dictionary<string, string>
        {
            ["doc.go"] = $"// Package {LastElement(path)} is a test module.\npackage {LastElement(path)}\n",
        }));
        return this;
    }

    /// <summary>The modules the harness used: example.com/foo (v1.0.0…v1.3.0-beta.1), foo/v2, bar, Upper/Case.</summary>
    public static ProxyTreeBuilder Standard()
    {
        var b = new ProxyTreeBuilder();
        var t = new DateTimeOffset(2023, 1, 15, 10, 0, 0, TimeSpan.Zero);
        b.Add("example.com/foo", "v1.0.0", t);
        b.Add("example.com/foo", "v1.1.0", t.AddMonths(1), "module example.com/foo\n\ngo 1.18\n\nrequire example.com/bar v0.1.0\n");
        b.Add("example.com/foo", "v1.2.0", t.AddMonths(2), "module example.com/foo\n\ngo 1.18\n\nrequire example.com/bar v0.2.0\n");
        b.Add("example.com/foo", "v1.3.0-beta.1", t.AddMonths(3), "module example.com/foo\n\ngo 1.18\n\nrequire example.com/bar v0.2.0\n");
        b.Add("example.com/foo/v2", "v2.0.0", t);
        b.Add("example.com/bar", "v0.1.0", t);
        b.Add("example.com/bar", "v0.2.0", t.AddMonths(1));
        b.Add("example.com/Upper/Case", "v1.0.0", t);

        // The latest go.mod retracts the latest version and an older one: go list -m -u's upgrade skips both.
        b.Add("example.com/retracting", "v1.0.0", t);
        b.Add("example.com/retracting", "v1.1.0", t.AddMonths(1));
        b.Add("example.com/retracting", "v1.2.0", t.AddMonths(2), "module example.com/retracting\n\ngo 1.18\n\n// published by mistake\nretract v1.2.0\n\nretract v1.0.0\n");
        return b;
    }

    /// <summary>Writes the tree under <paramref name="root"/> and returns it.</summary>
    public string WriteTo(string root)
    {
        foreach (var group in _versions.GroupBy(v => v.Path))
        {
            var dir = Path.Combine(root, EscapePath(group.Key).Replace('/', Path.DirectorySeparatorChar), "@v");
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, "list"), string.Concat(group.Select(v => v.Version + "\n")));
            foreach (var v in group)
            {
                var escapedVersion = EscapePath(v.Version);
                File.WriteAllText(Path.Combine(dir, escapedVersion + ".info"), Info(v));
                File.WriteAllText(Path.Combine(dir, escapedVersion + ".mod"), v.GoMod);
                WriteZip(Path.Combine(dir, escapedVersion + ".zip"), v);
            }

            var latest = group.Where(v => !v.Version.Contains('-', StringComparison.Ordinal)).LastOrDefault() ?? group.Last();
            File.WriteAllText(Path.Combine(root, EscapePath(group.Key).Replace('/', Path.DirectorySeparatorChar), "@latest"), Info(latest));
        }

        return root;
    }

    /// <summary>go's case encoding: each upper-case ASCII letter X becomes !x.</summary>
    public static string EscapePath(string path)
    {
        var sb = new StringBuilder(path.Length);
        foreach (var c in path)
        {
            if (c is >= 'A' and <= 'Z')
            {
                sb.Append('!').Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    private static string Info(ModuleVersion v) =>
        $"{{\"Version\":\"{v.Version}\",\"Time\":\"{v.Time.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}\"}}\n";

    private static void WriteZip(string file, ModuleVersion v)
    {
        using var zip = ZipFile.Open(file, ZipArchiveMode.Create);
        var prefix = v.Path + "@" + v.Version + "/";
        var entries = new Dictionary<string, string>(v.Files) { ["go.mod"] = v.GoMod };
        foreach (var (name, content) in entries.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            var entry = zip.CreateEntry(prefix + name);
            entry.LastWriteTime = v.Time;
            using var w = new StreamWriter(entry.Open(), new UTF8Encoding(false));
            w.Write(content);
        }
    }

    private static string LastElement(string path)
    {
        var parts = path.Split('/');
        var last = parts[^1];
        if (last.Length > 1 && last[0] == 'v' && last[1..].All(char.IsAsciiDigit) && parts.Length > 1)
        {
            last = parts[^2];
        }

        return new string(last.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).ToArray());
    }

    private sealed record ModuleVersion(string Path, string Version, DateTimeOffset Time, string GoMod, IReadOnlyDictionary<string, string> Files);
}
