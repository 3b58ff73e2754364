using GoModLens.Analysis.Environment;
using GoModLens.ModFile.Module;
using GoModLens.ModFile.Versions;

namespace GoModLens.Server.Features.GoMod;

/// <summary>
/// Direct reads of go's download cache, <c>$GOMODCACHE/cache/download/&lt;escaped path&gt;/@v/</c>: files go wrote
/// when it downloaded a module. Local and cheap, so hovers may read them.
/// </summary>
internal static class ModuleCacheFiles
{
    /// <summary>The <c>@v</c> directory of a module path, or null (no GOMODCACHE, or a path go could not escape).</summary>
    public static string? VersionDirectory(GoEnvironment env, string modulePath) =>
        env.GoModCache.Value is { Length: > 0 } root && ModulePath.TryEscapePath(modulePath, out var escaped, out _)
            ? Path.Combine(root, "cache", "download", escaped.Replace('/', Path.DirectorySeparatorChar), "@v")
            : null;

    /// <summary>The file go keeps for module@version with this extension (".mod", ".ziphash", ".info"), or null.</summary>
    public static string? FilePath(GoEnvironment env, string modulePath, string version, string extension) =>
        VersionDirectory(env, modulePath) is { } dir && ModulePath.TryEscapeVersion(version, out var escaped, out _)
            ? Path.Combine(dir, escaped + extension)
            : null;

    /// <summary>
    /// Whether a file is inside the module cache: a dependency's files, which go made read-only and never builds as a
    /// main module (go to definition opens them), so GoModLens checks nothing there, as gopls does not.
    /// </summary>
    public static bool Contains(GoEnvironment env, string? filePath)
    {
        if (filePath is null || env.GoModCache.Value is not { Length: > 0 } root)
        {
            return false;
        }

        try
        {
            var full = Path.GetFullPath(filePath);
            var cache = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root)) + Path.DirectorySeparatorChar;
            return full.StartsWith(cache, OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return false;
        }
    }

    /// <summary>Where go extracts module@version's files: <c>$GOMODCACHE/&lt;escaped path&gt;@&lt;escaped version&gt;</c>; null when it cannot be named.</summary>
    public static string? ExtractedDirectory(GoEnvironment env, string modulePath, string version) =>
        env.GoModCache.Value is { Length: > 0 } root && ModulePath.TryEscapePath(modulePath, out var path, out _)
        && ModulePath.TryEscapeVersion(version, out var escaped, out _)
            ? Path.Combine(root, path.Replace('/', Path.DirectorySeparatorChar) + "@" + escaped)
            : null;

    /// <summary>go's h1 of the module zip, written next to the zip by <c>go mod download</c>; null when absent.</summary>
    public static string? ReadZipHash(GoEnvironment env, string modulePath, string version) =>
        ReadText(FilePath(env, modulePath, version, ".ziphash"));

    /// <summary>
    /// The newest tagged version with a <c>.mod</c> in the module cache (go's own <c>@v/list</c> there is rebuilt from
    /// the .mod files): the highest release, else the highest pre-release; pseudo-versions are not "versions". Null if none.
    /// </summary>
    public static string? NewestCachedVersion(GoEnvironment env, string modulePath)
    {
        if (VersionDirectory(env, modulePath) is not { } dir || !Directory.Exists(dir))
        {
            return null;
        }

        try
        {
            var versions = Directory.EnumerateFiles(dir, "*.mod")
                .Select(f => ModulePath.TryUnescapeVersion(Path.GetFileNameWithoutExtension(f), out var v, out _) ? v : null)
                .OfType<string>()
                .Where(v => Semver.IsValid(v) && !PseudoVersion.IsPseudoVersion(v))
                .ToList();
            var releases = versions.Where(v => Semver.Prerelease(v).Length == 0).ToList();
            var pool = releases.Count > 0 ? releases : versions;
            return pool.Count == 0 ? null : pool.Aggregate((a, b) => Semver.Compare(a, b) >= 0 ? a : b);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string? ReadText(string? path)
    {
        try
        {
            return path is not null && File.Exists(path) ? File.ReadAllText(path).Trim() : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
