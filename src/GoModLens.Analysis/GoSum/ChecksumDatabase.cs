using GoModLens.Analysis.Ports;
using GoModLens.Analysis.ProxyConfig;
using GoModLens.ModFile.Module;

namespace GoModLens.Analysis.GoSum;

/// <summary>
/// Whether go can reach the checksum database (GOSUMDB) from here, asked the way go asks it the first time a module
/// without a go.sum line must be verified (goproxy-spec §5.6, cmd/go modfetch/sumdb.go): the database's own URL when
/// GOSUMDB names one; else the first GOPROXY entry that answers <c>&lt;proxy&gt;/sumdb/&lt;name&gt;/supported</c>, walked
/// like any module (a hard error on a <c>,</c> entry ends the walk and every lookup fails with it); else
/// <c>https://&lt;name&gt;</c>. Then <c>/lookup/&lt;module&gt;@&lt;version&gt;</c>, verified as go verifies it (the signed tree
/// head, the record's proof through the log's tiles: <see cref="ChecksumDatabaseClient"/>), and the record compared
/// with the go.mod go downloads.
/// </summary>
public static class ChecksumDatabase
{
    /// <summary>
    /// The database's verified records of public modules whose <c>/go.mod</c> line differs from what go downloads and
    /// that <paramref name="known"/> has no record of (go.sum has no module line for them, so none was read): with the
    /// record, the line can take its hash (GML1508's fix). One lookup per such module; none when nothing differs.
    /// </summary>
    public static async Task<IReadOnlyList<ModuleZipHash>> RecordsForGoModMismatchesAsync(Resolution.IRequirementResolver resolver, GoSumSet sums,
        IReadOnlyDictionary<ModuleVersionKey, byte[]> fetchedGoMods, IReadOnlyCollection<ModuleZipHash> known, Resolution.ResolveOptions options,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        ArgumentNullException.ThrowIfNull(fetchedGoMods);
        var wanted = GoSumChecker.GoModMismatchKeys(sums, fetchedGoMods).Where(k => !known.Any(z => z.Module == k && z.FromChecksumDatabase)).ToList();
        var records = await Task.WhenAll(wanted.Select(k => resolver.RecordedZipHashAsync(k, options, cancellationToken))).ConfigureAwait(false);
        return [.. records.OfType<ModuleZipHash>()];
    }

    /// <summary>
    /// The requires go must verify with the database before it trusts them: no "/go.mod" line in any of the sum files
    /// go reads (the go.sum; in workspace mode also go.work.sum and the other modules' go.sum files; none at all when
    /// null), and the database applies to the path (GOSUMDB not off, not GONOSUMDB/GOPRIVATE).
    /// </summary>
    public static IReadOnlyList<GoModSumRequirement> Unverified(ModFile.Semantics.GoModFile goMod, GoSumSet? sums, ProxySettings settings) =>
        [.. GoSumChecker.RequiredGoModSums(goMod).Where(r => (sums is null || !sums.Files.Any(f => GoSumChecker.HasGoModEntry(f, r.Target)))
            && ProxyRouting.For(r.Target.Path, settings).UsesChecksumDb)];

