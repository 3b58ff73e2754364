using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using GoModLens.Analysis.Ports;
using GoModLens.Analysis.ProxyConfig;
using GoModLens.Analysis.Reports;
using GoModLens.Analysis.Resolution;
using GoModLens.ModFile.Text;

namespace GoModLens.Analysis.Direct;

/// <summary>
/// go's <c>direct</c> path for one module version, up to what the repository's refs tell (cmd/go/internal/vcs and
/// modfetch/codehost): the repository from go's known hosts or the <c>?go-get=1</c> page (with GOINSECURE's fallback
/// to http), GOVCS, then <c>git ls-remote</c> and the version's tag. Every failure is worded as go prints it.
/// Nothing is cloned and the module cache is not touched.
/// </summary>
internal sealed partial class DirectLookup(IProxyTransport transport, IGitRemote? git)
{
    [System.Text.RegularExpressions.GeneratedRegex(@"(?<user>://[^/\s:@]*:)[^@/\s]+@")]
    private static partial System.Text.RegularExpressions.Regex Password();

    /// <param name="isExcluded">With <see cref="ResolveOptions.CheckLatest"/>: the versions the main module's exclude lines leave out.</param>
    public async Task<DirectReport> LookupAsync(ModuleRoute route, string path, string version, ResolveOptions options, CancellationToken cancellationToken,
        Func<string, bool>? isExcluded = null)
    {
        var reason = route.IsPrivate
            ? "the path matches GOPRIVATE/GONOPROXY, so go never asks a proxy and fetches it with VCS"
            : "every proxy before 'direct' said not found, so go continues with VCS and reports the VCS error";
        var metaUrl = "https://" + path + "?go-get=1";
        if (!options.ProbeDirect || options.Offline)
        {
            return new DirectReport(reason, metaUrl, null, null, null);
        }

        var started = Stopwatch.GetTimestamp();
        var at = path + "@" + version;
        var insecure = route.Insecure;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.PerModuleBudget);
        DirectVcsResult Result(DirectOutcome outcome, RepoRoot? repo, string? goError, FailureKind kind, string? note = null) =>
            new(outcome, repo, null, null, goError, kind, Stopwatch.GetElapsedTime(started), note);

        // 1. The repository: go's table of known hosts, else the go-import meta tag.
        string? metaOutcome = null;
        bool? reachable = null;
        GoImportMeta? meta = null;
        var repo = KnownHosts.Match(path, out var hostError);
        if (hostError is not null)
        {
            return new DirectReport(reason, metaUrl, null, null, null)
            {
                Vcs = Result(DirectOutcome.NoRepository, null, $"{at}: unrecognized import path {GoQuote.Quote(path)}: {hostError}", FailureKind.NotFound),
            };
        }

        if (repo is null)
        {
            try
            {
                var page = await FetchMetaAsync(path, insecure, deadline.Token);
                reachable = page.Fetch.StatusCode is not null;
                metaUrl = page.Url;
                if (page.Error is not null)
                {
                    return new DirectReport(reason, metaUrl, page.Error, reachable, null)
                    {
                        Vcs = Result(DirectOutcome.NoRepository, null, $"{at}: {page.Error}", page.Fetch.IsSuccess ? FailureKind.InvalidResponse : page.Fetch.Kind),
                    };
                }

                meta = page.Meta!;
                metaOutcome = $"go-import {meta.Prefix} {meta.Vcs} {Redaction.Url(meta.RepoRoot)}";
                repo = new RepoRoot(meta.Prefix, meta.Vcs, meta.RepoRoot, true);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return new DirectReport(reason, metaUrl, $"no answer from {metaUrl} within {Seconds(options.PerModuleBudget)}", false, null)
                {
                    Vcs = Result(DirectOutcome.Failed, null, null, FailureKind.FirstByteTimeout, $"no answer from {metaUrl} within GoModLens's {Seconds(options.PerModuleBudget)} budget (go would keep waiting)"),
                };
            }
        }

        DirectReport Report(DirectVcsResult vcs) => new(reason, metaUrl, metaOutcome, reachable ?? (vcs.Outcome is DirectOutcome.Found or DirectOutcome.UnknownRevision or DirectOutcome.InvalidVersion ? true : null), meta) { Vcs = vcs };

        // 2. GOVCS, checked on the repository root as go does.
        var policy = GoVcsPolicy.Parse(options.Settings.GoVcs, options.Settings.GoPrivate, out var govcsError);
        if (govcsError is not null)
        {
            return Report(Result(DirectOutcome.Disallowed, repo, "GOVCS: " + govcsError, FailureKind.ConfigurationError));
        }

