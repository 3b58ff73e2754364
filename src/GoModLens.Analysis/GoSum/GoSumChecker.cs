using GoModLens.Analysis.Findings;
using GoModLens.ModFile.GoSum;
using GoModLens.ModFile.Semantics;
using GoModLens.ModFile.Text;

namespace GoModLens.Analysis.GoSum;

/// <summary>
/// go.sum checks as findings with exact ranges: the reader's diagnostics (malformed lines with go's
/// <c>malformed go.sum</c> text, duplicates, conflicting hashes), "/go.mod" entries missing for the go.mod's requires
/// (go's <c>missing go.sum entry for go.mod file</c>), and "/go.mod" hashes that do not match fetched .mod bytes
/// (go's <c>checksum mismatch … SECURITY ERROR</c>). Pure and synchronous: the caller fetches the .mod files.
/// </summary>
public static class GoSumChecker
{
    /// <summary>go's text after the mismatch line (modfetch goSumMismatch), without the trailing newline.</summary>
    public const string SecurityErrorText =
        "\n\nSECURITY ERROR\nThis download does NOT match an earlier download recorded in go.sum.\n" +
        "The bits may have been replaced on the origin server, or an attacker may\nhave intercepted the download attempt.\n\n" +
        "For more information, see 'go help module-auth'.";

    /// <summary>Every finding for a go.sum, optionally against its go.mod and fetched .mod files.</summary>
    /// <param name="sum">The parsed go.sum; its <see cref="GoSumFile.FilePath"/> is the findings' file name.</param>
    /// <param name="goMod">The go.mod next to it (missing-entry findings point into it, named by its syntax name); null to skip.</param>
    /// <param name="fetchedGoMods">.mod bytes as go downloads them (from a proxy, or a repository for a direct module), keyed by module version (no "/go.mod" suffix); null to skip.</param>
    /// <param name="goAddsSums">GOFLAGS has -mod=mod: go writes a missing go.sum line itself instead of stopping (checked with go), so those are information.</param>
    /// <param name="zipHashes">h1 hashes of the zips go would get (created from a repository, or a proxy's for a GONOSUMDB path), checked against the module lines; null to skip.</param>
    /// <returns>go.sum findings in line order, then go.mod findings in require order.</returns>
    public static IReadOnlyList<Finding> Check(
        GoSumFile sum,
        GoModFile? goMod = null,
        IReadOnlyDictionary<ModuleVersionKey, byte[]>? fetchedGoMods = null,
        bool goAddsSums = false,
        IReadOnlyCollection<ModuleZipHash>? zipHashes = null)
    {
        ArgumentNullException.ThrowIfNull(sum);
        var findings = new List<Finding>();
        findings.AddRange(FromDiagnostics(sum, new GoSumTextMap(sum.Text)));
        findings.AddRange(Mismatches(GoSumSet.Module(sum), fetchedGoMods, zipHashes));
        findings.Sort((a, b) => a.Range.Start.Utf16Offset.CompareTo(b.Range.Start.Utf16Offset));
        if (goMod is not null)
        {
            findings.AddRange(MissingEntries(sum, goMod, goAddsSums));
        }

        return findings;
    }

    /// <summary>The module versions whose <c>/go.mod</c> line in a sum file go reads differs from the go.mod go downloads.</summary>
    public static IEnumerable<ModuleVersionKey> GoModMismatchKeys(GoSumSet sums, IReadOnlyDictionary<ModuleVersionKey, byte[]> fetchedGoMods) =>
        fetchedGoMods.Where(m => Verify(sums, m.Key, "/go.mod", DirHash.HashGoMod(m.Value)).Any(v => v.Status == GoModVerificationStatus.Mismatch)).Select(m => m.Key);

