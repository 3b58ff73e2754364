using System.Globalization;
using System.Text;

namespace GoModLens.LspBenchmarks;

/// <summary>
/// Writes a GOPROXY=file:// tree (the layout of the module proxy protocol: &lt;escaped path&gt;/@v/list, .info, .mod)
/// that serves every given module version plus one newer release, so resolution finds updates to report.
/// </summary>
internal static class FileProxyTree
{
    public static string Write(string root, IEnumerable<ModuleVersion> modules)
    {
        Directory.CreateDirectory(root);
        foreach (var group in modules.GroupBy(m => m.Path, StringComparer.Ordinal))
        {
            var versions = group.Select(m => m.Version).Distinct(StringComparer.Ordinal).ToList();
            var newer = NewerRelease(group.Key, versions);
            if (newer is not null)
            {
                versions.Add(newer);
            }

            var dir = Path.Combine(root, Escape(group.Key), "@v");
            Directory.CreateDirectory(dir);

            // Pseudo-versions are served but, like on a real proxy, not listed.
            File.WriteAllText(Path.Combine(dir, "list"), string.Concat(versions.Where(v => !IsPseudo(v)).Select(v => v + "\n")));
            foreach (var version in versions)
            {
                var escaped = Escape(version);
                File.WriteAllText(Path.Combine(dir, escaped + ".info"), $"{{\"Version\":\"{version}\",\"Time\":\"{TimeOf(version)}\"}}\n");
                File.WriteAllText(Path.Combine(dir, escaped + ".mod"), $"module {group.Key}\n\ngo 1.21\n");
            }
        }

        return new Uri(Path.GetFullPath(root)).AbsoluteUri;
    }

    /// <summary>Module path escaping of the proxy protocol: an upper-case letter becomes '!' + its lower case.</summary>
    public static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is >= 'A' and <= 'Z')
            {
                builder.Append('!').Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    // vX.Y.Z-[pre.]yyyymmddhhmmss-abcdefabcdef: a 14-digit stamp then a 12-hex revision.
    private static bool IsPseudo(string version)
    {
        var parts = version.Split('+')[0].Split('-');
        return parts.Length >= 3 && parts[^1].Length == 12 && parts[^2].Length >= 14 && parts[^2][^14..].All(char.IsAsciiDigit);
    }

    private static string TimeOf(string version)
    {
        // A pseudo-version carries its commit time; the proxy's .info must agree with it.
        var parts = version.Split('-');
        if (IsPseudo(version) && parts.Length >= 3 && parts[^2].Length >= 14)
        {
            var stamp = parts[^2][^14..];
            if (DateTime.TryParseExact(stamp, "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time))
            {
                return time.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            }
        }

        return "2024-03-01T12:00:00Z";
    }

    private static string? NewerRelease(string path, List<string> versions)
    {
        // Bump the patch of the highest plain vX.Y.Z; leave odd versions (+incompatible, pre-releases) alone.
        foreach (var version in versions)
        {
            var core = version.TrimStart('v').Split('.');
            if (core.Length == 3 && core.All(p => p.Length > 0 && p.All(char.IsAsciiDigit)))
            {
                var patch = int.Parse(core[2], CultureInfo.InvariantCulture) + 1;
                var candidate = $"v{core[0]}.{core[1]}.{patch.ToString(CultureInfo.InvariantCulture)}";
                return versions.Contains(candidate) ? null : candidate;
            }
        }

        _ = path;
        return null;
    }
}
