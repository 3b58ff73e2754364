using System.Text.Json;
using GoModLens.Protocol;
using GoModLens.Server.Tests.Infrastructure;
using GoModLens.TestUtilities;
using static GoModLens.Server.Tests.GoMod.GoModProtocolTests;
using static GoModLens.Server.Tests.GoMod.GoModTestEnvironment;

namespace GoModLens.Server.Tests.GoMod;

/// <summary>
/// The position-based read features on real and broken files: hover, go to definition, find references and code
/// actions at every line of every corpus go.mod, go.work and go.sum answer without an error (the harness also fails a
/// test whose server logs one), with locations inside the files they name.
/// </summary>
public sealed class GoModNavigationRobustnessTests
{
    [Fact]
    public async Task Every_line_of_the_corpus_answers_hover_definition_references_and_code_actions()
    {
        var env = WithDefaultGoFlags("off");
        Write(env.Project, "go.mod", "module example.com/app\n");
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client, initializationOptions: new { network = new { enabled = false } });
        var files = new[] { ("gomod", "go.mod"), ("invalid", "go.mod"), ("gowork", "go.work"), ("gosum", "go.sum") }
            .SelectMany(k => Directory.EnumerateFiles(RepoPaths.Corpus(k.Item1)).Order(StringComparer.Ordinal).Take(40).Select(f => (File: f, Name: k.Item2)));
        var requests = 0;
        foreach (var (file, name) in files)
        {
            // Each file is the editor's go.mod/go.work/go.sum of the project, so navigation looks at real neighbours.
            var uri = new Uri(Path.Combine(env.Project, name)).AbsoluteUri;
            var text = await File.ReadAllTextAsync(file);
            await lsp.OpenAsync(uri, text, languageId: name);
            var lines = text.Split('\n');
            for (var line = 0; line < lines.Length; line += Math.Max(1, lines.Length / 25))
            {
                var position = new Position(line, Math.Min(lines[line].Length, 2 + line % 7));
                var document = new TextDocumentIdentifier(uri);
                await lsp.HoverAsync(uri, position.Line, position.Character);
                var definitions = await lsp.RequestAsync<Location[]>("textDocument/definition", new DefinitionParams(document, position));
                Assert.All(definitions, d => Assert.True(File.Exists(new Uri(d.Uri).LocalPath), d.Uri));
                var references = await lsp.RequestAsync<Location[]>("textDocument/references", new ReferenceParams(document, position, new ReferenceContext(true)));
                Assert.All(references, r => Assert.True(r.Range.Start.Line < (r.Uri == uri ? lines.Length : int.MaxValue), $"{file}: {r.Uri} {r.Range.Start.Line}"));
                await lsp.RequestAsync<JsonElement>("textDocument/codeAction",
                    new CodeActionParams(document, new Protocol.Range(position, position), new CodeActionContext([], ["source", "quickfix"])));
                requests += 4;
            }

            await lsp.NotifyAsync("textDocument/didClose", new { textDocument = new { uri } });
        }

        Assert.True(requests > 1000, $"only {requests} requests");
    }
}
