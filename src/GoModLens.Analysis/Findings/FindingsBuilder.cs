using System.Globalization;
using GoModLens.Analysis.Direct;
using GoModLens.Analysis.Reports;
using GoModLens.ModFile;
using GoModLens.Analysis.GoSum;
using GoModLens.Analysis.Ports;
using GoModLens.Analysis.Resolution;
using GoModLens.Analysis.Toolchain;
using GoModLens.Analysis.Vendoring;
using GoModLens.Analysis.Workspace;
using GoModLens.ModFile.Module;
using GoModLens.ModFile.Semantics;
using GoModLens.ModFile.Syntax;
using GoModLens.ModFile.Text;
using GoModLens.ModFile.Versions;

namespace GoModLens.Analysis.Findings;

/// <summary>
/// Turns a parsed go.mod and resolution reports into findings. <see cref="FromParse"/> needs no network (syntax and
/// semantic checks); <see cref="FromReport"/> maps one <see cref="RequirementReport"/> (call it as reports stream in);
/// <see cref="Build"/> does both and sorts by position.
/// </summary>
public static class FindingsBuilder
{
    /// <summary>Syntax (GML1xxx) and local semantic (GML2xxx) findings.</summary>
    /// <param name="text">The go.mod text that was parsed (needed for non-canonical spellings and whole-line edits).</param>
    public static IReadOnlyList<Finding> FromParse(ParseResult parse, string text, FindingsContext context)
    {
        var file = parse.Syntax.Name;
        var findings = new List<Finding>();
        foreach (var d in parse.Diagnostics)
        {
            var code = d.Stage != ModDiagnosticStage.Directive ? FindingCodes.SyntaxError
                : d.Message.Contains("must be of the form v1.2.3", StringComparison.Ordinal) ? FindingCodes.InvalidVersion
                : d.Message.Contains(" invalid: should be ", StringComparison.Ordinal) ? FindingCodes.MajorVersionMismatch
                : FindingCodes.DirectiveError;
            // A major the path lacks written as a prefix (example.com/m v2) is a query to go, whose answer may well fit
            // (v2.0.0+incompatible): go's fixer asks before any major check.
            if (code == FindingCodes.MajorVersionMismatch
                && VersionQueryFindings.QueriedVersions(parse, text).FirstOrDefault(q => q.LineStart.Line == d.Position.Line && VersionQuery.IsSemverPrefix(q.Query)) is { } prefix)
            {
                findings.Add(NonCanonical(parse, context, prefix.VersionRange, $"version {prefix.Query} is a query: go asks GOPROXY for the highest {prefix.Query}.x", prefix.ModulePath, []));
                continue;
            }

            // The go command answers such a version with GOPROXY (x/mod's parser, gopls and go mod edit reject it). go.work
            // is parsed without go's fixer: a query there is simply invalid.
            if (code == FindingCodes.InvalidVersion && parse.Mode != ParseMode.Work)
            {
                var (severity, then, goMessage) = FixerRewrite(parse, context);
                findings.Add(new Finding(code, severity == FindingSeverity.Information ? FindingSeverity.Warning : severity, file, d.Range,
                    $"{d.Message} (x/mod, gopls and go mod edit reject it); go commands ask GOPROXY what it means{then}", goMessage, null, [], []));
                continue;
            }

            findings.Add(new Finding(code, FindingSeverity.Error, file, d.Range, d.Message, d.ToGoString(), null, [], []));
        }

        var model = parse.Model;
        findings.AddRange(GodebugErrors(parse, context));
        if (ToolchainLineFindings.From(parse, text, context) is { } droppedToolchain)
        {
            findings.Add(droppedToolchain);
        }

        foreach (var req in model.Require)
        {
            var (pathRange, versionRange) = Ranges(req);
            var path = req.Mod.Path;
            var version = req.Mod.Version;
            if (ModulePath.CheckPath(path) is { } pathError)
            {
                findings.Add(new Finding(FindingCodes.MalformedModulePath, FindingSeverity.Error, file, pathRange,
                    $"{pathError}; go makes no request for it", $"{path}@{version}: {pathError}", path, [], []));
            }

            // The written spelling is compared in place: a substring per require per keystroke is garbage.
            if (TokenFor(req, 1) is { Span: { } vspan } && !WrittenAs(text, vspan, version))
            {
                var written = Slice(text, vspan);
                if (written.Length > 0 && written != version && Unquote(written) != version)
                {
                    findings.Add(VersionQuery.IsSemverPrefix(Unquote(written))
                        ? NonCanonical(parse, context, vspan, $"version {written} is a query: go asks GOPROXY for the highest {Unquote(written)}.x", path, [])
                        : NonCanonical(parse, context, vspan, $"version {written} is not canonical; go reads it as {version}", path, [new UpgradeTo(path, version, vspan)]));
                }
            }

            if (PseudoVersionErrors.GetOrAdd(version, PseudoVersionError) is { } baseError)
            {
                findings.Add(new Finding(FindingCodes.MalformedPseudoVersion, FindingSeverity.Error, file, versionRange,
                    $"malformed pseudo-version {version}: {baseError}", $"{path}@{version}: invalid pseudo-version: {baseError}", path, [], []));
            }

            if (model.Exclude.Count > 0 && FindExclude(model, path, version) is { } exclude)
            {
                findings.Add(new Finding(FindingCodes.ExcludedVersionRequired, FindingSeverity.Warning, file, versionRange,
                    $"{path} {version} is excluded by this go.mod; go ignores this requirement and selects another version",
                    $"ignoring requirement on excluded version {path} {version}", path,
                    [new RelatedInformation("excluded here", exclude.Syntax.Span)], []));
            }
        }

        // go's fixer queries a prefix in an exclude or a replacement too (exclude example.com/m v1.2 excludes v1.2.x's highest).
        foreach (var q in VersionQueryFindings.QueriedVersions(parse, text).Where(q => q.Verb != "require" && VersionQuery.IsSemverPrefix(q.Query)))
        {
            findings.Add(NonCanonical(parse, context, q.VersionRange, $"version {q.Query} is a query: go asks GOPROXY for the highest {q.Query}.x", q.ModulePath, []));
        }

        // Duplicates: go keeps the highest version (MVS); go mod tidy removes the other lines.
        foreach (var group in DuplicateGroups(model.Require))
        {
            var keep = group.Aggregate((a, b) => Semver.Compare(b.Mod.Version, a.Mod.Version) > 0 ? b : a);
            foreach (var dup in group.Where(r => !ReferenceEquals(r, keep)))
            {
                var (pathRange, _) = Ranges(dup);
                var lineRange = TextLines.WholeLines(text, dup.Syntax.Start, dup.Syntax.End);
                var drop = dup.Syntax.InBlock ? [new DropDuplicateRequire(dup.Mod.Path, dup.Mod.Version, lineRange)] : Array.Empty<SuggestedFix>();
                findings.Add(new Finding(FindingCodes.DuplicateRequire, FindingSeverity.Warning, file, pathRange,
                    $"{dup.Mod.Path} is required more than once ({dup.Mod.Version} here, {keep.Mod.Version} on line {keep.Syntax.Start.Line}); go uses {keep.Mod.Version}",
                    null, dup.Mod.Path, [new RelatedInformation($"also required as {keep.Mod.Version}", keep.Syntax.Span)], drop));
            }
        }

        // Directory replacements: the directory must hold a go.mod once the module is in the graph.
        if (context.GoModDirectory is { } dir)
        {
            foreach (var rep in model.Replace.Where(r => r.New.Version.Length == 0))
            {
                var required = model.Require.FirstOrDefault(r => r.Mod.Path == rep.Old.Path && (rep.Old.Version.Length == 0 || r.Mod.Version == rep.Old.Version));
                if (required is null)
                {
                    continue;
                }

                if (GoPaths.Resolve(dir, rep.New.Path) is not { } full || File.Exists(Path.Combine(full, "go.mod")))
                {
                    continue;
                }

                var goMod = Path.Combine(full, "go.mod");
                // go prints filepath.Join(dir, "go.mod"), which cleans "./x" to "x".
                var shown = Path.IsPathRooted(rep.New.Path) ? goMod : Path.GetRelativePath(dir, goMod);
                var goMessage = $"{required.Mod.Path}@{required.Mod.Version} (replaced by {rep.New.Path}): reading {shown}: open {goMod}: no such file or directory";
                var range = rep.Syntax.Tokens.LastOrDefault()?.Span ?? rep.Syntax.Span;
                findings.Add(new Finding(FindingCodes.ReplaceDirectoryWithoutGoMod, FindingSeverity.Error, file, range,
                    Directory.Exists(full) ? $"replacement directory {rep.New.Path} has no go.mod" : $"replacement directory {rep.New.Path} does not exist",
                    goMessage, rep.Old.Path, [], []));
            }
        }

        if (context.Workspace is { } workspace && context.GoModDirectory is { } moduleDirectory)
        {
            findings.AddRange(WorkspaceFindings.From(workspace, model, file, moduleDirectory));
        }

        if (model.Tool.Count > 0)
        {
            // How go builds here words its error for a tool it cannot find, and in vendor mode decides where it looks.
            var buildMode = context.BuildModeFor(model);
            findings.AddRange(ToolFindings.From(model, file, context.GoModDirectory, goAddsModules: context.GoFlagsMod == "mod", context.Workspace,
                context.GoModCache, context.GoSumForBuilds, buildMode, context.Vendor?.List, context.GoRoot));
        }

        if (context.GoFlags is { } goFlags)
        {
            var filePath = context.GoModDirectory is { } goModDirectory ? Path.Combine(goModDirectory, Path.GetFileName(file)) : null;
            findings.AddRange(GoFlagsFindings.From(goFlags, context.Os, model, file, filePath, context.WorkingDirectory ?? context.GoModDirectory,
                context.Workspace is not null, context.LocalGoVersion is { Length: > 0 } local ? local : null, context.BuildTarget));
        }

        if (context.Vendor is { } vendor && context.GoModDirectory is { } vendoredModule)
        {
            findings.AddRange(VendorFindings.From(vendor, model, file, vendoredModule));
        }

        return findings;
    }

