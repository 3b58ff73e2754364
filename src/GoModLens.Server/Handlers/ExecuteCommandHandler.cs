using GoModLens.Protocol;
using GoModLens.Server.Conversion;
using GoModLens.Server.Dispatch;
using GoModLens.Server.Features;
using GoModLens.Server.Logging;

namespace GoModLens.Server.Handlers;

/// <summary>
/// Runs an analyzer command; its edits go to the client through workspace/applyEdit. A command that reports progress
/// (one running go, which can take a while) shows it as work-done progress.
/// </summary>
internal sealed class ExecuteCommandHandler(IDocumentAnalyzer analyzer, ILanguageClient client, RequestQueue queue, ServerLog log)
    : IReadHandler<ExecuteCommandParams, object?>
{
    public const string Method = "workspace/executeCommand";

    public string? GetDocumentUri(ExecuteCommandParams request) => null;

    public async Task<object?> HandleAsync(ExecuteCommandParams request, RequestContext context, CancellationToken cancellationToken)
    {
        if (!analyzer.Commands.Contains(request.Command))
        {
            throw new LspErrorException(ErrorCodes.InvalidParams, $"unknown command '{request.Command}'");
        }

        CommandOutcome outcome;
        await using (var progress = new Diagnostics.WorkDoneProgressReporter(client, context.Session, log, "GoModLens"))
        {
            outcome = await analyzer.ExecuteCommandAsync(request.Command, request.Arguments ?? [], context.CreateAnalysisContext(progress), cancellationToken)
                .ConfigureAwait(false);
        }

        if (outcome.Confirm is { } confirm)
        {
            // The question goes to the user through the editor; only the answer "yes" runs the follow-up command.
            var answer = await client.RequestAsync<MessageActionItem>("window/showMessageRequest",
                new ShowMessageRequestParams(MessageType.Info, confirm.Message, [new MessageActionItem(confirm.Action), new MessageActionItem("Cancel")]),
                cancellationToken).ConfigureAwait(false);
            if (answer?.Title != confirm.Action)
            {
                return outcome.Result;
            }

            outcome = await analyzer.ExecuteCommandAsync(confirm.Command, confirm.Arguments, context.CreateAnalysisContext(), cancellationToken)
                .ConfigureAwait(false);
        }

        if (!outcome.Edits.IsDefaultOrEmpty)
        {
            if (!context.Session.SupportsApplyEdit)
            {
                throw new LspErrorException(ErrorCodes.RequestFailed, "the client cannot apply workspace edits");
            }

            var skipped = new List<string>();
            var edit = LspConverter.ToWorkspaceEdit(outcome.Edits, context.Snapshot, context.Session, skipped);
            var applied = await client.RequestAsync<ApplyWorkspaceEditResult>(
                "workspace/applyEdit", new ApplyWorkspaceEditParams(edit, request.Command), cancellationToken).ConfigureAwait(false);
            if (applied is not { Applied: true })
            {
                throw new LspErrorException(ErrorCodes.RequestFailed, $"the client did not apply the edit: {applied?.FailureReason ?? "no reason given"}");
            }
        }

        if (outcome.SessionGoProxy is { } goProxy)
        {
            await queue.EnqueueMutation("$/sessionGoproxy", current =>
                new Mutation<bool>(current with { Settings = current.Settings with { GoProxy = goProxy }, Revision = current.Revision + 1 }, true, [])).ConfigureAwait(false);
        }

        if (outcome.Reanalyze)
        {
            await queue.EnqueueMutation("$/reanalyze", current =>
                new Mutation<bool>(current with { Revision = current.Revision + 1 }, true, [], ReanalyzeAll: true)).ConfigureAwait(false);
        }

        if (outcome.Message is { } message)
        {
            await client.NotifyAsync("window/showMessage", new ShowMessageParams(MessageType.Info, message)).ConfigureAwait(false);
        }

        return outcome.Result;
    }
}