        if (policy.Check(repo.Root, repo.Vcs) is { } refusal)
        {
            return Report(Result(DirectOutcome.Disallowed, repo, $"{at}: unrecognized import path {GoQuote.Quote(path)}: {refusal}", FailureKind.Disabled));
        }

        // 3. git ls-remote. Other VCS tools, and URLs go would not hand to git, are described only.
        if (repo.Vcs != "git")
        {
            return Report(Result(DirectOutcome.NotRun, repo, null, FailureKind.None, $"go would use {repo.Vcs}; GoModLens runs only git"));
        }

        if (!Uri.TryCreate(repo.RepoUrl, UriKind.Absolute, out var repoUri) || repoUri.Scheme is not ("https" or "http" or "ssh" or "git+ssh" or "git"))
        {
            return Report(Result(DirectOutcome.NotRun, repo, null, FailureKind.None, $"the repository URL {GoQuote.Quote(Redaction.Url(repo.RepoUrl))} is not one GoModLens hands to git"));
        }

        if (repoUri.Scheme is "http" or "git" && !insecure)
        {
            return Report(Result(DirectOutcome.NotRun, repo, null, FailureKind.None, $"go refuses the insecure repository URL {Redaction.Url(repo.RepoUrl)} unless GOINSECURE matches {path}"));
        }

        if (git is null)
        {
            return Report(Result(DirectOutcome.NotRun, repo, null, FailureKind.None, "running git is not enabled"));
        }

        GitListing listing;
        try
        {
            listing = await git.ListAsync(repo.RepoUrl, deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            listing = new GitListing(null, GitFailure.Timeout, null, "", options.PerModuleBudget);
        }

        if (!listing.Succeeded)
        {
            var (message, kind) = GitFailureMessage(listing, repo.RepoUrl, options.Settings.GoModCache, options.PerModuleBudget);
            return Report(Result(DirectOutcome.Failed, repo, listing.Failure == GitFailure.Timeout ? null : $"{at}: {message}", kind,
                listing.Failure == GitFailure.Timeout ? message : null));
        }

        var tags = RepoTags.For(listing.Refs!, repo.Root, path);
        var compatible = tags.Versions(out var incompatible);
        var code = new CodeRepo(git, repo, path, listing.Refs!);
        try
        {
            // The version and (for go list -m -u) the newest tag in one fetch; the reads below find them done.
            if (options.CheckLatest && RawLatest(compatible) is { } newest
                && (tags.Find(version) is not null || ModFile.Versions.PseudoVersion.IsPseudoVersion(version)))
            {
                await code.PrefetchAsync([version, newest], deadline.Token);
            }

            var vcs = await StatAsync(code, tags, at, version, repo, options, started, deadline.Token);
            if (vcs.Outcome is DirectOutcome.Failed)
            {
                return Report(vcs);
            }

            // go list -m -u: the versions (with go's +incompatible decision) and the latest version's go.mod.
            var versions = compatible;
            if (options.CheckLatest)
            {
                var decided = await code.VersionsAsync(compatible, incompatible, deadline.Token);
                versions = decided ?? compatible;
                vcs = vcs with { UndecidedIncompatibleTags = decided is null ? incompatible.Count : 0 };
                vcs = await WithListUpdatesAsync(vcs, code, path, version, versions, isExcluded ?? (_ => false), s => Describe(s, repo, options).Message, deadline.Token);
            }

            return Report(vcs with { Versions = versions, Head = tags.Head, Elapsed = Stopwatch.GetElapsedTime(started) });
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Report(Result(DirectOutcome.Failed, repo, null, FailureKind.FirstByteTimeout,
                $"git fetch from {repo.RedactedUrl} gave no answer within GoModLens's {Seconds(options.PerModuleBudget)} budget (go would keep waiting)"));
        }
    }