    /// <summary>GML2002: a version go's fixer rewrites (<see cref="FixerRewrite"/>).</summary>
    private static Finding NonCanonical(ParseResult parse, FindingsContext context, TextSpan span, string what, string? path, IReadOnlyList<SuggestedFix> fixes)
    {
        var (severity, then, goMessage) = FixerRewrite(parse, context);
        return new Finding(FindingCodes.NonCanonicalVersion, severity, parse.Syntax.Name, span, what + then, goMessage, path, [], fixes);
    }

    /// <summary>
    /// What go's fixer rewriting a version costs, which depends on how go builds here: with -mod=readonly, its default,
    /// go would have to write the go.mod, so go build, go list and go vet stop with "updates to go.mod needed" (an
    /// error, with that line); with -mod=mod go writes it on its next build; in workspace mode go never writes a
    /// module's go.mod and goes on with the answer in memory. Then: the words that end the finding's sentence.
    /// </summary>
    private static (FindingSeverity Severity, string Then, string? GoMessage) FixerRewrite(ParseResult parse, FindingsContext context)
    {
        var workspaceMode = context.Workspace is { } workspace && context.GoModDirectory is { } directory && workspace.Uses(directory);
        if (workspaceMode)
        {
            return (FindingSeverity.Information, ", and go goes on with the answer in memory (workspace mode: go never writes this go.mod)", null);
        }

        if (context.GoFlagsMod == "mod")
        {
            return (FindingSeverity.Information, ", and go writes the answer on its next build (GOFLAGS=-mod=mod)", null);
        }

        var mode = context.BuildModeFor(parse.Model);
        return (FindingSeverity.Error,
            "; go would write the answer into the go.mod, so go build, go list and go vet stop with \"updates to go.mod needed\" until it is written (go mod tidy, or the quick fix)",
            mode?.UpdatesNeededMessage ?? "updates to go.mod needed; to update it:\n\tgo mod tidy");
    }

