using System.Security.Cryptography;
using System.Text;
using GoModLens.ModFile.GoSum;
using GoModLens.ModFile.Semantics;
using GoModLens.ModFile.Text;

namespace GoModLens.ModFile.Module;

/// <summary>What a file in a module's source tree is (the file mode go reads from the archive entry).</summary>
public enum ModuleZipEntryKind
{
    Regular,
    Symlink,
    /// <summary>Anything else that is not a directory (a device, a pipe): omitted.</summary>
    Other,
}

/// <summary>A file offered for a module zip: its slash path from the module root, kind, size and content.</summary>
public sealed record ModuleZipEntry(string Path, ModuleZipEntryKind Kind, long Size, Func<Stream> Open);

/// <summary>What go makes of a module's files.</summary>
/// <param name="Hash">The go.sum <c>h1:</c> hash of the zip go would create (dirhash.HashZip over it); null with <paramref name="Error"/>.</param>
/// <param name="Error">go's error when it would refuse to create the zip (<c>create zip: …</c>), else null.</param>
/// <param name="Files">The paths that go into the zip, in the order given.</param>
/// <param name="Omitted">The paths left out, each with go's reason (vendored package, another module, symlink, …).</param>
public sealed record ModuleZipResult(string? Hash, string? Error, IReadOnlyList<string> Files, IReadOnlyList<(string Path, string Reason)> Omitted);

/// <summary>
/// golang.org/x/mod/zip's <c>Create</c> as far as the go.sum hash needs it: which files a module zip holds (checkFiles:
/// nested modules, vendored packages, symlinks and <c>.hg_archival.txt</c> left out; unclean, malformed, colliding,
/// oversize paths refused) and <c>dirhash.HashZip</c> of the result, computed from the files without writing the zip
/// (the hash reads only names and contents).
/// </summary>
public static class ModuleZip
{
    /// <summary>x/mod/zip.MaxZipFile: the largest module (sum of file sizes) go accepts.</summary>
    public const long MaxZipFile = 500L << 20;

    /// <summary>x/mod/zip.MaxGoMod and MaxLICENSE.</summary>
    public const long MaxGoMod = 16L << 20;

    public const long MaxLicense = 16L << 20;

    /// <summary>
    /// x/mod/zip's refusal of <paramref name="files"/> (<c>create zip: …</c>), or null when go would zip them. Reads no
    /// content but the root go.mod's (its go line decides the vendor rules), so a tree listing is enough; sizes count as
    /// given.
    /// </summary>
    public static string? Refusal(string modulePath, string version, IReadOnlyList<ModuleZipEntry> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (ModulePath.CanonicalVersion(version) is var canonical && canonical != version)
        {
            return $"create zip: version {GoQuote.Quote(version)} is not canonical (should be {GoQuote.Quote(canonical)})";
        }

        return ModulePath.Check(modulePath, version) is { } invalid ? "create zip: " + invalid
            : CheckFiles(files).Error is { } error ? "create zip: " + error
            : null;
    }

    /// <summary>The files go zips for <paramref name="modulePath"/>@<paramref name="version"/>, and the h1 hash of that zip.</summary>
    public static ModuleZipResult Hash(string modulePath, string version, IReadOnlyList<ModuleZipEntry> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (ModulePath.CanonicalVersion(version) is var canonical && canonical != version)
        {
            return Failed($"version {GoQuote.Quote(version)} is not canonical (should be {GoQuote.Quote(canonical)})");
        }

        if (ModulePath.Check(modulePath, version) is { } invalid)
        {
            return Failed(invalid);
        }

        var (valid, omitted, error) = CheckFiles(files);
        if (error is not null)
        {
            return new ModuleZipResult(null, "create zip: " + error, [.. valid.Select(v => v.Path)], omitted);
        }

        // dirhash.Hash1 over "path@version/file": each file's SHA-256, streamed, then the sorted summary.
        var prefix = modulePath + "@" + version + "/";
        var lines = new List<(byte[] Name, string Hex)>();
        foreach (var file in valid)
        {
            var name = prefix + file.Path;
            if (name.Contains('\n', StringComparison.Ordinal))
            {
                return new ModuleZipResult(null, "dirhash: filenames with newlines are not supported", [.. valid.Select(v => v.Path)], omitted);
            }

            using var content = file.Open();
            lines.Add((Encoding.UTF8.GetBytes(name), Convert.ToHexStringLower(SHA256.HashData(content))));
        }

        lines.Sort((a, b) => a.Name.AsSpan().SequenceCompareTo(b.Name));
        using var summary = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (name, hex) in lines)
        {
            summary.AppendData(Encoding.ASCII.GetBytes(hex + "  "));
            summary.AppendData(name);
            summary.AppendData("\n"u8);
        }

