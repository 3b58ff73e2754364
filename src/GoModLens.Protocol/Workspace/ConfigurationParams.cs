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

/// <param name="GlobPattern">A glob string, or a <see cref="RelativePattern"/> (LSP 3.17) for files outside the workspace.</param>
public sealed record FileSystemWatcher(object GlobPattern, int? Kind = null);

/// <summary>A glob relative to a base folder; clients that announce <c>relativePatternSupport</c> watch it even outside the workspace.</summary>
public sealed record RelativePattern(string BaseUri, string Pattern);
