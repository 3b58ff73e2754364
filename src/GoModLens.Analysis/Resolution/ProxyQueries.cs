using System.Globalization;
using System.Text;
using GoModLens.Analysis.Ports;
using GoModLens.Analysis.ProxyConfig;
using GoModLens.ModFile.Module;
using GoModLens.ModFile.Semantics;
using GoModLens.ModFile.Text;
using GoModLens.ModFile.Versions;


namespace GoModLens.Analysis.Resolution;

/// <summary>
/// The proxy-protocol operations of cmd/go's proxyRepo and modload.queryProxy against ONE GOPROXY entry; the caller
/// walks the route with <see cref="ProxyWalk"/>. Errors are the inner texts go wraps with <c>path@version: </c>.
/// </summary>
internal sealed class ProxyQueries(ResolutionRun run, ModuleProgress progress)
{
    /// <summary>Stat: <c>.info</c> of a version or revision (module cache first), with go's JSON and version checks.</summary>
    public async ValueTask<StepOutcome> StatAsync(ProxyStep step, string version, CancellationToken cancellationToken)
    {
        var fetch = await FetchVersionedAsync(step, version, ProxyEndpoint.Info, cancellationToken);
        if (fetch.Outcome is { } failed)
        {
            return failed;
        }

        return CheckInfo(step, version, fetch.Result!);
    }

    /// <summary>The raw go.mod of a version (module cache first).</summary>
    public async ValueTask<StepOutcome> GoModAsync(ProxyStep step, string version, CancellationToken cancellationToken)
    {
        var fetch = await FetchVersionedAsync(step, version, ProxyEndpoint.Mod, cancellationToken);
        return fetch.Outcome ?? StepOutcome.Success(fetch.Result);
    }

    /// <summary>
    /// <c>@latest</c> as go list -m -u computes it against this entry (§4.5, §4.6): list, latest ignoring retractions,
    /// its go.mod (retractions + deprecation), then latest with exclusions and retractions applied.
    /// </summary>
    public async ValueTask<(StepOutcome Outcome, LatestComputation? Latest)> LatestAsync(
        ProxyStep step, ISet<string> excluded, string? current, CancellationToken cancellationToken)
    {
        var listUrl = ProxyUrls.List(step.BaseUrl, step.ModulePath, out var urlError);
        if (listUrl is null)
        {
            return (StepOutcome.Failure(urlError!, false), null);
        }

        var list = await run.GetAsync(listUrl, ProxyEndpoint.List, progress, cancellationToken);
        if (!list.IsSuccess)
        {
            return (StepOutcome.FromFetch(list), null);
        }

        var lines = ParseList(list.Body ?? []);
        var tagged = lines.Select(l => l.Version).Where(v => !PseudoVersion.IsPseudoVersion(v)).Distinct(StringComparer.Ordinal).ToList();
        Semver.Sort(tagged);
        var preferIncompatible = current?.EndsWith("+incompatible", StringComparison.Ordinal) == true;

        // §4.6: the go.mod of the latest version computed with an allow-all predicate is the source of truth.
        var raw = await ChooseAsync(step, tagged, lines, _ => true, preferIncompatible, cancellationToken);
        if (raw.Failure is { } rawFailure)
        {
            return (rawFailure, null);
        }

        var retractions = new List<RetractStmt>();
        string? deprecated = null;
        string? loadError = null;
        if (raw.Version is { } rawLatest)
        {
            var mod = await GoModAsync(step, rawLatest, cancellationToken);
            if (mod.Succeeded && mod.Fetch?.Body is { } modBody)
            {
                var parsed = ModFileParser.Parse("go.mod", modBody, ParseMode.Lax);
                retractions.AddRange(parsed.Model.Retract);
                deprecated = parsed.Model.Module?.Deprecated is { Length: > 0 } d ? d : null;
            }
            else
            {
                loadError = $"loading module retractions for {step.ModulePath}@{rawLatest}: {step.ModulePath}@{rawLatest}: {mod.Error}";
            }
        }

        bool Allowed(string v) => !excluded.Contains(v) && !IsRetracted(retractions, v, out _);
        var chosen = await ChooseAsync(step, tagged, lines, Allowed, preferIncompatible, cancellationToken);
        if (chosen.Failure is { } failure)
        {
            return (failure, null);
        }

        var allowedTagged = tagged.Where(Allowed).ToList();
        var preRelease = allowedTagged.LastOrDefault(v => Semver.Prerelease(v).Length > 0 && (chosen.Version is null || Semver.Compare(v, chosen.Version) > 0));
        var latest = new LatestComputation(chosen.Version, preRelease, tagged, retractions, deprecated, raw.Version, loadError);
        return (StepOutcome.Success(list), latest);
    }

