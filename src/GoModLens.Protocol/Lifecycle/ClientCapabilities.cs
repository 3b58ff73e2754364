namespace GoModLens.Protocol;

/// <summary>The subset of client capabilities the server consults; everything else is ignored on read.</summary>
public sealed record ClientCapabilities
{
    public WorkspaceClientCapabilities? Workspace { get; init; }
    public TextDocumentClientCapabilities? TextDocument { get; init; }
    public WindowClientCapabilities? Window { get; init; }
    public GeneralClientCapabilities? General { get; init; }
}

public sealed record GeneralClientCapabilities
{
    /// <summary>Encodings in the client's order of preference; absent means utf-16 only.</summary>
    public IReadOnlyList<string>? PositionEncodings { get; init; }
}

public sealed record WorkspaceClientCapabilities
{
    public bool? ApplyEdit { get; init; }
    public WorkspaceEditClientCapabilities? WorkspaceEdit { get; init; }
    public bool? Configuration { get; init; }
    public bool? WorkspaceFolders { get; init; }
    public DynamicRegistrationCapability? DidChangeConfiguration { get; init; }
    public DidChangeWatchedFilesClientCapabilities? DidChangeWatchedFiles { get; init; }
    public DynamicRegistrationCapability? ExecuteCommand { get; init; }
    public RefreshCapability? Diagnostics { get; init; }
    public RefreshCapability? InlayHint { get; init; }
    public RefreshCapability? CodeLens { get; init; }
}

/// <summary>Only <c>documentChanges</c> is read: no edit of ours creates, renames or deletes a file.</summary>
public sealed record WorkspaceEditClientCapabilities(bool? DocumentChanges = null);

public sealed record DynamicRegistrationCapability(bool? DynamicRegistration = null);

public sealed record DidChangeWatchedFilesClientCapabilities(bool? DynamicRegistration = null, bool? RelativePatternSupport = null);

public sealed record RefreshCapability(bool? RefreshSupport = null);

public sealed record TextDocumentClientCapabilities
{
    public TextDocumentSyncClientCapabilities? Synchronization { get; init; }
    public HoverClientCapabilities? Hover { get; init; }
    public CodeActionClientCapabilities? CodeAction { get; init; }
    public PublishDiagnosticsClientCapabilities? PublishDiagnostics { get; init; }
    public DiagnosticClientCapabilities? Diagnostic { get; init; }
    public DynamicRegistrationCapability? InlayHint { get; init; }
    public CompletionClientCapabilities? Completion { get; init; }
    public DocumentSymbolClientCapabilities? DocumentSymbol { get; init; }
}

public sealed record CompletionClientCapabilities
{
    public bool? DynamicRegistration { get; init; }
    public CompletionItemClientCapabilities? CompletionItem { get; init; }
}

public sealed record CompletionItemClientCapabilities
{
    /// <summary>The client reads the (deprecated) <c>deprecated</c> property of a completion item.</summary>
    public bool? DeprecatedSupport { get; init; }

    /// <summary>The tags the client renders (LSP 3.15); absent: it takes no <c>tags</c>.</summary>
    public TagSupport<CompletionItemTag>? TagSupport { get; init; }
}

/// <summary>A <c>tagSupport</c> capability: the tags the client supports.</summary>
public sealed record TagSupport<T>(IReadOnlyList<T>? ValueSet = null);

public sealed record DocumentSymbolClientCapabilities
{
    public bool? DynamicRegistration { get; init; }

    /// <summary>The client takes <c>DocumentSymbol[]</c> (a tree); without it only flat <c>SymbolInformation[]</c>.</summary>
    public bool? HierarchicalDocumentSymbolSupport { get; init; }
}

public sealed record TextDocumentSyncClientCapabilities(bool? DynamicRegistration = null, bool? DidSave = null);

public sealed record HoverClientCapabilities(bool? DynamicRegistration = null, IReadOnlyList<string>? ContentFormat = null);

public sealed record CodeActionClientCapabilities
{
    public bool? DynamicRegistration { get; init; }
    public CodeActionLiteralSupport? CodeActionLiteralSupport { get; init; }
    public bool? IsPreferredSupport { get; init; }
    public bool? DataSupport { get; init; }
}

public sealed record CodeActionLiteralSupport(CodeActionKindValueSet CodeActionKind);

public sealed record CodeActionKindValueSet(IReadOnlyList<string> ValueSet);

public sealed record PublishDiagnosticsClientCapabilities
{
    public bool? RelatedInformation { get; init; }
    public bool? VersionSupport { get; init; }
    public bool? CodeDescriptionSupport { get; init; }
    public bool? DataSupport { get; init; }
}

public sealed record DiagnosticClientCapabilities(bool? DynamicRegistration = null, bool? RelatedDocumentSupport = null);

public sealed record WindowClientCapabilities(bool? WorkDoneProgress = null);