    /// <summary>The version in the repository: its tag or commit, then what go checks in the tree at it.</summary>
    private static async Task<DirectVcsResult> StatAsync(CodeRepo code, RepoTags tags, string at, string version, RepoRoot repo, ResolveOptions options,
        long started, CancellationToken cancellationToken)
    {
        var found = tags.Find(version);
        var isPseudo = ModFile.Versions.PseudoVersion.IsPseudoVersion(version);
        DirectVcsResult Result(DirectOutcome outcome, string? goError, FailureKind kind, string? reference = null, string? commit = null) =>
            new(outcome, repo, reference, commit, goError, kind, Stopwatch.GetElapsedTime(started), null);
        if (found is null && !isPseudo)
        {
            return Result(DirectOutcome.UnknownRevision, $"{at}: invalid version: unknown revision {tags.TagOf(version)}", FailureKind.NotFound);
        }

        var stat = await code.StatAsync(version, cancellationToken);
        if (stat.GitError is { } failed)
        {
            var (message, kind) = Describe(stat, repo, options);
            return failed.Failure == GitFailure.Timeout
                ? Result(DirectOutcome.Failed, null, kind) with { Note = message }
                : Result(DirectOutcome.Failed, $"{at}: {message}", kind);
        }

        if (stat.Error is { } invalid)
        {
            return Result(stat.Missing ? DirectOutcome.UnknownRevision : DirectOutcome.InvalidVersion, $"{at}: {invalid}", FailureKind.NotFound)
                with { Corrected = stat.Corrected };
        }

        return Result(DirectOutcome.Found, null, FailureKind.None, found?.Ref, stat.Commit) with
        {
            Time = stat.Time, GoMod = stat.GoMod, Dir = stat.Dir, ZipError = stat.ZipRefusal is { } refusal ? $"{at}: {refusal}" : null,
        };
    }

    /// <summary>What went wrong reading a version: go's error for it, or go's message for git's failure.</summary>
    private static (string Message, FailureKind Kind) Describe(CodeRepo.Stat stat, RepoRoot repo, ResolveOptions options) =>
        stat.GitError is { } failed
            ? GitFailureMessage(new GitListing(null, failed.Failure, failed.ExitCode, failed.Stderr, failed.Elapsed), repo.RepoUrl,
                options.Settings.GoModCache, options.PerModuleBudget, failed.Command)
            : (stat.Error ?? "", FailureKind.NotFound);

    /// <summary>
    /// go list -m -u for a module go fetches directly (modload addRetraction, addUpdate). CheckRetractions: the "latest"
    /// version with everything allowed (the highest release, else pre-release, else the default branch's head) and
    /// its go.mod's retract lines and deprecation. Then the "upgrade" query with exclusions and those retractions:
    /// the highest allowed release (else pre-release) at or above <paramref name="current"/>; from a pseudo-version
    /// the head when no tag qualifies, and never a version whose commit is older than current's.
    /// </summary>
    private static async Task<DirectVcsResult> WithListUpdatesAsync(DirectVcsResult vcs, CodeRepo code, string path, string current,
        IReadOnlyList<string> versions, Func<string, bool> isExcluded, Func<CodeRepo.Stat, string> describe, CancellationToken cancellationToken)
    {
        (string Version, CodeRepo.Stat Stat)? head = null;
        var headRead = false;
        async Task<(string Version, CodeRepo.Stat Stat)?> HeadAsync()
        {
            if (!headRead)
            {
                head = await code.LatestAsync(cancellationToken);
                headRead = true;
            }

            return head;
        }

        var raw = RawLatest(versions) ?? (await HeadAsync())?.Version;
        if (raw is null)
        {
            return vcs; // no tags and no commits: go's "not found", no error for go list -m -u
        }

        // The "latest" query stats its version before go reads the go.mod: "not found" there is no error to go list -m -u.
        var latestStat = await code.StatAsync(raw, cancellationToken);
        vcs = vcs with { RawLatest = raw };
        if (latestStat.GoMod is { } goMod)
        {
            var parsed = ModFile.Semantics.ModFileParser.Parse("go.mod", goMod, ModFile.Semantics.ParseMode.Lax).Model;
            vcs = vcs with { Retractions = parsed.Retract, Deprecated = parsed.Module?.Deprecated is { Length: > 0 } d ? d : null };
        }
        else if (!latestStat.NotExist)
        {
            // CheckRetractions attributes the error to the required version and drops the latest's module frame.
            vcs = vcs with { LatestError = $"loading module retractions for {path}@{current}: {WithoutModuleFrame(raw, describe(latestStat))}" };
        }

        bool Allowed(string v) => !isExcluded(v) && !Resolution.ProxyQueries.IsRetracted(vcs.Retractions, v, out _);

        // The highest allowed release, else pre-release, of those kept; where go may use Latest, else the head.
        async Task<(string? Version, string? Error)> ChooseAsync(Func<string, bool> keep, bool mayUseLatest)
        {
            var kept = versions.Where(v => Allowed(v) && keep(v)).ToList();
            if ((kept.LastOrDefault(v => ModFile.Versions.Semver.Prerelease(v).Length == 0) ?? kept.LastOrDefault()) is { } tagged)
            {
                return (tagged, null);
            }

            return !mayUseLatest || await HeadAsync() is not var (headVersion, headStat) ? (null, null)
                : headStat.Failed ? (null, $"{path}@{headVersion}: {describe(headStat)}")
                : Allowed(headVersion) && keep(headVersion) ? (headVersion, null)
                : (null, null);
        }

        var (latest, _) = await ChooseAsync(_ => true, mayUseLatest: true);
        var isPseudo = ModFile.Versions.PseudoVersion.IsPseudoVersion(current);
        var (upgrade, upgradeError) = await ChooseAsync(v => ModFile.Versions.Semver.Compare(v, current) >= 0, mayUseLatest: isPseudo);
        if (upgrade is not null && ModFile.Versions.Semver.Compare(upgrade, current) > 0)
        {
            var stat = await code.StatAsync(upgrade, cancellationToken);
            if (stat.Failed)
            {
                upgradeError = stat.NotExist ? null : $"{path}@{upgrade}: {describe(stat)}"; // addUpdate ignores "not found"
                upgrade = null;
            }
            else if (isPseudo && ModFile.Versions.PseudoVersion.TryGetTime(current, out var committed, out _)
                && stat.Time is { } time && time < new DateTimeOffset(committed, TimeSpan.Zero))
            {
                upgrade = null; // from a pseudo-version, "upgrade" never moves to a commit older than it
            }
        }
        else
        {
            upgrade = null;
        }

        return vcs with { Latest = latest, Upgrade = upgrade, UpgradeError = upgradeError };
    }

