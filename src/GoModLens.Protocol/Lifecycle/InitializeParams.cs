using System.Text.Json;

namespace GoModLens.Protocol;

public sealed record InitializeParams
{
    public int? ProcessId { get; init; }
    public ClientInfo? ClientInfo { get; init; }
    public string? Locale { get; init; }
    public string? RootUri { get; init; }
    public JsonElement? InitializationOptions { get; init; }
    public ClientCapabilities? Capabilities { get; init; }
    public string? Trace { get; init; }
    public IReadOnlyList<WorkspaceFolder>? WorkspaceFolders { get; init; }
}

public sealed record ClientInfo(string Name, string? Version = null);

public sealed record WorkspaceFolder(string Uri, string Name);

public sealed record InitializedParams;
