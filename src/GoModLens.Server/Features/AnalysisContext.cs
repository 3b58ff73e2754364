using GoModLens.Server.Configuration;
using GoModLens.Server.Workspace;

namespace GoModLens.Server.Features;

/// <summary>
/// Everything an analyzer may consult besides the document: the whole workspace snapshot the request runs on
/// (e.g. the open go.sum next to a go.mod), the settings, progress and log.
/// </summary>
public sealed record AnalysisContext(
    WorkspaceSnapshot Workspace,
    ServerSettings Settings,
    IAnalysisProgress Progress,
    IServerLog Log);