    /// <summary>
    /// GML3015 and GML3017 for a go.mod: the resolved requires go must still verify, each looked up as go looks it up
    /// (the first one first: when the database cannot be reached, every such require is marked with that failure), and
    /// the go.mod the proxy serves compared with the database's record, as go's checkSumDB does. No request when go.sum
    /// covers them all (in workspace mode, with go.work.sum and the other modules' go.sum files), offline, or with
    /// GOSUMDB=off.
    /// </summary>
    public static async Task<(IReadOnlyList<Findings.Finding> Findings, int Requests)> CheckAsync(Resolution.IRequirementResolver resolver,
        ModFile.Semantics.GoModFile goMod, GoSumSet? sums, IEnumerable<Resolution.RequirementReport> reports,
        Resolution.ResolveOptions options, string fileName, CancellationToken cancellationToken)
    {
        // Builds from vendor/ verify nothing: neither go.sum nor the database is consulted.
        if (options.Offline || options.Vendor is not null || options.Settings.GoSumDb == "off")
        {
            return ([], 0); // nothing to ask
        }

        // Through a proxy or from its repository (GOPROXY=direct, or past every proxy): go verifies either the same way.
        var resolved = reports.Where(r => r.Require is not null && (r.Status == Resolution.RequirementStatus.Resolved
                || r.Direct?.Vcs is { Outcome: Direct.DirectOutcome.Found }))
            .GroupBy(r => r.Require!).ToDictionary(g => g.Key, g => g.First());
        var unverified = Unverified(goMod, sums, options.Settings).Where(u => resolved.ContainsKey(u.Require)).ToList();
        if (unverified.Count == 0 || resolver.OpenChecksumDatabase(options) is not { } opened)
        {
            return ([], 0);
        }

        if (opened.Client is not { } client)
        {
            var invalid = ChecksumDatabaseProbe.Refused(options.Settings.GoSumDb, opened.Error!);

            // What the value most likely meant, offered only when that database answers for this module now.
            Findings.SuggestedFix? respelled = null;
            var asked = 0;
            if (Respelled(options.Settings.GoSumDb, options.ChecksumDatabaseKeys) is { } candidate)
            {
                var probe = await resolver.ProbeChecksumDatabaseAsync(unverified[0].Target.Path, unverified[0].Target.Version,
                    options with { Settings = options.Settings with { GoSumDb = candidate } }, cancellationToken).ConfigureAwait(false);
                asked = probe?.Requests ?? 0;
                respelled = probe is { Reachable: true } ? new Findings.SetGoSumDb(candidate, probe.Result?.Elapsed ?? TimeSpan.Zero) : null;
            }

            return ([.. Findings.FindingsBuilder.FromChecksumDatabase(invalid, unverified, fileName, options.Settings.GoNoSumDb, respelled)], asked);
        }

        // The first lookup tells whether the database answers at all; the others follow it, a few at a time.
        var requestsBefore = client.Requests;
        var first = await ProbeAsync(client, unverified[0].Target, cancellationToken).ConfigureAwait(false);
        if (!first.Reachable && !first.IsNotFound)
        {
            var alternative = await AlternativeAsync(resolver, first, unverified[0].Target, options, cancellationToken).ConfigureAwait(false);
            return ([.. Findings.FindingsBuilder.FromChecksumDatabase(first, unverified, fileName, options.Settings.GoNoSumDb, alternative.Fix)],
                client.Requests - requestsBefore + alternative.Requests);
        }

        var probes = new ChecksumDatabaseProbe[unverified.Count];
        probes[0] = first;
        await Parallel.ForEachAsync(Enumerable.Range(1, unverified.Count - 1),
            new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (i, ct) => probes[i] = await ProbeAsync(client, unverified[i].Target, ct).ConfigureAwait(false)).ConfigureAwait(false);

        var findings = new List<Findings.Finding>();
        for (var i = 0; i < unverified.Count; i++)
        {
            var need = unverified[i];
            if (!probes[i].Reachable)
            {
                findings.AddRange(Findings.FindingsBuilder.FromChecksumDatabase(probes[i], [need], fileName, options.Settings.GoNoSumDb));
            }
            else if (resolved[need.Require].GoMod is { } served
                && Compare(probes[i], need.Target, ModFile.GoSum.DirHash.HashGoMod(served)) is { } goMessage)
            {
                findings.Add(Findings.FindingsBuilder.ChecksumDatabaseDisagrees(probes[i], need, goMessage, fileName));
            }
        }

        return (findings, client.Requests - requestsBefore);
    }