    /// <summary>
    /// The go.sum lines go stops at (checksum mismatch, SECURITY ERROR) for the fetched .mod files (GML1508) and the
    /// hashed zips (GML1510), each on the line in whichever file of <paramref name="sums"/> holds it: in workspace mode
    /// go.work.sum or any workspace module's go.sum. One finding per line, in file order; with <paramref name="only"/>,
    /// those in that file alone (an editor showing one of the files).
    /// </summary>
    public static IReadOnlyList<Finding> Mismatches(GoSumSet sums, IReadOnlyDictionary<ModuleVersionKey, byte[]>? fetchedGoMods,
        IReadOnlyCollection<ModuleZipHash>? zipHashes, GoSumFile? only = null)
    {
        ArgumentNullException.ThrowIfNull(sums);
        var maps = new Dictionary<GoSumFile, GoSumTextMap>(ReferenceEqualityComparer.Instance);
        TextSpan Range(GoModVerification v) => (maps.TryGetValue(v.File!, out var map) ? map : maps[v.File!] = new GoSumTextMap(v.File!.Text)).ToTextSpan(v.Line!.Hash.Span);
        var found = new List<(GoModVerification Verdict, Finding Finding)>();
        foreach (var (key, bytes) in fetchedGoMods ?? new Dictionary<ModuleVersionKey, byte[]>())
        {
            // The database's verified record agreeing with what go downloads: the go.sum line is the odd one out.
            var record = zipHashes?.FirstOrDefault(z => z.Module == key && z.FromChecksumDatabase);
            foreach (var v in Verify(sums, key, "/go.mod", DirHash.HashGoMod(bytes)).Where(v => v.Status == GoModVerificationStatus.Mismatch))
            {
                var range = Range(v);
                found.Add((v, new Finding(
                    GoSumFindingCodes.GoModChecksumMismatch,
                    FindingSeverity.Error,
                    v.File!.FilePath,
                    range,
                    $"checksum mismatch for {key.Path}@{key.Version}/go.mod: the go.mod go downloads hashes to {v.Downloaded}; go refuses it (SECURITY ERROR)",
                    v.GoMessage,
                    key.Path,
                    [new RelatedInformation("downloaded: " + v.Downloaded), new RelatedInformation(v.Label + ":     " + v.Line!.Hash.Text)],
                    record is { RecordedGoModHash: { } recorded } && recorded == v.Downloaded ? [new UseRecordedHash(range, recorded, record.Source)] : [])));
            }
        }

        foreach (var zip in zipHashes ?? [])
        {
            foreach (var v in ZipMismatches(sums, zip))
            {
                var finding = ZipMismatchFinding(v.File!.FilePath, Range(v), zip, v,
                    $"checksum mismatch for {zip.Module}: {zip.Origin} hashes to {v.Downloaded}; go refuses it (SECURITY ERROR)");
                // The database's verified record is what go trusts for a public module: the line can take it.
                found.Add((v, zip.FromChecksumDatabase && zip.Hash is { } recorded
                    ? finding with { Fixes = [new UseRecordedHash(finding.Range, recorded, zip.Source)] }
                    : finding));
            }
        }

        var order = new Dictionary<GoSumFile, int>(ReferenceEqualityComparer.Instance);
        foreach (var file in sums.Files)
        {
            order.TryAdd(file, order.Count); // one file may be in the set twice (a go.work listing a directory twice)
        }

        return [.. found.Where(x => only is null || ReferenceEquals(x.Verdict.File, only))
            .OrderBy(x => order[x.Verdict.File!]).ThenBy(x => x.Verdict.Line!.Hash.Span.Start).Select(x => x.Finding)];
    }

