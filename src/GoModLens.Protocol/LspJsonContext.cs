using System.Text.Json;
using System.Text.Json.Serialization;

namespace GoModLens.Protocol;

/// <summary>
/// Compile-time serialization metadata for every LSP payload we send or receive, so the server needs no reflection
/// and can be compiled ahead of time (Native AOT). <see cref="LspJson"/> resolves types through this context only:
/// a payload type missing here fails in every test run, not only in the native build.
/// Listed: the params and results of each method, and the runtime types behind <c>object</c>-typed members
/// (<see cref="Diagnostic.Data"/> is the server's, registered by the server).
/// </summary>
// Lifecycle
[JsonSerializable(typeof(InitializeParams))]
[JsonSerializable(typeof(InitializeResult))]
[JsonSerializable(typeof(InitializedParams))]
// Document synchronization
[JsonSerializable(typeof(DidOpenTextDocumentParams))]
[JsonSerializable(typeof(DidChangeTextDocumentParams))]
[JsonSerializable(typeof(DidCloseTextDocumentParams))]
[JsonSerializable(typeof(DidSaveTextDocumentParams))]
// Workspace
[JsonSerializable(typeof(DidChangeConfigurationParams))]
[JsonSerializable(typeof(DidChangeWatchedFilesParams))]
[JsonSerializable(typeof(ConfigurationParams))]
[JsonSerializable(typeof(RegistrationParams))]
[JsonSerializable(typeof(DidChangeWatchedFilesRegistrationOptions))]
[JsonSerializable(typeof(RelativePattern))]
[JsonSerializable(typeof(ExecuteCommandParams))]
[JsonSerializable(typeof(ApplyWorkspaceEditParams))]
[JsonSerializable(typeof(ApplyWorkspaceEditResult))]
// Language features
[JsonSerializable(typeof(HoverParams))]
[JsonSerializable(typeof(Hover))]
[JsonSerializable(typeof(DefinitionParams))]
[JsonSerializable(typeof(ReferenceParams))]
[JsonSerializable(typeof(IReadOnlyList<Location>))]
[JsonSerializable(typeof(CodeActionParams))]
[JsonSerializable(typeof(CodeAction))]
[JsonSerializable(typeof(Command))]
[JsonSerializable(typeof(IReadOnlyList<object>))]
[JsonSerializable(typeof(CodeLensParams))]
[JsonSerializable(typeof(IReadOnlyList<CodeLens>))]
[JsonSerializable(typeof(InlayHintParams))]
[JsonSerializable(typeof(IReadOnlyList<InlayHint>))]
[JsonSerializable(typeof(DocumentLinkParams))]
[JsonSerializable(typeof(IReadOnlyList<DocumentLink>))]
[JsonSerializable(typeof(CompletionParams))]
[JsonSerializable(typeof(CompletionList))]
[JsonSerializable(typeof(DocumentFormattingParams))]
[JsonSerializable(typeof(IReadOnlyList<TextEdit>))]
[JsonSerializable(typeof(FoldingRangeParams))]
[JsonSerializable(typeof(IReadOnlyList<FoldingRange>))]
[JsonSerializable(typeof(DocumentSymbolParams))]
[JsonSerializable(typeof(IReadOnlyList<DocumentSymbol>))]
[JsonSerializable(typeof(DocumentSymbol))]
[JsonSerializable(typeof(SymbolInformation))]
[JsonSerializable(typeof(DocumentDiagnosticParams))]
[JsonSerializable(typeof(DocumentDiagnosticReport))]
[JsonSerializable(typeof(PublishDiagnosticsParams))]
[JsonSerializable(typeof(IReadOnlyList<Diagnostic>))]
// Window
[JsonSerializable(typeof(LogMessageParams))]
[JsonSerializable(typeof(ShowMessageParams))]
[JsonSerializable(typeof(ShowMessageRequestParams))]
[JsonSerializable(typeof(MessageActionItem))]
[JsonSerializable(typeof(WorkDoneProgressCreateParams))]
[JsonSerializable(typeof(ProgressParams<WorkDoneProgressBegin>))]
[JsonSerializable(typeof(ProgressParams<WorkDoneProgressReport>))]
[JsonSerializable(typeof(ProgressParams<WorkDoneProgressEnd>))]
[JsonSerializable(typeof(ProgressParams<JsonElement>))]
// Raw JSON and the primitives that travel as whole payloads or inside object-typed members
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(JsonElement?))]
[JsonSerializable(typeof(JsonElement[]))]
[JsonSerializable(typeof(object))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(int))]
public sealed partial class LspJsonContext : JsonSerializerContext;