    /// <summary>
    /// GML3014 for the toolchain switch go makes before anything else (<see cref="ToolchainCheck"/>): an error when the
    /// next go command would stop on it, information when go switches toolchains and can.
    /// </summary>
    /// <param name="model">The file the finding goes on: the go.mod, or the go.work when it is the one checked.</param>
    /// <param name="itsOwnLines">The lines that decided are <paramref name="model"/>'s own (a go.work checked as itself).</param>
    public static Finding? FromToolchain(ToolchainReport report, GoModFile model, string fileName, bool itsOwnLines = false)
    {
        if (report.Outcome == ToolchainOutcome.Local)
        {
            return null;
        }

        var selection = report.Selection;
        var toolchainLine = model.Toolchain?.Syntax;
        var goLine = model.Go?.Syntax;
        var fromGoMod = itsOwnLines || selection.File == "go.mod";
        var line = fromGoMod && (selection.Reason == ToolchainReason.ToolchainLine
                || (report.Outcome == ToolchainOutcome.Invalid && selection.Error!.EndsWith("in " + selection.File, StringComparison.Ordinal)))
            ? toolchainLine ?? goLine
            : goLine ?? toolchainLine;
        var range = line?.Tokens.LastOrDefault()?.Span ?? model.Module?.Syntax.Span ?? default;
        var toolchain = selection.Toolchain;
        var lines = fromGoMod ? "" : $" of {selection.File} (workspace mode: its lines decide, not this go.mod's)";
        var why = selection.Reason switch
        {
            ToolchainReason.ToolchainLine => $"the toolchain line{lines} asks for {toolchain}",
            ToolchainReason.GoLine => $"go {selection.GoLine}{lines} needs {toolchain}",
            _ => $"GOTOOLCHAIN={selection.Setting} names {toolchain}",
        };
        var running = $"running {report.LocalToolchain}";
        var resolution = report.Resolution;
        var related = resolution?.Failure?.Trace.Select(t => new RelatedInformation(TraceText(t))).ToList() ?? [];
        if (report.ModuleVersion is { } version)
        {
            related.Add(new RelatedInformation($"go downloads {ToolchainSelection.Module}@{version} through GOPROXY (GOPRIVATE does not apply) and verifies it with the checksum database"));
        }

        if (report.Outcome == ToolchainOutcome.ChecksumDatabaseFailed)
        {
            related.Add(new RelatedInformation("sum.golang.google.cn serves sum.golang.org's database from mainland China: GOSUMDB=sum.golang.google.cn; "
                + "or install the toolchain another way and put it on PATH (GOTOOLCHAIN=path)"));
        }

        var fixes = new List<SuggestedFix>();
        if (resolution?.MirrorSuggestion is { } m)
        {
            fixes.Add(new SetGoproxyMirror(m.Mirror, m.GoProxyValue, m.Elapsed));
        }

        var (severity, message) = report.Outcome switch
        {
            ToolchainOutcome.TooNew => (FindingSeverity.Error, selection.Setting.Length == 0
                ? $"go {selection.GoLine}{lines} is newer than the local {report.LocalToolchain}, and with no GOTOOLCHAIN setting go does not switch"
                : $"go {selection.GoLine}{lines} is newer than the toolchain that runs, and GOTOOLCHAIN={selection.Setting} does not let go switch"),
            ToolchainOutcome.Invalid => (FindingSeverity.Error, report.GoMessage!),
            ToolchainOutcome.NotOnPath => (FindingSeverity.Error, $"{why} ({running}), and GOTOOLCHAIN={selection.Setting} only looks for it on PATH: not found"),
            ToolchainOutcome.OnPath => (FindingSeverity.Information, $"{why} ({running}): go runs {report.Where}"),
            ToolchainOutcome.InModuleCache => (FindingSeverity.Information, $"{why} ({running}): already downloaded to the module cache"),
            ToolchainOutcome.Available => (FindingSeverity.Information, $"{why} ({running}): go will download it from {report.Where}"),
            ToolchainOutcome.Direct => (FindingSeverity.Warning, $"{why} ({running}): no proxy has it, so go would clone {ToolchainSelection.Module} with git (direct)"),
            ToolchainOutcome.NotChecked => (FindingSeverity.Hint, $"{why} ({running}): go will download it (not checked: network disabled)"),
            ToolchainOutcome.NotAvailable => (FindingSeverity.Error, $"{why} ({running}), and no configured source has it"),
            ToolchainOutcome.ChecksumDatabaseOff => (FindingSeverity.Error, $"{why} ({running}), and go refuses to use a downloaded toolchain with GOSUMDB=off"),
            ToolchainOutcome.ChecksumDatabaseFailed => (FindingSeverity.Error,
                $"{why} ({running}): GOPROXY serves it, but go cannot verify the download with the checksum database (GONOSUMDB does not apply to toolchains)"),
            _ => (FindingSeverity.Error, $"{why} ({running}), and downloading it fails: "
                + (resolution is { Failure: { } f } ? Headline(CodeFor(resolution.Status, f.Kind), resolution) : report.GoMessage)),
        };
        return new Finding(FindingCodes.ToolchainSwitch, severity, fileName, range, message, report.GoMessage, ToolchainSelection.Module, related, fixes);
    }

    /// <summary>
    /// GML3015 on every require go would verify against an unreachable checksum database (<see cref="ChecksumDatabase"/>):
    /// go fails on the first of them, with the message below, whatever the proxy answered.
    /// </summary>
    /// <param name="goNoSumDb">The effective GONOSUMDB, which the fix for a private-looking host extends.</param>
    /// <param name="alternative">Another way to reach the database that answered just now, offered first.</param>
    public static IEnumerable<Finding> FromChecksumDatabase(ChecksumDatabaseProbe probe, IEnumerable<GoModSumRequirement> unverified, string fileName, string goNoSumDb,
        SuggestedFix? alternative = null)
    {
        if (probe.Reachable)
        {
            yield break;
        }

        var problem = probe.Kind switch
        {
            FailureKind.DnsNotFound or FailureKind.DnsServerFailure or FailureKind.DnsTimeout => "its host name could not be resolved",
            FailureKind.ConnectionRefused or FailureKind.ConnectionReset or FailureKind.ConnectTimeout => "could not connect",
            FailureKind.Tls => "the TLS handshake failed",
            FailureKind.FirstByteTimeout or FailureKind.BodyStalled => "no answer within the deadline",
            FailureKind.Unauthorized or FailureKind.Forbidden => "access refused",
            FailureKind.NotFound or FailureKind.Gone => "the lookup was not found",
            FailureKind.ConfigurationError => "GOSUMDB is invalid: " + probe.Error,
            FailureKind.InvalidResponse when probe.Result is null => "go's cached answer could not be verified: " + probe.Error!.Split('\n')[0],
            FailureKind.InvalidResponse => "its answer could not be verified (not the signed, proven record go requires): " + probe.Error!.Split('\n')[0],
            _ => "the request failed",
        };
        var related = probe.Trace.Select(t => new RelatedInformation(t)).ToList();
        if (probe.Name == "sum.golang.org" && probe.Kind != FailureKind.ConfigurationError)
        {
            related.Add(new RelatedInformation("sum.golang.google.cn serves the same database from mainland China: GOSUMDB=sum.golang.google.cn"));
        }

        if (probe.Kind == FailureKind.ConfigurationError)
        {
            related.Add(new RelatedInformation("GOSUMDB is a database go knows (sum.golang.org, sum.golang.google.cn), or \"name+hash+key [url]\" "
                + "with the database's public key, e.g. GOSUMDB=\"sum.golang.org https://goproxy.cn/sumdb/sum.golang.org\""));
        }

        foreach (var need in unverified)
        {
            var (path, version) = (need.Target.Path, need.Target.Version);
            var (pathRange, _) = Ranges(need.Require);
            var host = path.Split('/')[0];
            var fixes = new List<SuggestedFix>();
            if (alternative is not null)
            {
                fixes.Add(alternative);
            }

            if (LooksPrivate(host) && PrivatePattern(path) is { } pattern)
            {
                fixes.Add(new AddGoNoSumDb(pattern, Append(goNoSumDb, pattern)));
            }

            yield return new Finding(FindingCodes.ChecksumDatabaseUnreachable, FindingSeverity.Error, fileName, pathRange,
                $"go.sum has no line for {need.GoDisplay}, and go cannot verify it: checksum database {probe.Name} ({probe.Via}): {problem}",
                probe.GoMessage(path, version), need.Require.Mod.Path, related, fixes);
        }
    }