    /// <summary>
    /// What a GOSUMDB go refuses most likely meant, spelled as go accepts it: a URL or host path of a known database
    /// (<c>https://goproxy.cn/sumdb/sum.golang.org</c> → <c>sum.golang.org https://goproxy.cn/sumdb/sum.golang.org</c>),
    /// a known name written as a URL (<c>https://sum.golang.google.cn/</c> → <c>sum.golang.google.cn</c>), or
    /// <c>url name</c> the wrong way round. Null when nothing fits.
    /// </summary>
    public static string? Respelled(string gosumdb, IReadOnlyDictionary<string, string>? extraKeys = null)
    {
        bool Known(string name) => name == "sum.golang.google.cn" || ChecksumDatabaseClient.KnownKeys.ContainsKey(name) || extraKeys?.ContainsKey(name) == true;
        static Uri? AsUrl(string text) =>
            Uri.TryCreate(text.Contains("://", StringComparison.Ordinal) ? text : "https://" + text, UriKind.Absolute, out var u) && u.Scheme is "https" or "http" ? u : null;

        var fields = gosumdb.Split([' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length == 2 && Known(fields[1]) && AsUrl(fields[0]) is { } swapped)
        {
            return fields[1] + " " + swapped.AbsoluteUri.TrimEnd('/');
        }

        if (fields.Length != 1 || AsUrl(fields[0].TrimEnd('/')) is not { } url)
        {
            return null;
        }

        var path = url.AbsolutePath.TrimEnd('/');
        if (path.Length == 0 && Known(url.Host))
        {
            return url.Host;
        }

        var sumdb = path.LastIndexOf("/sumdb/", StringComparison.Ordinal);
        return sumdb >= 0 && path[(sumdb + "/sumdb/".Length)..] is var name && Known(name) && !name.Contains('/')
            ? (name == "sum.golang.google.cn" ? "sum.golang.org" : name) + " " + url.AbsoluteUri.TrimEnd('/')
            : null;
    }

    /// <summary>
    /// go's checkSumDB for a go.mod: the database's line equal to the downloaded hash accepts it; a different h1 line is a
    /// checksum mismatch; no h1 line for it at all is "checksum missing". Returns go's error, or null when accepted.
    /// </summary>
    public static string? Compare(ChecksumDatabaseProbe probe, ModuleVersionKey module, string downloadedHash)
    {
        var goMod = module.Version + "/go.mod";
        var have = $"{module.Path} {goMod} {downloadedHash}";
        var prefix = $"{module.Path} {goMod} h1:";
        foreach (var line in probe.Lines)
        {
            if (line == have)
            {
                return null;
            }

            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                return $"{module.Path}@{module.Version}: verifying go.mod: checksum mismatch\n\tdownloaded: {downloadedHash}\n\t{probe.Name}: {line[(prefix.Length - 3)..]}"
                    + SumDbMismatch;
            }
        }

        return $"{module.Path}@{module.Version}: verifying go.mod: checksum missing from sumdb response" + SumDbAbsent;
    }

    /// <summary>cmd/go's sumdbMismatch text.</summary>
    public const string SumDbMismatch = "\n\nSECURITY ERROR\nThis download does NOT match the one reported by the checksum server.\n"
        + "The bits may have been replaced on the origin server, or an attacker may\nhave intercepted the download attempt.\n\n"
        + "For more information, see 'go help module-auth'.\n";

    /// <summary>cmd/go's sumdbAbsent text.</summary>
    public const string SumDbAbsent = "\n\nSECURITY ERROR\nThis download does NOT match one reported by the checksum server.\n"
        + "The checksum server has provided checksums, but the checksums do\nnot contain an entry for the download.\n"
        + "The checksum server may be malfunctioning, or an attacker may have\nintercepted the checksum request.\n"
        + "The download cannot be verified.\n\nFor more information, see 'go help module-auth'.\n";

    /// <summary>Looks <paramref name="modulePath"/>@<paramref name="version"/>'s go.mod up as go would, with a client of its own.</summary>
    /// <param name="budget">How long the lookup may take (<see cref="ChecksumDatabaseClient.Budget"/>); null: no deadline of ours.</param>
    public static async Task<ChecksumDatabaseProbe?> ProbeAsync(ProxySettings settings, string modulePath, string version, IProxyTransport transport,
        CancellationToken cancellationToken, IModuleCache? goFiles = null, IReadOnlyDictionary<string, string>? extraKeys = null, TimeSpan? budget = null)
    {
        if (ChecksumDatabaseClient.Create(settings, transport, goFiles, extraKeys, budget: budget) is not { } opened)
        {
            return null;
        }

        return opened.Client is null
            ? ChecksumDatabaseProbe.Refused(settings.GoSumDb, opened.Error!)
            : await ProbeAsync(opened.Client, new ModuleVersionKey(modulePath, version), cancellationToken).ConfigureAwait(false);
    }

    private static async Task<ChecksumDatabaseProbe> ProbeAsync(ChecksumDatabaseClient client, ModuleVersionKey module, CancellationToken cancellationToken)
    {
        var requestsBefore = client.Requests;
        var lookup = await client.LookupAsync(module.Path, module.Version + "/go.mod", cancellationToken).ConfigureAwait(false);
        var database = client.Base;
        return new ChecksumDatabaseProbe(client.Name, database?.Url, database?.Via ?? "go's module cache", lookup.Fetched, lookup.Trace, client.Requests - requestsBefore)
        {
            Error = lookup.Error is null ? null : $"{module.Path}@{module.Version}/go.mod: {lookup.Error}",
            Lines = lookup.Lines,
            Key = client.Key,
        };
    }

    /// <summary>sum.golang.org served elsewhere (sum.golang.google.cn): offered only when it answers for this module now.</summary>
    private static async Task<(Findings.SuggestedFix? Fix, int Requests)> AlternativeAsync(Resolution.IRequirementResolver resolver, ChecksumDatabaseProbe failed,
        ModuleVersionKey module, Resolution.ResolveOptions options, CancellationToken cancellationToken)
    {
        if (failed.Name != "sum.golang.org" || options.ChecksumDatabaseMirror is not { } mirror || failed.BaseUrl?.StartsWith(mirror, StringComparison.Ordinal) == true)
        {
            return (null, 0);
        }

        // The same key, another URL (a GOSUMDB that spelled the key out keeps it).
        var keyWord = ChecksumDatabaseClient.KnownKeys.Values.Contains(failed.Key) ? "sum.golang.org" : failed.Key;
        var value = mirror == "https://sum.golang.google.cn" && keyWord == "sum.golang.org" ? "sum.golang.google.cn" : keyWord + " " + mirror;
        var other = await resolver.ProbeChecksumDatabaseAsync(module.Path, module.Version, options with { Settings = options.Settings with { GoSumDb = value } },
            cancellationToken).ConfigureAwait(false);
        return other is { Reachable: true } ? (new Findings.SetGoSumDb(value, other.Result?.Elapsed ?? TimeSpan.Zero), other.Requests) : (null, other?.Requests ?? 0);
    }
}

/// <summary>What one checksum-database lookup met.</summary>
/// <param name="Name">The database name (e.g. sum.golang.org).</param>
/// <param name="BaseUrl">Where go sends lookups; null when the walk for it failed, or go's module cache answered.</param>
/// <param name="Via">How the base was found: <c>GOSUMDB</c>, the GOPROXY entry that proxies it, <c>direct</c>, go's module
/// cache, or the failed URL.</param>
/// <param name="Result">The failed request, or the lookup; null when none was sent.</param>
/// <param name="Trace">One line per request.</param>
/// <param name="Requests">How many requests it took.</param>
public sealed record ChecksumDatabaseProbe(string Name, string? BaseUrl, string Via, FetchResult? Result, IReadOnlyList<string> Trace, int Requests)
{
    /// <summary>go's error after <c>verifying go.mod: </c>; null when the answer was verified.</summary>
    public string? Error { get; init; }

