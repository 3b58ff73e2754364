using System.Collections.Immutable;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using GoModLens.Analysis.Findings;
using GoModLens.Analysis.GoSum;
using GoModLens.Analysis.Resolution;
using GoModLens.Analysis.Toolchain;
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
        TextDocumentSnapshot document, AnalysisContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GoModDiagnosticData.Stamped(LocalDiagnostics(document, context), document.Version));

    public async IAsyncEnumerable<ImmutableArray<AnalyzerDiagnostic>> GetNetworkDiagnosticsAsync(
        TextDocumentSnapshot document, AnalysisContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var batch in NetworkDiagnosticsAsync(document, context, cancellationToken).ConfigureAwait(false))
        {
            yield return GoModDiagnosticData.Stamped(batch, document.Version);
        }
    }

    /// <summary>
    /// A go.mod's diagnostics read the go.sum beside it (tools.sum beside tools.mod) and, in workspace mode, the
    /// go.work.sum above it; a go.sum's read the go.mod beside it (whose requires' lines are verified), a go.work.sum's
    /// every workspace module's go.mod. In workspace mode go checks every module's requirements against all the
    /// workspace modules' go.sum files and go.work.sum, so a workspace module's go.sum is also read by the other
    /// modules' go.mod and go.sum and by the go.work.sum. Only open documents change without a save (didSave and the
    /// file watchers re-analyse everything), and a superset costs one more analysis of an unchanged text, so the
    /// go.work.sum is matched by directory alone, without reading the go.work, and the workspaces are those the last
    /// analyses found (a document not analysed yet is about to be).
    /// </summary>
    public IEnumerable<string> GetDependentDocuments(TextDocumentSnapshot document, Workspace.WorkspaceSnapshot workspace)
    {
        var name = DocumentModels.LastSegment(document.Uri);
        switch (document.Kind)
        {
            case DocumentKind.GoMod:
                if (DocumentModels.SiblingUri(document.Uri, Analysis.Workspace.GoPaths.SumFileFor(name)) is { } sum)
                {
                    yield return sum;
                }

                foreach (var workSum in workspace.Documents.Keys.Where(u => u.EndsWith("/go.work.sum", StringComparison.Ordinal) && InDirectoryOf(document.Uri, u)))
                {
                    yield return workSum;
                }

                break;
            case DocumentKind.GoSum when name == "go.work.sum":
                foreach (var goMod in workspace.Documents.Values.Where(d => d.Kind == DocumentKind.GoMod && InDirectoryOf(d.Uri, document.Uri)))
                {
                    yield return goMod.Uri;
                }

                break;
            case DocumentKind.GoSum:
                if (DocumentModels.SiblingUri(document.Uri, Analysis.Workspace.GoPaths.ModFileForSum(name)) is { } mod)
                {
                    yield return mod;
                }

                if (name == "go.sum")
                {
                    foreach (var reader in WorkspaceReaders(document, workspace))
                    {
                        yield return reader;
                    }
                }

                break;
        }
    }

    /// <summary>
    /// The open documents besides its own module's whose sum set holds a workspace module's go.sum: every go.mod and
    /// go.sum whose workspace (as its last analysis found it) uses both that document's module and the go.sum's, and
    /// the go.work.sum files above the go.sum.
    /// </summary>
    private IEnumerable<string> WorkspaceReaders(TextDocumentSnapshot goSum, Workspace.WorkspaceSnapshot workspace)
    {
        if (GoModDirectory(goSum) is not { } sumDirectory || _services.Environments.Last is not { } env)
        {
            return [];
        }

        return workspace.Documents.Values
            .Where(d => d.Uri != goSum.Uri && d.Kind is DocumentKind.GoMod or DocumentKind.GoSum)
            .Where(d => DocumentModels.LastSegment(d.Uri) switch
            {
                "go.work.sum" => InDirectoryOf(goSum.Uri, d.Uri),
                "go.mod" or "go.sum" => GoModDirectory(d) is { } directory && directory != sumDirectory
                    && _services.Workspaces.Cached(env, directory) is { } used && used.Uses(directory) && used.Uses(sumDirectory),
                _ => false,
            })
            .Select(d => d.Uri);
    }

    /// <summary>Is <paramref name="uri"/> in the directory of <paramref name="file"/> or below it (URIs as the client spells them)?</summary>
    private static bool InDirectoryOf(string uri, string file) =>
        file.LastIndexOf('/') is var slash and >= 0 && uri.StartsWith(file[..(slash + 1)], StringComparison.Ordinal);

    private ImmutableArray<AnalyzerDiagnostic> LocalDiagnostics(TextDocumentSnapshot document, AnalysisContext context)
    {
        var docs = _services.Options.DocsBase;
        var env = _services.Environments.Get(context.Settings); // a stat of the GOENV file: once per keystroke
        if (ModuleCacheFiles.Contains(env, document.FilePath))
        {
            return [];
        }

        if (document.Kind == DocumentKind.GoSum)
        {
            var goSum = _services.Models.GoSum(document);
            return [.. GoSumChecker.FromDiagnostics(goSum).Select(f => DiagnosticConverter.FromFinding(f, docs))];
        }

        var parse = _services.Models.GoMod(document);
        _services.Status.Idle(env, offline: !context.Settings.NetworkEnabled);
        var directory = GoModDirectory(document);
        if (document.Kind == DocumentKind.GoWork)
        {
            // The editor's text: go reads the file, but the user is about to save what they see.
            var workFindings = document.FilePath is { } workPath
                ? WorkspaceFindings.ForGoWork(_services.Workspaces.FromText(env, workPath, document.Text), document.Text, env)
                : FindingsBuilder.FromParse(parse, document.Text, FindingsContext.Empty);
            return [.. workFindings.Select(f => DiagnosticConverter.FromFinding(f, docs))];
        }

        var workspace = _services.Workspaces.Get(env, directory);
        var vendor = _services.Vendors.Get(env, directory, parse.Model, workspace);
        // In workspace mode go verifies a missing sum and writes it to go.work.sum, and builds from vendor/ read no
        // go.sum: not an error there.
        var sum = vendor is null && !(directory is not null && workspace?.Uses(directory) == true) ? _services.Models.GoSumFor(document, context.Workspace) : null;
        var findingsContext = new FindingsContext(env.GoPrivate.Value, env.GoNoSumDb.Value, directory)
        {
            EndOfFile = EndOf(document.Text),
            LocalGoVersion = env.LocalToolchain is { } local ? Analysis.Toolchain.GoVersions.FromToolchain(local) : null,
            GoFlags = env.GoFlagsValue,
            BuildTarget = env.BuildTarget,
            GoFlagsMod = env.GoFlags.Mod,
            Os = env.Os,
            GoModCache = env.GoModCache.Value,
            GoRoot = env.GoRoot,
            Workspace = workspace,
            Vendor = vendor,
            GoSumForBuilds = env.GoFlags.UpdatesModFiles ? null : sum,
        };
        var findings = FindingsBuilder.FromParse(parse, document.Text, findingsContext).ToList();
        var model = parse.Model;
        var queried = VersionQueryFindings.QueriedVersions(parse, document.Text);
        if (queried.Count > 0)
        {
            // The answers go's fixer got last time keep their findings while the user types, and go.sum is checked
            // against the versions go uses; a query not answered yet has no version to check.
            var answers = _services.Reports.QueryAnswers(queried);
            findings = [.. VersionQueryFindings.WithQueryResults(findings, answers)];
            model = VersionQueryFindings.WithQueriedVersions(parse, document.Text, answers, dropUnanswered: true);
        }

        if (sum is not null)
        {
            findings.AddRange(GoSumChecker.Check(sum, model, goAddsSums: env.GoFlags.UpdatesModFiles).Where(f => f.Code is GoSumFindingCodes.MissingGoModEntry or GoSumFindingCodes.MissingModuleEntry));
        }

        return [.. findings.OrderBy(f => f.Range.Start.Utf16Offset).Select(f => DiagnosticConverter.FromFinding(f, docs))];
    }

    private async IAsyncEnumerable<ImmutableArray<AnalyzerDiagnostic>> NetworkDiagnosticsAsync(
        TextDocumentSnapshot document, AnalysisContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var env = _services.Environments.Get(context.Settings);
        if (ModuleCacheFiles.Contains(env, document.FilePath))
        {
            yield break; // a dependency's go.mod, opened read-only: nothing to resolve for it
        }

        if (document.Kind == DocumentKind.GoSum)
        {
            yield return await GoSumMismatchesAsync(document, context, cancellationToken).ConfigureAwait(false);
            yield break;
        }

        if (document.Kind == DocumentKind.GoWork)
        {
            yield return await GoWorkReplacementsAsync(document, context, cancellationToken).ConfigureAwait(false);
            yield break;
        }

        if (document.Kind != DocumentKind.GoMod)
        {
            yield break;
        }

        var parse = _services.Models.GoMod(document);
        var engine = _services.Engines.Get(env, context.Settings);
        var directory = GoModDirectory(document);
        var workspace = _services.Workspaces.Get(env, directory);
        var options = engine.Options with { GoModDirectory = directory, Workspace = workspace, Vendor = _services.Vendors.Get(env, directory, parse.Model, workspace) };
        var findingsContext = engine.Context with
        {
            GoModDirectory = directory, EndOfFile = EndOf(document.Text), Workspace = workspace, Vendor = options.Vendor,
            GoSums = options.Vendor is null ? GoSumSets.ForGoMod(_services, document, context, workspace, directory) : null,
        };
        var total = parse.Model.Require.Count;
        var offline = IsOffline(engine, context);
        var via = StatusPublisher.ShortProxy(env.GoProxy.Value);
        string Progress(int done) => offline
            ? $"Reading {done}/{total} modules from the module cache (module cache only)"
            : $"Resolving {done}/{total} modules via {via}";
        var reports = new List<RequirementReport>();
        var diagnostics = ImmutableArray.CreateBuilder<AnalyzerDiagnostic>();
        var sinceBatch = Stopwatch.StartNew();
        var sincePublish = Stopwatch.StartNew();
        var publishInterval = _services.Options.BatchInterval;
        var pending = false;
        _services.Status.Resolving(env, 0, total, offline);
        context.Progress.Report(Progress(0), 0);

        // go settles its toolchain before anything else; its one download check runs alongside the requires.
        var toolchain = ToolchainCheck.RunAsync(env, ToolchainSelection.Lookup(document.Text, "go"), ToolchainSelection.Lookup(document.Text, "toolchain"), engine.Resolver,
            options with { Offline = offline }, cancellationToken);
        try
        {
            // go's fixer asks GOPROXY what a version query in go.mod means (master, latest, v1.2) before anything else,
            // and goes on with the answer: the local GML1003/GML2002 findings come back with it (DiagnosticLayers).
            var model = parse.Model;
            var queried = offline ? [] : VersionQueryFindings.QueriedVersions(parse, document.Text);
            if (queried.Count > 0)
            {
                var answers = new Dictionary<QueriedVersion, VersionQueryResult>();
                foreach (var q in queried)
                {
                    answers[q] = await engine.Resolver.ResolveQueryAsync(q.ModulePath, q.Query, options, cancellationToken).ConfigureAwait(false);
                    _services.Reports.StoreQuery(q, answers[q]);
                }

                model = VersionQueryFindings.WithQueriedVersions(parse, document.Text, answers);
                var queriedAt = queried.Select(q => q.VersionRange.Start.Utf16Offset).ToHashSet();
                var local = FindingsBuilder.FromParse(parse, document.Text, findingsContext)
                    .Where(f => f.Code is FindingCodes.InvalidVersion or FindingCodes.NonCanonicalVersion && queriedAt.Contains(f.Range.Start.Utf16Offset));
                diagnostics.AddRange(VersionQueryFindings.WithQueryResults(local, answers).Select(f => DiagnosticConverter.FromFinding(f, _services.Options.DocsBase)));

                // The local stage left the unanswered requires out of its go.sum check; with the answers, this one
                // replaces it (DiagnosticLayers).
                if (options.Vendor is null && !options.IsWorkspaceModule && _services.Models.GoSumFor(document, context.Workspace) is { } answeredSum)
                {
                    diagnostics.AddRange(GoSumChecker.Check(answeredSum, model, goAddsSums: env.GoFlags.UpdatesModFiles)
                        .Where(f => f.Code is GoSumFindingCodes.MissingGoModEntry or GoSumFindingCodes.MissingModuleEntry)
                        .Select(f => DiagnosticConverter.FromFinding(f, _services.Options.DocsBase) with { SupersedesLocalOfItsCode = true }));
                }

                pending = true;
            }

            // GML2003 with the ways out GOPROXY confirms (+incompatible, the path with the major), replacing the local one.
            if (!offline && MajorVersionFixes.Find(parse, document.Text).Count > 0)
            {
                var (majorFixes, _) = await MajorVersionFixes.ProbeAsync(engine.Resolver, parse, document.Text, options, cancellationToken).ConfigureAwait(false);
                var mismatches = FindingsBuilder.FromParse(parse, document.Text, findingsContext).Where(f => f.Code == FindingCodes.MajorVersionMismatch);
                diagnostics.AddRange(MajorVersionFixes.Apply(mismatches, majorFixes).Where(f => f.Fixes.Count > 0)
                    .Select(f => DiagnosticConverter.FromFinding(f, _services.Options.DocsBase)));
                pending = true;
            }

            await foreach (var report in engine.Resolver.ResolveAllAsync(model, options, cancellationToken).ConfigureAwait(false))
            {
                _services.Reports.Store(report);
                // No @v/list offline: the newest version go already downloaded is what the user can switch to.
                _services.Reports.StoreNewestCached(report.ModulePath, offline ? ModuleCacheFiles.NewestCachedVersion(env, report.ModulePath) : null);

                reports.Add(report);

                // Offline, a version missing from the module cache is simply unknown: the hover says so, a squiggle
                // (even a hint) on every such require would only be noise.
                diagnostics.AddRange(FindingsBuilder.FromReport(report, parse.Syntax.Name, findingsContext)
                    .Where(f => f.Code != FindingCodes.NotChecked)
                    .Select(f => DiagnosticConverter.FromFinding(f, _services.Options.DocsBase)));
                pending = true;

                // Progress, status and diagnostics go out once per batch, not per module: 2 000 requires answered from
                // memory would otherwise be 4 000 notifications in a few milliseconds.
                if (sinceBatch.Elapsed >= _services.Options.BatchInterval)
                {
                    sinceBatch.Restart();
                    context.Progress.Report(Progress(reports.Count), total == 0 ? 100 : reports.Count * 100 / total);
                    _services.Status.Resolving(env, reports.Count, total, offline);
                }

                // Each publish carries every diagnostic so far (megabytes for 2 000 failing requires), so the gap between
                // them doubles up to MaxPublishInterval: a slow resolution of a large go.mod was 54 publishes, 138 MB of
                // JSON in 8 s, for the editor to parse and render.
                if (pending && sincePublish.Elapsed >= publishInterval)
                {
                    sincePublish.Restart();
                    publishInterval = TimeSpan.FromTicks(Math.Max(publishInterval.Ticks, Math.Min(publishInterval.Ticks * 2, MaxPublishInterval.Ticks))); // never shorter
                    pending = false;
                    yield return Sorted(diagnostics);
                }
            }

            // go's module graph: a dependency requiring more than go.mod lists makes go refuse the go.mod.
            var graph = FindingsBuilder.FromModuleGraph(reports, model, document.Text, parse.Syntax.Name, findingsContext).ToList();
            if (graph.Count > 0)
            {
                diagnostics.AddRange(graph.Select(f => DiagnosticConverter.FromFinding(f, _services.Options.DocsBase)));
                pending = true;
            }

            // The go.mod files go loads below requires older than graph pruning need their go.sum lines too (not in
            // workspace mode, where go writes go.work.sum, nor for builds from vendor/, which read no go.sum).
            if (options.Vendor is null && !options.IsWorkspaceModule && _services.Models.GoSumFor(document, context.Workspace) is { } goSum)
            {
                var missing = GoSumChecker.MissingBelowGraphPruning(goSum, model, reports, goAddsSums: env.GoFlags.UpdatesModFiles).ToList();
                diagnostics.AddRange(missing.Select(f => DiagnosticConverter.FromFinding(f, _services.Options.DocsBase)));
                pending |= missing.Count > 0;
            }

            // A module missing from go.sum is verified against the checksum database before go uses it.
            var (unverifiable, _) = await ChecksumDatabase.CheckAsync(engine.Resolver, model, GoSumSets.ForGoMod(_services, document, context, workspace, directory),
                reports, options with { Offline = offline }, parse.Syntax.Name, cancellationToken).ConfigureAwait(false);
            if (unverifiable.Count > 0)
            {
                diagnostics.AddRange(unverifiable.Select(f => DiagnosticConverter.FromFinding(f, _services.Options.DocsBase)));
                pending = true;
            }

            if (await toolchain.ConfigureAwait(false) is { } switchReport
                && FindingsBuilder.FromToolchain(switchReport, parse.Model, parse.Syntax.Name) is { } switchFinding)
            {
                diagnostics.Add(DiagnosticConverter.FromFinding(switchFinding, _services.Options.DocsBase));
                pending = true;
            }

            context.Progress.Report(Progress(reports.Count), 100);
            if (!offline)
            {
                WarmMirrorTable(env, engine, reports);
            }

            if (pending || reports.Count == 0)
            {
                yield return Sorted(diagnostics);
            }

            // After the publish, before "done": the go.mod hover's go.sum status shows the "/go.mod" verification too.
            // The resolver has just fetched these .mod files, so the (caching) transport answers from memory.
            if (GoSumSets.ForGoMod(_services, document, context, workspace, directory) is { } sums)
            {
                await FetchGoModsAsync(VerifiableKeys(model, sums), env, engine, context, cancellationToken).ConfigureAwait(false);

                // Then the module lines (a tree fetch each for direct modules, once per session; the database's record
                // for public ones): a moved tag shows on its require while the go.mod is open, not only in go.sum. In
                // workspace mode against go.work.sum and every workspace module's go.sum, as go checks them.
                if (options.Vendor is null)
                {
                    var zips = await HashModuleZipsAsync(model, sums, engine, context, directory, cancellationToken).ConfigureAwait(false);
                    var onRequires = GoSumChecker.ZipMismatchesOnRequires(sums, model, zips).ToList();
                    if (onRequires.Count > 0)
                    {
                        diagnostics.AddRange(onRequires.Select(f => DiagnosticConverter.FromFinding(f, _services.Options.DocsBase)));
                        yield return Sorted(diagnostics);
                    }
                }
            }
        }
        finally
        {
            if (!cancellationToken.IsCancellationRequested)
            {
                _services.Status.Done(env, reports, total, offline);
            }
        }
    }

    /// <summary>Network disabled: the engine answers from the module cache only and makes no request.</summary>
    private static bool IsOffline(IGoModEngine engine, AnalysisContext context) => !context.Settings.NetworkEnabled || engine.Options.Offline;

    /// <summary>
    /// One background mirror probe per run, for the module a user is most likely to hover (the first failure, else the
    /// first require), so the first hover already has a measured table instead of "measuring…". Never for private paths.
    /// "First" is in the file, not in the order reports arrived: with the latter, two runs of the same text could pick
    /// two modules and probe twice (a repeated request per run in the flood benchmark, docs/benchmarks.md).
    /// </summary>
    private void WarmMirrorTable(Analysis.Environment.GoEnvironment env, IGoModEngine engine, List<RequirementReport> reports)
    {
        if (engine.Mirrors.Count == 0)
        {
            return;
        }

        if (MirrorWarmUpTarget(env, reports) is { } target
            && _services.Mirrors.TryGet(target.ModulePath, target.Version) is var table
            && (table is null || !_services.Mirrors.IsFresh(table)))
        {
            _ = _services.Mirrors.Refresh(engine, target.ModulePath, target.Version);
        }
    }

    internal static RequirementReport? MirrorWarmUpTarget(Analysis.Environment.GoEnvironment env, IEnumerable<RequirementReport> reports)
    {
        var candidates = reports.Where(r => !GoModServices.IsPrivate(env, r.ModulePath))
            .OrderBy(r => r.Require?.Syntax.Start.Byte ?? int.MaxValue)
            .ThenBy(r => r.ModulePath, StringComparer.Ordinal)
            .ToList();
        return candidates.FirstOrDefault(r => r.Failure is not null) ?? candidates.FirstOrDefault();
    }

    /// <summary>
    /// A go.work's module replacements (<c>replace x => fork v1.2.3</c>): each target resolved like a require, so a
    /// version no source has shows on its line before go needs it. The reports feed the replace-line hover.
    /// </summary>
    private async Task<ImmutableArray<AnalyzerDiagnostic>> GoWorkReplacementsAsync(TextDocumentSnapshot document, AnalysisContext context,
        CancellationToken cancellationToken)
    {
        var parse = _services.Models.GoMod(document);
        var env = _services.Environments.Get(context.Settings);
        var engine = _services.Engines.Get(env, context.Settings);
        var targets = parse.Model.Replace.Where(r => r.New.Version.Length > 0).ToList();
        if (!parse.IsAcceptedByGo || targets.Count == 0 || IsOffline(engine, context))
        {
            return [];
        }

        var options = engine.Options with { GoModDirectory = GoModDirectory(document), CheckLatest = false };
        var reports = await Task.WhenAll(targets.Select(r => r.New).Distinct()
            .Select(target => engine.Resolver.ResolveAsync(target.Path, target.Version, options, cancellationToken))).ConfigureAwait(false);
        var findingsContext = engine.Context with { GoModDirectory = options.GoModDirectory };
        var diagnostics = ImmutableArray.CreateBuilder<AnalyzerDiagnostic>();
        foreach (var report in reports)
        {
            _services.Reports.Store(report);
            foreach (var replace in targets.Where(r => r.New.Path == report.ModulePath && r.New.Version == report.Version))
            {
                var range = replace.Syntax.Tokens.LastOrDefault()?.Span ?? replace.Syntax.Span;
                diagnostics.AddRange(FindingsBuilder.FromReport(report, parse.Syntax.Name, findingsContext)
                    .Select(f => f with { Range = range, Fixes = [.. f.Fixes.Where(x => x.Edits.Count == 0)] }) // edits would target a require
                    .Select(f => DiagnosticConverter.FromFinding(f, _services.Options.DocsBase)));
            }
        }

        return Sorted(diagnostics);
    }

    /// <summary>
    /// go's "/go.mod" checksum check: for every require of the sibling go.mod that has a go.sum "/go.mod" line, the
    /// .mod bytes go would download (the resolver's cached fetch, the module cache, or the GOPROXY walk; offline the
    /// module cache only) are hashed and compared, giving GML1508 with go's SECURITY ERROR text on a mismatch. The
    /// fetches are kept for hovers. Private paths' go.mod files come from their repositories, as go fetches them.
    /// </summary>
    private async Task<ImmutableArray<AnalyzerDiagnostic>> GoSumMismatchesAsync(TextDocumentSnapshot document, AnalysisContext context,
        CancellationToken cancellationToken)
    {
        var (sums, goMods) = GoSumSets.ForGoSum(_services, document, context);
        if (goMods.Count == 0)
        {
            return [];
        }

        var env = _services.Environments.Get(context.Settings);
        var engine = _services.Engines.Get(env, context.Settings);
        var wanted = goMods.SelectMany(m => VerifiableKeys(m.GoMod, sums)).Distinct().ToList();
        await FetchGoModsAsync(wanted, env, engine, context, cancellationToken).ConfigureAwait(false);
        var mods = wanted.Select(k => _services.GoMods.Get(k)).OfType<FetchedGoMod>()
            .Where(f => f.Bytes is not null)
            .ToDictionary(f => f.Module, f => f.Bytes!);
        var zips = new List<ModuleZipHash>();
        foreach (var (goMod, directory) in goMods)
        {
            zips.AddRange(await HashModuleZipsAsync(goMod, sums, engine, context, directory, cancellationToken).ConfigureAwait(false));
        }

        if (!IsOffline(engine, context))
        {
            zips.AddRange(await ChecksumDatabase.RecordsForGoModMismatchesAsync(engine.Resolver, sums, mods, zips, engine.Options with { CheckLatest = false }, cancellationToken)
                .ConfigureAwait(false));
        }

        // This file's lines only: in workspace mode a wrong line elsewhere shows in its own file.
        return [.. GoSumChecker.Mismatches(sums, mods, zips, only: _services.Models.GoSum(document))
            .Select(f => DiagnosticConverter.FromFinding(f, _services.Options.DocsBase))];
    }

    /// <summary>
    /// The module lines of requires go takes from a repository (GOPRIVATE, or past every proxy), against the zip go would
    /// create from the tree (one whole-tree fetch per version, then kept for the engine's lifetime), and of GONOSUMDB
    /// paths a proxy serves, against its zip. Public modules' zips are never downloaded: their lines are compared with
    /// the checksum database's verified record (one lookup each, kept). Not with the network off.
    /// </summary>
    private async Task<List<ModuleZipHash>> HashModuleZipsAsync(ModFile.Semantics.GoModFile goMod, GoSumSet sums, IGoModEngine engine, AnalysisContext context,
        string? goModDirectory, CancellationToken cancellationToken)
    {
        if (IsOffline(engine, context))
        {
            return []; // (with direct.git off the engine runs no git, so only proxies' zips are hashed)
        }

        var env = _services.Environments.Get(context.Settings);
        var options = engine.Options with { GoModDirectory = goModDirectory, CheckLatest = false };
        var wanted = GoSumChecker.RequiredGoModSums(goMod).Where(r => sums.Files.Any(f => GoSumChecker.HasModuleEntry(f, r.Target))).ToList();
        using var gate = new SemaphoreSlim(Math.Max(1, context.Settings.MaxConcurrency));
        var hashes = await Task.WhenAll(wanted.Select(async need =>
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                // The go.mod's own report when it has arrived, else resolved here (git's and the proxies' answers are
                // cached) for the paths whose zips are built or downloaded: private and GONOSUMDB ones. A public
                // module's line needs no report: the database's record of it is read.
                var report = _services.Reports.Get(need.Require.Mod.Path, need.Require.Mod.Version) is { } known && known.Target.Path == need.Target.Path && known.Target.Version == need.Target.Version
                    ? known
                    : GoModServices.IsPrivate(env, need.Target.Path) || ModFile.Module.ModulePath.MatchPrefixPatterns(env.GoNoSumDb.Value, need.Target.Path)
                        ? await engine.Resolver.ResolveAsync(need.Target.Path, need.Target.Version, options, cancellationToken).ConfigureAwait(false)
                        : null;
                var hashed = report is not null ? engine.Resolver.ModuleZipHashAsync(report, options, cancellationToken)
                    : engine.Resolver.RecordedZipHashAsync(need.Target, options, cancellationToken);
                if (await hashed.ConfigureAwait(false) is not { } zip)
                {
                    return null;
                }

                // The engine keeps a hash for its lifetime: "checked" is when it was computed, not when it was last asked for.
                if (_services.GoMods.GetZip(zip.Module) is not { } stored || !ReferenceEquals(stored.Zip, zip))
                {
                    _services.GoMods.StoreZip(zip, _services.Options.TimeProvider.GetUtcNow());
                }

                return zip;
            }
            finally
            {
                gate.Release();
            }
        })).ConfigureAwait(false);
        return [.. hashes.OfType<ModuleZipHash>()];
    }

    /// <summary>
    /// The module versions whose "/go.mod" line GoModLens verifies: go.mod's requires (replacement targets for replaced
    /// ones) with an h1 line in one of the sum files go reads. A private path's go.mod comes from its repository (git,
    /// as go fetches it), never a proxy.
    /// </summary>
    internal static List<ModuleVersionKey> VerifiableKeys(ModFile.Semantics.GoModFile goMod, GoSumSet sums) =>
        [.. GoSumChecker.RequiredGoModSums(goMod)
            .Select(r => r.Target)
            .Distinct()
            .Where(k => sums.Files.Any(f => GoSumChecker.HasGoModEntry(f, k)))];

    /// <summary>Fetches the .mod of each module version (bounded by maxConcurrency and the request timeout) into <see cref="GoModServices.GoMods"/>.</summary>
    private async Task FetchGoModsAsync(IReadOnlyList<ModuleVersionKey> keys, Analysis.Environment.GoEnvironment env, IGoModEngine engine,
        AnalysisContext context, CancellationToken cancellationToken)
    {
        var offline = IsOffline(engine, context);
        using var gate = new SemaphoreSlim(Math.Max(1, context.Settings.MaxConcurrency));
        await Task.WhenAll(keys.Select(async key =>
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                GoModDownload? download;
                try
                {
                    using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    budget.CancelAfter(context.Settings.RequestTimeout);
                    download = await engine.FetchGoModAsync(key.Path, key.Version, budget.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    download = null;
                }

                _services.GoMods.Store(new FetchedGoMod(key, download?.Bytes, download?.Source, _services.Options.TimeProvider.GetUtcNow(), offline));
            }
            finally
            {
                gate.Release();
            }
        })).ConfigureAwait(false);
    }

    public ValueTask<HoverInfo?> GetHoverAsync(TextDocumentSnapshot document, int offset, AnalysisContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GoModHover.Compute(_services, document, offset, context));

    public ValueTask<ImmutableArray<string>> GetDefinitionAsync(TextDocumentSnapshot document, int offset, AnalysisContext context,
        CancellationToken cancellationToken) =>
        ValueTask.FromResult(GoModNavigation.Definition(_services, document, offset, context));

    public ValueTask<ImmutableArray<SourceLocation>> GetReferencesAsync(TextDocumentSnapshot document, int offset, AnalysisContext context,
        CancellationToken cancellationToken) =>
        ValueTask.FromResult(GoModNavigation.References(_services, document, offset, context));

    public ValueTask<ImmutableArray<CodeFix>> GetCodeFixesAsync(TextDocumentSnapshot document, SourceSpan span,
        ImmutableArray<AnalyzerDiagnostic> diagnostics, AnalysisContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GoModCodeFixes.Compute(_services, document, span, diagnostics, context));

    public ValueTask<ImmutableArray<CodeLensItem>> GetCodeLensesAsync(TextDocumentSnapshot document, AnalysisContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(ModuleCacheFiles.Contains(_services.Environments.Get(context.Settings), document.FilePath)
            ? []
            : GoModCodeFixes.CodeLenses(_services, document, context));

    public ValueTask<ImmutableArray<InlayHintItem>> GetInlayHintsAsync(TextDocumentSnapshot document, SourceSpan span,
        AnalysisContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(context.Settings.InlayHintsEnabled && document.Kind == DocumentKind.GoMod
            ? GoModOutline.InlayHints(_services, document, span, context)
            : []);

    public ValueTask<ImmutableArray<DocumentLinkItem>> GetDocumentLinksAsync(TextDocumentSnapshot document, AnalysisContext context,
        CancellationToken cancellationToken) =>
        ValueTask.FromResult(document.Kind is DocumentKind.GoMod or DocumentKind.GoWork ? GoModOutline.Links(_services, document, context) : []);

    public ValueTask<CompletionInfo> GetCompletionsAsync(TextDocumentSnapshot document, int offset, AnalysisContext context,
        CancellationToken cancellationToken) =>
        document.Kind is DocumentKind.GoMod or DocumentKind.GoWork
            ? GoModCompletion.ComputeAsync(_services, document, offset, context, cancellationToken)
            : ValueTask.FromResult(CompletionInfo.Empty);

    public ValueTask<ImmutableArray<TextChange>> FormatAsync(TextDocumentSnapshot document, AnalysisContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(document.Kind is DocumentKind.GoMod or DocumentKind.GoWork ? GoModOutline.Format(document) : []);

    public ValueTask<ImmutableArray<FoldingItem>> GetFoldingRangesAsync(TextDocumentSnapshot document, AnalysisContext context,
        CancellationToken cancellationToken) =>
        ValueTask.FromResult(document.Kind is DocumentKind.GoMod or DocumentKind.GoWork ? GoModOutline.Folding(_services.Models.GoMod(document)) : []);

    public ValueTask<ImmutableArray<SymbolItem>> GetDocumentSymbolsAsync(TextDocumentSnapshot document, AnalysisContext context,
        CancellationToken cancellationToken) =>
        ValueTask.FromResult(document.Kind switch
        {
            DocumentKind.GoMod or DocumentKind.GoWork => GoModOutline.Symbols(_services.Models.GoMod(document)),
            DocumentKind.GoSum => GoSumOutline.Symbols(_services.Models.GoSum(document)),
            _ => [],
        });

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
        var line = text.AsSpan().Count('\n') + 1; // vectorized: this runs on every keystroke over the whole file
        var column = text.Length - (lastNewline + 1);
        var bytes = System.Text.Encoding.UTF8.GetByteCount(text);
        return new ModFile.Text.TextPosition(line, column + 1, bytes, text.Length, column);
    }

    /// <summary>The longest wait between two publishes of one network stage (the first waits <see cref="GoModAnalyzerOptions.BatchInterval"/>).</summary>
    internal static readonly TimeSpan MaxPublishInterval = TimeSpan.FromSeconds(1);

    private static ImmutableArray<AnalyzerDiagnostic> Sorted(ImmutableArray<AnalyzerDiagnostic>.Builder diagnostics) =>
        [.. diagnostics.OrderBy(d => d.Span.Start).ThenBy(d => d.Code, StringComparer.Ordinal)];
}
