using GoModLens.Analysis.Workspace;
using Microsoft.Extensions.Time.Testing;

namespace GoModLens.Analysis.Tests.Workspace;

/// <summary>An in-memory tree of Unix-style paths; optionally advances a fake clock on every directory listing.</summary>
internal sealed class MemoryCheckoutFileSystem : ICheckoutFileSystem
{
    private readonly Dictionary<string, string> _files = new(StringComparer.Ordinal);
    private readonly HashSet<string> _dirs = new(StringComparer.Ordinal) { "/" };

    public FakeTimeProvider? Clock { get; init; }

    public TimeSpan ListingCost { get; init; }

    public List<string> Listed { get; } = [];

    public MemoryCheckoutFileSystem File(string path, string text)
    {
        _files[path] = text;
        for (var d = Path.GetDirectoryName(path); !string.IsNullOrEmpty(d); d = Path.GetDirectoryName(d))
        {
            _dirs.Add(d);
        }

        return this;
    }

    public MemoryCheckoutFileSystem Module(string dir, string modulePath) => File(dir + "/go.mod", $"module {modulePath}\n\ngo 1.21\n");

    public bool DirectoryExists(string path) => _dirs.Contains(path.TrimEnd('/') is { Length: > 0 } p ? p : "/");

    public bool FileExists(string path) => _files.ContainsKey(path);

    public IEnumerable<string> EnumerateDirectories(string path)
    {
        Listed.Add(path);
        Clock?.Advance(ListingCost);
        var prefix = path.TrimEnd('/') + "/";
        return _dirs.Where(d => d.StartsWith(prefix, StringComparison.Ordinal) && d.Length > prefix.Length && !d[prefix.Length..].Contains('/', StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    public string? ReadPrefix(string path, int maxBytes)
    {
        if (!_files.TryGetValue(path, out var text))
        {
            return null;
        }

        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        return System.Text.Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, maxBytes));
    }
}
