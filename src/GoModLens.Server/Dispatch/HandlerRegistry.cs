using GoModLens.Server.Configuration;
using GoModLens.Server.Diagnostics;
using GoModLens.Server.Features;
using GoModLens.Server.Handlers;
using GoModLens.Server.Lifecycle;
using GoModLens.Server.Logging;

namespace GoModLens.Server.Dispatch;

/// <summary>Every LSP method the server answers, in one place. Capabilities: <see cref="CapabilitiesFactory"/>.</summary>
internal static class HandlerRegistry
{
    public static void Register(
        LspDispatcher dispatcher,
        ServerState state,
        RequestQueue queue,
        ServerLog log,
        ILanguageClient client,
        IDocumentAnalyzer analyzer,
        DiagnosticsScheduler diagnostics,
        ConfigurationService configuration,
        Action<int> stop)
    {
        // Lifecycle
        dispatcher.AddMutation(InitializeHandler.Method, new InitializeHandler(state, configuration, analyzer), isNotification: false);
        dispatcher.AddNotification(InitializedHandler.Method, new InitializedHandler(state, configuration, client, log, analyzer));
        dispatcher.AddRequest(ShutdownHandler.Method, new ShutdownHandler(queue).HandleAsync);
        dispatcher.AddExit(ExitHandler.Method, new ExitHandler(state, stop).Handle);
        dispatcher.AddNotification(SetTraceHandler.Method, new SetTraceHandler(log));

        // Document synchronization: mutations, applied serially in arrival order
        dispatcher.AddMutation(DidOpenHandler.Method, new DidOpenHandler(), isNotification: true);
        dispatcher.AddMutation(DidChangeHandler.Method, new DidChangeHandler(log), isNotification: true);
        dispatcher.AddMutation(DidCloseHandler.Method, new DidCloseHandler(), isNotification: true);
        dispatcher.AddMutation(DidSaveHandler.Method, new DidSaveHandler(), isNotification: true);

        // Workspace
        dispatcher.AddNotification(DidChangeConfigurationHandler.Method, new DidChangeConfigurationHandler(configuration));
        dispatcher.AddMutation(DidChangeWatchedFilesHandler.Method, new DidChangeWatchedFilesHandler(), isNotification: true);
        dispatcher.AddMutation(DidChangeWorkspaceFoldersHandler.Method, new DidChangeWorkspaceFoldersHandler(), isNotification: true);
        dispatcher.AddRead(ExecuteCommandHandler.Method, new ExecuteCommandHandler(analyzer, client, queue, log));

        // Language features: reads on the current snapshot
        dispatcher.AddRead(HoverHandler.Method, new HoverHandler(analyzer));
        dispatcher.AddRead(DefinitionHandler.Method, new DefinitionHandler(analyzer));
        dispatcher.AddRead(ReferencesHandler.Method, new ReferencesHandler(analyzer));
        dispatcher.AddRead(CodeActionHandler.Method, new CodeActionHandler(analyzer));
        dispatcher.AddRead(InlayHintHandler.Method, new InlayHintHandler(analyzer));
        dispatcher.AddRead(CodeLensHandler.Method, new CodeLensHandler(analyzer));
        dispatcher.AddRead(DocumentLinkHandler.Method, new DocumentLinkHandler(analyzer));
        dispatcher.AddRead(CompletionHandler.Method, new CompletionHandler(analyzer));
        dispatcher.AddRead(FormattingHandler.Method, new FormattingHandler(analyzer));
        dispatcher.AddRead(FoldingRangeHandler.Method, new FoldingRangeHandler(analyzer));
        dispatcher.AddRead(DocumentSymbolHandler.Method, new DocumentSymbolHandler(analyzer));
        dispatcher.AddRead(DocumentDiagnosticHandler.Method, new DocumentDiagnosticHandler(analyzer, diagnostics));
    }
}
