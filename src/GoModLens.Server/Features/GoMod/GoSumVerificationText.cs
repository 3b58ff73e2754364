using System.Globalization;
using GoModLens.Analysis.Environment;
using GoModLens.Analysis.GoSum;
using GoModLens.ModFile.GoSum;

namespace GoModLens.Server.Features.GoMod;

/// <summary>
/// The hover paragraph that says whether a go.sum hash was checked, against what, from where and when. Reads only the
/// fetch cache and go's download cache files; the verdict is recomputed against the go.sum being hovered.
/// </summary>
internal static class GoSumVerificationText
{
    /// <summary>For a "/go.mod" line (or a go.mod require's go.sum status).</summary>
    /// <param name="verifiable">GoModLens fetches this version's .mod (a require of the sibling go.mod).</param>
    /// <returns>Markdown; null when <paramref name="onlyWhenKnown"/> and nothing was fetched.</returns>
    public static string? GoModLine(GoModServices services, GoEnvironment env, AnalysisContext context, GoSumSet sums, ModuleVersionKey key,
        bool verifiable, bool onlyWhenKnown = false)
    {
        var isPrivate = GoModServices.IsPrivate(env, key.Path);
        if (isPrivate && !context.Settings.DirectGit)
        {
            return onlyWhenKnown ? null
                : "Private module (GOPRIVATE/GONOPROXY): go reads its go.mod from the repository with git, which the setting `direct.git` turns off.";
        }

        var fetched = services.GoMods.Get(key);
        if (fetched is null)
        {
            return onlyWhenKnown ? null
                : !verifiable ? "Not checked: GoModLens verifies the `/go.mod` lines of the go.mod's requires; go checks this one when it loads the module's requirements."
                : context.Settings.NetworkEnabled
                    ? isPrivate ? "Not checked yet: go reads a private module's go.mod from its repository; git is fetching it in the background."
                    : "Not checked yet: the `.mod` is fetched in the background."
                : "Not checked yet (network disabled: only the module cache is read).";
        }

        if (fetched.Bytes is not { } bytes)
        {
            return onlyWhenKnown ? null
                : fetched.Offline ? "Not checked: network disabled and the module cache has no `.mod` for this version."
                : isPrivate ? "Not checked: git did not give this version's go.mod (the go.mod require's diagnostic says why)."
                : "Not checked: no GOPROXY entry served the `.mod` (or none answered within the request timeout).";
        }

        var verification = GoSumChecker.VerifyGoMod(sums, key, bytes);
        var from = From(env, fetched);
        var age = Age(services, fetched.CheckedAt);
        return verification.Status switch
        {
            GoModVerificationStatus.Verified => $"✓ verified: h1 of the `.mod` from {from} matches (checked {age})",
            GoModVerificationStatus.Mismatch =>
                $"✗ **checksum mismatch**: the `.mod` from {from} hashes to `{verification.Downloaded}` (checked {age}); go stops with:\n\n```text\n{verification.GoMessage}\n```",
            _ => $"No usable `h1:` line to compare: the `.mod` from {from} hashes to `{verification.Downloaded}` (checked {age}).",
        };
    }

