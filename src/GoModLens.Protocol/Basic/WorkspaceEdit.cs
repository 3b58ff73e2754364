using System.Text.Json.Serialization;

namespace GoModLens.Protocol;

/// <summary>
/// One of the two forms, never both: <see cref="Changes"/>, which every client supports, or <see cref="DocumentChanges"/>
/// for clients that declare <c>workspace.workspaceEdit.documentChanges</c>; those refuse an edit whose version is not
/// the document's current one.
/// </summary>
public sealed record WorkspaceEdit(
    IReadOnlyDictionary<string, IReadOnlyList<TextEdit>>? Changes = null,
    IReadOnlyList<TextDocumentEdit>? DocumentChanges = null);

/// <summary>The edits of one document, computed against <see cref="TextDocument"/>'s version.</summary>
public sealed record TextDocumentEdit(OptionalVersionedTextDocumentIdentifier TextDocument, IReadOnlyList<TextEdit> Edits);

/// <summary><c>version: null</c> names the file on disk (a document the client does not have open); it is always sent.</summary>
public sealed record OptionalVersionedTextDocumentIdentifier(
    string Uri,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? Version);

public sealed record ApplyWorkspaceEditParams(WorkspaceEdit Edit, string? Label = null);

public sealed record ApplyWorkspaceEditResult(bool Applied, string? FailureReason = null);