    /// <summary>
    /// GML1510 on the go.mod's requires: where the zip a machine without the module would get does not hash to the
    /// module line go reads (the same verdict the go.sum shows on the line itself; in workspace mode from go.work.sum or
    /// any workspace module's go.sum), so it is seen with only the go.mod open.
    /// </summary>
    public static IEnumerable<Finding> ZipMismatchesOnRequires(GoSumSet sums, GoModFile goMod, IReadOnlyCollection<ModuleZipHash> zipHashes)
    {
        ArgumentNullException.ThrowIfNull(sums);
        ArgumentNullException.ThrowIfNull(goMod);
        ArgumentNullException.ThrowIfNull(zipHashes);
        foreach (var need in RequiredGoModSums(goMod))
        {
            if (zipHashes.FirstOrDefault(z => z.Module == need.Target) is { } zip && ZipMismatches(sums, zip).FirstOrDefault() is { } v)
            {
                yield return ZipMismatchFinding(goMod.Syntax.Name, PathToken(need.Require) ?? need.Require.Syntax.Span, zip, v,
                    $"go.sum's hash for {zip.Module} is not that of {zip.Origin} ({v.Downloaded}): go refuses it (SECURITY ERROR)");
            }
        }
    }

    /// <summary>The go.sum lines go stops at for a zip's hash (go.sum has another h1 line first; in workspace mode, any in a module's go.sum).</summary>
    private static IEnumerable<GoModVerification> ZipMismatches(GoSumSet sums, ModuleZipHash zip) =>
        zip.Hash is { } hash ? Verify(sums, zip.Module, "", hash.Trim()).Where(v => v.Status == GoModVerificationStatus.Mismatch) : [];

    private static Finding ZipMismatchFinding(string file, TextSpan range, ModuleZipHash zip, GoModVerification v, string message) =>
        new(GoSumFindingCodes.ModuleChecksumMismatch, FindingSeverity.Error, file, range, message, v.GoMessage, zip.Module.Path,
            [
                new RelatedInformation("downloaded: " + v.Downloaded), new RelatedInformation(v.Label + ":     " + v.Line!.Hash.Text),
                new RelatedInformation("a module cache that already holds this version keeps building; a machine without it (CI) stops"),
            ],
            []);

    /// <summary>The reader's diagnostics as findings (GML1501–GML1506); duplicates get a "remove line" fix.</summary>
    public static IReadOnlyList<Finding> FromDiagnostics(GoSumFile sum)
    {
        ArgumentNullException.ThrowIfNull(sum);
        return FromDiagnostics(sum, new GoSumTextMap(sum.Text)).ToList();
    }

    /// <summary>The "/go.mod" lines go needs for the go.mod's requires (excluded versions and directory replacements need none).</summary>
    public static IReadOnlyList<GoModSumRequirement> RequiredGoModSums(GoModFile goMod)
    {
        ArgumentNullException.ThrowIfNull(goMod);
        var result = new List<GoModSumRequirement>();
        foreach (var req in goMod.Require)
        {
            var (path, version) = (req.Mod.Path, req.Mod.Version);
            if (path.Length == 0 || version.Length == 0 || goMod.Exclude.Any(x => x.Mod.Path == path && x.Mod.Version == version))
            {
                continue;
            }

            var replace = Workspace.GoWorkspace.ReplaceIn(goMod, path, version);
            if (replace is null)
            {
                result.Add(new GoModSumRequirement(req, new ModuleVersionKey(path, version), null));
            }
            else if (replace.New.Version.Length > 0)
            {
                result.Add(new GoModSumRequirement(req, new ModuleVersionKey(replace.New.Path, replace.New.Version), replace));
            }
        }

        return result;
    }

    /// <summary>
    /// go's checkModSum for a go.mod: the go.sum "/go.mod" lines are tried in file order; the downloaded hash matching
    /// one is success, meeting a different h1 hash first is a mismatch.
    /// </summary>
    public static GoModVerification VerifyGoMod(GoSumFile sum, ModuleVersionKey module, byte[] goModBytes) =>
        VerifyGoMod(GoSumSet.Module(sum), module, goModBytes);

    /// <summary>go's checkModSum for a go.mod against the files go reads (<see cref="GoSumSet"/>: workspace mode's too).</summary>
    public static GoModVerification VerifyGoMod(GoSumSet sums, ModuleVersionKey module, byte[] goModBytes)
    {
        ArgumentNullException.ThrowIfNull(sums);
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(goModBytes);
        return Verify(sums, module, "/go.mod", DirHash.HashGoMod(goModBytes))[0];
    }