    /// <summary>
    /// GML3017: the checksum database's record for a go.mod differs from the go.mod the proxy serves (or has no line for
    /// it), so go stops with SECURITY ERROR the first time it needs that go.mod.
    /// </summary>
    public static Finding ChecksumDatabaseDisagrees(ChecksumDatabaseProbe probe, GoModSumRequirement need, string goMessage, string fileName)
    {
        var (pathRange, versionRange) = Ranges(need.Require);
        var missing = goMessage.Contains("checksum missing from sumdb response", StringComparison.Ordinal);
        var message = missing
            ? $"the checksum database {probe.Name} answered for {need.GoDisplay} without a go.mod hash: go cannot verify the go.mod and stops (SECURITY ERROR)"
            : $"the go.mod GOPROXY serves for {need.GoDisplay} is not the one the checksum database {probe.Name} recorded: go stops (SECURITY ERROR)";
        var related = new List<RelatedInformation>(probe.Trace.Select(t => new RelatedInformation(t)))
        {
            new(missing
                ? "The database answered with a record that does not cover this version's go.mod: the database (or whatever answered in its place) is malfunctioning."
                : "The database records the first content ever served for a version. A different go.mod now means the proxy serves altered content, "
                    + "or the version's tag was moved after it was first fetched (with GOPROXY=direct go reads the repository, which now differs). "
                    + "A proxy that caches versions, such as proxy.golang.org, serves the recorded content."),
        };
        return new Finding(FindingCodes.ChecksumDatabaseMismatch, FindingSeverity.Error, fileName, versionRange.ByteLength > 0 ? versionRange : pathRange,
            message, goMessage, need.Require.Mod.Path, related, []);
    }

    /// <summary>
    /// The tagged versions on either side of <paramref name="version"/> and the latest, e.g.
    /// <c>the nearest it has are v1.0.0 and v1.1.0 (4 tagged; latest v1.2.0)</c>; null when it has none and no latest.
    /// </summary>
    internal static string? NearestVersions(string version, LatestReport known)
    {
        var below = known.Versions.LastOrDefault(v => Semver.Compare(v, version) < 0);
        var above = known.Versions.FirstOrDefault(v => Semver.Compare(v, version) > 0);
        string[] nearest = [.. new[] { below, above }.OfType<string>()];
        var latest = known.Latest is { } l ? "latest " + l : null;
        if (nearest.Length == 0)
        {
            return latest is null ? null : $"no version is tagged; {latest}";
        }

        var count = $"{known.Versions.Count} tagged" + (latest is null ? "" : "; " + latest);
        return nearest.Length == 1 ? $"the nearest it has is {nearest[0]} ({count})" : $"the nearest it has are {nearest[0]} and {nearest[1]} ({count})";
    }

    /// <summary>Findings for one resolved requirement (GML2007–2009, GML3xxx).</summary>
    public static IReadOnlyList<Finding> FromReport(RequirementReport report, string fileName, FindingsContext context)
    {
        var findings = new List<Finding>();
        var (pathRange, versionRange) = report.Require is { } req ? Ranges(req) : (default, default);
        var path = report.ModulePath;
        var version = report.Version;
        var trace = report.Failure?.Trace.Select(t => new RelatedInformation(TraceText(t))).ToList() ?? [];
        var notes = report.Notes.Select(n => new RelatedInformation("note: " + n)).ToList();

        switch (report.Status)
        {
            case RequirementStatus.Resolved:
                AddAdvisories(findings, report, fileName, pathRange, versionRange);
                if (report.Info?.StaleAge is { } age)
                {
                    findings.Add(new Finding(FindingCodes.StaleCache, FindingSeverity.Warning, fileName, versionRange,
                        $"{path}@{version} was answered from GoModLens's cache ({Age(age)} old) because the proxy failed", null, path, notes, []));
                }

                break;
            case RequirementStatus.NotFound:
            case RequirementStatus.Failed:
            case RequirementStatus.TimedOut:
            case RequirementStatus.Disabled:
            case RequirementStatus.ConfigurationError:
                {
                    var failure = report.Failure!;
                    if (GoModChecksumFirst(report, fileName, pathRange, context) is { } mismatch)
                    {
                        findings.Add(mismatch);
                        break;
                    }

                    var code = CodeFor(report.Status, failure.Kind);
                    var fixes = new List<SuggestedFix>();
                    if (report.MirrorSuggestion is { } m)
                    {
                        fixes.Add(new SetGoproxyMirror(m.Mirror, m.GoProxyValue, m.Elapsed));
                    }

                    // A pseudo-version whose time or commit name is off (often hand-written): the one go accepts for that commit.
                    if (report is { Require: not null, Direct.Vcs.Corrected: { } corrected })
                    {
                        fixes.Add(new UpgradeTo(path, corrected, versionRange));
                    }

                    // A version the module does not have (a typo, a tag never pushed or since deleted) where it has others:
                    // which are nearest, and go's @latest as the fix.
                    else if (code == FindingCodes.VersionNotFound && report is { Require: not null, Latest: { } known } && NearestVersions(version, known) is { } nearest)
                    {
                        trace.Add(new RelatedInformation($"{path} has no {version}; {nearest}"));
                        if (known.Latest is { } latest && Semver.Compare(latest, version) != 0)
                        {
                            fixes.Add(new UpgradeTo(path, latest, versionRange));
                        }
                    }

                    var host = path.Split('/')[0];
                    if ((failure.Kind is FailureKind.Unauthorized or FailureKind.Forbidden || (code == FindingCodes.VersionNotFound && LooksPrivate(host)))
                        && PrivatePattern(path) is { } pattern)
                    {
                        // Not for a path already covered: the repository itself refused, and git's credentials are the fix.
                        if (!ModulePath.MatchPrefixPatterns(context.GoPrivate, path))
                        {
                            fixes.Add(new AddGoPrivate(pattern, Append(context.GoPrivate, pattern)));
                        }

                        if (!ModulePath.MatchPrefixPatterns(context.GoNoSumDb, path) && !ModulePath.MatchPrefixPatterns(context.GoPrivate, path))
                        {
                            fixes.Add(new AddGoNoSumDb(pattern, Append(context.GoNoSumDb, pattern)));
                        }
                    }

                    if (code == FindingCodes.VersionNotFound && WorkspaceModuleFix(report, context) is { } workspaceFix)
                    {
                        fixes.Add(workspaceFix);
                        trace.Add(new RelatedInformation($"{path} is a workspace module ({workspaceFix.Directory}), but go still reads the go.mod of the version required here"));
                    }

                    if (code == FindingCodes.VersionNotFound && report.Require is not null && context.EndOfFile is { } eof)
                    {
                        fixes.Add(context.FindCheckout?.Invoke(path) is { } checkout
                            ? new AddReplaceLocal(path, ModQuoting.AutoQuote(checkout.ReplacePath), eof, Found: true) // a path with spaces is quoted in go.mod
                            : new AddReplaceLocal(path, "../" + LastElement(path), eof));
                    }

                    var range = code is FindingCodes.VersionNotFound ? versionRange : pathRange;
                    // Builds from vendor/ look nothing up: only the commands that fetch (go mod vendor, tidy, get) fail.
                    var vendored = report.Require is { } vendoredRequire && context.Vendor?.Vendors(vendoredRequire.Mod) == true;
                    findings.Add(new Finding(code, vendored ? FindingSeverity.Warning : FindingSeverity.Error, fileName, range,
                        vendored ? Headline(code, report) + "; go builds use vendor/ and do not need it, but go mod vendor, go mod tidy and go get do" : Headline(code, report),
                        failure.GoMessage, path, [.. trace, .. notes], fixes));
                    break;
                }

            case RequirementStatus.Direct:
                {
                    var d = report.Direct!;
                    if (d.Vcs is { Outcome: DirectOutcome.Found, Repo: { } repo } vcs)
                    {
                        // The repository has it: a hint, not a problem; what is newer comes from its tags.
                        AddAdvisories(findings, report, fileName, pathRange, versionRange);
                        var seen = new List<RelatedInformation>(trace) { new($"git ls-remote and fetch {repo.RedactedUrl}: {vcs.Versions.Count} tagged version(s) [{(int)vcs.Elapsed.TotalMilliseconds} ms]") };
                        findings.Add(new Finding(FindingCodes.DirectOnly, FindingSeverity.Hint, fileName, pathRange,
                            $"{path}@{version} is fetched directly with git, not through a proxy ({d.Reason}): {vcs.Location ?? repo.RedactedUrl}", null, path, [.. seen, .. notes], []));
                        if (vcs.ZipError is { } zipError)
                        {
                            // The tag resolves, but go cannot package its tree: every download (build, tidy, CI) stops.
                            findings.Add(new Finding(FindingCodes.ModuleZipRefused, FindingSeverity.Error, fileName, versionRange,
                                $"go cannot create the module zip of {path}@{version} from its repository: {zipError.Split("create zip: ", 2)[^1]}",
                                zipError, path, [.. seen, new("go mod download, go build and go mod tidy fetch the module's files as a zip, and go refuses to create this one; "
                                    + "fix the tree (rename or remove the files named) and tag a new version")], []));
                        }

                        break;
                    }

                    var related = new List<RelatedInformation>(trace) { new("go would request " + d.MetaUrl + " then run the VCS tool") };
                    if (d.MetaOutcome is { } meta)
                    {
                        related.Add(new RelatedInformation("probe: " + meta));
                    }

                    var severity = d.Reachable == false ? FindingSeverity.Warning : FindingSeverity.Information;
                    findings.Add(new Finding(FindingCodes.DirectOnly, severity, fileName, pathRange,
                        $"{path}@{version} is not checked through a proxy: {d.Reason}" + (d.Reachable == false ? "; its host did not answer the go-get probe" : ""),
                        d.Reachable == false ? d.MetaOutcome : null, path, [.. related, .. notes], []));
                    break;
                }

            case RequirementStatus.NotChecked:
                findings.Add(new Finding(FindingCodes.NotChecked, FindingSeverity.Hint, fileName, versionRange,
                    $"{path}@{version} not checked: network disabled and not in the module cache", null, path, [], []));
                break;
        }

        return findings;
    }

