using GoModLens.Analysis.Ports;
using GoModLens.Analysis.ProxyConfig;
using GoModLens.ModFile.Module;

namespace GoModLens.Analysis.GoSum;

/// <summary>
/// Whether go can reach the checksum database (GOSUMDB) from here, asked the way go asks it the first time a module
/// without a go.sum line must be verified (goproxy-spec §5.6, cmd/go modfetch/sumdb.go): the database's own URL when
/// GOSUMDB names one; else the first GOPROXY entry that answers <c>&lt;proxy&gt;/sumdb/&lt;name&gt;/supported</c>, walked
/// like any module (a hard error on a <c>,</c> entry ends the walk and every lookup fails with it); else
/// <c>https://&lt;name&gt;</c>. Then one <c>/lookup/&lt;module&gt;@&lt;version&gt;</c>. The signed tree is not verified: this
/// answers "can go get an answer", which is what fails behind a blocked network.
/// </summary>
public static class ChecksumDatabase
{
    /// <summary>GOSUMDB's database name and explicit URL (null for off or an invalid value, where go stops elsewhere).</summary>
    public static (string Name, string? Url)? Parse(string gosumdb)
    {
        var fields = gosumdb.Split([' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries);
        if (gosumdb == "off" || fields.Length is 0 or > 2)
        {
            return null;
        }

        if (fields.Length == 1 && fields[0] == "sum.golang.google.cn")
        {
            return ("sum.golang.org", "https://sum.golang.google.cn"); // go's alias: the same database, served in China
        }

        var plus = fields[0].IndexOf('+', StringComparison.Ordinal);
        var name = plus < 0 ? fields[0] : fields[0][..plus];
        return (name, fields.Length == 2 ? fields[1].TrimEnd('/') : null);
    }

    /// <summary>
    /// The requires go must verify with the database before it trusts them: no "/go.mod" line in go.sum (or no go.sum),
    /// and the database applies to the path (GOSUMDB not off, not GONOSUMDB/GOPRIVATE).
    /// </summary>
    public static IReadOnlyList<GoModSumRequirement> Unverified(ModFile.Semantics.GoModFile goMod, ModFile.GoSum.GoSumFile? sum, ProxySettings settings) =>
        [.. GoSumChecker.RequiredGoModSums(goMod).Where(r => (sum is null || !GoSumChecker.HasGoModEntry(sum, r.Target))
            && ProxyRouting.For(r.Target.Path, settings).UsesChecksumDb)];

    /// <summary>
    /// GML3015 for a go.mod: the resolved requires go must still verify, and whether the database answers for the first
    /// of them. No request when go.sum covers them all (in workspace mode, with go.work.sum and the other modules'
    /// go.sum files), offline, or with GOSUMDB=off.
    /// </summary>
    public static async Task<(IReadOnlyList<Findings.Finding> Findings, int Requests)> CheckAsync(Resolution.IRequirementResolver resolver,
        ModFile.Semantics.GoModFile goMod, ModFile.GoSum.GoSumFile? sum, IEnumerable<Resolution.RequirementReport> reports,
        Resolution.ResolveOptions options, string fileName, CancellationToken cancellationToken)
    {
        // Builds from vendor/ verify nothing: neither go.sum nor the database is consulted.
        if (options.Offline || options.Vendor is not null || Parse(options.Settings.GoSumDb) is null)
        {
            return ([], 0); // nothing to ask, and no need to read the workspace's sums
        }

        if (options.IsWorkspaceModule)
        {
            sum = options.Workspace!.Sums(sum);
        }

        var resolved = reports.Where(r => r.Status == Resolution.RequirementStatus.Resolved).Select(r => r.Require).ToHashSet();
        var unverified = Unverified(goMod, sum, options.Settings).Where(u => resolved.Contains(u.Require)).ToList();
        if (unverified.Count == 0
            || await resolver.ProbeChecksumDatabaseAsync(unverified[0].Target.Path, unverified[0].Target.Version, options, cancellationToken)
                .ConfigureAwait(false) is not { } probe)
        {
            return ([], 0);
        }

        var requests = probe.Requests;
        Findings.SuggestedFix? alternative = null;
        if (!probe.Reachable && probe.Name == "sum.golang.org" && options.ChecksumDatabaseMirror is { } mirror
            && probe.BaseUrl?.StartsWith(mirror, StringComparison.Ordinal) != true && !probe.Result.IsNotFound)
        {
            // The same database served elsewhere: offered only when it answers for this module now.
            var other = await resolver.ProbeChecksumDatabaseAsync(unverified[0].Target.Path, unverified[0].Target.Version,
                options with { Settings = options.Settings with { GoSumDb = "sum.golang.org " + mirror } }, cancellationToken).ConfigureAwait(false);
            requests += other?.Requests ?? 0;
            if (other is { Reachable: true })
            {
                alternative = new Findings.SetGoSumDb(mirror == "https://sum.golang.google.cn" ? "sum.golang.google.cn" : "sum.golang.org " + mirror, other.Result.Elapsed);
            }
        }

        return ([.. Findings.FindingsBuilder.FromChecksumDatabase(probe, unverified, fileName, options.Settings.GoNoSumDb, alternative)], requests);
    }

    /// <summary>Finds the database's base URL and looks <paramref name="modulePath"/>@<paramref name="version"/> up.</summary>
    public static async Task<ChecksumDatabaseProbe?> ProbeAsync(ProxySettings settings, string modulePath, string version, IProxyTransport transport,
        CancellationToken cancellationToken)
    {
        if (Parse(settings.GoSumDb) is not { } db || !ModulePath.TryEscapePath(modulePath, out var escPath, out _)
            || !ModulePath.TryEscapeVersion(version, out var escVersion, out _))
        {
            return null;
        }

        var trace = new List<string>();
        var requests = 0;
        string? baseUrl = db.Url;
        var via = baseUrl is null ? null : "GOSUMDB";
        if (baseUrl is null)
        {
            var list = ProxyList.Parse(settings.GoProxy, "", settings.WindowsPaths);
            if (!list.IsValid)
            {
                return null; // the GOPROXY error is reported on its own
            }

            // TryProxies' ranking: an error from direct (or off) always wins, a proxy's hard error beats a not-found.
            FetchResult? hardError = null;
            var directWon = false;
            foreach (var entry in list.Entries)
            {
                if (entry.Kind != ProxyEntryKind.Proxy)
                {
                    trace.Add($"{entry.Display}: go asks the database directly");
                    (directWon, hardError) = (true, null);
                    continue;
                }

                var url = entry.Text.TrimEnd('/') + "/sumdb/" + db.Name;
                requests++;
                var supported = await transport.GetAsync(new ProxyRequest(new Uri(url + "/supported"), ProxyEndpoint.List), cancellationToken)
                    .ConfigureAwait(false);
                trace.Add(supported.IsSuccess ? $"{supported.RedactedUrl}: supported" : supported.GoError ?? supported.RedactedUrl + ": " + supported.Kind);
                if (supported.IsSuccess)
                {
                    (baseUrl, via) = (url, entry.Display);
                    break;
                }

                if (!supported.IsNotFound && !directWon)
                {
                    hardError = supported;
                }

                if (!entry.FallBackOnError && !supported.IsNotFound)
                {
                    break;
                }
            }

            if (baseUrl is null && hardError is not null)
            {
                // Every lookup fails with the proxy's error: go does not fall back to the database's own host.
                return new ChecksumDatabaseProbe(db.Name, null, hardError.RedactedUrl, hardError, trace, requests);
            }

            if (baseUrl is null)
            {
                baseUrl = "https://" + db.Name;
                via = "direct";
            }
        }

        var lookup = await transport.GetAsync(new ProxyRequest(new Uri(baseUrl + "/lookup/" + escPath + "@" + escVersion), ProxyEndpoint.Info), cancellationToken)
            .ConfigureAwait(false);
        trace.Add(lookup.IsSuccess ? $"{lookup.RedactedUrl}: answered" : lookup.GoError ?? lookup.RedactedUrl + ": " + lookup.Kind);
        return new ChecksumDatabaseProbe(db.Name, baseUrl, via!, lookup, trace, requests + 1);
    }
}

/// <summary>What one checksum-database lookup met.</summary>
/// <param name="Name">The database name (e.g. sum.golang.org).</param>
/// <param name="BaseUrl">Where go sends lookups; null when the walk for it failed.</param>
/// <param name="Via">How the base was found: <c>GOSUMDB</c>, the GOPROXY entry that proxies it, <c>direct</c>, or the failed URL.</param>
/// <param name="Result">The failed <c>/supported</c> request, or the lookup.</param>
/// <param name="Trace">One line per request.</param>
/// <param name="Requests">How many requests it took.</param>
public sealed record ChecksumDatabaseProbe(string Name, string? BaseUrl, string Via, FetchResult Result, IReadOnlyList<string> Trace, int Requests)
{
    public bool Reachable => BaseUrl is not null && Result.IsSuccess;

    /// <summary>go's message for a module whose go.mod it could not verify: <c>m@v: verifying go.mod: m@v/go.mod: &lt;error&gt;</c>.</summary>
    public string GoMessage(string modulePath, string version) =>
        $"{modulePath}@{version}: verifying go.mod: {modulePath}@{version}/go.mod: {Result.GoError}";
}