    /// <summary>
    /// go's checkModSum for a module zip, given go's own h1 of the zip (the module cache's <c>.ziphash</c>), against the
    /// files go reads (<see cref="GoSumSet"/>: workspace mode's too); the lines without "/go.mod" are tried as for
    /// <see cref="VerifyGoMod(GoSumSet, ModuleVersionKey, byte[])"/>.
    /// </summary>
    public static GoModVerification VerifyZipHash(GoSumSet sums, ModuleVersionKey module, string zipHash)
    {
        ArgumentNullException.ThrowIfNull(sums);
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(zipHash);
        return Verify(sums, module, "", zipHash.Trim())[0];
    }

    /// <summary>
    /// go's haveModSumLocked. The main file's lines in order: the downloaded hash is success, another h1 hash go's fatal
    /// mismatch. Then (workspace mode) every workspace go.sum: any other h1 hash is fatal whatever the rest say, so each
    /// such line is returned (go stops at one of them: it walks a map). The first result is go's verdict; more than one
    /// only for several fatal lines.
    /// </summary>
    private static List<GoModVerification> Verify(GoSumSet sums, ModuleVersionKey module, string suffix, string downloaded)
    {
        foreach (var line in sums.Main.FindLines(module.Path, module.Version + suffix))
        {
            if (line.IsIgnored)
            {
                continue;
            }

            if (line.Hash.Text == downloaded)
            {
                return [new GoModVerification(module, GoModVerificationStatus.Verified, downloaded, line, null) { File = sums.Main, Label = sums.MainLabel }];
            }

            if (line.HasKnownAlgorithm)
            {
                return [Mismatch(module, suffix, downloaded, line, sums.Main, sums.MainLabel)];
            }
        }

        // Only non-h1 lines (or none): go has nothing to compare and would report the entry missing.
        var noEntry = new GoModVerification(module, GoModVerificationStatus.NoEntry, downloaded, null, null);
        if (sums.Workspace.Count == 0)
        {
            return [noEntry];
        }

        var mismatches = new List<GoModVerification>();
        GoModVerification? verified = null;
        var seen = new HashSet<GoSumFile>(ReferenceEqualityComparer.Instance) { sums.Main };
        foreach (var (file, label) in sums.Workspace)
        {
            if (!seen.Add(file))
            {
                continue; // a directory the go.work lists twice (go refuses that workspace anyway): its lines once
            }

            foreach (var line in file.FindLines(module.Path, module.Version + suffix).Where(l => !l.IsIgnored))
            {
                if (line.Hash.Text == downloaded)
                {
                    verified ??= new GoModVerification(module, GoModVerificationStatus.Verified, downloaded, line, null) { File = file, Label = label };
                }
                else if (line.HasKnownAlgorithm)
                {
                    mismatches.Add(Mismatch(module, suffix, downloaded, line, file, label));
                }
            }
        }

        return mismatches.Count > 0 ? mismatches : [verified ?? noEntry];
    }

    private static GoModVerification Mismatch(ModuleVersionKey module, string suffix, string downloaded, GoSumLine line, GoSumFile file, string label) =>
        new(module, GoModVerificationStatus.Mismatch, downloaded, line,
            $"verifying {module.Path}@{module.Version}{suffix}: checksum mismatch\n\tdownloaded: {downloaded}\n\t{label}:     {line.Hash.Text}" + SecurityErrorText)
        {
            File = file,
            Label = label,
        };

    /// <summary>go's HaveSum: an h1 line (not the ignored empty-go.mod hash) exists for path version/go.mod.</summary>
    public static bool HasGoModEntry(GoSumFile sum, ModuleVersionKey module)
    {
        ArgumentNullException.ThrowIfNull(sum);
        ArgumentNullException.ThrowIfNull(module);
        return sum.FindLines(module.Path, module.Version + "/go.mod").Any(l => !l.IsIgnored && l.HasKnownAlgorithm);
    }

