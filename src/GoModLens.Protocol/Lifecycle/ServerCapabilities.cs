namespace GoModLens.Protocol;

public sealed record InitializeResult(ServerCapabilities Capabilities, ServerInfo? ServerInfo = null);

public sealed record ServerInfo(string Name, string? Version = null);

public sealed record ServerCapabilities
{
    public string? PositionEncoding { get; init; }
    public TextDocumentSyncOptions? TextDocumentSync { get; init; }
    public bool? HoverProvider { get; init; }
    public bool? DefinitionProvider { get; init; }
    public bool? ReferencesProvider { get; init; }
    public CodeActionOptions? CodeActionProvider { get; init; }
    public ExecuteCommandOptions? ExecuteCommandProvider { get; init; }
    public bool? InlayHintProvider { get; init; }

    public CodeLensOptions? CodeLensProvider { get; init; }
    public DocumentLinkOptions? DocumentLinkProvider { get; init; }
    public CompletionOptions? CompletionProvider { get; init; }
    public bool? DocumentFormattingProvider { get; init; }
    public bool? FoldingRangeProvider { get; init; }
    public bool? DocumentSymbolProvider { get; init; }
    public DiagnosticOptions? DiagnosticProvider { get; init; }
    public ServerWorkspaceCapabilities? Workspace { get; init; }
}

public sealed record TextDocumentSyncOptions(bool OpenClose, TextDocumentSyncKind Change, SaveOptions? Save = null);

public sealed record SaveOptions(bool IncludeText);

public enum TextDocumentSyncKind
{
    None = 0,
    Full = 1,
    Incremental = 2,
}

public sealed record CodeActionOptions(IReadOnlyList<string>? CodeActionKinds = null, bool? ResolveProvider = null);

public sealed record ExecuteCommandOptions(IReadOnlyList<string> Commands);

public sealed record DocumentLinkOptions(bool? ResolveProvider = null);

public sealed record CompletionOptions(IReadOnlyList<string>? TriggerCharacters = null, bool? ResolveProvider = null);

public sealed record DiagnosticOptions(string? Identifier, bool InterFileDependencies, bool WorkspaceDiagnostics);

public sealed record ServerWorkspaceCapabilities(WorkspaceFoldersServerCapabilities? WorkspaceFolders = null);

public sealed record WorkspaceFoldersServerCapabilities(bool? Supported = null, bool? ChangeNotifications = null);
