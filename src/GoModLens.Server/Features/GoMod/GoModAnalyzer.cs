using System.Collections.Immutable;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using GoModLens.Analysis.Findings;
using GoModLens.Analysis.GoSum;
using GoModLens.Analysis.Resolution;
using GoModLens.ModFile.GoSum;

namespace GoModLens.Server.Features.GoMod;

/// <summary>
/// The go.mod / go.sum language features: two-stage diagnostics (local parse + semantic at once, then resolution
/// reports streamed as modules resolve), hover, quick fixes, commands, inlay hints, links, completion, formatting,
/// folding and symbols.
/// </summary>
public sealed class GoModAnalyzer : IDocumentAnalyzer, IClientAware, IWatchedFiles, IDisposable
{
    private readonly GoModServices _services;
    private readonly GoModCommands _commands;

    public GoModAnalyzer(IGoModEngineFactory engineFactory, GoModAnalyzerOptions? options = null)
    {
        _services = new GoModServices(options ?? new GoModAnalyzerOptions(), engineFactory);
        _commands = new GoModCommands(_services);
    }

    public IReadOnlyList<string> Commands => GoModCommands.Names;

    /// <summary>The user GOENV file (go env -w writes it): a change re-analyses with the new environment.</summary>
    public IReadOnlyList<string> WatchedFiles(Configuration.ServerSettings settings) =>
        _services.Environments.Get(settings).EnvFilePath is { } path ? [path] : [];

    public void AttachClient(IClientChannel channel)
    {
        _services.Channel = channel;
        _services.Status.Attach(channel);
    }

    public ValueTask<ImmutableArray<AnalyzerDiagnostic>> GetLocalDiagnosticsAsync(
        TextDocumentSnapshot document, AnalysisContext context, CancellationToken cancellationToken)
    {
        var docs = _services.Options.DocsBase;
        if (document.Kind == DocumentKind.GoSum)
        {
            var goSum = _services.Models.GoSum(document);
            return ValueTask.FromResult<ImmutableArray<AnalyzerDiagnostic>>(
                [.. GoSumChecker.FromDiagnostics(goSum).Select(f => DiagnosticConverter.FromFinding(f, docs))]);
        }

        var parse = _services.Models.GoMod(document);
        var env = _services.Environments.Get(context.Settings);
        _services.Status.Idle(env);
        var findingsContext = new FindingsContext(env.GoPrivate.Value, env.GoNoSumDb.Value, GoModDirectory(document))
        {
            EndOfFile = EndOf(document.Text),
        };
        var findings = FindingsBuilder.FromParse(parse, document.Text, findingsContext).ToList();
        if (_services.Models.GoSumFor(document, context.Workspace) is { } sum)
        {
            findings.AddRange(GoSumChecker.Check(sum, parse.Model).Where(f => f.Code == GoSumFindingCodes.MissingGoModEntry));
        }

        return ValueTask.FromResult<ImmutableArray<AnalyzerDiagnostic>>(
            [.. findings.OrderBy(f => f.Range.Start.Utf16Offset).Select(f => DiagnosticConverter.FromFinding(f, docs))]);
    }