    /// <summary>
    /// Starts the request <see cref="StatAsync"/>/<see cref="GoModAsync"/> will make against this entry (unless the module
    /// cache answers), so independent requests of one module run at the same time. Never fails.
    /// </summary>
    public async Task PrefetchVersionedAsync(ProxyStep step, string version, ProxyEndpoint endpoint, CancellationToken cancellationToken)
    {
        try
        {
            if (!ModulePath.TryEscapePath(step.ModulePath, out var escPath, out _) || !ModulePath.TryEscapeVersion(version, out var escVersion, out _)
                || await run.ReadModuleCacheAsync(escPath, escVersion, endpoint, cancellationToken) is not null)
            {
                return;
            }

            var url = endpoint == ProxyEndpoint.Info
                ? ProxyUrls.Info(step.BaseUrl, step.ModulePath, version, out _)
                : ProxyUrls.Mod(step.BaseUrl, step.ModulePath, version, out _);
            if (url is not null)
            {
                _ = run.Start(url, endpoint);
            }
        }
        catch (OperationCanceledException)
        {
            // The module gave up; its own walk reports that.
        }
    }

    /// <summary>
    /// Starts <c>@v/list</c> and, once it arrives, the go.mod of the raw latest version <see cref="LatestAsync"/> will
    /// read for retractions and deprecation — when that version follows from the list alone. Never fails.
    /// </summary>
    public async Task PrefetchLatestAsync(ProxyStep step, string? current, CancellationToken cancellationToken)
    {
        try
        {
            if (ProxyUrls.List(step.BaseUrl, step.ModulePath, out _) is not { } listUrl)
            {
                return;
            }

            var list = await run.Start(listUrl, ProxyEndpoint.List).WaitAsync(cancellationToken);
            if (list.IsSuccess && RawLatestFromList(ParseList(list.Body ?? []), current) is { } rawLatest)
            {
                await PrefetchVersionedAsync(step, rawLatest, ProxyEndpoint.Mod, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>
    /// The version <see cref="ChooseAsync"/> picks with an allow-all predicate when it needs no request to decide
    /// (no <c>+incompatible</c> question, a tagged candidate exists); otherwise null.
    /// </summary>
    internal static string? RawLatestFromList(List<ListLine> lines, string? current)
    {
        var tagged = lines.Select(l => l.Version).Where(v => !PseudoVersion.IsPseudoVersion(v)).Distinct(StringComparer.Ordinal).ToList();
        var preferIncompatible = current?.EndsWith("+incompatible", StringComparison.Ordinal) == true;
        if (!preferIncompatible && tagged.Any(v => v.EndsWith("+incompatible", StringComparison.Ordinal)))
        {
            return null;
        }

        Semver.Sort(tagged);
        return tagged.LastOrDefault(v => Semver.Prerelease(v).Length == 0) ?? tagged.LastOrDefault();
    }

    /// <summary>Rationales of every retract interval covering <paramref name="version"/>.</summary>
    public static bool IsRetracted(IReadOnlyList<RetractStmt> retractions, string version, out List<string> rationales)
    {
        rationales = [];
        var hit = false;
        foreach (var r in retractions)
        {
            if (Semver.Compare(r.Low, version) <= 0 && Semver.Compare(version, r.High) <= 0)
            {
                hit = true;
                if (r.Rationale.Length > 0)
                {
                    rationales.Add(r.Rationale);
                }
            }
        }

        return hit;
    }

    // queryProxy + filterVersions + the @latest fallback, for one allowed predicate.
    private async ValueTask<Choice> ChooseAsync(ProxyStep step, List<string> tagged, List<ListLine> lines, Func<string, bool> allowed,
        bool preferIncompatible, CancellationToken cancellationToken)
    {
        var releases = new List<string>();
        var preReleases = new List<string>();
        var needIncompatible = preferIncompatible;
        string? lastCompatible = null;
        foreach (var v in tagged)
        {
            if (!allowed(v))
            {
                continue;
            }

            if (!needIncompatible)
            {
                if (!v.EndsWith("+incompatible", StringComparison.Ordinal))
                {
                    lastCompatible = v;
                }
                else if (lastCompatible is not null)
                {
                    // A real go.mod at the last compatible version means the +incompatible majors are not this module's.
                    var mod = await GoModAsync(step, lastCompatible, cancellationToken);
                    if (!mod.Succeeded)
                    {
                        return new Choice(null, StepOutcome.Failure(step.ModulePath + "@" + lastCompatible + ": " + mod.Error, mod.IsNotFound, mod.Fetch));
                    }

                    if (HasGoMod(step.ModulePath, mod.Fetch?.Body))
                    {
                        break;
                    }

                    needIncompatible = true;
                }
            }

            (Semver.Prerelease(v).Length > 0 ? preReleases : releases).Add(v);
        }

        var pick = releases.Count > 0 ? releases[^1] : preReleases.Count > 0 ? preReleases[^1] : null;
        if (pick is not null)
        {
            return new Choice(pick, null);
        }

        // No tagged candidate: the optional @latest endpoint, then the newest pseudo-version in the list.
        var latestUrl = ProxyUrls.Latest(step.BaseUrl, step.ModulePath, out var urlError);
        if (latestUrl is null)
        {
            return new Choice(null, StepOutcome.Failure(urlError!, false));
        }

        var latest = await run.GetAsync(latestUrl, ProxyEndpoint.Latest, progress, cancellationToken);
        if (latest.IsSuccess)
        {
            if (!InfoJson.TryParse(latest.Body ?? [], out var version, out _, out var jsonError))
            {
                return new Choice(null, StepOutcome.Failure($"invalid response from proxy {GoQuote.Quote(step.Entry.Display)}: {jsonError}", false,
                    latest with { Kind = FailureKind.InvalidResponse }));
            }

            return allowed(version) ? new Choice(version, null) : new Choice(null, null);
        }

        if (!latest.IsNotFound)
        {
            return new Choice(null, StepOutcome.FromFetch(latest));
        }

        var newest = lines
            .Select(l => (l.Version, Time: l.Time ?? (PseudoVersion.IsPseudoVersion(l.Version) && PseudoVersion.TryGetTime(l.Version, out var t, out _) ? new DateTimeOffset(t, TimeSpan.Zero) : (DateTimeOffset?)null)))
            .Where(x => x.Time is not null && allowed(x.Version))
            .OrderBy(x => x.Time)
            .LastOrDefault();
        return new Choice(newest.Version, null);
    }

    /// <summary>go's versionHasGoMod: anything but the synthesized <c>module &lt;path&gt;\n</c> is a real go.mod.</summary>
    internal static bool HasGoMod(string path, byte[]? body) =>
        body is not null && !body.AsSpan().SequenceEqual(Encoding.UTF8.GetBytes("module " + ModQuoting.AutoQuote(path) + "\n"));

    internal static List<ListLine> ParseList(byte[] body)
    {
        var lines = new List<ListLine>();
        foreach (var line in Encoding.UTF8.GetString(body).Split('\n'))
        {
            var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0 || !Semver.IsValid(fields[0]))
            {
                continue;
            }

            DateTimeOffset? time = fields.Length > 1 && DateTimeOffset.TryParse(fields[1], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var t) ? t : null;
            lines.Add(new ListLine(fields[0], time));
        }

        return lines;
    }

    private StepOutcome CheckInfo(ProxyStep step, string requested, FetchResult fetch)
    {
        if (!InfoJson.TryParse(fetch.Body ?? [], out var version, out _, out var jsonError))
        {
            var message = $"invalid response from proxy {GoQuote.Quote(step.Entry.Display)}: {jsonError}";
            return StepOutcome.Failure(message, false, fetch with { Kind = FailureKind.InvalidResponse, GoError = message });
        }

        // Only a canonical, path-valid request must come back unchanged; branches and short forms map to other versions.
        if (ModulePath.CanonicalVersion(requested) == requested && ModulePath.Check(step.ModulePath, requested) is null && version != requested)
        {
            var message = $"proxy returned info for version {version} instead of requested version";
            return StepOutcome.Failure(message, false, fetch with { Kind = FailureKind.InvalidResponse, GoError = message });
        }

        return StepOutcome.Success(fetch);
    }

    private async ValueTask<(FetchResult? Result, StepOutcome? Outcome)> FetchVersionedAsync(ProxyStep step, string version, ProxyEndpoint endpoint, CancellationToken cancellationToken)
    {
        if (ModulePath.TryEscapePath(step.ModulePath, out var escPath, out _) && ModulePath.TryEscapeVersion(version, out var escVersion, out _)
            && await run.ReadModuleCacheAsync(escPath, escVersion, endpoint, cancellationToken) is { } cached)
        {
            return (cached, null);
        }

        var url = endpoint == ProxyEndpoint.Info
            ? ProxyUrls.Info(step.BaseUrl, step.ModulePath, version, out var error)
            : ProxyUrls.Mod(step.BaseUrl, step.ModulePath, version, out error);
        if (url is null)
        {
            return (null, StepOutcome.Failure(error!, false));
        }

        var fetch = await run.GetAsync(url, endpoint, progress, cancellationToken);
        return fetch.IsSuccess ? (fetch, null) : (fetch, StepOutcome.FromFetch(fetch));
    }

    private sealed record Choice(string? Version, StepOutcome? Failure);
}

/// <summary>One line of <c>@v/list</c>: a version and the optional timestamp field.</summary>
internal sealed record ListLine(string Version, DateTimeOffset? Time);

/// <summary>The result of the latest query against one entry.</summary>
/// <param name="Latest">@latest with exclusions and retractions applied (null: no matching versions).</param>
/// <param name="RawLatest">@latest ignoring exclusions and retractions (whose go.mod was read).</param>
/// <param name="LoadError">go's advisory error when that go.mod could not be loaded.</param>
internal sealed record LatestComputation(
    string? Latest,
    string? PreRelease,
    IReadOnlyList<string> Versions,
    IReadOnlyList<RetractStmt> Retractions,
    string? Deprecated,
    string? RawLatest,
    string? LoadError);
