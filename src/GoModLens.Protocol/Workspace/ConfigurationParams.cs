using System.Text.Json;

namespace GoModLens.Protocol;

public sealed record ConfigurationParams(IReadOnlyList<ConfigurationItem> Items);

public sealed record ConfigurationItem(string? ScopeUri = null, string? Section = null);

public sealed record DidChangeConfigurationParams(JsonElement? Settings = null);

public sealed record DidChangeWatchedFilesParams(IReadOnlyList<FileEvent> Changes);

public sealed record FileEvent(string Uri, FileChangeType Type);

public enum FileChangeType
{
    Created = 1,
    Changed = 2,
    Deleted = 3,
}

public sealed record RegistrationParams(IReadOnlyList<Registration> Registrations);

public sealed record Registration(string Id, string Method, object? RegisterOptions = null);

public sealed record DidChangeWatchedFilesRegistrationOptions(IReadOnlyList<FileSystemWatcher> Watchers);

public sealed record FileSystemWatcher(string GlobPattern, int? Kind = null);
