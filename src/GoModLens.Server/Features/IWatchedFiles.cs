using GoModLens.Server.Configuration;

namespace GoModLens.Server.Features;

/// <summary>
/// An analyzer that depends on files outside the workspace (e.g. the user's GOENV file): the server asks the client
/// to watch them, and a change re-analyses every open document.
/// </summary>
public interface IWatchedFiles
{
    /// <summary>Absolute paths to watch under these settings.</summary>
    IReadOnlyList<string> WatchedFiles(ServerSettings settings);
}
