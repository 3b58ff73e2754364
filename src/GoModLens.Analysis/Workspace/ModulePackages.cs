using System.Collections.Concurrent;
using System.IO.Compression;
using GoModLens.ModFile.Module;

namespace GoModLens.Analysis.Workspace;

/// <summary>
/// Whether a module holds a package, decided as go's modload.dirInModule decides it: the package's directory (the
/// module's, or below it by the rest of the import path) has a regular <c>.go</c> file, whatever its build tags. In a
/// local tree (the main module, a directory replacement) a <c>go.mod</c> between the package and the module's root
/// hands the package to that nested module. A module version is looked at only where go already has it: the module
/// cache's extracted tree, else its downloaded zip. No network, no writes.
/// </summary>
public static class ModulePackages
{
    // Zip listings by file: a module cache zip is written once (go renames a finished download into place) and never
    // changes, so its directories are read once per process. Few entries in practice (one per tool module).
    private static readonly ConcurrentDictionary<string, (long Length, DateTime Written, HashSet<string> GoDirectories)> ZipListings =
        new(StringComparer.Ordinal);

    private const int MaxZipListings = 256;

    /// <summary>The package directory of <paramref name="package"/> in module <paramref name="modulePath"/>, relative (<c>.</c> for the module's own); null when the module path is not a prefix of it.</summary>
    public static string? RelativeDirectory(string modulePath, string package) =>
        package == modulePath ? "."
        : package.Length > modulePath.Length && package[modulePath.Length] == '/' && package.StartsWith(modulePath, StringComparison.Ordinal)
            ? package[(modulePath.Length + 1)..]
            : null;

    /// <summary>A module in a local directory (the main module, a directory replacement) has the package.</summary>
    public static bool InLocalTree(string moduleDirectory, string modulePath, string package)
    {
        ArgumentNullException.ThrowIfNull(moduleDirectory);
        if (RelativeDirectory(modulePath, package) is not { } relative)
        {
            return false;
        }

        var root = Path.GetFullPath(moduleDirectory);
        var dir = relative == "." ? root : Path.GetFullPath(Path.Combine(root, relative));
        for (var d = dir; d.Length > root.Length && !GoPaths.SameDirectory(d, root); d = Path.GetDirectoryName(d) ?? root)
        {
            if (File.Exists(Path.Combine(d, "go.mod")))
            {
                return false; // a nested module's package, not this one's
            }
        }

        return IsGoDirectory(dir);
    }

    /// <summary>vendor/ has the package (dirInModule with no module path: the directory under vendor/, no nested-module check).</summary>
    public static bool InVendorDirectory(string vendorDirectory, string package)
    {
        ArgumentNullException.ThrowIfNull(vendorDirectory);
        ArgumentNullException.ThrowIfNull(package);
        return package.Length > 0 && IsGoDirectory(Path.Combine(vendorDirectory, package));
    }

    /// <summary>
    /// A module version in the go module cache has the package: from its extracted tree, else its downloaded zip's
    /// listing. Null when the cache has neither (go would download it; only then is it known).
    /// </summary>
    /// <param name="goModCache">GOMODCACHE.</param>
    /// <param name="modulePath">Whose tree is looked in: the replacement module when a module replace applies.</param>
    /// <param name="relativeDirectory">The package directory inside the module (<see cref="RelativeDirectory"/>).</param>
    public static bool? InModuleCache(string goModCache, string modulePath, string version, string relativeDirectory)
    {
        ArgumentNullException.ThrowIfNull(relativeDirectory);
        if (string.IsNullOrEmpty(goModCache) || !Path.IsPathRooted(goModCache)
            || !ModulePath.TryEscapePath(modulePath, out var escapedPath, out _) || !ModulePath.TryEscapeVersion(version, out var escapedVersion, out _))
        {
            return null;
        }

        try
        {
            // go extracts into <path>@<version> and removes <path>@<version>.partial once the tree is complete.
            var tree = Path.Combine(goModCache, escapedPath + "@" + escapedVersion);
            if (Directory.Exists(tree) && !File.Exists(tree + ".partial"))
            {
                return IsGoDirectory(relativeDirectory == "." ? tree : Path.Combine(tree, relativeDirectory));
            }

            var zip = Path.Combine(goModCache, "cache", "download", escapedPath, "@v", escapedVersion + ".zip");
            return ZipGoDirectories(zip, modulePath + "@" + version + "/") is { } dirs ? dirs.Contains(relativeDirectory) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return null; // unreadable: unknown, as if go had not downloaded it
        }
    }

    /// <summary>fsys.IsGoDir: a regular file (or a link to one) whose name ends in <c>.go</c>.</summary>
    private static bool IsGoDirectory(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return false;
        }

        try
        {
            foreach (var file in Directory.EnumerateFiles(directory, "*.go"))
            {
                var info = new FileInfo(file);
                if (info.LinkTarget is null || info.ResolveLinkTarget(returnFinalTarget: true) is FileInfo { Exists: true })
                {
                    return true;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }

        return false;
    }

    // The directories (relative to the module root, "." for the root) that hold a .go file, from the zip's central
    // directory; the zip's files are all under "path@version/" (modfetch checks that before it extracts).
    private static HashSet<string>? ZipGoDirectories(string zipPath, string prefix)
    {
        var info = new FileInfo(zipPath);
        if (!info.Exists)
        {
            return null;
        }

        if (ZipListings.TryGetValue(zipPath, out var cached) && cached.Length == info.Length && cached.Written == info.LastWriteTimeUtc)
        {
            return cached.GoDirectories;
        }

        var dirs = new HashSet<string>(StringComparer.Ordinal);
        using (var archive = ZipFile.OpenRead(zipPath))
        {
            foreach (var entry in archive.Entries)
            {
                var name = entry.FullName;
                if (!name.StartsWith(prefix, StringComparison.Ordinal) || !name.EndsWith(".go", StringComparison.Ordinal))
                {
                    continue;
                }

                var slash = name.LastIndexOf('/');
                dirs.Add(slash < prefix.Length ? "." : name[prefix.Length..slash]);
            }
        }

        if (ZipListings.Count >= MaxZipListings)
        {
            ZipListings.Clear();
        }

        ZipListings[zipPath] = (info.Length, info.LastWriteTimeUtc, dirs);
        return dirs;
    }
}
