using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using GoModLens.Analysis.Ports;
using GoModLens.Analysis.ProxyConfig;
using GoModLens.ModFile.Module;
using GoModLens.ModFile.Semantics;
using GoModLens.ModFile.Text;
using GoModLens.ModFile.Versions;


namespace GoModLens.Analysis.Resolution;

/// <summary>
/// The resolution engine. Per requirement: local checks, exclude, replace, routing, module cache, then the GOPROXY walk
/// for <c>.info</c> and <c>.mod</c>, then <c>@latest</c>/retractions/deprecation — each walk ranked exactly like go's
/// TryProxies, each failure worded like go. Every module gets its own deadline; one run never requests a URL twice.
/// </summary>
/// <param name="transport">Fetches proxy URLs (http/https/file, with caching/coalescing in production).</param>
/// <param name="moduleCache">$GOMODCACHE/cache/download, read before any proxy; null = none.</param>
/// <param name="mirrorProber">Finds a working mirror after timeouts/5xx/DNS/connect failures; null = no suggestions.</param>
/// <param name="timeProvider">Clock for deadlines and stale-cache ages.</param>
/// <param name="gitRemote">Lists a repository's refs where go would go <c>direct</c>; null = describe direct, do not run git.</param>
public sealed class RequirementResolver(
    IProxyTransport transport,
    IModuleCache? moduleCache = null,
    IMirrorProber? mirrorProber = null,
    TimeProvider? timeProvider = null,
    IGitRemote? gitRemote = null) : IRequirementResolver
{
    internal const string DirectMarker = "\u0000direct";

    /// <summary>The trace entry of an answer read from $GOMODCACHE/cache/download.</summary>
    internal const string ModuleCacheEntry = "module cache";
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private readonly Direct.DirectLookup _direct = new(transport, gitRemote);
    private readonly ModuleZips _zips = new(transport, gitRemote);
    private readonly Dictionary<(string GoSumDb, string GoProxy, bool WindowsPaths, TimeSpan Budget), ((GoSum.ChecksumDatabaseClient? Client, string? Error)? Client, long OpenedAt)> _databases = [];

    /// <summary>Module lines read from a database's verified records: a record never changes, so one object per module for good.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string GoSumDb, GoSum.ModuleVersionKey Module), GoSum.ModuleZipHash> _recordedZips = new();

    /// <summary>How long one checksum-database client (its latest tree, tiles, base URL) serves later checks.</summary>
    internal static TimeSpan ChecksumDatabaseReuse { get; } = TimeSpan.FromMinutes(5);

    public async Task<GoSum.ModuleZipHash?> ModuleZipHashAsync(RequirementReport report, ResolveOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (options.Offline || report.Target.Version.Length == 0)
        {
            return null;
        }

        // A public module's zip is the checksum database's to vouch for: its record, one lookup, no download.
        var key = new GoSum.ModuleVersionKey(report.Target.Path, report.Target.Version);
        var route = ProxyRouting.For(report.Target.Path, options.Settings);
        if (route.UsesChecksumDb)
        {
            return await RecordedZipHashAsync(key, options, cancellationToken).ConfigureAwait(false);
        }

        // Paths the database does not cover (GONOSUMDB, which GOPRIVATE sets): go.sum is all that guards the zip, so it
        // is built or downloaded; these are the organisation's own modules, so the downloads stay few.
        if (!ModulePath.MatchPrefixPatterns(options.Settings.GoNoSumDb, report.Target.Path))
        {
            return null;
        }

        var first = FirstStep(route);

        // A version answered from the module cache has no repository report: where go's route starts with direct, the
        // repository is asked now, since what it holds today is what a machine without that cache gets.
        var vcs = report.Direct?.Vcs;
        if (vcs is null && report.Info?.FromModuleCache == true && first is DirectStep)
        {
            vcs = (await _direct.LookupAsync(route, report.Target.Path, report.Target.Version, options with { CheckLatest = false }, cancellationToken).ConfigureAwait(false)).Vcs;
        }

        if (vcs is not null)
        {
            return _zips.FromRepositoryAsync(key, vcs, options, cancellationToken) is { } built ? await built.ConfigureAwait(false) : null;
        }

        if (first is ProxyStep && report.Status == RequirementStatus.Resolved)
        {
            var steps = route.Steps.TakeWhile(s => s is ProxyStep or RefusedStep { IsNotFound: true }).OfType<ProxyStep>().ToList();
            return await _zips.FromProxyAsync(key, route, steps, cancellationToken).ConfigureAwait(false);
        }

        return null;
    }

    public int LastRunRequestCount { get; private set; }

    public async IAsyncEnumerable<RequirementReport> ResolveAllAsync(GoModFile file, ResolveOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var run = new ResolutionRun(transport, moduleCache, cancellationToken);
        var channel = Channel.CreateUnbounded<RequirementReport>(new UnboundedChannelOptions { SingleReader = true });
        var requires = file.Require;
        var listed = ModuleGraphEdges.Listed(file);
        var next = -1;

        // A fixed set of workers takes the requirements in order and looks at the token between modules, so a
        // cancelled run (the document changed) stops within one module per worker instead of waking thousands of
        // queued tasks, each throwing, while the new version's local stage needs the CPU.
        async Task WorkerAsync()
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var i = Interlocked.Increment(ref next);
                if (i >= requires.Count)
                {
                    return;
                }

                var require = requires[i];
                var report = await ResolveRequireAsync(run, file, listed, require, require.Mod.Path, require.Mod.Version, options, cancellationToken);
                await channel.Writer.WriteAsync(report, cancellationToken);
            }
        }

        var workers = Enumerable.Range(0, Math.Min(Math.Max(1, options.MaxConcurrency), Math.Max(1, requires.Count)))
            .Select(_ => Task.Run(WorkerAsync, CancellationToken.None))
            .ToList();
        var all = Task.WhenAll(workers).ContinueWith(t => channel.Writer.TryComplete(t.Exception?.GetBaseException()), TaskScheduler.Default);

        await foreach (var report in channel.Reader.ReadAllAsync(cancellationToken))
        {
            yield return report;
        }

        await all;
        LastRunRequestCount = run.RequestCount;
    }

    public Task<GoSum.ChecksumDatabaseProbe?> ProbeChecksumDatabaseAsync(string modulePath, string version, ResolveOptions options,
        CancellationToken cancellationToken) =>
        options.Offline
            ? Task.FromResult<GoSum.ChecksumDatabaseProbe?>(null)
            : GoSum.ChecksumDatabase.ProbeAsync(options.Settings, modulePath, version, transport, cancellationToken, moduleCache, options.ChecksumDatabaseKeys,
                options.PerModuleBudget);

    /// <summary>
    /// One client per GOSUMDB and GOPROXY, kept a few minutes (go keeps one per command): lookups of one check, and of
    /// the go.sum checks right after it, share the latest tree and the tiles.
    /// </summary>
    public (GoSum.ChecksumDatabaseClient? Client, string? Error)? OpenChecksumDatabase(ResolveOptions options)
    {
        if (options.Offline)
        {
            return null;
        }

        var key = (options.Settings.GoSumDb, options.Settings.GoProxy, options.Settings.WindowsPaths, options.PerModuleBudget);
        lock (_databases)
        {
            if (!_databases.TryGetValue(key, out var open) || _time.GetElapsedTime(open.OpenedAt) > ChecksumDatabaseReuse)
            {
                // Lookups have the budget proxy requests have: the database is one more server go waits for.
                open = (GoSum.ChecksumDatabaseClient.Create(options.Settings, transport, moduleCache, options.ChecksumDatabaseKeys, _time, options.PerModuleBudget),
                    _time.GetTimestamp());
                _databases[key] = open;
            }

            return open.Client;
        }
    }

    /// <summary>
    /// The module's zip hash as the checksum database records it (its module line), or null when the database cannot
    /// answer now: a go.sum line go already has needs no database, so there is nothing to report then.
    /// </summary>
    public async Task<GoSum.ModuleZipHash?> RecordedZipHashAsync(GoSum.ModuleVersionKey module, ResolveOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Offline || module.Version.Length == 0 || !ProxyRouting.For(module.Path, options.Settings).UsesChecksumDb)
        {
            return null;
        }

        if (_recordedZips.TryGetValue((options.Settings.GoSumDb, module), out var known))
        {
            return known; // the same object: an editor's "checked at" stays when it was read
        }

        if (OpenChecksumDatabase(options) is not { Client: { } client })
        {
            return null;
        }

        var started = Stopwatch.GetTimestamp();
        var lookup = await client.LookupAsync(module.Path, module.Version, cancellationToken).ConfigureAwait(false);
        var prefix = $"{module.Path} {module.Version} h1:";
        if (lookup.Error is not null || lookup.Lines.FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal)) is not { } line)
        {
            return null;
        }

        // The same record's "/go.mod" line (the client keeps the verified record: no second request).
        var goModPrefix = $"{module.Path} {module.Version}/go.mod h1:";
        var goMod = await client.LookupAsync(module.Path, module.Version + "/go.mod", cancellationToken).ConfigureAwait(false);
        return _recordedZips.GetOrAdd((options.Settings.GoSumDb, module),
            new GoSum.ModuleZipHash(module, line[(prefix.Length - 3)..], null, client.Name, 0, 0, Stopwatch.GetElapsedTime(started), FromRepository: false)
            {
                FromChecksumDatabase = true,
                RecordedGoModHash = goMod.Lines.FirstOrDefault(l => l.StartsWith(goModPrefix, StringComparison.Ordinal)) is { } goModLine
                    ? goModLine[(goModPrefix.Length - 3)..] : null,
            });
    }

    public async Task<RequirementReport> ResolveAsync(string modulePath, string version, ResolveOptions options, CancellationToken cancellationToken)
    {
        var run = new ResolutionRun(transport, moduleCache, cancellationToken);
        var report = await ResolveRequireAsync(run, null, null, null, modulePath, version, options, cancellationToken);
        LastRunRequestCount = run.RequestCount;
        return report;
    }

    public async Task<VersionQueryResult> ResolveQueryAsync(string modulePath, string query, ResolveOptions options, CancellationToken cancellationToken)
    {
        if (ModulePath.CheckPath(modulePath) is { } pathError)
        {
            return new VersionQueryResult(modulePath, query, null, $"{modulePath}@{query}: {pathError}");
        }

        if (VersionQuery.Parse(modulePath, query, out var queryError) is not { } parsed)
        {
            return new VersionQueryResult(modulePath, query, null, queryError);
        }

        var route = ProxyRouting.For(modulePath, options.Settings);
        if (route.ConfigurationError is { } configError)
        {
            return new VersionQueryResult(modulePath, query, null, $"{modulePath}@{query}: {configError}");
        }

        if (options.Offline)
        {
            return new VersionQueryResult(modulePath, query, null, null);
        }

        var run = new ResolutionRun(transport, moduleCache, cancellationToken);
        var queries = new ProxyQueries(run, new ModuleProgress());
        using var deadline = Deadline(options, cancellationToken);
        try
        {
            var walk = await ProxyWalk.WalkAsync(route,
                (step, ct) => step is ProxyStep p ? queries.QueryAsync(p, parsed, ct) : ValueTask.FromResult(StepOutcome.Failure(DirectMarker, false)),
                deadline.Token);
            LastRunRequestCount = run.RequestCount;
            if (walk.Succeeded && InfoJson.TryParse(walk.SuccessfulOutcome!.Fetch!.Body ?? [], out var version, out _, out _))
            {
                return new VersionQueryResult(modulePath, query, version, null);
            }

            if (walk.ReportedError == DirectMarker)
            {
                return new VersionQueryResult(modulePath, query, null, null, "go would ask the repository itself (direct, with VCS), which GoModLens does not run");
            }

            var refused = walk.Trace.LastOrDefault(t => t.BecameReported)?.Step is RefusedStep;
            return new VersionQueryResult(modulePath, query, null, refused ? walk.ReportedError : QueryError(modulePath, parsed, walk.ReportedError));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LastRunRequestCount = run.RequestCount;
            return new VersionQueryResult(modulePath, query, null, null,
                $"GOPROXY gave no answer within GoModLens's {Seconds(options.PerModuleBudget)} budget (the go command has no overall timeout and would keep waiting)");
        }
    }

    public async Task<LatestReport?> ListVersionsAsync(string modulePath, ResolveOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Offline)
        {
            return null;
        }

        // Nothing to ask: no versions, ever, with go's reason (no request is made for such a path or configuration).
        var route = ProxyRouting.For(modulePath, options.Settings);
        if ((ModulePath.CheckPath(modulePath) ?? route.ConfigurationError) is { } refused)
        {
            return new LatestReport(null, null, null, [], false, null, [], $"{modulePath}: {refused}", null);
        }

        var run = new ResolutionRun(transport, moduleCache, cancellationToken);
        var progress = new ModuleProgress();
        using var deadline = Deadline(options, cancellationToken);
        try
        {
            // The list, then the latest version's .info and .mod together (one round trip after the list, not two).
            if (FirstStep(route) is ProxyStep step)
            {
                _ = new ProxyQueries(run, progress).PrefetchLatestAsync(step, deadline.Token);
            }

            // go list -m -u's queries; no version is required, so the upgrade query starts from the lowest release.
            var latest = await LatestAsync(run, null, modulePath, NoVersion, options, progress, [], deadline.Token);
            LastRunRequestCount = run.RequestCount;
            return latest;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LastRunRequestCount = run.RequestCount;
            return null; // nothing within the budget: the caller may ask again
        }
    }

    /// <summary>The "current" version of <see cref="ListVersionsAsync"/>'s queries: below every tagged release.</summary>
    private const string NoVersion = "v0.0.0";

    // How go's parse error shows a failed query (the text after "go.mod:N: "): modfile frames a module error as the
    // require's, a stat's as an invalid version; the query's own errors and the walk's refusals (GOPROXY=off) come bare.
    private static string QueryError(string path, VersionQuery query, string? inner) =>
        inner?.StartsWith($"{path}@{query.Text}: ", StringComparison.Ordinal) == true ? QueryError(path, query, inner[$"{path}@{query.Text}: ".Length..])
        : inner == query.NoMatchingVersions ? inner
        : query.IsStat ? $"require {path}: version {GoQuote.Quote(query.Text)} invalid: {inner}"
        : $"require {path}: {inner}";

    private CancellationTokenSource Deadline(ResolveOptions options, CancellationToken cancellationToken)
    {
        var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(options.PerModuleBudget);
        return cts;
    }

    /// <param name="listed">The main go.mod's highest listed version per path (<see cref="ModuleGraphEdges.Listed"/>); null without a go.mod.</param>
    private async Task<RequirementReport> ResolveRequireAsync(ResolutionRun run, GoModFile? file, IReadOnlyDictionary<string, string>? listed,
        RequireStmt? require, string path, string version, ResolveOptions options, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var notes = new List<string>();
        var target = new ModuleTarget(path, version);
        Workspace.WorkspaceReplacement? replacedElsewhere = null;
        IReadOnlyList<ModPathVersion> above = [];
        IReadOnlyList<ModPathVersion> requires = [];
        var unpruned = UnprunedGraphResult.Empty;
        GoModFile? dependencyGoMod = null;
        byte[]? downloadedGoMod = null;
        RequirementReport Report(RequirementStatus status, ModuleRoute? route = null, VersionInfo? info = null, LatestReport? latest = null,
            ResolutionFailure? failure = null, DirectReport? direct = null, MirrorSuggestion? mirror = null, ReplaceStmt? replace = null) =>
            new(path, version, require, status, target, replace, route, info, latest, failure, direct, mirror, Stopwatch.GetElapsedTime(started), notes)
            {
                ReplacedElsewhere = replacedElsewhere,
                RequiresAbove = above,
                GoMod = downloadedGoMod,
                Requires = requires,
                Unpruned = unpruned,
            };
        // The go.mod files go loads below this require when graph pruning does not apply (go < 1.17 on either side).
        // Not for a workspace module or a vendored build: neither check that reads them applies there.
        async Task<RequirementReport> WithGraphBelowAsync(Func<RequirementReport> report, CancellationToken ct)
        {
            if (file is not null && listed is not null && dependencyGoMod is not null && !options.IsWorkspaceModule && options.Vendor is null)
            {
                unpruned = await UnprunedGraph.LoadAsync(run, file, listed, new ModPathVersion(path, version), dependencyGoMod, options, ct, cancellationToken);
            }

            return report();
        }

        void ReadEdges(GoModFile dependency)
        {
            requires = dependency.Require.Count == 0 ? [] : [.. dependency.Require.Select(r => r.Mod)];
            dependencyGoMod = dependency;
            if (file is not null && listed is not null)
            {
                above = ModuleGraphEdges.RequiresAbove(dependency, file, listed);
            }
        }

        // Local checks: go makes no request for a malformed path.
        if (ModulePath.CheckPath(path) is { } pathError)
        {
            return Report(RequirementStatus.Invalid, failure: new ResolutionFailure(FailureKind.None, $"{path}@{version}: {pathError}", [], false));
        }

        if (file?.Exclude.Any(x => x.Mod.Path == path && x.Mod.Version == version) == true)
        {
            return Report(RequirementStatus.Excluded);
        }

        ReplaceStmt? replace = null;
        if (file is not null)
        {
            (replace, replacedElsewhere) = Replacement(file, path, version, options);
        }

        if (replace is not null)
        {
            if (replace.New.Version.Length == 0)
            {
                target = new ModuleTarget(replace.New.Path, "");
                // go reads the directory's go.mod for the module graph: its requirements count as any go.mod's.
                var baseDirectory = replacedElsewhere?.BaseDirectory ?? options.GoModDirectory;
                if (baseDirectory is not null && Workspace.GoPaths.Resolve(baseDirectory, replace.New.Path) is { } replacement
                    && ReadLocalGoMod(Path.Combine(replacement, "go.mod")) is { } local)
                {
                    ReadEdges(local);
                }

                using var localDeadline = Deadline(options, cancellationToken);
                return await WithGraphBelowAsync(() => Report(RequirementStatus.LocalReplacement, replace: replace), localDeadline.Token);
            }

            target = new ModuleTarget(replace.New.Path, replace.New.Version);
        }

        var route = ProxyRouting.For(target.Path, options.Settings);
        if (route.ConfigurationError is { } configError)
        {
            return Report(RequirementStatus.ConfigurationError, route,
                failure: new ResolutionFailure(FailureKind.ConfigurationError, $"{target.Path}@{target.Version}: {configError}", [], false), replace: replace);
        }

        var progress = new ModuleProgress();
        var queries = new ProxyQueries(run, progress);
        var trace = new List<TraceLine>();
        using var deadline = Deadline(options, cancellationToken);
        var ct = deadline.Token;
        try
        {
            // 1. Module cache, as go's cachingRepo does before any proxy.
            VersionInfo? info = null;
            if (ModulePath.TryEscapePath(target.Path, out var escPath, out _) && ModulePath.TryEscapeVersion(target.Version, out var escVersion, out _)
                && await run.ReadModuleCacheAsync(escPath, escVersion, ProxyEndpoint.Info, ct) is { Body: { } cachedInfo } cached
                && InfoJson.TryParse(cachedInfo, out var cachedVersion, out var cachedTime, out _))
            {
                var cachedMod = await run.ReadModuleCacheAsync(escPath, escVersion, ProxyEndpoint.Mod, ct);
                info = new VersionInfo(cachedVersion, cachedTime, "module cache", true, TimeSpan.Zero, null, cachedMod is not null);
                if (cachedMod?.Body is { } cachedModBody)
                {
                    // go reads the cache through the same modfetch.GoMod as the proxy: go.sum, the parse and the module
                    // line are checked alike, so a corrupt or renamed cached go.mod fails in the same words.
                    downloadedGoMod = cachedModBody;
                    var parsedCached = ModFileParser.Parse("go.mod", cachedModBody, ParseMode.Lax);
                    if (GoModError(target.Path, path, parsedCached, replace is not null) is { } cachedError)
                    {
                        trace.Add(new TraceLine(ModuleCacheEntry, "mod", FirstLine(cachedError), FailureKind.InvalidResponse, TimeSpan.Zero, true, true));
                        return Report(RequirementStatus.Failed, route,
                            failure: new ResolutionFailure(FailureKind.InvalidResponse, $"{target.Path}@{target.Version}: {cachedError}", trace, false), replace: replace);
                    }

                    ReadEdges(parsedCached.Model);
                }

                notes.Add("answered from the go module cache (" + cached.RedactedUrl + ")");
            }

            // Offline, what the network would say is unknown; but a walk that GOPROXY=off (or a private path with no
            // way to fetch it) stops at its first entry needs no network, and go's answer is known: lookup disabled.
            if (info is null && options.Offline && route.Steps is not [RefusedStep, ..])
            {
                return Report(RequirementStatus.NotChecked, route, replace: replace);
            }

            // 2. Stat .info, then .mod, each its own walk.
            if (info is null)
            {
                Prefetch(queries, route, target, path, version, replace, options, ct);
                var (walk, directReached) = await WalkAsync(route, (p, c) => queries.StatAsync(p, target.Version, c), ct);
                AddTrace(trace, walk, "info");
                if (!walk.Succeeded)
                {
                    return await FailedAsync(walk, directReached, "info");
                }

                var fetch = walk.SuccessfulOutcome!.Fetch!;
                _ = InfoJson.TryParse(fetch.Body ?? [], out var v, out var t, out _);
                v = string.Equals(v, target.Version, StringComparison.Ordinal) ? target.Version : v; // one string, not one per report
                TimeSpan? stale = fetch.CachedAt is { } at && fetch.Note?.StartsWith("stale", StringComparison.Ordinal) == true ? _time.GetUtcNow() - at : null;
                if (options.InfoOnly)
                {
                    if (stale is not null)
                    {
                        notes.Add(fetch.Note!);
                    }

                    info = new VersionInfo(v, t, walk.SuccessfulStep!.Entry.Display, fetch.Note == "from the go module cache", fetch.Elapsed, stale, false);
                    return Report(RequirementStatus.Resolved, route, info, replace: replace);
                }

                var mod = await WalkAsync(route, (p, c) => queries.GoModAsync(p, target.Version, c), ct);
                AddTrace(trace, mod.Walk, "mod");
                if (!mod.Walk.Succeeded)
                {
                    return await FailedAsync(mod.Walk, mod.DirectReached, "mod");
                }

                // go checks the bytes against go.sum before it parses them (modfetch checkGoMod): a failure below still
                // carries them, so a go.sum mismatch can win over it (GML1508).
                downloadedGoMod = mod.Walk.SuccessfulOutcome!.Fetch?.Body;
                var parsedMod = ModFileParser.Parse("go.mod", downloadedGoMod ?? [], ParseMode.Lax);
                var modFile = parsedMod.Model;
                if (GoModError(target.Path, path, parsedMod, replace is not null) is { } moduleLineError)
                {
                    return Report(RequirementStatus.Failed, route,
                        failure: new ResolutionFailure(FailureKind.InvalidResponse, $"{target.Path}@{target.Version}: {moduleLineError}", trace, false), replace: replace);
                }

                if (stale is not null)
                {
                    notes.Add(fetch.Note!);
                }

                info = new VersionInfo(v, t, walk.SuccessfulStep!.Entry.Display, fetch.Note == "from the go module cache", fetch.Elapsed, stale, true);
                ReadEdges(modFile);
            }

            // 3. go list -m -u: latest, retractions, deprecation (of the required path; skipped when every version is replaced).
            LatestReport? latest = null;
            if (options.CheckLatest && !options.Offline && replace is not { Old.Version.Length: 0 })
            {
                try
                {
                    latest = await LatestAsync(run, file, path, version, options, progress, notes, ct);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // The version resolved (go mod download would succeed); only the advisory lookups go list -m -u adds
                    // ran out of time on a slow proxy. Not a failure of the module, and not worded as go's.
                    notes.Add($"the latest version was not checked: {progress.InFlight ?? "its lookup"} gave no answer within GoModLens's {Seconds(options.PerModuleBudget)} budget");
                    return Report(RequirementStatus.Resolved, route, info, replace: replace);
                }
            }

            return await WithGraphBelowAsync(() => Report(RequirementStatus.Resolved, route, info, latest, replace: replace), ct);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var url = progress.InFlight ?? "(no request in flight)";
            var message = $"{target.Path}@{target.Version}: Get {GoQuote.Quote(url)}: no response within GoModLens's {Seconds(options.PerModuleBudget)} budget (the go command has no overall timeout and would keep waiting)";
            notes.Add($"GoModLens gave up after {Seconds(options.PerModuleBudget)}; the go command would keep waiting");
            trace.Add(new TraceLine(EntryOf(route, url), "request", "no response within the budget", FailureKind.FirstByteTimeout, options.PerModuleBudget, true, true));
            var mirror = await SuggestMirrorAsync(route, target, options, notes, cancellationToken);
            return Report(RequirementStatus.TimedOut, route, failure: new ResolutionFailure(FailureKind.FirstByteTimeout, message, trace, true), mirror: mirror, replace: replace);
        }

        // go goes direct: what the repository says decides, in go's words, and the walk's direct line shows it.
        async Task<RequirementReport> DirectFailedAsync(string operation)
        {
            var direct = await _direct.LookupAsync(route, target.Path, target.Version, options, cancellationToken, v => IsExcluded(file, path, v));
            var vcs = direct.Vcs;
            if (vcs is { Outcome: not (Direct.DirectOutcome.NotRun or Direct.DirectOutcome.Found) })
            {
                var index = trace.FindLastIndex(t => t.Entry == "direct" || t.Entry == "noproxy");
                var line = new TraceLine(index >= 0 ? trace[index].Entry : "direct", operation, FirstLine(vcs.GoError ?? vcs.Note ?? "failed"), vcs.Kind, vcs.Elapsed, true, true);
                if (index >= 0)
                {
                    trace[index] = line;
                }
                else
                {
                    trace.Add(line);
                }

                if (vcs.Note is { } note)
                {
                    notes.Add(note);
                }

                if (ShortRootHint(vcs, target.Path, direct.MetaUrl) is { } shortRoot)
                {
                    notes.Add(shortRoot);
                }

                if (vcs is { Kind: FailureKind.Unauthorized or FailureKind.Forbidden, Repo: { } denied }
                    && Uri.TryCreate(denied.RepoUrl, UriKind.Absolute, out var deniedUrl) && deniedUrl.Scheme is "https" or "http")
                {
                    var h = deniedUrl.Host;
                    notes.Add($"git has no credentials {h} accepts: add a ~/.netrc line (machine {h} login USER password TOKEN), set up a git credential helper, "
                        + $"or use ssh: git config --global url.\"git@{h}:\".insteadOf \"https://{h}/\"");
                }

                if (vcs is { Kind: FailureKind.Tls, Repo: { } untrusted }
                    && Uri.TryCreate(untrusted.RepoUrl, UriKind.Absolute, out var untrustedUrl) && untrustedUrl.Scheme == "https")
                {
                    // git (through curl) checks certificates with its own settings, not go's: the fix is git's.
                    notes.Add($"git does not trust the certificate {untrustedUrl.Host} presented (a TLS-inspecting proxy's, or a private CA's): "
                        + "go runs git, so git needs that CA, in the system bundle or in the file git config --global http.sslCAInfo (GIT_SSL_CAINFO) names");
                }

                var status = vcs.Outcome switch
                {
                    Direct.DirectOutcome.UnknownRevision or Direct.DirectOutcome.InvalidVersion => RequirementStatus.NotFound,
                    Direct.DirectOutcome.Disallowed => vcs.Kind == FailureKind.ConfigurationError ? RequirementStatus.ConfigurationError : RequirementStatus.Disabled,
                    Direct.DirectOutcome.NoRepository when vcs.Kind is FailureKind.NotFound or FailureKind.Gone or FailureKind.InvalidResponse => RequirementStatus.NotFound,
                    _ when vcs.Kind is FailureKind.FirstByteTimeout => RequirementStatus.TimedOut,
                    _ => RequirementStatus.Failed,
                };
                var message = vcs.GoError ?? $"{target.Path}@{target.Version}: {vcs.Note}";
                LatestReport? latest = status == RequirementStatus.NotFound && options.CheckLatest && replace is null
                    ? DirectLatest(direct, file, path, version, notes)
                    : null;
                return Report(status, route, latest: latest, direct: direct, failure: new ResolutionFailure(vcs.Kind, message, trace, false), replace: replace);
            }

            if (vcs?.Note is { } why)
            {
                notes.Add(why);
            }

            // git ran: the walk's direct line says what it found instead of what go would do.
            if (vcs is { Outcome: Direct.DirectOutcome.Found, Location: { } foundAt } && trace.FindLastIndex(t => t.Entry is "direct" or "noproxy") is var directLine and >= 0)
            {
                trace[directLine] = trace[directLine] with { Outcome = "found with git: " + foundAt, Elapsed = vcs.Elapsed };
            }

            // The go.mod go reads from the tree: the path it declares, and its requirements for the module graph.
            if (vcs?.GoMod is { } fetchedGoMod)
            {
                downloadedGoMod = fetchedGoMod; // checked against go.sum before it is parsed, as above
                var parsedMod = ModFileParser.Parse("go.mod", fetchedGoMod, ParseMode.Lax);
                if (GoModError(target.Path, path, parsedMod, replace is not null) is { } moduleLineError)
                {
                    return Report(RequirementStatus.Failed, route, direct: direct,
                        failure: new ResolutionFailure(FailureKind.InvalidResponse, $"{target.Path}@{target.Version}: {moduleLineError}", trace, false), replace: replace);
                }

                ReadEdges(parsedMod.Model);
            }

            var checkedLatest = vcs is { Outcome: Direct.DirectOutcome.Found } && options.CheckLatest && replace is not { Old.Version.Length: 0 }
                ? DirectLatest(direct, file, path, version, notes)
                : null;
            var summary = vcs switch
            {
                { Outcome: Direct.DirectOutcome.Found, Location: { } location } => $"{target.Path}@{target.Version}: found directly: {location}",
                _ => $"{target.Path}@{target.Version}: go would fetch this module directly (VCS); GoModLens does not run VCS",
            };
            return await WithGraphBelowAsync(() => Report(RequirementStatus.Direct, route, latest: checkedLatest, direct: direct,
                failure: new ResolutionFailure(FailureKind.None, summary, trace, false), replace: replace), ct);
        }

        async Task<RequirementReport> FailedAsync(WalkResult walk, bool directReached, string operation)
        {
            if (directReached && walk.ReportedError == DirectMarker)
            {
                return await DirectFailedAsync(operation);
            }

            var reported = walk.Trace.LastOrDefault(e => e.BecameReported);
            var kind = reported?.Outcome.Fetch?.Kind ?? FailureKind.None;
            var refused = reported?.Step is RefusedStep;
            if (refused)
            {
                kind = FailureKind.Disabled;
            }

            var status = refused ? RequirementStatus.Disabled
                : reported?.Outcome.IsNotFound == true ? RequirementStatus.NotFound
                : RequirementStatus.Failed;
            var message = $"{target.Path}@{target.Version}: {walk.ReportedError}";
            if (reported?.Outcome.Fetch?.Note is { } note)
            {
                notes.Add(note);
            }

            var mirror = status == RequirementStatus.Failed && IsMirrorWorthy(kind)
                ? await SuggestMirrorAsync(route, target, options, notes, cancellationToken)
                : null;

            // go list -m -u -e still reports Update/Retracted for a version that does not exist ("which one does?").
            LatestReport? latest = null;
            if (status == RequirementStatus.NotFound && options.CheckLatest && replace is null)
            {
                latest = await LatestAsync(run, file, path, version, options, progress, notes, ct);
            }

            return Report(status, route, latest: latest, failure: new ResolutionFailure(kind, message, trace, false), mirror: mirror, replace: replace);
        }
    }

    /// <summary>
    /// go makes these requests one after another; none depends on another's answer, so they start together against
    /// the entry every walk begins with: <c>.info</c>, <c>.mod</c>, <c>@v/list</c> and (as soon as the list is in)
    /// the latest version's <c>.mod</c>. The walks below still run in go's order and pick these results up, so
    /// outcomes, messages and the in-flight URL of a timeout are unchanged; a later entry is asked only by a walk.
    /// </summary>
    private static void Prefetch(ProxyQueries queries, ModuleRoute route, ModuleTarget target, string path, string version, ReplaceStmt? replace,
        ResolveOptions options, CancellationToken cancellationToken)
    {
        if (FirstStep(route) is ProxyStep step)
        {
            _ = queries.PrefetchVersionedAsync(step, target.Version, ProxyEndpoint.Info, cancellationToken);
            if (!options.InfoOnly)
            {
                _ = queries.PrefetchVersionedAsync(step, target.Version, ProxyEndpoint.Mod, cancellationToken);
            }
        }

        if (options.CheckLatest && replace is not { Old.Version.Length: 0 } && FirstStep(ProxyRouting.For(path, options.Settings)) is ProxyStep latestStep)
        {
            _ = queries.PrefetchLatestAsync(latestStep, cancellationToken);
        }
    }

    /// <summary>
    /// The go-get page named a repository root shorter than the module path and git could not reach it: GitLab's
    /// answer to a request without credentials for a private project in a subgroup (group/subgroup/project) is the
    /// first two path elements, a repository that does not exist or refuses. Said only where go prints nothing about it.
    /// </summary>
    private static string? ShortRootHint(Direct.DirectVcsResult vcs, string modulePath, string metaUrl)
    {
        if (vcs is not { Outcome: Direct.DirectOutcome.Failed, Kind: FailureKind.NotFound or FailureKind.Unauthorized or FailureKind.Forbidden, Repo: { FromMeta: true } repo }
            || !modulePath.StartsWith(repo.Root + "/", StringComparison.Ordinal) || repo.Root.Count(c => c == '/') != 2)
        {
            return null;
        }

        var host = repo.Root[..repo.Root.IndexOf('/', StringComparison.Ordinal)];
        return $"{metaUrl} names {repo.Root} as the repository, not {modulePath}: GitLab answers that for a private project "
            + $"in a subgroup when the request has no credentials. Add a ~/.netrc line with an access token (machine {host} login USER password TOKEN): "
            + "go sends it with the ?go-get=1 request (over https), and the page then names the project itself";
    }

    /// <summary>The first step a walk would execute: refused steps that count as "not found" are passed over without a request.</summary>
    private static RouteStep? FirstStep(ModuleRoute route) =>
        route.ConfigurationError is null ? route.Steps.FirstOrDefault(s => s is not RefusedStep { IsNotFound: true }) : null;

    /// <summary>
    /// go list -m -u for one module, as go runs it: CheckRetractions first (the "latest" query with everything allowed,
    /// walked through GOPROXY, then that version's go.mod walked separately), then the "upgrade" query with exclusions
    /// and those retractions applied. The error is the first one go sets: the retraction check's
    /// (<c>loading module retractions for P@current: …</c>), then the upgrade's; "not found" and "no matching versions"
    /// are no error to go. Every request is shared with the walks before it, so the second walk usually asks nothing new.
    /// </summary>
    private async Task<LatestReport> LatestAsync(ResolutionRun run, GoModFile? file, string path, string current, ResolveOptions options,
        ModuleProgress progress, List<string> notes, CancellationToken cancellationToken)
    {
        var route = ProxyRouting.For(path, options.Settings);
        var queries = new ProxyQueries(run, progress);

        // CheckRetractions: queryLatestVersionIgnoringRetractions, then rawGoModSummary of that version.
        string? rawLatest = null;
        var (rawWalk, directReached) = await WalkAsync(route, async (p, ct) =>
        {
            var (outcome, pick) = await queries.QueryLatestAsync(p, _ => true, null, ct);
            rawLatest = pick?.Latest;
            return outcome;
        }, cancellationToken);

        if (!rawWalk.Succeeded && directReached && rawWalk.ReportedError == DirectMarker
            && DirectLatest(await _direct.LookupAsync(route, path, current, options, cancellationToken, v => IsExcluded(file, path, v)), file, path, current, notes) is { } fromTags)
        {
            return fromTags;
        }

        string? error = null;
        var retractions = new List<RetractStmt>();
        string? deprecated = null;
        if (!rawWalk.Succeeded)
        {
            error = directReached && rawWalk.ReportedError == DirectMarker
                ? "go would query the latest version directly (VCS); GoModLens does not run VCS"
                : RetractionLoadingError(rawWalk);
        }
        else if (rawLatest is not null)
        {
            var (modWalk, _) = await WalkAsync(route, (p, ct) => queries.GoModAsync(p, rawLatest, ct), cancellationToken);
            if (modWalk is { Succeeded: true, SuccessfulOutcome.Fetch.Body: { } modBody })
            {
                var parsed = ModFileParser.Parse("go.mod", modBody, ParseMode.Lax);
                retractions.AddRange(parsed.Model.Retract);
                deprecated = parsed.Model.Module?.Deprecated is { Length: > 0 } d ? d : null;
            }
            else if (modWalk.ReportedError != DirectMarker)
            {
                error = RetractionLoadingError(modWalk);
            }
        }

        string? RetractionLoadingError(WalkResult walk) => IgnoredByListU(walk)
            ? null
            : $"loading module retractions for {path}@{current}: {ProxyQueries.WithoutModuleFrame(walk.ReportedError!, path)}";

        // addUpdate: the "upgrade" query; a version go cannot load retractions for counts as allowed.
        bool Allowed(string v) => !IsExcluded(file, path, v) && !ProxyQueries.IsRetracted(retractions, v, out _);
        LatestPick? pick = null;
        var (upgradeWalk, _) = await WalkAsync(route, async (p, ct) =>
        {
            var (outcome, found) = await queries.QueryLatestAsync(p, Allowed, current, ct);
            pick = found;
            return outcome;
        }, cancellationToken);
        if (!upgradeWalk.Succeeded && !IgnoredByListU(upgradeWalk) && upgradeWalk.ReportedError != DirectMarker)
        {
            error ??= upgradeWalk.ReportedError;
        }

        var retracted = ProxyQueries.IsRetracted(retractions, current, out var rationales);
        var latest = pick?.Latest;
        var preRelease = pick?.Tagged.LastOrDefault(v => Allowed(v) && Semver.Prerelease(v).Length > 0 && (latest is null || Semver.Compare(v, latest) > 0));
        var update = pick?.Upgrade;
        return new LatestReport(latest, preRelease, update, rationales, retracted && rationales.Count == 0, deprecated,
            pick?.Tagged ?? [], error, upgradeWalk.SuccessfulStep?.Entry.Display)
        {
            Retractions = retractions.Count == 0 ? [] : [.. retractions.Select(RetractedRange.From)],
        };
    }

    /// <summary>go list -m -u sets no error when the query found nothing: "not found" (GOPROXY=off included) or no matching versions.</summary>
    private static bool IgnoredByListU(WalkResult walk) =>
        walk.ReportedError == ProxyQueries.NoMatchingVersions
        || walk.Trace.LastOrDefault(t => t.BecameReported) is { Outcome.IsNotFound: true };

    private static async Task<(WalkResult Walk, bool DirectReached)> WalkAsync(ModuleRoute route,
        Func<ProxyStep, CancellationToken, ValueTask<StepOutcome>> proxy, CancellationToken cancellationToken)
    {
        var directReached = false;
        var walk = await ProxyWalk.WalkAsync(route, (step, ct) =>
        {
            if (step is ProxyStep p)
            {
                return proxy(p, ct);
            }

            // We do not run VCS: mark the direct step; its (unknown) error would outrank every proxy error.
            directReached = true;
            return ValueTask.FromResult(StepOutcome.Failure(DirectMarker, false));
        }, cancellationToken);
        return (walk, directReached);
    }

    /// <summary>
    /// <c>go list -m -u</c> for a module go fetches directly: the repository's versions (tags, with go's +incompatible
    /// decision), excluded and retracted versions left out, retractions and deprecation from the latest go.mod.
    /// </summary>
    private static LatestReport? DirectLatest(DirectReport direct, GoModFile? file, string path, string current, List<string> notes)
    {
        if (direct.Vcs is not { Outcome: Direct.DirectOutcome.Found or Direct.DirectOutcome.UnknownRevision or Direct.DirectOutcome.InvalidVersion } vcs)
        {
            return null;
        }

        if (vcs.UndecidedIncompatibleTags > 0)
        {
            notes.Add($"{vcs.UndecidedIncompatibleTags} v2+ tag(s) may count as +incompatible versions; git could not read the trees go decides that from");
        }

        bool Allowed(string v) => !IsExcluded(file, path, v) && !ProxyQueries.IsRetracted(vcs.Retractions, v, out _);
        var latest = vcs.Latest;
        var above = vcs.Versions.LastOrDefault(v => Allowed(v) && Semver.Prerelease(v).Length > 0 && (latest is null || Semver.Compare(v, latest) > 0));
        var retracted = ProxyQueries.IsRetracted(vcs.Retractions, current, out var rationales);
        return new LatestReport(latest, above, vcs.Upgrade, rationales, retracted && rationales.Count == 0, vcs.Deprecated, vcs.Versions,
            vcs.LatestError ?? vcs.UpgradeError, "direct")
        {
            Retractions = vcs.Retractions.Count == 0 ? [] : [.. vcs.Retractions.Select(RetractedRange.From)],
        };
    }

    /// <summary>Whether the main module's go.mod excludes path@version.</summary>
    private static bool IsExcluded(GoModFile? file, string path, string version) =>
        file?.Exclude.Any(x => x.Mod.Path == path && x.Mod.Version == version) == true;

    /// <param name="notes">Gets why there is no suggestion when the probes say something: no mirror could be reached
    /// (the machine's network is the problem, not the proxy), or those that answered lack the version too.</param>
    private async Task<MirrorSuggestion?> SuggestMirrorAsync(ModuleRoute route, ModuleTarget target, ResolveOptions options, List<string> notes,
        CancellationToken cancellationToken)
    {
        // Never disclose a private path to a mirror: GONOPROXY's (go sends them to no proxy) nor GOPRIVATE's (with
        // GONOPROXY=none go sends them to the company's proxy, which is no reason to tell public mirrors about them).
        if (mirrorProber is null || !options.SuggestMirrors || options.Offline || route.IsPrivate
            || ModulePath.MatchPrefixPatterns(options.Settings.GoPrivate, target.Path)
            || !ModulePath.TryEscapePath(target.Path, out var escPath, out _) || !ModulePath.TryEscapeVersion(target.Version, out var escVersion, out _))
        {
            return null;
        }

        var configured = route.ProxySteps.Select(s => s.BaseUrl.TrimEnd('/')).ToHashSet(StringComparer.Ordinal);
        var candidates = mirrorProber.DefaultMirrors.Concat(options.ExtraMirrors)
            .Where(m => !configured.Contains(m.AbsoluteUri.TrimEnd('/')))
            .Distinct()
            .ToList();
        if (candidates.Count == 0)
        {
            return null;
        }

        using var probeDeadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        probeDeadline.CancelAfter(options.PerModuleBudget);
        try
        {
            var probes = await mirrorProber.ProbeAsync(candidates, escPath, escVersion, probeDeadline.Token);
            var best = probes.Where(p => p.Healthy && p.ServesModule).OrderBy(p => p.Elapsed).FirstOrDefault();
            if (best is null && WhyNoMirror([.. probes.OrderBy(p => candidates.IndexOf(p.Mirror))], target) is { } why)
            {
                notes.Add(why);
            }

            return best is null ? null : new MirrorSuggestion(best.Mirror, best.Elapsed, best.Mirror.AbsoluteUri.TrimEnd('/') + ",direct");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <param name="probes">In the order the mirrors were listed.</param>
    private static string? WhyNoMirror(IReadOnlyList<MirrorProbe> probes, ModuleTarget target)
    {
        static string Name(MirrorProbe p) => Reports.Redaction.Url(p.Mirror.AbsoluteUri.TrimEnd('/'));
        if (probes.Count > 0 && probes.All(p => IsUnreachable(p.Kind)))
        {
            var each = string.Join(", ", probes.Select(p => $"{Name(p)}: {Reports.DisplayText.FailureLabel(p.Kind)}"));
            return $"no mirror could be reached either ({each}): this machine's network, DNS or HTTP(S)_PROXY is the problem, not only the proxy";
        }

        var lacking = probes.Where(p => p.Kind is FailureKind.NotFound or FailureKind.Gone).ToList();
        return lacking.Count > 0 && !probes.Any(p => p.ServesModule)
            ? $"the mirrors that answered do not have {target.Path}@{target.Version} either ({string.Join(", ", lacking.Select(Name))}): switching would not help"
            : null;
    }

    private static bool IsUnreachable(FailureKind kind) => kind is FailureKind.DnsNotFound or FailureKind.DnsServerFailure or FailureKind.DnsTimeout
        or FailureKind.ConnectionRefused or FailureKind.ConnectionReset or FailureKind.ConnectTimeout or FailureKind.Tls
        or FailureKind.FirstByteTimeout;

    internal static bool IsMirrorWorthy(FailureKind kind) => kind is FailureKind.DnsNotFound or FailureKind.DnsServerFailure or FailureKind.DnsTimeout
        or FailureKind.ConnectionRefused or FailureKind.ConnectionReset or FailureKind.ConnectTimeout or FailureKind.Tls
        or FailureKind.FirstByteTimeout or FailureKind.BodyStalled or FailureKind.BadGateway or FailureKind.ServiceUnavailable
        or FailureKind.GatewayTimeout or FailureKind.ServerError or FailureKind.TooManyRequests;

    /// <summary>
    /// The replace in force for path@version: in a workspace module the go.work's first, then any workspace module's
    /// go.mod (<see cref="Workspace.WorkspaceReplacement"/> when it is not this go.mod's own line); else this go.mod's.
    /// </summary>
    private static (ReplaceStmt? Replace, Workspace.WorkspaceReplacement? Elsewhere) Replacement(GoModFile file, string path, string version, ResolveOptions options)
    {
        if (!options.IsWorkspaceModule)
        {
            return (Workspace.GoWorkspace.ReplaceIn(file, path, version), null);
        }

        var replaced = options.Workspace!.Replacement(path, version, file, options.GoModDirectory!);
        return (replaced?.Statement, replaced is not null && file.Replace.Any(r => ReferenceEquals(r, replaced.Statement)) ? null : replaced);
    }

    /// <summary>The replace in force for path@version and the directory a replacement directory is relative to.</summary>
    internal static (ReplaceStmt? Replace, string? BaseDirectory) ReplacementOf(GoModFile file, string path, string version, ResolveOptions options)
    {
        var (replace, elsewhere) = Replacement(file, path, version, options);
        return (replace, elsewhere?.BaseDirectory ?? options.GoModDirectory);
    }

    internal static GoModFile? ReadLocalGoMod(string path)
    {
        try
        {
            return File.Exists(path) ? ModFileParser.Parse(path, File.ReadAllText(path), ParseMode.Lax).Model : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // GML2005 reports a replacement directory go cannot read
        }
    }

    // modload rawGoModSummary, then goModSummary: the go.mod must parse (modfile.ParseLax), have a module line and
    // declare the path it was required as (replacements are checked against the replacement).
    private static string? GoModError(string fetchedPath, string requiredPath, ParseResult parsed, bool replaced)
    {
        if (!parsed.IsAcceptedByGo)
        {
            return "parsing go.mod: " + parsed.GoErrorText;
        }

        var goMod = parsed.Model;
        if (goMod.Module is null)
        {
            return "parsing go.mod: missing module line";
        }

        var declared = goMod.Module.Mod.Path;
        var expected = replaced ? fetchedPath : requiredPath;
        return declared == expected || (replaced && declared == requiredPath)
            ? null
            : $"parsing go.mod:\n\tmodule declares its path as: {declared}\n\t        but was required as: {requiredPath}";
    }

    private static void AddTrace(List<TraceLine> trace, WalkResult walk, string operation)
    {
        foreach (var e in walk.Trace)
        {
            var outcome = e.Outcome.Succeeded ? "ok"
                : e.Outcome.Error == DirectMarker ? "go would continue with VCS (not run by GoModLens)"
                : e.Outcome.Error ?? "failed";
            var kind = e.Step is RefusedStep ? FailureKind.Disabled : e.Outcome.Fetch?.Kind ?? FailureKind.None;
            trace.Add(new TraceLine(e.Step.Entry.Display, operation, outcome, kind, e.Outcome.Fetch?.Elapsed ?? TimeSpan.Zero, e.BecameReported, e.StoppedWalk));
        }
    }

    private static string FirstLine(string text) => text.Split('\n')[0];

    private static string EntryOf(ModuleRoute route, string url) =>
        route.ProxySteps.Select(s => s.Entry.Display).FirstOrDefault(d => url.StartsWith(d, StringComparison.Ordinal)) ?? url;

    private static string Seconds(TimeSpan t) => Reports.DisplayText.Seconds(t);
}
