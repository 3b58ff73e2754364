using GoModLens.Protocol;
using GoModLens.Server.Text;

namespace GoModLens.Server.Lifecycle;

/// <summary>What the server advertises. Must agree with <see cref="Dispatch.HandlerRegistry"/> (a test checks).</summary>
internal static class CapabilitiesFactory
{
    public static ServerCapabilities Create(ClientSession session, IReadOnlyList<string> commands) => new()
    {
        PositionEncoding = PositionEncodingNegotiator.ToWireName(session.Encoding),
        TextDocumentSync = new TextDocumentSyncOptions(OpenClose: true, TextDocumentSyncKind.Incremental, new SaveOptions(IncludeText: false)),
        HoverProvider = true,
        DefinitionProvider = true,
        ReferencesProvider = true,
        CodeActionProvider = new CodeActionOptions([CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite, CodeActionKind.Source]),
        ExecuteCommandProvider = new ExecuteCommandOptions(commands),
        InlayHintProvider = true,
        CodeLensProvider = new CodeLensOptions(ResolveProvider: false),
        DocumentLinkProvider = new DocumentLinkOptions(ResolveProvider: false),
        CompletionProvider = new CompletionOptions(TriggerCharacters: [" ", "@", "/"], ResolveProvider: false),
        DocumentFormattingProvider = true,
        FoldingRangeProvider = true,
        DocumentSymbolProvider = true,
        DiagnosticProvider = session.UsesPullDiagnostics
            ? new DiagnosticOptions("gomodlens", InterFileDependencies: true, WorkspaceDiagnostics: false)
            : null,
        Workspace = new ServerWorkspaceCapabilities(new WorkspaceFoldersServerCapabilities(Supported: true, ChangeNotifications: true)),
    };
}