    /// <summary>go's message (after "go: ") for a missing "/go.mod" entry.</summary>
    public static string MissingEntryGoMessage(GoModSumRequirement requirement)
    {
        ArgumentNullException.ThrowIfNull(requirement);
        return $"{requirement.GoDisplay}: missing go.sum entry for go.mod file; to add it:\n\tgo mod download {requirement.Require.Mod.Path}";
    }

    /// <summary>
    /// The direct requires whose module hash (the zip's <c>h1:</c> line) go needs to build the packages that import
    /// them. From go 1.17 on, go mod tidy marks every module the main module's packages do not import <c>// indirect</c>,
    /// so an unmarked require is imported and <c>go build</c> fails without its line. Earlier go.mod files mark nothing
    /// reliably, so none is reported for them.
    /// </summary>
    public static IEnumerable<GoModSumRequirement> RequiredModuleSums(GoModFile goMod)
    {
        ArgumentNullException.ThrowIfNull(goMod);
        return ModuleSumsOf(goMod, RequiredGoModSums(goMod));
    }

    private static IEnumerable<GoModSumRequirement> ModuleSumsOf(GoModFile goMod, IEnumerable<GoModSumRequirement> goModSums) =>
        goMod.Go?.Version is { } go && Toolchain.GoVersions.Compare(go, "1.17") >= 0 ? goModSums.Where(r => !r.Require.Indirect) : [];

    /// <summary>An h1 line for the module itself (the hash of its zip) exists.</summary>
    public static bool HasModuleEntry(GoSumFile sum, ModuleVersionKey module)
    {
        ArgumentNullException.ThrowIfNull(sum);
        ArgumentNullException.ThrowIfNull(module);
        return sum.FindLines(module.Path, module.Version).Any(l => !l.IsIgnored && l.HasKnownAlgorithm);
    }

    private static IEnumerable<Finding> MissingEntries(GoSumFile sum, GoModFile goMod, bool goAddsSums)
    {
        var file = goMod.Syntax.Name;
        var mainModule = goMod.Module?.Mod.Path ?? "the main module";
        var missingGoMod = new HashSet<ModuleVersionKey>();
        var needs = RequiredGoModSums(goMod); // once per keystroke: the replace lookups are per require
        if (!sum.Exists)
        {
            // No go.sum at all: one cause and one fix for every require, so one finding (on the require go stops at)
            // instead of a squiggle per require.
            if (needs.Count > 0)
            {
                yield return NoGoSum(goMod, needs, goAddsSums);
            }

            yield break;
        }

        foreach (var need in needs)
        {
            if (HasGoModEntry(sum, need.Target))
            {
                continue;
            }

            missingGoMod.Add(need.Target);
            var path = need.Require.Mod.Path;
            var range = PathToken(need.Require) ?? need.Require.Syntax.Span;
            var related = need.Replace is null
                ? Array.Empty<RelatedInformation>()
                : [new RelatedInformation($"replaced by {need.Target.Path}@{need.Target.Version}", need.Replace.Syntax.Span)];
            yield return new Finding(
                GoSumFindingCodes.MissingGoModEntry,
                goAddsSums ? FindingSeverity.Information : FindingSeverity.Error,
                file,
                range,
                $"{SumName(goMod)} has no entry for {need.Target.Path} {need.Target.Version}/go.mod; " + (goAddsSums ? Added : "go builds and `go list -m` fail until it is added"),
                goAddsSums ? null : MissingEntryGoMessage(need),
                path,
                related,
                [DownloadFix(path, goMod)]);
        }

        foreach (var need in ModuleSumsOf(goMod, needs))
        {
            if (missingGoMod.Contains(need.Target) || HasModuleEntry(sum, need.Target))
            {
                continue; // a missing /go.mod line is the error go stops at first (GML1507)
            }

            var path = need.Require.Mod.Path;
            yield return new Finding(
                GoSumFindingCodes.MissingModuleEntry,
                goAddsSums ? FindingSeverity.Information : FindingSeverity.Warning,
                file,
                PathToken(need.Require) ?? need.Require.Syntax.Span,
                $"{SumName(goMod)} has no module hash for {need.Target.Path} {need.Target.Version} (only its go.mod's): " + (goAddsSums ? Added : "go build of the packages of "
                + $"{mainModule} that import it stops with \"missing go.sum entry for module providing package\" until it is added"),
                null,
                path,
                [],
                [DownloadFix(path, goMod)]);
        }
    }

