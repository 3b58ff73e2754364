using GoModLens.Protocol;
using GoModLens.Server.Text;

namespace GoModLens.Server.Lifecycle;

/// <summary>What was negotiated in <c>initialize</c>: fixed for the rest of the session.</summary>
internal sealed record ClientSession(ClientCapabilities Capabilities, PositionEncoding Encoding, string? ClientName)
{
    public static ClientSession Uninitialized { get; } = new(new ClientCapabilities(), PositionEncoding.Utf16, null);

    /// <summary>Client pulls diagnostics (textDocument/diagnostic); the server then does not push them.</summary>
    public bool UsesPullDiagnostics => Capabilities.TextDocument?.Diagnostic is not null;

    public bool SupportsDiagnosticRefresh => Capabilities.Workspace?.Diagnostics?.RefreshSupport == true;

    public bool SupportsInlayHintRefresh => Capabilities.Workspace?.InlayHint?.RefreshSupport == true;

    public bool SupportsCodeLensRefresh => Capabilities.Workspace?.CodeLens?.RefreshSupport == true;

    public bool SupportsWorkDoneProgress => Capabilities.Window?.WorkDoneProgress == true;

    public bool SupportsConfiguration => Capabilities.Workspace?.Configuration == true;

    public bool SupportsApplyEdit => Capabilities.Workspace?.ApplyEdit == true;

    /// <summary>WorkspaceEdits go as versioned <c>documentChanges</c> (see <see cref="Conversion.LspConverter.ToWorkspaceEdit"/>).</summary>
    public bool SupportsDocumentChanges => Capabilities.Workspace?.WorkspaceEdit?.DocumentChanges == true;

    public bool SupportsWatchedFilesRegistration =>
        Capabilities.Workspace?.DidChangeWatchedFiles?.DynamicRegistration == true;

    public bool SupportsConfigurationRegistration =>
        Capabilities.Workspace?.DidChangeConfiguration?.DynamicRegistration == true;

    /// <summary>Markdown unless the client lists only plaintext.</summary>
    public string HoverFormat =>
        Capabilities.TextDocument?.Hover?.ContentFormat is { Count: > 0 } formats && !formats.Contains(MarkupKind.Markdown)
            ? MarkupKind.PlainText
            : MarkupKind.Markdown;

    /// <summary>The client renders <c>CompletionItemTag.Deprecated</c> (its <c>tagSupport.valueSet</c> lists it).</summary>
    public bool SupportsDeprecatedCompletionTag =>
        Capabilities.TextDocument?.Completion?.CompletionItem?.TagSupport?.ValueSet?.Contains(CompletionItemTag.Deprecated) == true;

    /// <summary>The client reads a completion item's older <c>deprecated</c> property.</summary>
    public bool SupportsDeprecatedCompletionProperty => Capabilities.TextDocument?.Completion?.CompletionItem?.DeprecatedSupport == true;

    /// <summary>The client takes a <c>DocumentSymbol</c> tree; otherwise document symbols go as flat <c>SymbolInformation</c>.</summary>
    public bool SupportsHierarchicalDocumentSymbols => Capabilities.TextDocument?.DocumentSymbol?.HierarchicalDocumentSymbolSupport == true;

    /// <summary>Clients without literal support only understand Command results.</summary>
    public bool SupportsCodeActionLiterals => Capabilities.TextDocument?.CodeAction?.CodeActionLiteralSupport is not null;
}
