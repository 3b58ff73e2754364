using System.Runtime.CompilerServices;
using GoModLens.Analysis.Environment;
using GoModLens.Analysis.Workspace;
using GoModLens.ModFile.Semantics;

namespace GoModLens.Server.Features.GoMod;

/// <summary>
/// The go.work in force for each go.mod directory (<see cref="GoWorkspace.Find"/>). The local diagnostics stage runs
/// on every keystroke and a lookup costs milliseconds (a few stats up the tree, then the go.work and each module's
/// go.mod: 6–9 ms for 30 modules, docs/benchmarks.md), so it is kept: a go.work written since is read again at once
/// (go work use, or the user saving it), anything else (a go.work created, a module's go.mod edited) is picked up by a
/// background refresh once the entry is <see cref="FreshFor"/> old, and shows with the next analysis after that.
/// </summary>
internal sealed class WorkspaceProvider(TimeProvider time)
{
    public static readonly TimeSpan FreshFor = TimeSpan.FromSeconds(2);

    // Per environment (a settings change makes a new one, and GOWORK is part of it), then per directory.
    private readonly ConditionalWeakTable<GoEnvironment, Dictionary<string, Entry>> _byEnvironment = [];

    // Workspace modules' go.mod files by path, parsed again only when written: a refresh is then mostly stats.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, ((DateTime, long) Stamp, GoModFile? Model)> _goMods = new(StringComparer.Ordinal);

    public GoWorkspace? Get(GoEnvironment environment, string? goModDirectory)
    {
        if (goModDirectory is null)
        {
            return null;
        }

        var byDirectory = _byEnvironment.GetOrCreateValue(environment);
        Entry? entry;
        lock (byDirectory)
        {
            byDirectory.TryGetValue(goModDirectory, out entry);
        }

        if (entry is null || (entry.Workspace is { Parse: not null } loaded && FileStamp.Of(loaded.FilePath) != entry.Stamp))
        {
            entry = Load(environment, goModDirectory);
            lock (byDirectory)
            {
                byDirectory[goModDirectory] = entry;
            }

            return entry.Workspace;
        }

        if (time.GetUtcNow() - entry.LoadedAt >= FreshFor && Interlocked.Exchange(ref entry.Refreshing, 1) == 0)
        {
            var stale = entry;
            _ = Task.Run(() =>
            {
                try
                {
                    var fresh = Load(environment, goModDirectory);
                    lock (byDirectory)
                    {
                        byDirectory[goModDirectory] = fresh;
                    }
                }
                finally
                {
                    Volatile.Write(ref stale.Refreshing, 0); // a failed refresh is tried again by the next analysis
                }
            });
        }

        return entry.Workspace;
    }

    /// <summary>The workspace <see cref="Get"/> last found for <paramref name="goModDirectory"/>, without reading or stat-ing anything; null when none or never asked.</summary>
    public GoWorkspace? Cached(GoEnvironment environment, string goModDirectory)
    {
        if (!_byEnvironment.TryGetValue(environment, out var byDirectory))
        {
            return null;
        }

        lock (byDirectory)
        {
            return byDirectory.TryGetValue(goModDirectory, out var entry) ? entry.Workspace : null;
        }
    }

    /// <summary>An open go.work's workspace from the editor's text, its modules' go.mod files from the cache (every keystroke).</summary>
    public GoWorkspace FromText(GoEnvironment environment, string goWorkPath, string text) =>
        GoWorkspace.Load(goWorkPath, text, environment.Files, Path.GetDirectoryName(goWorkPath) ?? goWorkPath, environment.ToProxySettings().BuildMod, ReadGoMod);

    private Entry Load(GoEnvironment environment, string goModDirectory)
    {
        var now = time.GetUtcNow();
        var workspace = GoWorkspace.Find(environment, goModDirectory, ReadGoMod);
        // The stamp after the read. A go.work caught mid-write (truncated, then filled) was read torn while the stamp
        // is already the finished file's, which would hide the file for good: a length that disagrees gets no stamp,
        // so the next analysis reads it again. (ReadAllText drops a UTF-8 BOM: 3 bytes the text lacks.)
        var stamp = workspace is { Parse: not null } ? FileStamp.Of(workspace.FilePath) : default;
        if (stamp != default && System.Text.Encoding.UTF8.GetByteCount(workspace!.Text) is var bytes && bytes != stamp.Item2 && bytes + 3 != stamp.Item2)
        {
            stamp = default;
        }

        return new Entry(workspace, now, stamp);
    }

    private GoModFile? ReadGoMod(string path)
    {
        var stamp = FileStamp.Of(path);
        if (_goMods.TryGetValue(path, out var cached) && cached.Stamp == stamp)
        {
            return cached.Model;
        }

        GoModFile? model = null;
        try
        {
            model = stamp == default ? null : ModFileParser.Parse(path, File.ReadAllText(path)).Model;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Unreadable: no go.mod, as go would see it.
        }

        _goMods[path] = (stamp, model);
        return model;
    }

    private sealed class Entry(GoWorkspace? workspace, DateTimeOffset loadedAt, (DateTime, long) stamp)
    {
        public GoWorkspace? Workspace { get; } = workspace;

        public DateTimeOffset LoadedAt { get; } = loadedAt;

        public (DateTime, long) Stamp { get; } = stamp;

        public int Refreshing;
    }
}
