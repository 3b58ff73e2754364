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
    // Zip listings by module version: a module cache zip is written once (go renames a finished download into place)
    // and never changes, so its directories are read once per process. Few entries in practice (one per tool module).
    private static readonly ConcurrentDictionary<string, HashSet<string>> ZipListings = new(StringComparer.Ordinal);

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
        try
        {
            return Locate(goModCache, modulePath, version) switch
            {
                { Tree: { } tree } => IsGoDirectory(relativeDirectory == "." ? tree : Path.Combine(tree, relativeDirectory)),
                { Zip: { } zip } located => ZipListings.GetValueOrDefault(located.Key)?.Contains(relativeDirectory)
                    ?? Remember(ZipListings, located.Key, ZipGoDirectories(zip, located.ZipPrefix)).Contains(relativeDirectory),
                _ => null,
            };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return null; // unreadable: unknown, as if go had not downloaded it
        }
    }

    /// <summary>
    /// The main packages (what <c>go tool</c> can run) of a module version go has downloaded, as directories relative to
    /// the module root ("." for the root), from the extracted tree or the zip; null when the module cache has neither.
    /// Read once per version (the module cache never changes a version), at most <see cref="MaxListedDirectories"/> directories.
    /// </summary>
    public static IReadOnlyList<string>? MainPackagesInModuleCache(string goModCache, string modulePath, string version)
    {
        if (Locate(goModCache, modulePath, version) is not { } located)
        {
            return null;
        }

        if (MainPackageListings.TryGetValue(located.Key, out var known))
        {
            return known;
        }

        try
        {
            IReadOnlyList<string>? found = located.Tree is { } tree ? MainPackagesInTree(tree, nestedModulesAreOthers: false)
                : located.Zip is { } zip ? ZipMainPackages(zip, located.ZipPrefix)
                : null;
            return found is null ? null : Remember(MainPackageListings, located.Key, found);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>
    /// The main packages of a local tree (the main module, a directory replacement), relative to it: directories with a
    /// <c>package main</c> file, outside nested modules, testdata, vendor and hidden directories. Read each time (the
    /// tree changes), at most <see cref="MaxListedDirectories"/> directories.
    /// </summary>
    public static IReadOnlyList<string> MainPackagesInLocalTree(string moduleDirectory)
    {
        ArgumentNullException.ThrowIfNull(moduleDirectory);
        try
        {
            return MainPackagesInTree(moduleDirectory, nestedModulesAreOthers: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>What the package in a local directory is, by its non-test .go files (null: the directory has no .go file).</summary>
    public static PackageKind? PackageKindOfDirectory(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        try
        {
            return Directory.Exists(directory) ? KindOf(Directory.EnumerateFiles(directory, "*.go").Select(f => (Path.GetFileName(f), (Func<Stream>)(() => File.OpenRead(f))))) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// What the package at <paramref name="relativeDirectory"/> of a module version go has downloaded is; null when the
    /// module cache has neither its tree nor its zip, or the directory no .go file. Answers are kept (a version never changes).
    /// </summary>
    public static PackageKind? PackageKindInModuleCache(string goModCache, string modulePath, string version, string relativeDirectory)
    {
        ArgumentNullException.ThrowIfNull(relativeDirectory);
        if (Locate(goModCache, modulePath, version) is not { } located)
        {
            return null;
        }

        var key = located.Key + "\n" + relativeDirectory;
        if (PackageKinds.TryGetValue(key, out var known))
        {
            return known;
        }

        try
        {
            if (located.Tree is { } tree)
            {
                return PackageKindOfDirectory(relativeDirectory == "." ? tree : Path.Combine(tree, relativeDirectory)) is { } kind ? Remember(PackageKinds, key, kind) : null;
            }

            if (located.Zip is not { } zip)
            {
                return null;
            }

            var dir = located.ZipPrefix + (relativeDirectory == "." ? "" : relativeDirectory + "/");
            using var archive = ZipFile.OpenRead(zip);
            var files = archive.Entries.Where(e => e.FullName.StartsWith(dir, StringComparison.Ordinal) && e.FullName.IndexOf('/', dir.Length) < 0)
                .Select(e => (e.Name, (Func<Stream>)e.Open));
            return KindOf(files) is { } found ? Remember(PackageKinds, key, found) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return null;
        }
    }

    // A main package when a non-test .go file says so; tests only when every .go file is a _test.go.
    private static PackageKind? KindOf(IEnumerable<(string Name, Func<Stream> Open)> files)
    {
        var any = false;
        var nonTest = false;
        foreach (var (name, open) in files.Where(f => f.Name.EndsWith(".go", StringComparison.Ordinal)))
        {
            any = true;
            if (!name.EndsWith("_test.go", StringComparison.Ordinal))
            {
                nonTest = true;
                if (IsMainPackage(open()))
                {
                    return PackageKind.Main;
                }
            }
        }

        return !any ? null : nonTest ? PackageKind.Library : PackageKind.TestsOnly;
    }

    // Where go keeps a module version: the extracted tree (complete once <tree>.partial is gone), else the zip in
    // cache/download; null when the cache has neither or the path or version cannot be a file name.
    private static CachedModule? Locate(string goModCache, string modulePath, string version)
    {
        if (string.IsNullOrEmpty(goModCache) || !Path.IsPathRooted(goModCache)
            || !ModulePath.TryEscapePath(modulePath, out var escapedPath, out _) || !ModulePath.TryEscapeVersion(version, out var escapedVersion, out _))
        {
            return null;
        }

        var key = escapedPath + "@" + escapedVersion;
        var tree = Path.Combine(goModCache, key);
        if (Directory.Exists(tree) && !File.Exists(tree + ".partial"))
        {
            return new CachedModule(key, tree, null, modulePath + "@" + version + "/");
        }

        var zip = Path.Combine(goModCache, "cache", "download", escapedPath, "@v", escapedVersion + ".zip");
        return File.Exists(zip) ? new CachedModule(key, null, zip, modulePath + "@" + version + "/") : null;
    }

    private sealed record CachedModule(string Key, string? Tree, string? Zip, string ZipPrefix);

    // Answers about a version in the module cache are kept for the process (a version never changes); the tables are
    // small in practice (the tool lines' modules) and cleared if they ever grow large.
    private static T Remember<T>(ConcurrentDictionary<string, T> table, string key, T value)
    {
        if (table.Count >= MaxZipListings)
        {
            table.Clear();
        }

        table[key] = value;
        return value;
    }

    private static readonly ConcurrentDictionary<string, PackageKind> PackageKinds = new(StringComparer.Ordinal);

    /// <summary>How many directories a package listing visits at most (a listing for completion, not an index).</summary>
    public const int MaxListedDirectories = 5000;

    private static readonly ConcurrentDictionary<string, IReadOnlyList<string>> MainPackageListings = new(StringComparer.Ordinal);

    private static List<string> MainPackagesInTree(string root, bool nestedModulesAreOthers)
    {
        var found = new List<string>();
        var queue = new Queue<string>([root]);
        for (var visited = 0; queue.Count > 0 && visited < MaxListedDirectories; visited++)
        {
            var dir = queue.Dequeue();
            if (!ReferenceEquals(dir, root) && nestedModulesAreOthers && File.Exists(Path.Combine(dir, "go.mod")))
            {
                continue; // another module's packages
            }

            if (PackageKindOfDirectory(dir) == PackageKind.Main)
            {
                found.Add(ReferenceEquals(dir, root) ? "." : Path.GetRelativePath(root, dir).Replace('\\', '/'));
            }

            foreach (var sub in Directory.EnumerateDirectories(dir).Order(StringComparer.Ordinal))
            {
                // go's ./... skips these too (and a module zip has no vendor/ below the root's, nor nested modules).
                if (Path.GetFileName(sub) is var name && !name.StartsWith('.') && !name.StartsWith('_') && name is not ("testdata" or "vendor"))
                {
                    queue.Enqueue(sub);
                }
            }
        }

        found.Sort(StringComparer.Ordinal);
        return found;
    }

    private static List<string> ZipMainPackages(string zipPath, string prefix)
    {
        using var archive = ZipFile.OpenRead(zipPath);
        return [.. archive.Entries.Take(MaxListedDirectories * 20)
            .Where(e => e.FullName.StartsWith(prefix, StringComparison.Ordinal))
            .GroupBy(e => ZipDirectory(e.FullName, prefix))
            .Where(g => g.Key == "." || !g.Key.Split('/').Any(e => e.StartsWith('.') || e.StartsWith('_') || e is "testdata" or "vendor"))
            .Where(g => KindOf(g.Select(e => (e.Name, (Func<Stream>)e.Open))) == PackageKind.Main)
            .Select(g => g.Key)
            .Order(StringComparer.Ordinal)];
    }

    // The file's package clause (after comments and build constraints) names main. Reads at most 8 KiB.
    private static bool IsMainPackage(Stream source)
    {
        using var stream = source;
        var buffer = new byte[8192];
        var length = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        var text = System.Text.Encoding.UTF8.GetString(buffer, 0, length);
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
            }
            else if (string.CompareOrdinal(text, i, "//", 0, 2) == 0)
            {
                i = text.IndexOf('\n', i) is var end and >= 0 ? end + 1 : text.Length;
            }
            else if (string.CompareOrdinal(text, i, "/*", 0, 2) == 0)
            {
                i = text.IndexOf("*/", i + 2, StringComparison.Ordinal) is var end and >= 0 ? end + 2 : text.Length;
            }
            else
            {
                var clause = text[i..].Split((char[])[' ', '\t', '\r', '\n', ';'], 3, StringSplitOptions.RemoveEmptyEntries);
                return clause is ["package", "main", ..] or ["package", "main"];
            }
        }

        return false;
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
    private static HashSet<string> ZipGoDirectories(string zipPath, string prefix)
    {
        using var archive = ZipFile.OpenRead(zipPath);
        return [.. archive.Entries.Where(e => e.FullName.StartsWith(prefix, StringComparison.Ordinal) && e.FullName.EndsWith(".go", StringComparison.Ordinal))
            .Select(e => ZipDirectory(e.FullName, prefix))];
    }

    // "path@version/a/b/x.go" → "a/b"; a file at the root → ".".
    private static string ZipDirectory(string name, string prefix)
    {
        var slash = name.LastIndexOf('/');
        return slash < prefix.Length ? "." : name[prefix.Length..slash];
    }
}

/// <summary>What a package directory holds, as go tool sees it.</summary>
public enum PackageKind
{
    /// <summary>A command: a non-test file says <c>package main</c>.</summary>
    Main,

    /// <summary>A library: non-test files, none of them <c>package main</c>.</summary>
    Library,

    /// <summary>Only <c>_test.go</c> files (go: <c>no non-test Go files in …</c>).</summary>
    TestsOnly,
}
