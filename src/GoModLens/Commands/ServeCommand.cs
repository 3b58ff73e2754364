using System.CommandLine;
using GoModLens.Host.Serve;
using GoModLens.Server.Features;
using GoModLens.Server.Features.GoMod;
using GoModLens.Server.Lifecycle;

namespace GoModLens.Host.Commands;

/// <summary><c>gomodlens serve</c>: the language server over stdio.</summary>
public static class ServeCommand
{
    /// <summary>The command with the go.mod/go.sum features over the real transports.</summary>
    public static Command Create() => Create(static () => new GoModAnalyzer(new InfrastructureEngineFactory()));

    /// <param name="analyzerFactory">Builds the go.mod/go.sum features the server should offer.</param>
    public static Command Create(Func<IDocumentAnalyzer> analyzerFactory)
    {
        // Editors pass --stdio by convention (vscode-languageclient does); stdio is the only transport anyway.
        var stdio = new Option<bool>("--stdio") { Description = "Talk LSP over stdin/stdout (the default and only transport)." };
        var debounce = new Option<int>("--debounce-ms")
        {
            Description = "Quiet time after an edit before diagnostics are recomputed.",
            DefaultValueFactory = _ => 150,
        };
        var command = new Command("serve", "Run the GoModLens language server (LSP 3.17) over stdio.") { stdio, debounce };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var input = Console.OpenStandardInput();
            var output = Console.OpenStandardOutput();

            // Anything that still writes to Console.Out would corrupt the protocol stream: send it to stderr.
            Console.SetOut(Console.Error);
            var options = new LanguageServerOptions
            {
                DiagnosticsDebounce = TimeSpan.FromMilliseconds(Math.Max(0, parseResult.GetValue(debounce))),
                ErrorLog = Console.Error,
            };
            var analyzer = analyzerFactory();
            try
            {
                await using var server = new LanguageServer(input, output, analyzer, options);
                return await server.RunAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                (analyzer as IDisposable)?.Dispose();
            }
        });
        return command;
    }
}