    /// <summary>GOSUMDB itself is refused (no request sent).</summary>
    public bool IsConfigurationError { get; init; }

    /// <summary>The database's go.sum lines for the module version looked up.</summary>
    public IReadOnlyList<string> Lines { get; init; } = [];

    /// <summary>The GOSUMDB key used (go's known key for a bare name).</summary>
    public string Key { get; init; } = "";

    public bool Reachable => Error is null;

    /// <summary>A GOSUMDB go refuses before any request (named by what it says, up to the key).</summary>
    public static ChecksumDatabaseProbe Refused(string gosumdb, string error) =>
        new(gosumdb.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Split('+')[0] ?? "", null, "GOSUMDB", null, [], 0)
        {
            Error = error,
            IsConfigurationError = true,
        };

    /// <summary>The database answered that it has no such module (a private module not in GONOSUMDB).</summary>
    public bool IsNotFound => Result is { IsNotFound: true } && BaseUrl is not null;

    /// <summary>
    /// The failure, classified: the failed request's kind; a verification failure of an answer that did arrive is an
    /// invalid response; a refused GOSUMDB a configuration error.
    /// </summary>
    public FailureKind Kind => IsConfigurationError ? FailureKind.ConfigurationError
        : Result is { IsSuccess: false } failed ? failed.Kind
        : Error is null ? FailureKind.None : FailureKind.InvalidResponse;

    /// <summary>go's message for a module whose go.mod it could not verify: <c>m@v: verifying go.mod: …</c>.</summary>
    public string GoMessage(string modulePath, string version) => $"{modulePath}@{version}: verifying go.mod: {Error}";
}