    /// <summary>
    /// GML1508 in place of GML3007: go hashes a downloaded go.mod and checks go.sum (modfetch checkGoMod) before modload
    /// parses it, so a go.mod that does not parse or declares another path, under a go.sum hash that differs, stops go
    /// with the checksum mismatch (checked with go 1.26: go list -m, go build, go mod download). Null otherwise.
    /// </summary>
    private static Finding? GoModChecksumFirst(RequirementReport report, string fileName, TextSpan pathRange, FindingsContext context)
    {
        if (report is not { Status: RequirementStatus.Failed, Failure.Kind: FailureKind.InvalidResponse, GoMod: { } served }
            || context.GoSums is not { } sums || report.Target.Version.Length == 0)
        {
            return null;
        }

        var key = new ModuleVersionKey(report.Target.Path, report.Target.Version);
        if (GoSumChecker.VerifyGoMod(sums, key, served) is not { Status: GoModVerificationStatus.Mismatch } v)
        {
            return null;
        }

        return new Finding(GoSumFindingCodes.GoModChecksumMismatch, FindingSeverity.Error, fileName, pathRange,
            $"go.sum's hash for {key.Path}@{key.Version}/go.mod is not that of the go.mod go downloads ({v.Downloaded}): go refuses it (SECURITY ERROR) before reading it",
            v.GoMessage, report.ModulePath,
            [
                new RelatedInformation("downloaded: " + v.Downloaded), new RelatedInformation(v.Label + ":     " + v.Line!.Hash.Text),
                new RelatedInformation("with a go.sum line that matches, go would stop at the go.mod itself: " + string.Join(' ', (report.Failure!.GoMessage ?? "").Split('\n').Select(l => l.Trim()))),
            ],
            []);
    }

