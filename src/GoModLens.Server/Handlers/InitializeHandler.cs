using System.Reflection;
using GoModLens.Protocol;
using GoModLens.Server.Configuration;
using GoModLens.Server.Dispatch;
using GoModLens.Server.Features;
using GoModLens.Server.Lifecycle;
using GoModLens.Server.Text;
using GoModLens.Server.Workspace;

namespace GoModLens.Server.Handlers;

/// <summary>Negotiates encoding and capabilities and seeds the workspace (folders, settings). Runs on the queue.</summary>
internal sealed class InitializeHandler(ServerState state, ConfigurationService configuration, IDocumentAnalyzer analyzer)
    : IMutationHandler<InitializeParams, InitializeResult>
{
    public const string Method = "initialize";

    public Mutation<InitializeResult> Apply(InitializeParams request, WorkspaceSnapshot current)
    {
        var capabilities = request.Capabilities ?? new ClientCapabilities();
        var encoding = PositionEncodingNegotiator.Negotiate(capabilities.General?.PositionEncodings);
        var session = new ClientSession(capabilities, encoding, request.ClientInfo?.Name);
        state.Session = session;
        var settings = configuration.ReadInitial(request.InitializationOptions);

        var folders = request.WorkspaceFolders is { Count: > 0 } given
            ? [.. given]
            : request.RootUri is { } root ? [new WorkspaceFolder(root, root)] : current.Folders;
        var next = current with { Folders = folders, Settings = settings, Encoding = encoding, Revision = current.Revision + 1 };

        var version = typeof(InitializeHandler).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        var result = new InitializeResult(CapabilitiesFactory.Create(session, analyzer.Commands), new ServerInfo("gomodlens", version));
        return new Mutation<InitializeResult>(next, result, []);
    }
}
