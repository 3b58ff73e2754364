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
    /// go's queryProxy against this entry (§4.5): <c>@v/list</c>, the version <paramref name="allowed"/> picks, and
    /// that version's <c>.info</c> from this same entry. Without <paramref name="current"/> it is the "latest" query
    /// (the optional <c>@latest</c> endpoint, then the newest pseudo-version, when the list has no tagged candidate);
    /// nothing at all is <see cref="NoMatchingVersions"/>, which go's walk treats as a hard error and go list -m -u then
    /// ignores. With <paramref name="current"/> it is the "upgrade" query: only versions at or above current count, before
    /// go's +incompatible rule looks at them (so a retracted current can step up to a +incompatible major, and a
    /// pre-release current to a newer pre-release); <c>@latest</c> only for a pseudo-version current, which it never
    /// leaves for a version published before that commit; otherwise it stays on current. The pick also carries
    /// <c>@latest</c> with the same predicate and no floor (for display). A failure is this entry's, framed as go frames
    /// it (<c>module P: …</c> for the list, <c>P@V: …</c> for a version).
    /// </summary>
    public async ValueTask<(StepOutcome Outcome, LatestPick? Pick)> QueryLatestAsync(
        ProxyStep step, Func<string, bool> allowed, string? current, CancellationToken cancellationToken)
    {
        var listUrl = ProxyUrls.List(step.BaseUrl, step.ModulePath, out var urlError);
        if (listUrl is null)
        {
            return (StepOutcome.Failure(urlError!, false), null);
        }

        var list = await run.GetAsync(listUrl, ProxyEndpoint.List, progress, cancellationToken);
        if (!list.IsSuccess)
        {
            return (Framed(StepOutcome.FromFetch(list), null), null);
        }

        var lines = ParseList(list.Body ?? []);
        var tagged = Tagged(lines);
        var preferIncompatible = current?.EndsWith("+incompatible", StringComparison.Ordinal) == true;
        var choice = current is null
            ? await ChooseAsync(step, tagged, lines, allowed, preferIncompatible, mayUseLatest: true, cancellationToken)
            : await ChooseAsync(step, tagged, lines, v => allowed(v) && Semver.Compare(v, current) >= 0, preferIncompatible,
                mayUseLatest: PseudoVersion.IsPseudoVersion(current), cancellationToken);
        if (choice.Failure is { } failure)
        {
            return (failure, null);
        }

        // "upgrade" stays on the current version when nothing above it is allowed. go then stats current too; that is
        // the very request resolving the required version makes, whose failure is reported there, so it is left out.
        var stat = choice.Version is { } v && (current is null || Semver.Compare(v, current) > 0) ? v : null;
        if (stat is null && current is null)
        {
            return (StepOutcome.Failure(NoMatchingVersions, false), null);
        }

        if (stat is not null)
        {
            var info = await StatAsync(step, stat, cancellationToken);
            if (!info.Succeeded)
            {
                return (Framed(info, stat), null);
            }

            // From a pseudo-version (an untagged commit), "upgrade" never moves to a version published before it.
            if (current is not null && PseudoVersion.IsPseudoVersion(current) && PseudoVersion.TryGetTime(current, out var committed, out _)
                && InfoJson.TryParse(info.Fetch?.Body ?? [], out _, out var published, out _)
                && published is { } time && time != default && time < new DateTimeOffset(committed, TimeSpan.Zero))
            {
                stat = null;
            }
        }

        var latest = choice.Version;
        if (current is not null)
        {
            // Display only: what go list -m M@latest would say, with the same exclusions and retractions.
            var display = await ChooseAsync(step, tagged, lines, allowed, preferIncompatible, mayUseLatest: true, cancellationToken);
            latest = display.Failure is null ? display.Version : null;
        }

        return (StepOutcome.Success(list), new LatestPick(latest, stat, tagged));

        StepOutcome Framed(StepOutcome outcome, string? version) =>
            outcome with { Error = (version is null ? $"module {step.ModulePath}: " : $"{step.ModulePath}@{version}: ") + outcome.Error };
    }

    /// <summary>
    /// go's queryProxy for a version query of the fixer against this entry: a stat for a revision or complete version
    /// (then its canonical form, when the written one has build metadata and is not found), else <c>@v/list</c>, the
    /// version the query picks, and that version's <c>.info</c> from this same entry. The successful outcome's fetch is
    /// the <c>.info</c>. Failures are the inner texts; <see cref="RequirementResolver.ResolveQueryAsync"/> frames them.
    /// </summary>
    public async ValueTask<StepOutcome> QueryAsync(ProxyStep step, VersionQuery query, CancellationToken cancellationToken)
    {
        if (query.IsStat)
        {
            var stat = await StatAsync(step, query.Text, cancellationToken);
            var canonical = ModulePath.CanonicalVersion(query.Text);
            if (!stat.Succeeded && canonical.Length > 0 && canonical != query.Text)
            {
                var again = await StatAsync(step, canonical, cancellationToken);
                if (again.Succeeded || !again.IsNotFound)
                {
                    return again;
                }
            }

            return stat;
        }

        var listUrl = ProxyUrls.List(step.BaseUrl, step.ModulePath, out var urlError);
        if (listUrl is null)
        {
            return StepOutcome.Failure(urlError!, false);
        }

        var list = await run.GetAsync(listUrl, ProxyEndpoint.List, progress, cancellationToken);
        if (!list.IsSuccess)
        {
            return StepOutcome.FromFetch(list);
        }

        var lines = ParseList(list.Body ?? []);
        var choice = await ChooseAsync(step, Tagged(lines), lines, query.Allows, query.PreferIncompatible, query.MayUseLatest, cancellationToken, query.PreferLower);
        if (choice.Failure is { } failure)
        {
            return failure;
        }

        if (choice.Version is not { } picked)
        {
            return StepOutcome.Failure(query.NoMatchingVersions, false);
        }

        return await StatAsync(step, picked, cancellationToken);
    }

    /// <summary>What a walk reports when every entry tried had no version for the query (go's NoMatchingVersionError).</summary>
    internal const string NoMatchingVersions = "no matching versions for query \"latest\"";

    /// <summary>
    /// The text of go's <c>errors.AsType[*module.ModuleError](err)</c> then <c>.Err</c> on a <see cref="QueryLatestAsync"/>
    /// error: the outer <c>module P: </c> or <c>P@V: </c> taken off (CheckRetractions reports the inner error).
    /// </summary>
    internal static string WithoutModuleFrame(string error, string path)
    {
        if (error.StartsWith("module " + path + ": ", StringComparison.Ordinal))
        {
            return error[("module " + path + ": ").Length..];
        }

        if (error.StartsWith(path + "@", StringComparison.Ordinal) && error.IndexOf(": ", path.Length, StringComparison.Ordinal) is var colon and > 0)
        {
            return error[(colon + 2)..];
        }

        return error;
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
    /// Starts <c>@v/list</c> and, once it arrives, the <c>.info</c> and go.mod of the raw latest version (the one go
    /// reads retractions and deprecation from) — when that version follows from the list alone. Never fails.
    /// </summary>
    public async Task PrefetchLatestAsync(ProxyStep step, CancellationToken cancellationToken)
    {
        try
        {
            if (ProxyUrls.List(step.BaseUrl, step.ModulePath, out _) is not { } listUrl)
            {
                return;
            }

            var list = await run.Start(listUrl, ProxyEndpoint.List).WaitAsync(cancellationToken);
            if (list.IsSuccess && RawLatestFromList(ParseList(list.Body ?? [])) is { } rawLatest)
            {
                await Task.WhenAll(
                    PrefetchVersionedAsync(step, rawLatest, ProxyEndpoint.Info, cancellationToken),
                    PrefetchVersionedAsync(step, rawLatest, ProxyEndpoint.Mod, cancellationToken));
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>
    /// The version <see cref="ChooseAsync"/> picks for go's "latest" query (no current version, everything allowed)
    /// when it needs no request to decide (no <c>+incompatible</c> question, a tagged candidate exists); otherwise null.
    /// </summary>
    internal static string? RawLatestFromList(List<ListLine> lines)
    {
        var tagged = Tagged(lines);

        // ChooseAsync reads a go.mod only for a +incompatible version above a compatible one; below that, or with no
        // compatible version at all, the +incompatible versions simply count.
        string? release = null, preRelease = null, lastCompatible = null;
        foreach (var v in tagged)
        {
            if (!v.EndsWith("+incompatible", StringComparison.Ordinal))
            {
                lastCompatible = v;
            }
            else if (lastCompatible is not null)
            {
                return null;
            }

            if (Semver.Prerelease(v).Length == 0)
            {
                release = v;
            }
            else
            {
                preRelease = v;
            }
        }

        return release ?? preRelease;
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
        bool preferIncompatible, bool mayUseLatest, CancellationToken cancellationToken, bool preferLower = false)
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

        var candidates = releases.Count > 0 ? releases : preReleases;
        var pick = candidates.Count == 0 ? null : preferLower ? candidates[0] : candidates[^1];
        if (pick is not null || !mayUseLatest)
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
                return new Choice(null, StepOutcome.Failure($"module {step.ModulePath}: invalid response from proxy {GoQuote.Quote(step.Entry.Display)}: {jsonError}", false,
                    latest with { Kind = FailureKind.InvalidResponse }));
            }

            return allowed(version) ? new Choice(version, null) : new Choice(null, null);
        }

        if (!latest.IsNotFound)
        {
            var failed = StepOutcome.FromFetch(latest);
            return new Choice(null, failed with { Error = $"module {step.ModulePath}: {failed.Error}" });
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

    /// <summary>The list's tagged versions (pseudo-versions are left out, as proxyRepo.Versions does), in semver order.</summary>
    private static List<string> Tagged(List<ListLine> lines)
    {
        var tagged = lines.Select(l => l.Version).Where(v => !PseudoVersion.IsPseudoVersion(v)).Distinct(StringComparer.Ordinal).ToList();
        Semver.Sort(tagged);
        return tagged;
    }

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

/// <summary>What <see cref="ProxyQueries.QueryLatestAsync"/> found on the entry that answered.</summary>
/// <param name="Latest">The "latest" query's version (null: no matching versions).</param>
/// <param name="Upgrade">The "upgrade" query's version when above current (null: it stays on current).</param>
/// <param name="Tagged">The list's tagged versions, in semver order.</param>
internal sealed record LatestPick(string? Latest, string? Upgrade, IReadOnlyList<string> Tagged);