    /// <summary>
    /// GML3016: a require listed below the version a dependency's go.mod requires. go's module graph selects the higher
    /// one, and go (-mod=readonly, its default) refuses to go on with a go.mod that says otherwise:
    /// <c>go list -m all</c>, and builds of packages that import the dependency, stop with
    /// <c>go: updates to go.mod needed</c>. Not in workspace mode (go never updates a workspace module's go.mod) nor for
    /// builds from vendor/ (they read modules.txt); with GOFLAGS=-mod=mod go rewrites the go.mod itself.
    /// </summary>
    /// <param name="text">The go.mod text (the go-line fix is computed on it).</param>
    public static IEnumerable<Finding> FromModuleGraph(IEnumerable<RequirementReport> reports, GoModFile model, string text, string fileName, FindingsContext context)
    {
        ArgumentNullException.ThrowIfNull(reports);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(context);
        if (context.Vendor is not null || (context.Workspace is { } workspace && context.GoModDirectory is { } directory && workspace.Uses(directory)))
        {
            yield break;
        }

        // Per listed path, the highest version the graph requires, the first go.mod requiring it (From), and the require
        // of this go.mod it belongs to (By: the same module, or the one go loads it through without graph pruning).
        var raised = new Dictionary<string, (ModPathVersion Required, RequirementReport By, ModPathVersion From)>(StringComparer.Ordinal);
        void Raise(ModPathVersion edge, RequirementReport by, ModPathVersion from)
        {
            if (!raised.TryGetValue(edge.Path, out var known) || (edge.Path == ModuleGraphEdges.GoLine
                ? GoVersions.Compare(edge.Version, known.Required.Version) > 0
                : Semver.Compare(edge.Version, known.Required.Version) > 0))
            {
                raised[edge.Path] = (edge, by, from);
            }
        }

        foreach (var report in reports)
        {
            var self = new ModPathVersion(report.ModulePath, report.Version);
            foreach (var edge in report.RequiresAbove)
            {
                Raise(edge, report, self);
            }

            foreach (var edge in report.Unpruned.Above)
            {
                Raise(edge.To, report, edge.From);
            }
        }

        if (raised.Count == 0)
        {
            yield break;
        }

        // With GOFLAGS=-mod=mod go rewrites the go.mod on its next build instead of refusing it.
        var rewrites = context.GoFlagsMod == "mod";
        Finding Needs(RequirementReport by, ModPathVersion from, string required, string listedHere, string raised, TextSpan range, string? module, SuggestedFix? fix)
        {
            var direct = from.Path == by.ModulePath && from.Version == by.Version;
            // Below a dependency older than graph pruning, go build of a pruned main module never loads that part of the
            // graph (checked with go): only go list -m all and the tools built on it (gopls) stop there.
            var listOnly = !direct && UnprunedGraph.Pruned(model);
            var through = direct ? ""
                : $" ({from.Path} {from.Version} is in the module graph through {by.ModulePath} {by.Version}: "
                  + (listOnly ? "its go.mod predates graph pruning (go 1.17), so go loads every go.mod below it)" : "this go.mod's go line predates graph pruning (go 1.17), so go loads every go.mod below its requires)");
            var related = by.Require is not { } byRequire ? []
                : direct ? new[] { new RelatedInformation($"{by.ModulePath} {by.Version} requires {required} in its go.mod", byRequire.Syntax.Span) }
                : [new RelatedInformation($"go reaches {from.Path} {from.Version}, which requires {required}, through {by.ModulePath} {by.Version}", byRequire.Syntax.Span)];
            return new(
                FindingCodes.GoModNeedsUpdate, rewrites ? FindingSeverity.Information : listOnly ? FindingSeverity.Warning : FindingSeverity.Error, fileName, range,
                $"{from.Path} {from.Version} requires {required}, above the {listedHere}{through}: " + (rewrites
                    ? $"with GOFLAGS=-mod=mod go raises {raised} on its next build"
                    : listOnly
                    ? $"go list -m all, which gopls and other tools run, stops with \"updates to go.mod needed\" until {raised} is raised (go mod tidy); go build does not load this part of the graph"
                    : !UnprunedGraph.Pruned(model)
                    ? $"go list -m all and every go build stop with \"updates to go.mod needed\" until {raised} is raised (go mod tidy)"
                    : $"go list -m all, and builds of packages that import {by.ModulePath}, stop with \"updates to go.mod needed\" until {raised} is raised (go mod tidy)"),
                rewrites ? null : "updates to go.mod needed; to update it:\n\tgo mod tidy", module, related, fix is null ? [] : [fix]);
        }

        if (raised.TryGetValue(ModuleGraphEdges.GoLine, out var go) && model.Go is { } goLine)
        {
            yield return Needs(go.By, go.From, $"go {go.Required.Version}", $"go {goLine.Version} of this go.mod", "the go line",
                goLine.Syntax.Tokens.LastOrDefault()?.Span ?? goLine.Syntax.Span, null, RaiseGoLine(model.Syntax.Name, text, go.Required.Version));
        }

        var listed = ModuleGraphEdges.Listed(model);
        foreach (var require in model.Require)
        {
            if (require.Mod.Path == ModuleGraphEdges.GoLine || !raised.TryGetValue(require.Mod.Path, out var edge) || listed[require.Mod.Path] != require.Mod.Version)
            {
                continue; // a lower duplicate is GML2004's
            }

            var (_, versionRange) = Ranges(require);
            yield return Needs(edge.By, edge.From, $"{edge.Required.Path} {edge.Required.Version}", $"{require.Mod.Version} listed here", "it", versionRange,
                require.Mod.Path, new UpgradeTo(require.Mod.Path, edge.Required.Version, versionRange));
        }
    }

    // go mod tidy's go line: the version, and a toolchain line no newer than it dropped (go then implies it).
    private static RaiseGoVersion? RaiseGoLine(string fileName, string text, string version)
    {
        try
        {
            var editor = ModFile.Editing.ModFileEditor.Open(fileName, text);
            editor.AddGoStmt(version);
            // modload.UpdateGoModFromReqs keeps a toolchain root only above the go version (and from go 1.21 on).
            if (editor.Model.Toolchain is { } toolchain && GoVersions.FromToolchain(toolchain.Name) is var toolchainVersion
                && (GoVersions.Compare(toolchainVersion, version) <= 0 || GoVersions.Compare(toolchainVersion, "1.21") < 0))
            {
                editor.DropToolchainStmt();
            }

            return new RaiseGoVersion(version, [.. editor.ToTextEdits(text)
                .Select(e => new TextEdit(new TextSpan(TextLines.At(text, e.StartOffset), TextLines.At(text, e.EndOffset)), e.NewText))]);
        }
        catch (ModFile.Editing.ModEditException)
        {
            return null; // a go.mod the editor cannot take: the finding stands without a fix
        }
    }

    /// <summary>For a require of a module the workspace has a copy of: the go.work replace that makes go use that copy.</summary>
    private static ReplaceInGoWork? WorkspaceModuleFix(RequirementReport report, FindingsContext context) =>
        report.Require is not null && context is { Workspace: { Parse.IsAcceptedByGo: true } workspace, GoModDirectory: { } directory }
            && workspace.Uses(directory) && workspace.ModuleNamed(report.ModulePath) is { } module
            ? new ReplaceInGoWork(workspace.FilePath, workspace.ShortPath(directory), report.ModulePath, report.Version,
                GoWorkEdits.DirectoryPath(workspace.Directory, module.Directory))
            : null;

    /// <summary>Everything, sorted by position then code.</summary>
    public static IReadOnlyList<Finding> Build(ParseResult parse, string text, IEnumerable<RequirementReport> reports, FindingsContext context,
        IReadOnlyDictionary<QueriedVersion, VersionQueryResult>? queries = null)
    {
        var withEnd = context with { EndOfFile = context.EndOfFile ?? TextLines.EndOf(text) };
        var parsed = FromParse(parse, text, withEnd);
        var findings = (queries is null ? parsed : VersionQueryFindings.WithQueryResults(parsed, queries)).ToList();

        var all = reports as IReadOnlyCollection<RequirementReport> ?? [.. reports];
        foreach (var report in all)
        {
            findings.AddRange(FromReport(report, parse.Syntax.Name, withEnd));
        }

        findings.AddRange(FromModuleGraph(all, parse.Model, text, parse.Syntax.Name, withEnd));
        return [.. findings.OrderBy(f => f.Range.Start.Utf16Offset).ThenBy(f => f.Code, StringComparer.Ordinal)];
    }

