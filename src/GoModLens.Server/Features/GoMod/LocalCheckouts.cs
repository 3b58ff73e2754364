using GoModLens.ModFile.Semantics;

namespace GoModLens.Server.Features.GoMod;

/// <summary>
/// Finds directories that hold a go.mod declaring a module: siblings of the go.mod's directory, GOPATH/src/&lt;path&gt;
/// and configured roots. Returns paths relative to the go.mod directory, as a replace directive wants them.
/// </summary>
internal static class LocalCheckouts
{
    public static IReadOnlyList<string> Find(string goModDirectory, string modulePath, IEnumerable<string> goPaths, IEnumerable<string> roots)
    {
        var parts = modulePath.Split('/');
        var last = parts[^1];
        var name = parts.Length > 1 && last.Length > 1 && last[0] == 'v' && last[1..].All(char.IsAsciiDigit) ? parts[^2] : last;
        var parent = Path.GetDirectoryName(Path.GetFullPath(goModDirectory));
        var candidates = new List<string>();
        if (parent is not null)
        {
            candidates.Add(Path.Combine(parent, name));
            candidates.Add(Path.Combine(parent, last));
        }

        candidates.AddRange(goPaths.Where(p => p.Length > 0).Select(p => Path.Combine(p, "src", Path.Combine(parts))));
        candidates.AddRange(roots.Select(r => Path.Combine(r, name)));
        var found = new List<string>();
        foreach (var dir in candidates.Distinct(StringComparer.Ordinal))
        {
            if (Declares(dir, modulePath) && !string.Equals(Path.GetFullPath(dir), Path.GetFullPath(goModDirectory), StringComparison.Ordinal))
            {
                var relative = Path.GetRelativePath(goModDirectory, dir).Replace('\\', '/');
                found.Add(relative.StartsWith('.') || Path.IsPathRooted(relative) ? relative : "./" + relative);
            }
        }

        return found;
    }

    private static bool Declares(string dir, string modulePath)
    {
        try
        {
            var goMod = Path.Combine(dir, "go.mod");
            return File.Exists(goMod) && ModFileParser.Parse("go.mod", File.ReadAllText(goMod), ParseMode.Lax).Model.Module?.Mod.Path == modulePath;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
