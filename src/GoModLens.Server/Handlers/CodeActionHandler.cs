using System.Collections.Immutable;
using GoModLens.Protocol;
using GoModLens.Server.Conversion;
using GoModLens.Server.Dispatch;
using GoModLens.Server.Features;

namespace GoModLens.Server.Handlers;

/// <summary>
/// Returns CodeAction literals, or bare Commands to clients without literal support (those can only run
/// command-backed fixes). Honours <c>context.only</c> by kind prefix, as the specification describes.
/// </summary>
internal sealed class CodeActionHandler(IDocumentAnalyzer analyzer) : IReadHandler<CodeActionParams, IReadOnlyList<object>>
{
    public const string Method = "textDocument/codeAction";

    public string? GetDocumentUri(CodeActionParams request) => request.TextDocument.Uri;

    public async Task<IReadOnlyList<object>> HandleAsync(CodeActionParams request, RequestContext context, CancellationToken cancellationToken)
    {
        if (context.GetAnalyzableDocument(request.TextDocument.Uri) is not { } document)
        {
            return [];
        }

        var encoding = context.Session.Encoding;
        var span = LspConverter.ToSpan(document, request.Range, encoding);
        var diagnostics = request.Context.Diagnostics.Select(d => LspConverter.FromDiagnostic(d, document, encoding)).ToImmutableArray();
        var fixes = await analyzer.GetCodeFixesAsync(document, span, diagnostics, context.CreateAnalysisContext(), cancellationToken)
            .ConfigureAwait(false);

        var result = new List<object>();
        foreach (var fix in fixes.Where(f => IsWanted(f.Kind, request.Context.Only)))
        {
            var command = fix.Command is { } c ? new Command(c.Title, c.Name, c.Arguments.IsDefaultOrEmpty ? null : c.Arguments) : null;
            if (!context.Session.SupportsCodeActionLiterals)
            {
                if (command is not null && fix.Edits.IsDefaultOrEmpty)
                {
                    result.Add(command with { Title = fix.Title });
                }

                continue;
            }

            var skipped = new List<string>();
            result.Add(new CodeAction
            {
                Title = fix.Title,
                Kind = fix.Kind,
                IsPreferred = fix.IsPreferred ? true : null,
                Diagnostics = MatchDiagnostics(fix, request.Context.Diagnostics, diagnostics),
                Edit = fix.Edits.IsDefaultOrEmpty ? null : LspConverter.ToWorkspaceEdit(fix.Edits, context.Snapshot, context.Session, skipped),
                Command = command,
            });
            foreach (var uri in skipped)
            {
                context.Log.Log(LogLevel.Warning, $"code action '{fix.Title}' edits {uri}, which is neither open nor readable");
            }
        }

        return result;
    }

    // Without "only", the actions for the cursor: source actions act on the whole file and are listed when asked for
    // (VS Code's Source Action menu, Neovim's code_action({ context = { only = { "source" } } })).
    private static bool IsWanted(string kind, IReadOnlyList<string>? only) =>
        only is null || only.Count == 0
            ? kind != CodeActionKind.Source && !kind.StartsWith(CodeActionKind.Source + ".", StringComparison.Ordinal)
            : only.Any(o => kind == o || kind.StartsWith(o + ".", StringComparison.Ordinal));

    /// <summary>Hands back the client's own diagnostic objects, so it can match them to its markers exactly.</summary>
    private static List<Diagnostic>? MatchDiagnostics(
        CodeFix fix, IReadOnlyList<Diagnostic> sent, ImmutableArray<AnalyzerDiagnostic> converted)
    {
        if (fix.FixedDiagnostics.IsDefaultOrEmpty)
        {
            return null;
        }

        var matched = new List<Diagnostic>();
        for (var i = 0; i < converted.Length; i++)
        {
            if (fix.FixedDiagnostics.Any(f => f.Code == converted[i].Code && f.Span == converted[i].Span && f.Message == converted[i].Message))
            {
                matched.Add(sent[i]);
            }
        }

        return matched.Count == 0 ? null : matched;
    }
}