    private static void AddAdvisories(List<Finding> findings, RequirementReport report, string fileName, TextSpan pathRange, TextSpan versionRange)
    {
        if (report.Latest is not { } latest)
        {
            return;
        }

        var path = report.ModulePath;
        var version = report.Version;
        if (report.IsRetracted)
        {
            var rationale = latest.Retracted.Count > 0 ? latest.Retracted[0] : null;
            var goMessage = $"{path}@{version}: retracted by module author" + (rationale is null ? "" : ": " + FirstLine(rationale));
            var fixes = latest.Latest is { } to && Semver.Compare(to, version) != 0 ? new SuggestedFix[] { new UpgradeTo(path, to, versionRange) } : [];
            findings.Add(new Finding(FindingCodes.RetractedVersion, FindingSeverity.Warning, fileName, versionRange,
                $"{path} {version} is retracted by its author" + (rationale is null ? "" : ": " + FirstLine(rationale))
                + (latest.Latest is { } l ? $" (latest unretracted: {l})" : ""),
                goMessage, path, latest.Retracted.Skip(1).Select(r => new RelatedInformation("also: " + r)).ToList(), fixes));
        }

        if (report.IsDeprecated)
        {
            findings.Add(new Finding(FindingCodes.DeprecatedModule, FindingSeverity.Warning, fileName, pathRange,
                $"{path} is deprecated: {latest.Deprecated}", $"module {path} is deprecated: {latest.Deprecated}", path, [], []));
        }

        if (latest.Update is { } update && !report.IsRetracted)
        {
            var also = latest.LatestPreRelease is { } pre ? $" (pre-release {pre} also available)" : "";
            findings.Add(new Finding(FindingCodes.UpgradeAvailable, FindingSeverity.Information, fileName, versionRange,
                $"{path} {version} can be upgraded to {update}{also}", null, path, [], [new UpgradeTo(path, update, versionRange)]));
        }

        if (latest.Error is { } error)
        {
            findings.Add(new Finding(FindingCodes.LatestUnavailable, FindingSeverity.Information, fileName, pathRange,
                $"could not determine the latest version of {path}", error, path, [], []));
        }
    }

    /// <summary>
    /// GML2015: go checks every godebug line before it does anything else (modload CheckGodebug): an unknown or removed
    /// setting, or a default= that is no go version or is newer than the go that runs, stops every go command with
    /// <c>go: error loading go.mod:</c> and the line. A go.mod's lines count only outside workspace mode (go reads the
    /// go.work's then).
    /// </summary>
    private static IEnumerable<Finding> GodebugErrors(ParseResult parse, FindingsContext context)
    {
        var file = parse.Syntax.Name;
        var work = Path.GetFileName(file) == "go.work";
        if (parse.Model.Godebug.Count == 0 || !parse.IsAcceptedByGo
            || (!work && context.Workspace is { } workspace && context.GoModDirectory is { } directory && workspace.Uses(directory)))
        {
            yield break;
        }

        var name = work ? "go.work" : "go.mod";
        foreach (var godebug in parse.Model.Godebug)
        {
            if (Toolchain.Godebugs.Check(godebug.Key, godebug.Value, context.LocalGoVersion) is { } error)
            {
                yield return new Finding(FindingCodes.InvalidGodebug, FindingSeverity.Error, file, godebug.Syntax.Span,
                    $"go rejects this godebug line, so every go command here stops: {error}",
                    $"error loading {name}:\n{name}:{godebug.Syntax.Start.Line}: {error}", null, [], []);
            }
        }
    }

    private static string CodeFor(RequirementStatus status, FailureKind kind) => status switch
    {
        RequirementStatus.NotFound => FindingCodes.VersionNotFound,
        RequirementStatus.TimedOut => FindingCodes.Timeout,
        RequirementStatus.Disabled => FindingCodes.LookupDisabled,
        RequirementStatus.ConfigurationError => FindingCodes.ProxyConfigurationError,
        _ => kind switch
        {
            FailureKind.Unauthorized or FailureKind.Forbidden => FindingCodes.AccessDenied,
            FailureKind.DnsNotFound or FailureKind.DnsServerFailure or FailureKind.DnsTimeout => FindingCodes.DnsFailure,
            FailureKind.ConnectionRefused or FailureKind.ConnectionReset or FailureKind.Tls or FailureKind.InsecureRedirect or FailureKind.RedirectLoop => FindingCodes.ConnectionFailure,
            FailureKind.ConnectTimeout or FailureKind.FirstByteTimeout or FailureKind.BodyStalled => FindingCodes.Timeout,
            FailureKind.InvalidResponse or FailureKind.Oversize => FindingCodes.InvalidProxyResponse,
            FailureKind.ConfigurationError => FindingCodes.ProxyConfigurationError,
            FailureKind.Disabled => FindingCodes.LookupDisabled,
            _ => FindingCodes.ProxyServerError,
        },
    };

    private static string Headline(string code, RequirementReport r)
    {
        var at = r.Target.Path == r.ModulePath ? $"{r.ModulePath}@{r.Version}" : $"{r.ModulePath}@{r.Version} (replaced by {r.Target.Path}@{r.Target.Version})";
        var where = r.Failure?.Trace.LastOrDefault(t => t.Reported)?.Entry;
        var via = where is null ? "" : " (" + where + ")";
        var source = where is "direct" or "noproxy" ? "repository" : "proxy"; // direct: go asked the repository itself
        return code switch
        {
            FindingCodes.VersionNotFound => $"{at} not found on any configured source" + via,
            FindingCodes.AccessDenied => $"access to {at} denied by the {source}" + via,
            FindingCodes.ProxyServerError => $"{source} error while fetching {at}" + via,
            FindingCodes.DnsFailure => $"{source} host name could not be resolved for {at}" + via,
            FindingCodes.ConnectionFailure when r.Failure?.Kind == FailureKind.ConnectionReset => $"the {source} closed the connection before answering for {at}" + via,
            FindingCodes.ConnectionFailure when r.Failure?.Kind == FailureKind.Tls => $"no secure connection to the {source} for {at} (TLS)" + via,
            FindingCodes.ConnectionFailure when r.Failure?.Kind is FailureKind.InsecureRedirect or FailureKind.RedirectLoop => $"the {source}'s redirects for {at} lead nowhere go follows" + via,
            FindingCodes.ConnectionFailure => $"could not connect to the {source} for {at}" + via,
            FindingCodes.Timeout => $"timed out: no answer for {at} within the deadline" + via,
            FindingCodes.InvalidProxyResponse when DeclaredPath(r.Failure?.GoMessage) is { } declared =>
                $"{at}: its go.mod declares the module path {declared}, so go refuses it under this path" + via,
            FindingCodes.InvalidProxyResponse when where == RequirementResolver.ModuleCacheEntry => $"the go module cache holds an invalid go.mod for {at}",
            FindingCodes.InvalidProxyResponse => $"invalid {source} response for {at}" + via,
            FindingCodes.LookupDisabled => $"module lookup of {at} is disabled by configuration",
            FindingCodes.ProxyConfigurationError when r.Failure?.GoMessage?.Contains("refusing to pass credentials to insecure URL", StringComparison.Ordinal) == true =>
                $"go refuses to send the user and password of a GOPROXY entry over plain http, so {at} cannot be looked up{via}: the entry needs https, or no credentials in its URL",
            FindingCodes.ProxyConfigurationError => "GOPROXY is invalid, so no module can be looked up",
            _ => at,
        };
    }

    /// <summary>The path in go's <c>module declares its path as: …</c> (a module required under another name), or null.</summary>
    private static string? DeclaredPath(string? goMessage)
    {
        const string Marker = "module declares its path as: ";
        var i = goMessage?.IndexOf(Marker, StringComparison.Ordinal) ?? -1;
        return i < 0 ? null : goMessage![(i + Marker.Length)..].Split('\n')[0].Trim();
    }