    /// <summary>
    /// The <c>/go.mod</c> lines go.sum lacks for the go.mod files go loads below requires older than graph pruning
    /// (<see cref="Resolution.UnprunedGraphResult.Loaded"/>): go stops with the chain that reached the module,
    /// <c>example.com/f@v1.0.0 requires / example.com/g@v1.0.0: missing go.sum entry for go.mod file</c>. Under a pruned
    /// go.mod only go list -m all (and gopls, which runs it) needs them, since go build does not load that part of the
    /// graph (checked with go): a warning; under a go line before 1.17 every build does: an error. A require whose own
    /// line is missing is GML1507's (go stops there first). On the require's path, one finding per module version.
    /// </summary>
    public static IEnumerable<Finding> MissingBelowGraphPruning(GoSumFile sum, GoModFile goMod, IEnumerable<Resolution.RequirementReport> reports,
        bool goAddsSums = false)
    {
        ArgumentNullException.ThrowIfNull(sum);
        ArgumentNullException.ThrowIfNull(goMod);
        ArgumentNullException.ThrowIfNull(reports);
        var buildsNeedThem = !Resolution.UnprunedGraph.Pruned(goMod);
        var reported = new HashSet<ModPathVersion>();
        foreach (var report in reports)
        {
            // A replaced require's graph is its replacement's; a directory needs no line of its own.
            if (report is not { Require: { } require, Unpruned.Loaded.Count: > 0 }
                || (report.Target.Version.Length > 0 && !HasGoModEntry(sum, new ModuleVersionKey(report.Target.Path, report.Target.Version))))
            {
                continue;
            }

            var replaced = report.Unpruned.Replaced;
            // go names the require itself plainly, replaced or not (checked with go); modules below with their replacement.
            string Display(ModPathVersion m) => replaced.TryGetValue(m, out var by) && by is { } target
                ? $"{m.Path}@{m.Version} (replaced by {target.Path}@{target.Version})"
                : $"{m.Path}@{m.Version}";
            var reachedFrom = new Dictionary<ModPathVersion, ModPathVersion>();
            foreach (var edge in report.Unpruned.Loaded)
            {
                reachedFrom.TryAdd(edge.To, edge.From);
                var key = replaced.TryGetValue(edge.To, out var replacement) ? replacement : edge.To; // a directory needs no line
                if (key is null || HasGoModEntry(sum, new ModuleVersionKey(key.Path, key.Version)) || !reported.Add(edge.To))
                {
                    continue;
                }

                var chain = new List<ModPathVersion> { edge.To };
                for (var m = edge.From; reachedFrom.TryGetValue(m, out var parent); m = parent)
                {
                    chain.Add(m);
                }

                chain.Add(require.Mod);
                chain.Reverse();
                var goMessage = string.Join("\n\t", chain.Take(chain.Count - 1).Select(m => $"{Display(m)} requires"))
                    + $"\n\t{Display(edge.To)}: missing go.sum entry for go.mod file; to add it:\n\tgo mod download {edge.To.Path}";
                yield return new Finding(
                    GoSumFindingCodes.MissingGoModEntry,
                    goAddsSums ? FindingSeverity.Information : buildsNeedThem ? FindingSeverity.Error : FindingSeverity.Warning,
                    goMod.Syntax.Name,
                    PathToken(require) ?? require.Syntax.Span,
                    $"{SumName(goMod)} has no entry for {key.Path} {key.Version}/go.mod, which go loads through {require.Mod.Path} {require.Mod.Version} "
                    + "(a go.mod older than graph pruning, go 1.17): " + (goAddsSums ? Added
                        : buildsNeedThem ? "go builds and go list -m all fail until it is added"
                        : "go list -m all, which gopls and other tools run, fails until it is added; go build does not need it"),
                    goAddsSums ? null : goMessage,
                    edge.To.Path,
                    [],
                    [DownloadFix(edge.To.Path, goMod)]);
            }
        }
    }

