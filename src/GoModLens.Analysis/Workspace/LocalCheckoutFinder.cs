using GoModLens.ModFile.Module;
using GoModLens.ModFile.Semantics;

namespace GoModLens.Analysis.Workspace;

/// <summary>
/// Finds local checkouts of a module — directories whose go.mod declares its path — for the "use a local checkout"
/// replace fix: go.work <c>use</c> members, siblings (<c>../*</c>), <c>$GOPATH/src/&lt;path&gt;</c> and configured search
/// roots (depth-limited, time-boxed, skipping <c>.git</c>, <c>node_modules</c>, <c>vendor</c>, <c>testdata</c> and hidden
/// directories). Synchronous and side-effect free apart from reads.
/// </summary>
public sealed class LocalCheckoutFinder(ICheckoutFileSystem files, TimeProvider? time = null)
{
    private static readonly HashSet<string> s_skipped = new(StringComparer.OrdinalIgnoreCase) { "node_modules", "vendor", "testdata" };

    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>The real file system and clock.</summary>
    public static LocalCheckoutFinder Default { get; } = new(PhysicalCheckoutFileSystem.Instance);

    /// <param name="moduleDirectory">Directory of the go.mod that would get the replace.</param>
    /// <param name="modulePath">The module path to look for (as required).</param>
    public CheckoutSearchResult Find(string moduleDirectory, string modulePath, CheckoutSearchOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(moduleDirectory);
        ArgumentException.ThrowIfNullOrEmpty(modulePath);
        options ??= CheckoutSearchOptions.Default;
        var home = Path.GetFullPath(moduleDirectory);
        var started = _time.GetTimestamp();
        var found = new Dictionary<string, CheckoutCandidate>(PathComparer);
        var visited = 0;
        var truncated = false;

        void Consider(string dir, CheckoutSource source)
        {
            if (GoPaths.Resolve(home, dir) is not { } full)
            {
                return;
            }

            if (PathComparer.Equals(full.TrimEnd(Path.DirectorySeparatorChar), home.TrimEnd(Path.DirectorySeparatorChar)) || found.ContainsKey(full))
            {
                return;
            }

            if (DeclaredModule(Path.Combine(full, "go.mod"), options.MaxGoModBytes) == modulePath)
            {
                var (replacePath, distance) = Relative(home, full);
                found[full] = new CheckoutCandidate(full, replacePath, source, distance);
            }
        }

        // go.work members.
        var goWork = options.GoWorkPath switch
        {
            "off" => null,
            "auto" => GoWorkFile.Locate(files, home), // GOWORK=auto means "look upward", like an empty one
            { Length: > 0 } explicitPath => explicitPath,
            _ => GoWorkFile.Locate(files, home),
        };
        if (goWork is not null && files.ReadPrefix(goWork, 1 << 20) is { } workText)
        {
            var workDir = Path.GetDirectoryName(Path.GetFullPath(goWork)) ?? home;
            foreach (var use in GoWorkFile.ParseUses(goWork, workText))
            {
                Consider(Path.IsPathRooted(use.Path) ? use.Path : Path.Combine(workDir, use.Path), CheckoutSource.GoWorkUse);
            }
        }

        // Siblings.
        if (Path.GetDirectoryName(home.TrimEnd(Path.DirectorySeparatorChar)) is { Length: > 0 } parent)
        {
            foreach (var sibling in files.EnumerateDirectories(parent))
            {
                cancellationToken.ThrowIfCancellationRequested();
                visited++;
                if (!IsSkipped(sibling))
                {
                    Consider(sibling, CheckoutSource.Sibling);
                }
            }
        }

        // $GOPATH/src/<path>, also without a /vN suffix (GOPATH checkouts keep major versions in one directory).
        foreach (var entry in (options.GoPath ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var (prefix, _, ok) = ModulePath.SplitPathVersion(modulePath);
            foreach (var p in ok && prefix != modulePath ? new[] { modulePath, prefix } : [modulePath])
            {
                var dir = Path.Combine([entry, "src", .. p.Split('/')]);
                if (files.DirectoryExists(dir))
                {
                    Consider(dir, CheckoutSource.GoPath);
                }
            }
        }

        // Search roots, breadth first so a budget cut keeps the shallow (likelier) matches.
        var budget = options.EffectiveBudget;
        var queue = new Queue<(string Dir, int Depth)>();
        foreach (var root in options.SearchRoots ?? [])
        {
            if (!string.IsNullOrWhiteSpace(root) && files.DirectoryExists(root))
            {
                queue.Enqueue((Path.GetFullPath(root), 0));
            }
        }

        var seen = new HashSet<string>(PathComparer);
        while (queue.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_time.GetElapsedTime(started) > budget || visited >= options.MaxDirectories)
            {
                truncated = true;
                break;
            }

            var (dir, depth) = queue.Dequeue();
            if (!seen.Add(dir))
            {
                continue;
            }

            visited++;
            if (depth > 0)
            {
                Consider(dir, CheckoutSource.SearchRoot);
            }

            if (depth >= options.MaxDepth)
            {
                continue;
            }

            foreach (var child in files.EnumerateDirectories(dir))
            {
                if (!IsSkipped(child))
                {
                    queue.Enqueue((child, depth + 1));
                }
            }
        }

        var sorted = found.Values
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Source)
            .ThenBy(c => c.ReplacePath, StringComparer.Ordinal)
            .ToList();
        return new CheckoutSearchResult(sorted, truncated, visited);
    }

    /// <summary>The module path a go.mod declares (read leniently from its first bytes); null when absent or unreadable.</summary>
    public string? DeclaredModule(string goModPath, int maxBytes = 8192)
    {
        if (files.ReadPrefix(goModPath, maxBytes) is not { } text)
        {
            return null;
        }

        if (System.Text.Encoding.UTF8.GetByteCount(text) >= maxBytes && text.LastIndexOf('\n') is var nl and >= 0)
        {
            // A cut-off last line could be a half token; the module line is near the top anyway.
            text = text[..(nl + 1)];
        }

        var module = ModFileParser.Parse(goModPath, text, ParseMode.Lax).Model.Module;
        return module is { Mod.Path.Length: > 0 } ? module.Mod.Path : null;
    }

    /// <summary>The replace target go users write (<c>../x</c>, <c>./sub</c>; absolute across drives) and its step count.</summary>
    public static (string ReplacePath, int Distance) Relative(string fromDirectory, string toDirectory)
    {
        var rel = Path.GetRelativePath(fromDirectory, toDirectory);
        if (Path.IsPathRooted(rel))
        {
            return (toDirectory.Replace(Path.DirectorySeparatorChar, '/'), int.MaxValue / 2);
        }

        rel = rel.Replace(Path.DirectorySeparatorChar, '/');
        var distance = rel.Split('/', StringSplitOptions.RemoveEmptyEntries).Length;
        return (rel.StartsWith("../", StringComparison.Ordinal) || rel == ".." ? rel : "./" + rel, distance);
    }

    private static StringComparer PathComparer => OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    private static bool IsSkipped(string dir)
    {
        var name = Path.GetFileName(dir.TrimEnd(Path.DirectorySeparatorChar));
        return name.Length == 0 || name[0] is '.' or '_' || s_skipped.Contains(name);
    }
}