    private static string TraceText(TraceLine t)
    {
        var ms = t.Elapsed > TimeSpan.Zero ? " [" + ((int)t.Elapsed.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + " ms]" : "";
        var tag = t.Reported ? " (reported by go)" : "";
        var stop = t.StoppedWalk && t.Outcome != "ok" ? " (walk stops here)" : "";
        return $"{t.Entry} {t.Operation}: {FirstLine(t.Outcome)}{ms}{tag}{stop}";
    }

    internal static bool LooksPrivate(string host)
    {
        var h = host.ToLowerInvariant();
        string[] suffixes = [".local", ".internal", ".corp", ".lan", ".intranet", ".home", ".private", ".localdomain"];
        string[] prefixes = ["git.", "gitlab.", "ghe.", "scm.", "code.", "dev.", "source.", "repo."];
        return suffixes.Any(s => h.EndsWith(s, StringComparison.Ordinal)) || prefixes.Any(p => h.StartsWith(p, StringComparison.Ordinal))
            || h.Contains("corp", StringComparison.Ordinal) || h.Contains("internal", StringComparison.Ordinal);
    }

    // Hosts where every account's modules live side by side: marking the host private would send all of GitHub's
    // modules direct and skip the checksum database for them.
    private static readonly HashSet<string> s_sharedHosts = new(StringComparer.OrdinalIgnoreCase)
    {
        "github.com", "gitlab.com", "bitbucket.org", "codeberg.org", "gitee.com", "sr.ht", "git.sr.ht", "gitea.com",
        "dev.azure.com", "launchpad.net", "hub.jazz.net", "salsa.debian.org", "framagit.org",
    };

    // Vanity hosts of public projects, which no proxy refuses for being private: a 401/403 for them comes from the
    // proxy's own policy or credentials, and GOPRIVATE would only send them past the proxy and the checksum database.
    private static readonly HashSet<string> s_publicHosts = new(StringComparer.OrdinalIgnoreCase)
    {
        "golang.org", "google.golang.org", "cloud.google.com", "gopkg.in", "k8s.io", "sigs.k8s.io", "go.uber.org",
        "go.opentelemetry.io", "go.etcd.io", "go.mongodb.org", "honnef.co", "gotest.tools", "gorm.io", "go.opencensus.io",
        "mvdan.cc", "rsc.io", "modernc.org", "lukechampine.com", "filippo.io", "nhooyr.io", "dario.cat", "go.yaml.in",
    };

    /// <summary>
    /// The GOPRIVATE/GONOSUMDB pattern a fix adds for <paramref name="path"/>: on a shared host the account
    /// (github.com/acme), elsewhere the host (a company's own git server, all of it private); null for a public project's
    /// vanity host.
    /// </summary>
    internal static string? PrivatePattern(string path)
    {
        var elements = path.Split('/');
        if (s_publicHosts.Contains(elements[0]))
        {
            return null;
        }

        return s_sharedHosts.Contains(elements[0]) ? (elements.Length > 1 ? elements[0] + "/" + elements[1] : null) : elements[0];
    }

    private static string Append(string list, string pattern) =>
        list.Split(',', StringSplitOptions.RemoveEmptyEntries).Contains(pattern, StringComparer.Ordinal) ? list
        : list.Length == 0 ? pattern : list + "," + pattern;

    internal static (TextSpan Path, TextSpan Version) Ranges(RequireStmt req)
    {
        var line = req.Syntax.Span;
        return (TokenFor(req, 0)?.Span ?? line, TokenFor(req, 1)?.Span ?? line);
    }

    private static ModToken? TokenFor(RequireStmt req, int index)
    {
        var offset = req.Syntax.InBlock ? 0 : 1;
        return req.Syntax.Tokens.Count > offset + index ? req.Syntax.Tokens[offset + index] : null;
    }

    internal static IEnumerable<ModLine> RequireLines(ModFileSyntax syntax)
    {
        foreach (var stmt in syntax.Stmt)
        {
            if (stmt is ModLine { Tokens.Count: > 0 } line && line.Tokens[0].Text == "require")
            {
                yield return line;
            }
            else if (stmt is ModLineBlock block && block.Tokens.Count == 1 && block.Tokens[0].Text == "require")
            {
                foreach (var l in block.Lines)
                {
                    yield return l;
                }
            }
        }
    }

    // Every keystroke re-checks the same few thousand versions.
    private static readonly BoundedMemo<string, string?> PseudoVersionErrors = new(16_384);

    private static string? PseudoVersionError(string version) =>
        PseudoVersion.IsPseudoVersion(version) && (!PseudoVersion.TryGetBase(version, out _, out var error) || !PseudoVersion.TryGetTime(version, out _, out error))
            ? error
            : null;

    internal static bool WrittenAs(string text, TextSpan span, string version) =>
        span.Start.Utf16Offset >= 0 && span.End.Utf16Offset <= text.Length
        && text.AsSpan(span.Start.Utf16Offset, span.Utf16Length).SequenceEqual(version);

    private static ExcludeStmt? FindExclude(GoModFile model, string path, string version)
    {
        foreach (var x in model.Exclude)
        {
            if (x.Mod.Path == path && x.Mod.Version == version)
            {
                return x;
            }
        }

        return null;
    }

    /// <summary>Requires of a path required more than once; one counting pass first, since almost no file has any.</summary>
    private static IEnumerable<IGrouping<string, RequireStmt>> DuplicateGroups(List<RequireStmt> requires)
    {
        var seen = new HashSet<string>(requires.Count, StringComparer.Ordinal);
        var duplicated = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in requires)
        {
            if (!seen.Add(r.Mod.Path))
            {
                duplicated.Add(r.Mod.Path);
            }
        }

        return duplicated.Count == 0 ? [] : requires.Where(r => duplicated.Contains(r.Mod.Path)).GroupBy(r => r.Mod.Path, StringComparer.Ordinal);
    }

    internal static string Slice(string text, TextSpan span) =>
        span.Start.Utf16Offset >= 0 && span.End.Utf16Offset <= text.Length && span.Utf16Length > 0 ? text.Substring(span.Start.Utf16Offset, span.Utf16Length) : "";

    internal static string Unquote(string s) => s.Length >= 2 && s[0] == '"' && s[^1] == '"' ? s[1..^1] : s;

    private static string FirstLine(string s) => s.Split('\n')[0];

    private static string LastElement(string path)
    {
        var parts = path.Split('/');
        return parts.Length > 1 && parts[^1].Length > 1 && parts[^1][0] == 'v' && parts[^1][1..].All(char.IsAsciiDigit) ? parts[^2] : parts[^1];
    }

    private static string Age(TimeSpan t) => t.TotalDays >= 1 ? $"{(int)t.TotalDays} d" : t.TotalHours >= 1 ? $"{(int)t.TotalHours} h" : $"{Math.Max(1, (int)t.TotalMinutes)} min";
}
