using System.Runtime.CompilerServices;
using GoModLens.Analysis.Environment;
using GoModLens.Analysis.Workspace;

namespace GoModLens.Server.Features.GoMod;

/// <summary>
/// The go.work in force for each go.mod directory (<see cref="GoWorkspace.Find"/>). The local diagnostics stage runs
/// on every keystroke, so the lookup (a few stats up the tree, then go.work and its modules' go.mod files) is done at
/// most once per <see cref="FreshFor"/> per directory, unless the go.work in force was written since; a go.work
/// created in the meantime shows with the next analysis after that.
/// </summary>
internal sealed class WorkspaceProvider(TimeProvider time)
{
    public static readonly TimeSpan FreshFor = TimeSpan.FromSeconds(2);

    // Per environment (a settings change makes a new one, and GOWORK is part of it), then per directory.
    private readonly ConditionalWeakTable<GoEnvironment, Dictionary<string, Entry>> _byEnvironment = [];

    public GoWorkspace? Get(GoEnvironment environment, string? goModDirectory)
    {
        if (goModDirectory is null)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var byDirectory = _byEnvironment.GetOrCreateValue(environment);
        lock (byDirectory)
        {
            // A saved go.work shows at once (the file watcher re-analyses); a new one within FreshFor.
            if (byDirectory.TryGetValue(goModDirectory, out var entry) && now - entry.LoadedAt < FreshFor
                && (entry.Workspace is not { Parse: not null } loaded || Stamp(loaded.FilePath) == entry.Stamp))
            {
                return entry.Workspace;
            }
        }

        var stamp = default((DateTime, long));
        var workspace = GoWorkspace.Find(environment, goModDirectory);
        if (workspace is { Parse: not null })
        {
            stamp = Stamp(workspace.FilePath); // after the read: a write in between shows FreshFor later
        }

        lock (byDirectory)
        {
            byDirectory[goModDirectory] = new Entry(workspace, now, stamp);
        }

        return workspace;
    }

    // Write time and length: coarse file-system clocks can give two quick writes one time stamp, rarely one length too.
    private static (DateTime, long) Stamp(string path)
    {
        try
        {
            var info = new FileInfo(path);
            return info.Exists ? (info.LastWriteTimeUtc, info.Length) : default;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return default;
        }
    }

    private sealed record Entry(GoWorkspace? Workspace, DateTimeOffset LoadedAt, (DateTime, long) Stamp);
}
