using GoModLens.ModFile.Module;
using GoModLens.ModFile.Semantics;
using GoModLens.ModFile.Versions;

namespace GoModLens.Analysis.Vendoring;

/// <summary>What vendor/modules.txt records about one module@version (modload.vendorMetadata).</summary>
/// <param name="Explicit">A <c>## explicit</c> annotation: the module is required in go.mod.</param>
/// <param name="Replacement">The <c>=&gt; path [version]</c> go recorded when it vendored, or null.</param>
/// <param name="GoVersion">The <c>## go 1.x</c> annotation, or null.</param>
public sealed record VendorMetadata(bool Explicit, ModPathVersion? Replacement, string? GoVersion)
{
    public static VendorMetadata None { get; } = new(false, null, null);
}

/// <summary>
/// vendor/modules.txt read as modload.readVendorList reads it. Lines go does not understand are skipped, as go skips
/// them: the reader never fails. A missing file is <see cref="Empty"/> (go then finds every require unvendored).
/// </summary>
public sealed class VendorList
{
    private readonly Dictionary<ModPathVersion, VendorMetadata> _meta;
    private readonly Dictionary<string, string> _versionByPath;

    private readonly HashSet<string> _packages;

    private VendorList(bool forWorkspace, IReadOnlyList<ModPathVersion> modules, IReadOnlyList<ModPathVersion> replaced,
        Dictionary<ModPathVersion, VendorMetadata> meta, Dictionary<string, string> versionByPath, Dictionary<ModPathVersion, int> lines,
        HashSet<string> packages, IReadOnlyList<(ModPathVersion Module, string GoVersion)>? goAnnotations = null)
    {
        _packages = packages;
        GoAnnotations = goAnnotations ?? [];
        ForWorkspace = forWorkspace;
        Modules = modules;
        Replaced = replaced;
        _meta = meta;
        _versionByPath = versionByPath;
        Lines = lines;
    }

    public static VendorList Empty { get; } = new(false, [], [], [], [], [], []);

    /// <summary>The first line is <c>## workspace</c>: written by <c>go work vendor</c> (modload.modulesTextIsForWorkspace).</summary>
    public bool ForWorkspace { get; }

    /// <summary>Modules that contribute packages, in order of appearance (go's vendorList).</summary>
    public IReadOnlyList<ModPathVersion> Modules { get; }

    /// <summary>Every module line with a replacement (go's vendorReplaced), duplicates included.</summary>
    public IReadOnlyList<ModPathVersion> Replaced { get; }

    /// <summary>The 1-based line of each module's <c># path version</c> line (the first one), for messages.</summary>
    public IReadOnlyDictionary<ModPathVersion, int> Lines { get; }

    /// <summary>
    /// Every <c>go</c> annotation in file order, with the module line above it, including ones a later annotation of
    /// the same module overrides: go checks each against the go that runs as it reads it and stops at the first that is
    /// newer (modload readVendorList), whether or not the module gives packages.
    /// </summary>
    public IReadOnlyList<(ModPathVersion Module, string GoVersion)> GoAnnotations { get; }

    /// <summary>A package line lists <paramref name="package"/> (go's vendorPkgModule): from go 1.23 on, go imports only those from vendor/.</summary>
    public bool ListsPackage(string package) => _packages.Contains(package);

    /// <summary>Every package the package lines list, in no particular order.</summary>
    public IReadOnlyCollection<string> Packages => _packages;

    public VendorMetadata Meta(ModPathVersion module) => _meta.GetValueOrDefault(module) ?? VendorMetadata.None;

    /// <summary>The version whose packages are vendored for <paramref name="path"/> (go's vendorVersion), or null.</summary>
    public string? VersionOf(string path) => _versionByPath.GetValueOrDefault(path);

    public static VendorList Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var forWorkspace = false;
        var modules = new List<ModPathVersion>();
        var replaced = new List<ModPathVersion>();
        var meta = new Dictionary<ModPathVersion, VendorMetadata>();
        var versionByPath = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = new Dictionary<ModPathVersion, int>();
        var packages = new HashSet<string>(StringComparer.Ordinal);
        var goAnnotations = new List<(ModPathVersion, string)>();
        ModPathVersion? current = null;
        var lineNumber = 0;
        foreach (var line in text.Split('\n'))
        {
            lineNumber++;
            if (lineNumber == 1)
            {
                forWorkspace = SaysWorkspace(line);
            }

            if (line.StartsWith("# ", StringComparison.Ordinal))
            {
                var f = Fields(line);
                if (f.Length < 3)
                {
                    continue; // go keeps the previous module for the lines that follow
                }

                string[] rest;
                if (Semver.IsValid(f[2]))
                {
                    current = new ModPathVersion(f[1], f[2]); // a module, or only a replacement record
                    rest = f[3..];
                }
                else if (f[2] == "=>")
                {
                    current = new ModPathVersion(f[1], ""); // a path-wide replacement in go.mod
                    rest = f[2..];
                }
                else
                {
                    current = null;
                    continue;
                }

                lines.TryAdd(current, lineNumber);
                if (rest.Length >= 2 && rest[0] == "=>")
                {
                    var m = meta.GetValueOrDefault(current) ?? VendorMetadata.None;
                    if (rest.Length == 2)
                    {
                        meta[current] = m with { Replacement = new ModPathVersion(rest[1], "") }; // a directory
                        replaced.Add(current);
                    }
                    else if (rest.Length == 3 && Semver.IsValid(rest[2]))
                    {
                        meta[current] = m with { Replacement = new ModPathVersion(rest[1], rest[2]) };
                        replaced.Add(current);
                    }
                    else
                    {
                        meta[current] = m; // a replacement go does not understand: ignored
                    }
                }

                continue;
            }

            if (current is null || current.Path.Length == 0)
            {
                continue; // a package or annotation needs a module line before it
            }

            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                var m = meta.GetValueOrDefault(current) ?? VendorMetadata.None;
                foreach (var raw in line[3..].Split(';'))
                {
                    var entry = raw.Trim();
                    if (entry == "explicit")
                    {
                        m = m with { Explicit = true };
                    }

                    if (entry.StartsWith("go ", StringComparison.Ordinal))
                    {
                        m = m with { GoVersion = entry[3..] };
                        goAnnotations.Add((current, entry[3..]));
                    }
                }

                meta[current] = m;
                continue;
            }

            if (Fields(line) is [var package] && ModulePath.CheckImportPath(package) is null)
            {
                packages.Add(package);
                // A package of the current module: it is in the build list at this version, unless a higher one is known.
                if (!versionByPath.TryGetValue(current.Path, out var known) || Semver.Compare(known, current.Version) < 0)
                {
                    modules.Add(current);
                    versionByPath[current.Path] = current.Version;
                }
            }
        }

        return new VendorList(forWorkspace, modules, replaced, meta, versionByPath, lines, packages, goAnnotations);
    }

    /// <summary>The first line of <paramref name="text"/> is <c>## workspace</c> (modload.modulesTextIsForWorkspace, which reads 512 bytes).</summary>
    public static bool IsForWorkspace(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var head = text.AsSpan(0, Math.Min(text.Length, 512));
        var newline = head.IndexOf('\n');
        return SaysWorkspace((newline < 0 ? head : head[..newline]).ToString());
    }

    private static bool SaysWorkspace(string line) =>
        line.StartsWith("## ", StringComparison.Ordinal) && line[3..].Split(';').Any(e => e.Trim() == "workspace");

    // strings.Fields: runs of Unicode white space separate fields.
    private static string[] Fields(string line) => line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
}