    public async IAsyncEnumerable<ImmutableArray<AnalyzerDiagnostic>> GetNetworkDiagnosticsAsync(
        TextDocumentSnapshot document, AnalysisContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (document.Kind == DocumentKind.GoSum)
        {
            yield return await GoSumMismatchesAsync(document, context, cancellationToken).ConfigureAwait(false);
            yield break;
        }

        if (document.Kind != DocumentKind.GoMod)
        {
            yield break;
        }

        var parse = _services.Models.GoMod(document);
        var env = _services.Environments.Get(context.Settings);
        var engine = _services.Engines.Get(env, context.Settings);
        var directory = GoModDirectory(document);
        var options = engine.Options with { GoModDirectory = directory };
        var findingsContext = engine.Context with { GoModDirectory = directory, EndOfFile = EndOf(document.Text) };
        var total = parse.Model.Require.Count;
        var via = StatusPublisher.ShortProxy(env.GoProxy.Value);
        var reports = new List<RequirementReport>();
        var diagnostics = ImmutableArray.CreateBuilder<AnalyzerDiagnostic>();
        var sinceBatch = Stopwatch.StartNew();
        var pending = false;
        _services.Status.Resolving(env, 0, total);
        context.Progress.Report($"Resolving 0/{total} modules via {via}", 0);
        try
        {
            await foreach (var report in engine.Resolver.ResolveAllAsync(parse.Model, options, cancellationToken).ConfigureAwait(false))
            {
                _services.Reports.Store(report);
                reports.Add(report);
                diagnostics.AddRange(FindingsBuilder.FromReport(report, parse.Syntax.Name, findingsContext)
                    .Select(f => DiagnosticConverter.FromFinding(f, _services.Options.DocsBase)));
                context.Progress.Report($"Resolving {reports.Count}/{total} modules via {via}", total == 0 ? 100 : reports.Count * 100 / total);
                _services.Status.Resolving(env, reports.Count, total);
                pending = true;
                if (sinceBatch.Elapsed >= _services.Options.BatchInterval)
                {
                    sinceBatch.Restart();
                    pending = false;
                    yield return Sorted(diagnostics);
                }
            }

            WarmMirrorTable(env, engine, reports);
            if (pending || reports.Count == 0)
            {
                yield return Sorted(diagnostics);
            }
        }
        finally
        {
            if (!cancellationToken.IsCancellationRequested)
            {
                _services.Status.Done(env, reports, total);
            }
        }
    }

    /// <summary>
    /// One background mirror probe per run, for the module a user is most likely to hover (the first failure, else the
    /// first require), so the first hover already has a measured table instead of "measuring…". Never for private paths.
    /// </summary>
    private void WarmMirrorTable(Analysis.Environment.GoEnvironment env, IGoModEngine engine, List<RequirementReport> reports)
    {
        if (engine.Mirrors.Count == 0)
        {
            return;
        }

        var candidates = reports.Where(r => !GoModServices.IsPrivate(env, r.ModulePath)).ToList();
        if ((candidates.FirstOrDefault(r => r.Failure is not null) ?? candidates.FirstOrDefault()) is { } target
            && _services.Mirrors.TryGet(target.ModulePath, target.Version) is var table
            && (table is null || !_services.Mirrors.IsFresh(table)))
        {
            _ = _services.Mirrors.Refresh(engine, target.ModulePath, target.Version);
        }
    }

