using System.Runtime.CompilerServices;
using GoModLens.Analysis.Environment;
using GoModLens.Analysis.Workspace;

namespace GoModLens.Server.Features.GoMod;

/// <summary>
/// The go.work in force for each go.mod directory (<see cref="GoWorkspace.Find"/>). The local diagnostics stage runs
/// on every keystroke, so the lookup (a few stats up the tree, then go.work and its modules' go.mod files) is done at
/// most once per <see cref="FreshFor"/> per directory; an edited go.work shows with the next analysis after that.
/// </summary>
internal sealed class WorkspaceProvider(TimeProvider time)
{
    public static readonly TimeSpan FreshFor = TimeSpan.FromSeconds(2);

    // Per environment (a settings change makes a new one, and GOWORK is part of it), then per directory.
    private readonly ConditionalWeakTable<GoEnvironment, Dictionary<string, (GoWorkspace? Workspace, DateTimeOffset LoadedAt)>> _byEnvironment = [];

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
            if (byDirectory.TryGetValue(goModDirectory, out var entry) && now - entry.LoadedAt < FreshFor)
            {
                return entry.Workspace;
            }
        }

        var workspace = GoWorkspace.Find(environment, goModDirectory);
        lock (byDirectory)
        {
            byDirectory[goModDirectory] = (workspace, now);
        }

        return workspace;
    }
}
