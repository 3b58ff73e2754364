using System.Collections.Concurrent;
using GoModLens.Analysis.Environment;
using GoModLens.Analysis.Vendoring;
using GoModLens.Analysis.Workspace;
using GoModLens.ModFile.Semantics;

namespace GoModLens.Server.Features.GoMod;

/// <summary>
/// The vendor state of each go.mod (<see cref="VendorState.For"/>) on every keystroke. The decision costs a stat of
/// the vendor directory; vendor/modules.txt (a megabyte in large repositories) is parsed again only when written,
/// so <c>go mod vendor</c> run in a terminal shows with the next analysis.
/// </summary>
internal sealed class VendorProvider
{
    private readonly ConcurrentDictionary<string, ((DateTime, long) Stamp, VendorList List)> _lists = new(StringComparer.Ordinal);

    public VendorState? Get(GoEnvironment environment, string? goModDirectory, GoModFile goMod, GoWorkspace? workspace) =>
        goModDirectory is null ? null : VendorState.For(environment, goModDirectory, goMod, workspace, Read);

    private VendorList Read(string path)
    {
        var stamp = FileStamp.Of(path);
        if (_lists.TryGetValue(path, out var cached) && cached.Stamp == stamp)
        {
            return cached.List;
        }

        var list = VendorList.Empty;
        try
        {
            list = stamp == default ? VendorList.Empty : VendorList.Parse(File.ReadAllText(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Unreadable: go would stop with the read error; nothing vendored is the closest we can show.
        }

        _lists[path] = (stamp, list);
        return list;
    }
}