    /// <summary>
    /// go's "/go.mod" checksum check: for every require of the sibling go.mod that has a go.sum "/go.mod" line, the
    /// .mod bytes go would download (the resolver's cached fetch, the module cache, or the GOPROXY walk) are hashed and
    /// compared, giving GML1508 with go's SECURITY ERROR text on a mismatch. Private paths are skipped: go fetches them
    /// directly, never from a proxy.
    /// </summary>
    private async Task<ImmutableArray<AnalyzerDiagnostic>> GoSumMismatchesAsync(TextDocumentSnapshot document, AnalysisContext context,
        CancellationToken cancellationToken)
    {
        if (_services.Models.GoModFor(document, context.Workspace)?.Model is not { } goMod)
        {
            return [];
        }

        var sum = _services.Models.GoSum(document);
        var env = _services.Environments.Get(context.Settings);
        var engine = _services.Engines.Get(env, context.Settings);
        var wanted = GoSumChecker.RequiredGoModSums(goMod)
            .Select(r => r.Target)
            .Distinct()
            .Where(k => GoSumChecker.HasGoModEntry(sum, k) && !GoModServices.IsPrivate(env, k.Path))
            .ToList();
        using var gate = new SemaphoreSlim(Math.Max(1, context.Settings.MaxConcurrency));
        var fetched = await Task.WhenAll(wanted.Select(async Task<(ModuleVersionKey Key, byte[]? Bytes)> (key) =>
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                budget.CancelAfter(context.Settings.RequestTimeout);
                return (key, await engine.FetchGoModAsync(key.Path, key.Version, budget.Token).ConfigureAwait(false));
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return (key, null);
            }
            finally
            {
                gate.Release();
            }
        })).ConfigureAwait(false);
        var mods = fetched.Where(f => f.Bytes is not null).ToDictionary(f => f.Key, f => f.Bytes!);
        return [.. GoSumChecker.Check(sum, null, mods)
            .Where(f => f.Code == GoSumFindingCodes.GoModChecksumMismatch)
            .Select(f => DiagnosticConverter.FromFinding(f, _services.Options.DocsBase))];
    }

    public ValueTask<HoverInfo?> GetHoverAsync(TextDocumentSnapshot document, int offset, AnalysisContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GoModHover.Compute(_services, document, offset, context));

    public ValueTask<ImmutableArray<CodeFix>> GetCodeFixesAsync(TextDocumentSnapshot document, SourceSpan span,
        ImmutableArray<AnalyzerDiagnostic> diagnostics, AnalysisContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GoModCodeFixes.Compute(_services, document, span, diagnostics, context));

    public ValueTask<ImmutableArray<InlayHintItem>> GetInlayHintsAsync(TextDocumentSnapshot document, SourceSpan span,
        AnalysisContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(context.Settings.InlayHintsEnabled && document.Kind == DocumentKind.GoMod
            ? GoModOutline.InlayHints(_services, document, span)
            : []);

    public ValueTask<ImmutableArray<DocumentLinkItem>> GetDocumentLinksAsync(TextDocumentSnapshot document, AnalysisContext context,
        CancellationToken cancellationToken) =>
        ValueTask.FromResult(document.Kind == DocumentKind.GoMod ? GoModOutline.Links(_services, document, context) : []);

    public ValueTask<CompletionInfo> GetCompletionsAsync(TextDocumentSnapshot document, int offset, AnalysisContext context,
        CancellationToken cancellationToken) =>
        ValueTask.FromResult(document.Kind == DocumentKind.GoMod ? GoModCompletion.Compute(_services, document, offset, context) : CompletionInfo.Empty);

    public ValueTask<ImmutableArray<TextChange>> FormatAsync(TextDocumentSnapshot document, AnalysisContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(document.Kind == DocumentKind.GoMod ? GoModOutline.Format(document) : []);

    public ValueTask<ImmutableArray<FoldingItem>> GetFoldingRangesAsync(TextDocumentSnapshot document, AnalysisContext context,
        CancellationToken cancellationToken) =>
        ValueTask.FromResult(document.Kind == DocumentKind.GoMod ? GoModOutline.Folding(_services.Models.GoMod(document)) : []);

    public ValueTask<ImmutableArray<SymbolItem>> GetDocumentSymbolsAsync(TextDocumentSnapshot document, AnalysisContext context,
        CancellationToken cancellationToken) =>
        ValueTask.FromResult(document.Kind == DocumentKind.GoMod ? GoModOutline.Symbols(_services.Models.GoMod(document)) : []);

    public ValueTask<CommandOutcome> ExecuteCommandAsync(string command, IReadOnlyList<JsonElement> arguments, AnalysisContext context,
        CancellationToken cancellationToken) =>
        _commands.ExecuteAsync(command, arguments, context, cancellationToken);

    public void Dispose() => _services.Dispose();

    internal static string? GoModDirectory(TextDocumentSnapshot document) =>
        document.FilePath is { } path ? Path.GetDirectoryName(path) : null;

    /// <summary>Where an appended directive goes (AddReplaceLocal inserts at the end of the file).</summary>
    internal static ModFile.Text.TextPosition EndOf(string text)
    {
        var lastNewline = text.LastIndexOf('\n');
        var line = text.Count(c => c == '\n') + 1;
        var column = text.Length - (lastNewline + 1);
        var bytes = System.Text.Encoding.UTF8.GetByteCount(text);
        return new ModFile.Text.TextPosition(line, column + 1, bytes, text.Length, column);
    }

    private static ImmutableArray<AnalyzerDiagnostic> Sorted(ImmutableArray<AnalyzerDiagnostic>.Builder diagnostics) =>
        [.. diagnostics.OrderBy(d => d.Span.Start).ThenBy(d => d.Code, StringComparer.Ordinal)];
}