    /// <summary>
    /// A <see cref="CodeRepo"/> error (go's ModuleError text without <c>path@version: </c>) as go prints the error inside
    /// the ModuleError: an InvalidVersionError reads <c>version "v1.2.3" invalid: …</c> (x/mod module.InvalidVersionError).
    /// </summary>
    internal static string WithoutModuleFrame(string version, string error) =>
        error.StartsWith("invalid version: ", StringComparison.Ordinal) ? $"version {GoQuote.Quote(version)} invalid: {error["invalid version: ".Length..]}"
        : error.StartsWith("invalid pseudo-version: ", StringComparison.Ordinal) ? $"pseudo-version {GoQuote.Quote(version)} invalid: {error["invalid pseudo-version: ".Length..]}"
        : error;

    /// <summary>go's latest ignoring retractions: the highest release, else the highest pre-release (versions sorted).</summary>
    internal static string? RawLatest(IReadOnlyList<string> versions) =>
        versions.LastOrDefault(v => ModFile.Versions.Semver.Prerelease(v).Length == 0) ?? (versions.Count > 0 ? versions[^1] : null);

    private sealed record MetaPage(string Url, FetchResult Fetch, GoImportMeta? Meta, string? Error);

    /// <summary>
    /// The <c>?go-get=1</c> page as go's web.Get fetches it: https; with GOINSECURE, plain http after an https
    /// transport error (not after an https error status).
    /// </summary>
    private async Task<MetaPage> FetchMetaAsync(string path, bool insecure, CancellationToken cancellationToken)
    {
        var url = "https://" + path + "?go-get=1";
        var fetch = await transport.GetAsync(new ProxyRequest(new Uri(url), ProxyEndpoint.Probe), cancellationToken);
        if (fetch.StatusCode is null && !fetch.IsSuccess && insecure)
        {
            url = "http://" + path + "?go-get=1";
            fetch = await transport.GetAsync(new ProxyRequest(new Uri(url), ProxyEndpoint.Probe), cancellationToken);
        }

        var unrecognized = "unrecognized import path " + GoQuote.Quote(path) + ": ";
        if (!fetch.IsSuccess)
        {
            var prefix = fetch.StatusCode is not null ? "" : insecure ? "http/https fetch: " : "https fetch: ";
            return new MetaPage(url, fetch, null, unrecognized + prefix + fetch.GoError);
        }

        var meta = GoImportMetaParser.Find(Encoding.UTF8.GetString(fetch.Body ?? []), path);
        return meta is null
            ? new MetaPage(url, fetch, null, $"{unrecognized}parse {url}: no go-import meta tags ()")
            : new MetaPage(url, fetch, meta, null);
    }

