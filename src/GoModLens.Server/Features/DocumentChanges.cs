using System.Collections.Immutable;

namespace GoModLens.Server.Features;

/// <summary>Edits to one document. Offsets refer to the open version, or to the file on disk when not open.</summary>
public sealed record DocumentChanges(string Uri, ImmutableArray<TextChange> Changes);

/// <summary>A span of a document: the open version, or the file on disk when not open.</summary>
public sealed record SourceLocation(string Uri, SourceSpan Span);