    /// <summary>
    /// For a module (zip-hash) line: against the zip a machine without the module would get (go creates it from the
    /// repository for a direct module; a proxy serves it for a GONOSUMDB path; other zips are never downloaded), and
    /// against go's own h1 of the zip in the module cache (<c>.ziphash</c>). When the two disagree, the cache is why
    /// this machine builds while a fresh one (CI) does not.
    /// </summary>
    /// <returns>Markdown; null when <paramref name="onlyWhenKnown"/> and neither is known.</returns>
    public static string? ZipLine(GoModServices services, GoEnvironment env, AnalysisContext context, GoSumSet sums, ModuleVersionKey key, bool onlyWhenKnown = false)
    {
        var parts = new List<string>();
        var built = services.GoMods.GetZip(key);
        if (built is ({ } zip, var at))
        {
            var origin = zip.FromChecksumDatabase ? $"the zip the checksum database `{zip.Source}` records (what every proxy serves)"
                : (zip.FromRepository ? "the zip go creates from `" : "the zip go downloads from `") + zip.Source + "`";
            parts.Add(zip.Hash is not { } hash
                ? $"✗ go cannot get {origin}:\n\n```text\n{zip.GoError}\n```"
                : GoSumChecker.VerifyZipHash(sums, key, hash) switch
                {
                    { Status: GoModVerificationStatus.Verified } when zip.FromChecksumDatabase =>
                        $"✓ verified: go.sum matches the checksum database's record, signed and proved (read {Age(services, at)})",
                    { Status: GoModVerificationStatus.Verified } => $"✓ verified: h1 of {origin} matches ({zip.Files} files, checked {Age(services, at)})",
                    { Status: GoModVerificationStatus.Mismatch } v =>
                        $"✗ **checksum mismatch**: {origin} hashes to `{hash}` (checked {Age(services, at)}); go stops with:\n\n```text\n{v.GoMessage}\n```",
                    _ => $"No usable `h1:` line to compare: {origin} hashes to `{hash}`.",
                });
        }
        else if (!onlyWhenKnown && GoModServices.IsPrivate(env, key.Path))
        {
            parts.Add(!context.Settings.DirectGit ? "Private module: go creates its zip from the repository with git, which the setting `direct.git` turns off."
                : !context.Settings.NetworkEnabled ? "Private module: not checked against its repository (network disabled)."
                : "Private module: the zip go creates from the repository is hashed in the background once the go.mod's requires have resolved (one fetch of the tree).");
        }

        if (ModuleCacheFiles.ReadZipHash(env, key.Path, key.Version) is { Length: > 0 } cached)
        {
            var verification = GoSumChecker.VerifyZipHash(sums, key, cached);
            parts.Add(verification.Status switch
            {
                GoModVerificationStatus.Verified when built?.Zip is { Hash: { } h } now && h != cached.Trim() =>
                    "The module cache's `.ziphash` (an earlier download) matches go.sum: go builds on this machine from that copy, while a machine without it (CI, a colleague) "
                    + (now.FromChecksumDatabase ? "downloads the zip the database recorded and stops. go.sum and this cache hold a zip the checksum database never recorded (written from a proxy that served altered content, or edited)."
                        : now.FromRepository ? "gets the tree as it is now and stops. The tree at this version changed after go.sum was written (a moved tag)."
                        : "downloads the proxy's zip as it is now and stops. The proxy serves a different zip for this version than the one go.sum was written from."),
                GoModVerificationStatus.Verified => "✓ verified: matches go's h1 of the downloaded zip in the module cache (`.ziphash`)",
                GoModVerificationStatus.Mismatch =>
                    $"✗ **checksum mismatch**: the module cache's `.ziphash` holds `{cached}`; go stops with:\n\n```text\n{verification.GoMessage}\n```",
                _ => $"No usable `h1:` line to compare: the module cache's `.ziphash` holds `{cached}`.",
            });
        }
        else if (!onlyWhenKnown && built is null && !GoModServices.IsPrivate(env, key.Path))
        {
            parts.Add("The zip hash is checked by `go mod download` / `go mod verify`: the checksum database gave no record of it here (GOSUMDB=off, or no answer), and the module cache has no `.ziphash` for this version to compare with.");
        }

        return parts.Count == 0 ? null : string.Join("\n\n", parts);
    }

    private static string From(GoEnvironment env, FetchedGoMod fetched) => fetched.Source switch
    {
        GoModDownload.ModuleCacheSource => fetched.Offline ? "the module cache (offline)" : "the module cache",
        null => $"the GOPROXY walk (`{StatusPublisher.ShortProxy(env.GoProxy.Value)}` …)",
        { } source => $"`{source}`",
    };

    private static string Age(GoModServices services, DateTimeOffset at)
    {
        var elapsed = services.Options.TimeProvider.GetUtcNow() - at;
        var seconds = Math.Max(0, (int)elapsed.TotalSeconds);
        return seconds < 60 ? string.Create(CultureInfo.InvariantCulture, $"{seconds} s ago")
            : seconds < 3600 ? string.Create(CultureInfo.InvariantCulture, $"{seconds / 60} min ago")
            : string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600} h ago");
    }
}