    /// <summary>
    /// go's error for a failed <c>git ls-remote</c> (modfetch/codehost RunError): the command as go ran it in its
    /// repository directory under GOMODCACHE, the exit status, git's stderr indented, and go's help for a missing
    /// username. go runs it against the URL while that directory is new and against "origin" once it exists.
    /// </summary>
    internal static (string Message, FailureKind Kind) GitFailureMessage(GitListing listing, string repoUrl, string? goModCache, TimeSpan budget, string? command = null)
    {
        switch (listing.Failure)
        {
            case GitFailure.NotInstalled:
                return ("unable to resolve git version: failed to execute git version: exec: \"git\": executable file not found in $PATH", FailureKind.ConfigurationError);
            case GitFailure.Timeout:
                return ($"{(command is null ? "git ls-remote" : "git fetch from")} {Redaction.Url(repoUrl)} gave no answer within GoModLens's {Seconds(budget)} budget (go would keep waiting)", FailureKind.FirstByteTimeout);
            case GitFailure.Oversize:
                return (command is null ? $"git ls-remote {Redaction.Url(repoUrl)} listed more refs than GoModLens reads"
                    : $"{command}: more output than GoModLens reads from {Redaction.Url(repoUrl)}", FailureKind.Oversize);
        }

        var directory = VcsDirectory(goModCache, repoUrl);
        var remote = directory is not null && Directory.Exists(directory) ? "origin" : Redaction.Url(repoUrl);
        var stderr = Password().Replace(listing.Stderr.Trim('\n', '\r'), "${user}xxxxx@"); // never print a password git echoed
        var message = new StringBuilder($"invalid version: {command ?? "git ls-remote -q --end-of-options " + remote} in {directory ?? "$GOMODCACHE/cache/vcs/…"}: exit status {listing.ExitCode}:");
        foreach (var line in stderr.Split('\n'))
        {
            message.Append("\n\t").Append(line.TrimEnd('\r'));
        }

        if (stderr.Contains("fatal: could not read Username", StringComparison.Ordinal))
        {
            message.Append("\nConfirm the import path was entered correctly.\nIf this is a private repository, see https://golang.org/doc/faq#git_https for additional information.");
        }

        return (message.ToString(), Classify(stderr));
    }

    /// <summary>$GOMODCACHE/cache/vcs/&lt;sha256("git3:" + url)&gt;, the bare repository go keeps for a git remote.</summary>
    internal static string? VcsDirectory(string? goModCache, string repoUrl) =>
        string.IsNullOrEmpty(goModCache) ? null
            : Path.Combine(goModCache, "cache", "vcs", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("git3:" + repoUrl))));

    /// <summary>The failure class of git's (and curl's and ssh's) message.</summary>
    internal static FailureKind Classify(string stderr)
    {
        bool Has(string s) => stderr.Contains(s, StringComparison.OrdinalIgnoreCase);
        return Has("could not read Username") || Has("could not read Password") || Has("Authentication failed") || Has("returned error: 401") ? FailureKind.Unauthorized
            : Has("returned error: 403") || Has("Permission denied") || Has("Host key verification failed") ? FailureKind.Forbidden
            : Has("returned error: 404") || Has("not found") || Has("does not appear to be a git repository") ? FailureKind.NotFound
            : Has("returned error: 410") ? FailureKind.Gone
            : Has("returned error: 429") ? FailureKind.TooManyRequests
            : Has("returned error: 502") ? FailureKind.BadGateway
            : Has("returned error: 503") ? FailureKind.ServiceUnavailable
            : Has("returned error: 504") ? FailureKind.GatewayTimeout
            : Has("returned error: 5") ? FailureKind.ServerError
            : Has("Could not resolve host") || Has("Could not resolve hostname") || Has("Name or service not known") ? FailureKind.DnsNotFound
            : Has("Connection refused") || Has("Failed to connect") ? FailureKind.ConnectionRefused
            : Has("timed out") ? FailureKind.ConnectTimeout
            : Has("SSL") || Has("certificate") || Has("TLS") || Has("gnutls") ? FailureKind.Tls
            : Has("Connection reset") || Has("Empty reply") || Has("unexpected disconnect") || Has("early EOF") ? FailureKind.ConnectionReset
            : FailureKind.HttpStatus;
    }

    private static string Seconds(TimeSpan t) => DisplayText.Seconds(t);
}