        return new ModuleZipResult(DirHash.H1Prefix + Convert.ToBase64String(summary.GetHashAndReset()), null, [.. valid.Select(v => v.Path)], omitted);

        ModuleZipResult Failed(string message) => new(null, "create zip: " + message, [], []);
    }

    /// <summary>x/mod/zip's checkFiles: the valid files, the omitted ones with go's reason, and go's error (invalid files, size).</summary>
    private static (List<ModuleZipEntry> Valid, List<(string, string)> Omitted, string? Error) CheckFiles(IReadOnlyList<ModuleZipEntry> files)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var omitted = new List<(string, string)>();
        var invalid = new List<string>();
        void Omit(string path, string reason)
        {
            if (seen.Add(path))
            {
                omitted.Add((path, reason));
            }
        }

        void Refuse(string path, string reason)
        {
            if (seen.Add(path))
            {
                invalid.Add(path + ": " + reason);
            }
        }

        // Directories with a go.mod (other than the root) belong to other modules; the root go.mod's go version
        // decides how vendor directories are read.
        var moduleDirs = new HashSet<string>(StringComparer.Ordinal);
        var atLeastGo124 = false;
        foreach (var f in files)
        {
            var slash = f.Path.LastIndexOf('/');
            var (dir, name) = (f.Path[..(slash + 1)], f.Path[(slash + 1)..]);
            if (!name.Equals("go.mod", StringComparison.OrdinalIgnoreCase) || f.Kind != ModuleZipEntryKind.Regular)
            {
                continue;
            }

            moduleDirs.Add(dir);
            if (f.Path == "go.mod")
            {
                using var s = f.Open();
                using var buffer = new MemoryStream();
                s.CopyTo(buffer);
                atLeastGo124 = DeclaresGo124(buffer.ToArray());
            }
        }

        var collisions = new Dictionary<string, (string Path, bool IsDir)>(StringComparer.Ordinal);
        var valid = new List<ModuleZipEntry>();
        string? sizeError = null;
        var room = MaxZipFile;
        foreach (var f in files)
        {
            var p = f.Path;
            if (p != SlashPath.Clean(p))
            {
                Refuse(p, "file path is not clean");
            }
            else if (p.StartsWith('/'))
            {
                Refuse(p, "file path is not relative");
            }
            else if (IsVendoredPackage(p, atLeastGo124))
            {
                Omit(p, "file is in vendor directory");
            }
            else if (InOtherModule(p, moduleDirs))
            {
                Omit(p, "file is in another module");
            }
            else if (p == ".hg_archival.txt")
            {
                Omit(p, "file is inserted by 'hg archive' and is always omitted");
            }
            else if (ModulePath.CheckFilePath(p) is { } malformed)
            {
                Refuse(p, malformed);
            }
            else if (p.Equals("go.mod", StringComparison.OrdinalIgnoreCase) && p != "go.mod")
            {
                Refuse(p, "go.mod files must have lowercase names");
            }
            else if (Collision(collisions, p, isDir: false) is { } collision)
            {
                Refuse(p, collision);
            }
            else if (f.Kind == ModuleZipEntryKind.Symlink)
            {
                Omit(p, "file is a symbolic link");
            }
            else if (f.Kind != ModuleZipEntryKind.Regular)
            {
                Omit(p, "not a regular file");
            }
            else
            {
                if (f.Size >= 0 && f.Size <= room)
                {
                    room -= f.Size;
                }
                else
                {
                    sizeError ??= $"module source tree too large (max size is {MaxZipFile} bytes)";
                }

                if (p == "go.mod" && f.Size > MaxGoMod)
                {
                    Refuse(p, $"go.mod file too large (max size is {MaxGoMod} bytes)");
                }
                else if (p == "LICENSE" && f.Size > MaxLicense)
                {
                    Refuse(p, $"LICENSE file too large (max size is {MaxLicense} bytes)");
                }
                else
                {
                    valid.Add(f);
                }
            }
        }

        return (valid, omitted, sizeError ?? (invalid.Count > 0 ? string.Join('\n', invalid) : null));
    }

    /// <summary>parseGoVers then version.Compare(…, "go1.24") &gt;= 0: a go line go accepts in a dependency's go.mod, at least 1.24.</summary>
    private static bool DeclaresGo124(byte[] goMod)
    {
        var parse = ModFileParser.Parse("go.mod", goMod, ParseMode.Lax);
        if (!parse.IsAcceptedByGo || parse.Model.Go?.Version is not { } v)
        {
            return false;
        }

        var parts = v.Split('.');
        return parts.Length >= 2 && int.TryParse(parts[0], out var major) && int.TryParse(TakeDigits(parts[1]), out var minor)
            && (major > 1 || (major == 1 && minor >= 24));

        static string TakeDigits(string s) => new([.. s.TakeWhile(char.IsAsciiDigit)]);
    }

    /// <summary>
    /// isVendoredPackage: a file in a package below a vendor directory (vendor/x/y.go, not vendor/y.go). From go 1.24
    /// vendor/modules.txt is left out too, and a nested "/vendor/" counts from its own position (go.dev/issue/37397);
    /// older modules keep their old behaviour so their hashes do not change.
    /// </summary>
    private static bool IsVendoredPackage(string name, bool atLeastGo124)
    {
        if (atLeastGo124 && name == "vendor/modules.txt")
        {
            return true;
        }

        int i;
        if (name.StartsWith("vendor/", StringComparison.Ordinal))
        {
            i = "vendor/".Length;
        }
        else if (name.IndexOf("/vendor/", StringComparison.Ordinal) is var j and >= 0)
        {
            i = atLeastGo124 ? j + "/vendor/".Length : "/vendor/".Length;
        }
        else
        {
            return false;
        }

        return name[i..].Contains('/', StringComparison.Ordinal);
    }

    private static bool InOtherModule(string path, HashSet<string> moduleDirs)
    {
        var p = path;
        while (p.LastIndexOf('/') is var slash and >= 0)
        {
            var dir = p[..(slash + 1)];
            if (moduleDirs.Contains(dir))
            {
                return true;
            }

            p = p[..slash];
        }

        return false;
    }

    /// <summary>collisionChecker: names equal up to case, a path that is a file and a directory, a file listed twice.</summary>
    private static string? Collision(Dictionary<string, (string Path, bool IsDir)> seen, string p, bool isDir)
    {
        var fold = Fold(p);
        if (seen.TryGetValue(fold, out var other))
        {
            if (p != other.Path)
            {
                return $"case-insensitive file name collision: {GoQuote.Quote(other.Path)} and {GoQuote.Quote(p)}";
            }

            if (isDir != other.IsDir)
            {
                return $"entry {GoQuote.Quote(p)} is both a file and a directory";
            }

            if (!isDir)
            {
                return $"multiple entries for file {GoQuote.Quote(p)}";
            }
        }
        else
        {
            seen[fold] = (p, isDir);
        }

        var slash = p.LastIndexOf('/');
        return slash > 0 ? Collision(seen, p[..slash], isDir: true) : null;
    }

    /// <summary>strings.EqualFold classes (go's strToFold); lower(upper(x)) agrees with Unicode simple folding for paths go accepts.</summary>
    private static string Fold(string s) => s.ToUpperInvariant().ToLowerInvariant();
}