    // What a missing go.sum line means with GOFLAGS=-mod=mod (checked with go).
    private const string Added = "with GOFLAGS=-mod=mod go adds it on its next build";

    // go's own advice for a missing go.sum line; the editor's quick fix runs it.
    internal static RunGoCommand DownloadFix(string path, GoModFile goMod) =>
        new($"Add the {SumName(goMod)} entry: {Download(goMod, path)}", Download(goMod, path));

    // go reads tools.mod and tools.sum only with -modfile=tools.mod; the commands that fix them need it too.
    private static string Download(GoModFile goMod, string? module = null) =>
        string.Join(' ', new[] { "go mod download", Workspace.GoPaths.ModFileFlag(goMod.Syntax.Name), module }.OfType<string>());

    internal static string SumName(GoModFile goMod) => Path.GetFileName(Workspace.GoPaths.SumFileFor(goMod.Syntax.Name));

    private static Finding NoGoSum(GoModFile goMod, IReadOnlyList<GoModSumRequirement> needs, bool goAddsSums)
    {
        // go loads the requirements sorted (module.Sort: path, then version) and stops at the first.
        var first = needs.OrderBy(n => n.Require.Mod.Path, StringComparer.Ordinal)
            .ThenBy(n => n.Require.Mod.Version, Comparer<string>.Create(ModFile.Versions.Semver.Compare)).First();
        var count = needs.Select(n => n.Target).Distinct().Count();
        return new Finding(
            GoSumFindingCodes.MissingGoModEntry,
            goAddsSums ? FindingSeverity.Information : FindingSeverity.Error,
            goMod.Syntax.Name,
            PathToken(first.Require) ?? first.Require.Syntax.Span,
            $"there is no {SumName(goMod)}: go needs the /go.mod line of {count} module{(count == 1 ? "" : "s")} (it stops at {first.Target.Path} {first.Target.Version}); "
                + (goAddsSums ? "with GOFLAGS=-mod=mod go writes them on its next build" : "go builds and `go list -m` fail until it is written"),
            goAddsSums ? null : MissingEntryGoMessage(first),
            first.Require.Mod.Path,
            [],
            [new RunGoCommand($"Write {SumName(goMod)}: {Download(goMod)}", Download(goMod))]);
    }

    private static TextSpan? PathToken(RequireStmt req)
    {
        var tokens = req.Syntax.Tokens;
        var index = req.Syntax.InBlock ? 0 : 1;
        return tokens.Count > index ? tokens[index].Span : null;
    }

    private static IEnumerable<Finding> FromDiagnostics(GoSumFile sum, GoSumTextMap map)
    {
        var byLine = new Dictionary<int, GoSumLine>();
        foreach (var l in sum.Lines)
        {
            byLine.TryAdd(l.Line, l);
        }

        foreach (var d in sum.Diagnostics)
        {
            var severity = d.Severity switch
            {
                GoSumSeverity.Error => FindingSeverity.Error,
                GoSumSeverity.Warning => FindingSeverity.Warning,
                _ => FindingSeverity.Information,
            };
            var fixes = d.Code == GoSumDiagnosticCodes.DuplicateLine
                ? [new RemoveGoSumLine(d.Span.Line, map.WholeLine(d.Span.Line))]
                : Array.Empty<SuggestedFix>();
            var line = byLine.GetValueOrDefault(d.Span.Line);
            yield return new Finding(
                d.Code,
                severity,
                sum.FilePath,
                map.ToTextSpan(d.Span),
                d.Message,
                d.GoMessage?.TrimEnd('\n'),
                line?.ModulePath.Text,
                [],
                fixes);
        }
    }
}
