using GoModLens.Server.Configuration;
using GoModLens.Server.Workspace;

namespace GoModLens.Server.Features;

/// <summary>Reports progress of slow (network) work to the editor; a no-op when the client can't show it.</summary>
public interface IAnalysisProgress
{
    void Report(string message, int? percentage = null);
}

/// <summary>Where analyzer messages go: stderr and the client's window/logMessage.</summary>
public interface IServerLog
{
    void Log(LogLevel level, string message);
}

public enum LogLevel
{
    Trace,
    Debug,
    Information,
    Warning,
    Error,
}

/// <summary>
/// Everything an analyzer may consult besides the document: the whole workspace snapshot the request runs on
/// (e.g. the open go.sum next to a go.mod), the settings, progress and log.
/// </summary>
public sealed record AnalysisContext(
    WorkspaceSnapshot Workspace,
    ServerSettings Settings,
    IAnalysisProgress Progress,
    IServerLog Log);
