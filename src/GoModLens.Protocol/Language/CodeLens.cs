using System.Text.Json;

namespace GoModLens.Protocol;

public sealed record CodeLensParams(TextDocumentIdentifier TextDocument);

/// <summary>A command shown above a line (here always resolved: no codeLens/resolve round trip).</summary>
public sealed record CodeLens(Range Range, Command? Command = null, JsonElement? Data = null);

public sealed record CodeLensOptions(bool? ResolveProvider = null);
