using System.Globalization;
using System.Text;
using GoModLens.Analysis.Direct;
using GoModLens.Analysis.Environment;
using GoModLens.Analysis.GoSum;
using GoModLens.Analysis.Reports;
using GoModLens.Analysis.Resolution;
using GoModLens.ModFile.GoSum;

namespace GoModLens.Server.Features.GoMod;

/// <summary>
/// Hover for go.mod directives and go.sum lines. Reads only caches (reports, mirror tables, parses); a missing or
/// stale mirror table starts a background probe and the hover says so, so a hover never waits for the network.
/// </summary>
internal static class GoModHover
{
    public static HoverInfo? Compute(GoModServices services, TextDocumentSnapshot document, int offset, AnalysisContext context)
    {
        var env = services.Environments.Get(context.Settings);
        if (document.Kind == DocumentKind.GoSum)
        {
            return GoSumHover(services, document, offset, context);
        }

        // go's fixer answers for v1.2, latest, master: the versions go uses, not the strict parser's v1.2.0.
        var answered = GoModVersionQueries.For(services, document, env);
        var model = answered.Model;
        if (model.Module is { } module && GoModLocator.On(module.Syntax, offset))
        {
            return new HoverInfo(ModuleLine(module.Mod.Path, env), GoModLocator.SpanOf(module.Syntax));
        }

        foreach (var line in new[] { model.Go?.Syntax, model.Toolchain?.Syntax })
        {
            if (line is not null && GoModLocator.On(line, offset))
            {
                return new HoverInfo(ToolchainLine(env, document, services.Workspaces.Get(env, GoModAnalyzer.GoModDirectory(document))), GoModLocator.SpanOf(line));
            }
        }

        if (GoModLocator.Tool(model, offset) is { } tool && tool.Path.Length > 0)
        {
            var toolDirectory = GoModAnalyzer.GoModDirectory(document);
            var toolWorkspace = services.Workspaces.Get(env, toolDirectory);
            return new HoverInfo(ToolLine(model, tool.Path, toolDirectory, toolWorkspace, env, services.Vendors.Get(env, toolDirectory, model, toolWorkspace)),
                GoModLocator.SpanOf(tool.Syntax));
        }

        if (GoModLocator.Use(model, offset) is { } use)
        {
            return new HoverInfo(UseLine(use, GoModAnalyzer.GoModDirectory(document)), GoModLocator.SpanOf(use.Syntax));
        }

        // A version query on the line: what go makes of it comes first; unanswered or failed, it is all there is to say
        // (the line's version is unknown, so nothing else about it would be true).
        var queries = answered.On(offset);
        if (queries.Count > 0 && queries.Any(q => q.Canonical is null))
        {
            return QueryLine(queries, answered.Parse.Syntax.Name, env, context);
        }

        var preamble = string.Concat(queries.Select(q => GoModVersionQueries.Describe(q, answered.Parse.Syntax.Name, context.Settings.NetworkEnabled)));
        if (GoModLocator.Require(model, offset) is { } require)
        {
            var sb = new StringBuilder(preamble);
            var directory = GoModAnalyzer.GoModDirectory(document);
            var workspace = services.Workspaces.Get(env, directory);
            var vendor = services.Vendors.Get(env, directory, model, workspace);
            Requirement(sb, services, env, context, require.Mod.Path, require.Mod.Version, GoSumSets.ForGoMod(services, document, context, workspace, directory), vendor, model,
                ModuleCacheFiles.Contains(env, document.FilePath));

            return new HoverInfo(sb.ToString(), GoModLocator.SpanOf(require.Syntax));
        }

        if (GoModLocator.Replace(model, offset) is { } replace)
        {
            var sb = new StringBuilder(preamble);
            var old = replace.Old.Version.Length == 0 ? replace.Old.Path : replace.Old.Path + "@" + replace.Old.Version;
            sb.Append("**replace** `").Append(old).Append("` ⇒ ");
            if (replace.New.Version.Length == 0)
            {
                var dir = GoModAnalyzer.GoModDirectory(document) is { } baseDir ? Analysis.Workspace.GoPaths.Resolve(baseDir, replace.New.Path) ?? replace.New.Path : replace.New.Path;
                var hasGoMod = File.Exists(Path.Combine(dir, "go.mod"));
                sb.Append("local directory `").Append(replace.New.Path).Append("`\n\n");
                sb.Append("Resolves to `").Append(dir).Append("` — ").Append(hasGoMod ? "go.mod present ✓" : "**no go.mod there** ✗").Append('\n');
            }
            else
            {
                sb.Append('`').Append(replace.New.Path).Append('@').Append(replace.New.Version).Append("`\n\n");
                var directory = GoModAnalyzer.GoModDirectory(document);
                Requirement(sb, services, env, context, replace.New.Path, replace.New.Version,
                    GoSumSets.ForGoMod(services, document, context, services.Workspaces.Get(env, directory), directory));
            }

            return new HoverInfo(sb.ToString(), GoModLocator.SpanOf(replace.Syntax));
        }

        if (GoModLocator.Exclude(model, offset) is { } exclude)
        {
            var required = model.Require.Any(r => r.Mod.Path == exclude.Mod.Path && r.Mod.Version == exclude.Mod.Version);
            var text = preamble + $"**exclude** `{exclude.Mod.Path}@{exclude.Mod.Version}`\n\ngo never selects this version" +
                       (required ? "; a require of exactly this version is ignored." : ".");
            return new HoverInfo(text, GoModLocator.SpanOf(exclude.Syntax));
        }

        if (queries.Count > 0)
        {
            // Answered, but the line is not one go takes with that answer (a major version the path lacks): the query still.
            return new HoverInfo(preamble, GoModLocator.SpanOf(queries[0].Line));
        }

        if (GoModLocator.Retract(model, offset) is { } retract)
        {
            var range = retract.Low == retract.High ? $"`{retract.Low}`" : $"`[{retract.Low}, {retract.High}]`";
            var text = $"**retract** {range}\n\nUsers of this module see these versions as retracted; `go get @latest` skips them." +
                       (retract.Rationale.Length > 0 ? "\n\nRationale: " + retract.Rationale : "");
            return new HoverInfo(text, GoModLocator.SpanOf(retract.Syntax));
        }

        return null;
    }

    /// <summary>
    /// A line whose version query has no answer (yet) or failed: the query, what go asks GOPROXY, and go's error or why
    /// there is no answer. Nothing about the version the strict parser reads (v1.2 as v1.2.0), which go never uses.
    /// </summary>
    private static HoverInfo QueryLine(IReadOnlyList<QueryOnLine> queries, string fileName, GoEnvironment env, AnalysisContext context)
    {
        var first = queries[0].Query;
        var sb = new StringBuilder();
        sb.Append(first.Verb == "require" ? "" : $"**{first.Verb}** ").Append("**").Append(first.ModulePath).Append("** `").Append(first.Query).Append("`\n\n");
        foreach (var query in queries)
        {
            sb.Append(GoModVersionQueries.Describe(query, fileName, context.Settings.NetworkEnabled));
        }

        foreach (var path in queries.Select(q => q.Query.ModulePath).Distinct(StringComparer.Ordinal).Where(p => !GoModServices.IsPrivate(env, p)))
        {
            sb.Append("[pkg.go.dev: versions of ").Append(path).Append("](https://pkg.go.dev/").Append(path).Append("?tab=versions)\n\n");
        }

        return new HoverInfo(sb.ToString().TrimEnd('\n') + "\n", GoModLocator.SpanOf(queries[0].Line));
    }

    private static void Requirement(StringBuilder sb, GoModServices services, GoEnvironment env, AnalysisContext context,
        string path, string version, GoSumSet? sums, Analysis.Vendoring.VendorState? vendor = null, ModFile.Semantics.GoModFile? main = null,
        bool inModuleCache = false)
    {
        var isPrivate = GoModServices.IsPrivate(env, path);
        var report = services.Reports.Get(path, version);
        sb.Append("**").Append(path).Append("** `").Append(version).Append('`');
        if (report?.Info?.Time is { } time)
        {
            sb.Append(" · published ").Append(time.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        sb.Append("\n\n");
        var offline = !context.Settings.NetworkEnabled;
        if (report is null)
        {
            sb.Append(inModuleCache ? "_A dependency's go.mod in the module cache (read-only): GoModLens does not check it._\n\n"
                : context.Settings.NetworkEnabled ? "_Not resolved yet._\n\n" : "_Network disabled: not checked._\n\n");
        }
        else
        {
            Resolution(sb, report, offline);
            if (report.Failure is not null && main is not null)
            {
                SharedFailure(sb, services, main, report);
            }
        }

        if (offline && services.Reports.NewestCached(path) is { } newest)
        {
            sb.Append("Newest in the module cache: `").Append(newest).Append("` (module cache, offline)\n\n");
        }

        if (vendor is not null)
        {
            Vendored(sb, vendor, new ModFile.Semantics.ModPathVersion(path, version)); // builds read no go.sum then
        }
        else if (sums is not null)
        {
            var key = new ModuleVersionKey(path, version);
            var goMod = sums.Files.Any(f => GoSumChecker.HasGoModEntry(f, key));
            var zip = sums.Files.Any(f => f.Contains(path, version));
            // In workspace mode go writes a missing line to go.work.sum itself: absent is not an error there.
            var workspaceMode = sums.Workspace.Count > 0;
            if (!workspaceMode && !sums.Main.Exists)
            {
                sb.Append("go.sum: **there is no go.sum** (go needs this module's `/go.mod` line; `go mod download` writes it)\n\n");
            }
            else
            {
                sb.Append(workspaceMode ? "go.work.sum and the workspace's go.sum files: " : "go.sum: ")
                  .Append(goMod ? "`/go.mod` hash ✓" : workspaceMode ? "`/go.mod` hash absent (go adds it to go.work.sum)" : "`/go.mod` hash **missing**")
                  .Append(" · ").Append(zip ? "module hash ✓" : "module hash absent").Append("\n\n");
            }

            // What was actually checked, when known (the go.sum stage or this file's resolution fetched the .mod).
            if (goMod && GoSumVerificationText.GoModLine(services, env, context, sums, key, verifiable: true, onlyWhenKnown: true) is { } checkedGoMod)
            {
                sb.Append("go.sum `/go.mod` line: ").Append(checkedGoMod).Append("\n\n");
            }

            if (zip && GoSumVerificationText.ZipLine(services, env, context, sums, key, onlyWhenKnown: true) is { } checkedZip)
            {
                sb.Append("go.sum module hash: ").Append(checkedZip).Append("\n\n");
            }
        }

        if (main is not null)
        {
            ReachedThrough(sb, services, main, path);
            RequiredBy(sb, services, main, path, version);
        }

        if (isPrivate)
        {
            // Which pattern, from which setting: a GOPRIVATE that catches more (or less) than meant shows here.
            var why = Analysis.Reports.RouteExplanation.For(path, env).Private;
            sb.Append("Private module (").Append(why ?? "GOPRIVATE/GONOPROXY")
              .Append("): fetched directly, never through a proxy or mirror probe, no public documentation link.\n");
            return;
        }

        sb.Append("[pkg.go.dev](https://pkg.go.dev/").Append(path).Append('@').Append(version).Append(")\n\n");
        MirrorTable(sb, services, env, context, path, version);
    }

    /// <summary>
    /// Why go needs a module no direct require names: the shortest chain of requirements from this module through its
    /// direct requires (<c>go mod graph</c>'s edges, from the go.mod files resolution read). Edges count by path, since
    /// go's minimal version selection takes every listed module at its listed version.
    /// </summary>
    private static void ReachedThrough(StringBuilder sb, GoModServices services, ModFile.Semantics.GoModFile main, string path)
    {
        var listed = new Dictionary<string, ModFile.Semantics.ModPathVersion>(StringComparer.Ordinal);
        foreach (var require in main.Require)
        {
            listed.TryAdd(require.Mod.Path, require.Mod);
        }

        // Breadth first from the direct requires: the first way a module is reached is a shortest one.
        var reachedFrom = new Dictionary<string, string?>(StringComparer.Ordinal);
        var queue = new Queue<string>();
        foreach (var direct in main.Require.Where(r => !r.Indirect))
        {
            if (reachedFrom.TryAdd(direct.Mod.Path, null))
            {
                queue.Enqueue(direct.Mod.Path);
            }
        }

        while (queue.Count > 0 && !reachedFrom.ContainsKey(path))
        {
            var from = listed[queue.Dequeue()];
            foreach (var edge in services.Reports.Get(from.Path, from.Version)?.Requires ?? [])
            {
                if (listed.ContainsKey(edge.Path) && reachedFrom.TryAdd(edge.Path, from.Path))
                {
                    queue.Enqueue(edge.Path);
                }
            }
        }

        if (!reachedFrom.TryGetValue(path, out var previous) || previous is null)
        {
            return; // a direct require, or no chain known (yet)
        }

        var chain = new List<string>();
        for (string? at = previous; at is not null; at = reachedFrom[at])
        {
            chain.Insert(0, at);
        }

        sb.Append("Reached through: `").Append(main.Module?.Mod.Path ?? "this module").Append('`');
        foreach (var step in chain)
        {
            sb.Append(" → `").Append(step).Append('@').Append(listed[step].Version).Append('`');
        }

        sb.Append(" → this module (the shortest chain of requirements, go mod graph)\n\n");
    }

    /// <summary>
    /// Which other requires of this go.mod need the module too, and at what version (<c>go mod graph</c>, one level,
    /// from the go.mod files resolution read): why an indirect require is there, and what raises it.
    /// </summary>
    private static void RequiredBy(StringBuilder sb, GoModServices services, ModFile.Semantics.GoModFile main, string path, string version)
    {
        var by = new List<(string Module, string Needs)>();
        foreach (var other in main.Require)
        {
            if (other.Mod.Path != path && services.Reports.Get(other.Mod.Path, other.Mod.Version) is { Requires.Count: > 0 } report)
            {
                by.AddRange(report.Requires.Where(e => e.Path == path).Select(e => (other.Mod.Path + "@" + other.Mod.Version, e.Version)));
            }
        }

        if (by.Count == 0)
        {
            return;
        }

        const int Shown = 8;
        sb.Append("Required by ").Append(by.Count == 1 ? "1 require" : $"{by.Count} requires").Append(" of this go.mod (go mod graph):\n\n");
        foreach (var (module, needs) in by.OrderByDescending(b => b.Needs, Comparer<string>.Create(ModFile.Versions.Semver.Compare))
                     .ThenBy(b => b.Module, StringComparer.Ordinal).Take(Shown))
        {
            sb.Append("- `").Append(module).Append("` needs `").Append(needs).Append('`')
              .Append(ModFile.Versions.Semver.Compare(needs, version) > 0 ? " — **above this require**" : "").Append('\n');
        }

        if (by.Count > Shown)
        {
            sb.Append("- … and ").Append(by.Count - Shown).Append(" more\n");
        }

        sb.Append('\n');
    }

    /// <summary>Builds use vendor/: whether modules.txt has this require, which is all a build needs (no lookup, no go.sum).</summary>
    private static void Vendored(StringBuilder sb, Analysis.Vendoring.VendorState vendor, ModFile.Semantics.ModPathVersion require)
    {
        sb.Append("Builds use `vendor/` (")
          .Append(vendor.Mode.Explicit ? "GOFLAGS sets -mod=vendor" : vendor.Mode.Reason?.TrimEnd('.'))
          .Append("): ");
        if (vendor.Vendors(require))
        {
            sb.Append("vendored at this version ✓; go build needs no lookup and no go.sum for it.\n\n");
        }
        else
        {
            var other = vendor.List.VersionOf(require.Path);
            sb.Append(other is null || other == require.Version ? "**not recorded in vendor/modules.txt**" : $"**vendor/modules.txt has `{other}`**")
              .Append("; go build fails until `").Append(vendor.Mode.Workspace is null ? "go mod vendor" : "go work vendor").Append("` is run.\n\n");
        }
    }

    private static void Resolution(StringBuilder sb, RequirementReport report, bool offline)
    {
        if (report.Status == RequirementStatus.NotChecked)
        {
            sb.Append("_Network disabled and not in the module cache: not checked._\n\n");
            return;
        }

        if (report.Replace is { } replace)
        {
            sb.Append("Replaced by ").Append(replace.New.Version.Length == 0 ? $"local directory `{replace.New.Path}`" : $"`{replace.New.Path}@{replace.New.Version}`");
            if (report.ReplacedElsewhere is { } elsewhere)
            {
                sb.Append(" (workspace mode: the replace is in `").Append(elsewhere.File).Append("`)");
            }

            sb.Append("\n\n");
        }

        if (report.Latest is { } latest)
        {
            sb.Append("Latest: `").Append(latest.Latest ?? "none").Append('`');
            if (latest.LatestPreRelease is { } pre)
            {
                sb.Append(" · pre-release `").Append(pre).Append('`');
            }

            sb.Append('\n').Append('\n');
            if (report.IsRetracted)
            {
                sb.Append("⚠ **Retracted** by the module author");
                sb.Append(latest.Retracted.Count > 0 ? ": " + string.Join("; ", latest.Retracted) : ".");
                sb.Append("\n\n");
            }

            if (report.IsDeprecated)
            {
                sb.Append("⚠ **Deprecated**: ").Append(latest.Deprecated).Append("\n\n");
            }
        }

        if (report.Info is { } info)
        {
            sb.Append(info.FromModuleCache
                    ? offline ? "Found in the module cache (module cache, offline)" : "Answered by the module cache"
                    : $"Answered by `{info.AnsweredBy}` in {(int)info.Elapsed.TotalMilliseconds} ms")
              .Append("\n\n");
        }
        else if (report is { Status: RequirementStatus.Direct, Direct: { } direct })
        {
            sb.Append("Fetched directly (").Append(direct.Reason).Append(")\n\n");
            switch (direct.Vcs)
            {
                case { Outcome: DirectOutcome.Found, Repo: { } repo, Commit: { } commit } vcs:
                    sb.Append("✓ ");
                    if (vcs.Ref is not null)
                    {
                        sb.Append('`').Append(vcs.Ref).Append("` is ");
                    }

                    sb.Append("commit `").Append(commit[..Math.Min(12, commit.Length)]).Append("` of `").Append(repo.RedactedUrl).Append('`');
                    if (vcs.Time is { } time)
                    {
                        sb.Append(", ").Append(time.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture));
                    }

                    sb.Append(" (git, ").Append((int)vcs.Elapsed.TotalMilliseconds).Append(" ms)\n\n");
                    break;
                case { Repo: { } repo } vcs:
                    sb.Append('`').Append(repo.RedactedUrl).Append("` (").Append(repo.Vcs).Append("): ").Append(vcs.Note ?? vcs.Outcome.ToString()).Append("\n\n");
                    break;
            }
        }
        else if (report.Failure is { } failure)
        {
            sb.Append("✗ ").Append(report.Status.ToString()).Append(": `").Append(failure.GoMessage.Split('\n')[0]).Append("`\n\n");
            foreach (var line in failure.Trace)
            {
                sb.Append("- `").Append(line.Entry).Append("` ").Append(line.Operation).Append(": ").Append(line.Outcome.Split('\n')[0])
                  .Append(" (").Append((int)line.Elapsed.TotalMilliseconds).Append(" ms)\n");
            }

            sb.Append('\n');
        }
    }

    /// <summary>When the other requires of the file fail the same way, say so: the cause is the proxy or the network.</summary>
    private static void SharedFailure(StringBuilder sb, GoModServices services, ModFile.Semantics.GoModFile main, RequirementReport report)
    {
        var reports = main.Require.Select(r => services.Reports.Get(r.Mod.Path, r.Mod.Version)).OfType<RequirementReport>();
        var self = $"{report.ModulePath}@{report.Version}";
        if (Analysis.Reports.SharedFailures.Find(reports).FirstOrDefault(s => s.Modules.Contains(self)) is { } shared)
        {
            sb.Append("Not this module alone: ").Append(shared.Modules.Count).Append(" of ").Append(main.Require.Count)
              .Append(" requirements of this go.mod fail alike at `").Append(shared.Entry).Append("` (").Append(shared.KindLabel)
              .Append("), so the proxy or the network is at fault, not the module.\n\n");
        }
    }

    private static void MirrorTable(StringBuilder sb, GoModServices services, GoEnvironment env, AnalysisContext context,
        string path, string version)
    {
        var engine = services.Engines.Get(env, context.Settings);
        if (engine.Mirrors.Count == 0)
        {
            return;
        }

        var table = services.Mirrors.TryGet(path, version);
        var stale = table is null || !services.Mirrors.IsFresh(table);
        if (stale && context.Settings.NetworkEnabled)
        {
            // Never wait: the next hover shows the result.
            _ = services.Mirrors.Refresh(engine, path, version);
        }

        var shown = table ?? services.Mirrors.Last;
        if (shown is null || shown.Count == 0)
        {
            sb.Append(context.Settings.NetworkEnabled ? "_Measuring mirror latency… hover again in a moment._\n" : "");
            return;
        }

        var forModule = table is not null;
        sb.Append(MirrorReportMarkdown.Render(shown, forModule ? path : null, forModule ? version : null,
            services.Options.TimeProvider.GetUtcNow(), GoProxyInForce.From(env.GoProxy)));
        if (!forModule)
        {
            sb.Append("\n_Measured for another module; probing this one in the background._\n");
        }
    }

    /// <summary>The module line: the settings that decide how its requires are fetched (redacted, as every report is).</summary>
    private static string ModuleLine(string path, GoEnvironment env) =>
        $"**module** `{path}`\n\n" + EnvironmentReport.Table(env, r => r.Name is "GOPROXY" or "GOPRIVATE" or "GONOPROXY" or "GONOSUMDB" or "GOSUMDB"
            || (r.Name == "GOFLAGS" && r.Value.Length > 0));

    /// <summary>A tool line: the name go tool runs it by and the module that provides its package.</summary>
    private static string ToolLine(ModFile.Semantics.GoModFile model, string package, string? goModDirectory, Analysis.Workspace.GoWorkspace? workspace,
        GoEnvironment env, Analysis.Vendoring.VendorState? vendor)
    {
        var goModCache = env.GoModCache.Value;
        var sb = new StringBuilder("**tool** `").Append(package).Append("` · run it with `go tool ").Append(Analysis.Findings.ToolFindings.ExecName(package)).Append("`\n\n");
        var inWorkspace = Analysis.Findings.ToolFindings.InWorkspaceMode(workspace, goModDirectory);
        if (Analysis.Findings.ToolFindings.MalformedToolPath(package) is { } malformed)
        {
            return sb.Append("✗ go refuses this path, and every go command in the module stops: `").Append(malformed).Append("`.\n").ToString();
        }

        if (Analysis.Findings.ToolFindings.IsStandardImportPath(package) && env.GoRoot is { } goRoot && Analysis.Findings.ToolFindings.InStandardLibrary(goRoot, package))
        {
            return sb.Append("From the standard library of the go in `").Append(goRoot).Append("`.\n").ToString();
        }

        if (vendor is not null && goModDirectory is not null)
        {
            // Builds here read vendor/: the requires and the module cache do not matter (GML2018 says the same).
            var source = Analysis.Findings.ToolFindings.InVendorMode(model, package, goModDirectory, inWorkspace, vendor.Mode, vendor.List);
            if (source != Analysis.Findings.VendoredTool.MainModule)
            {
                return sb.Append(source switch
                {
                    Analysis.Findings.VendoredTool.Vendored => $"From `vendor/{package}` (builds here use vendor/).\n",
                    Analysis.Findings.VendoredTool.Unlisted => $"✗ In `vendor/{package}`, but vendor/modules.txt does not list it, so go ignores it: run `{(inWorkspace is null ? "go mod vendor" : "go work vendor")}`.\n",
                    _ => "✗ Not in `vendor/` (builds here use vendor/): `go tool` stops.\n",
                }).ToString();
            }
        }

        var provider = Analysis.Findings.ToolFindings.Provider(model, package, goModDirectory, inWorkspace, goModCache);
        _ = provider switch
        {
            { MainModule: true, Provides: true, ModulePath: var main, Directory: var dir } =>
                sb.Append(main == model.Module?.Mod.Path ? "In this module: `" : $"In workspace module `{main}`: `").Append(dir).Append("`.\n")
                    .Append(NotMain(provider)),
            { Ambiguous: [_, _, ..] both } =>
                sb.Append("✗ In more than one module (").AppendJoin(", ", both.Select(c => $"`{c.Display}`"))
                    .Append("): `go tool` stops (ambiguous import).\n"),
            { Provides: true, ModulePath: var path, Version: var version, Require: var require, Known: var known } =>
                sb.Append("Provided by `").Append(path).Append("` `").Append(version).Append('`')
                    .Append(require is not null && model.Require.Contains(require) ? $" (the require on line {require.Syntax.Start.Line})" : " (a workspace module's require)")
                    .Append(known ? "; its downloaded tree has the package" : "").Append(".\n")
                    .Append(NotMain(provider)),
            { Lacking: [_, ..] lacking } =>
                sb.Append("✗ Not in ").AppendJoin(" or ", lacking.Select(c => $"`{c.Display}`")).Append(" (no .go file in its downloaded tree): `go tool` stops (no required module provides package); `go get ")
                    .Append(package).Append("` upgrades to a version that has it.\n"),
            { MainModule: true, Directory: var dir } =>
                sb.Append("✗ In a main module, but `").Append(dir).Append("` has no .go file: `go tool` stops (no required module provides package).\n"),
            _ => sb.Append("✗ No module ").Append(inWorkspace is null ? "of this go.mod" : "of the workspace")
                .Append(" provides it: `go tool` stops (no required module provides package); `go get ").Append(package).Append("` adds its module.\n"),
        };
        return sb.ToString();
    }

    // What go tool says of a package it cannot run.
    private static string NotMain(Analysis.Findings.ToolProvider? provider) => provider?.Kind switch
    {
        Analysis.Workspace.PackageKind.Library => "\n✗ Not a main package: `go tool` cannot run it (go build tool and go list tool accept it).\n",
        Analysis.Workspace.PackageKind.TestsOnly => "\n✗ Only test files: `go tool` and `go build tool` stop (no non-test Go files).\n",
        _ => "",
    };

    /// <summary>A go.work use line: the module in that directory, as go will load it.</summary>
    private static string UseLine(ModFile.Semantics.UseStmt use, string? workDirectory)
    {
        var dir = workDirectory is null ? use.Path : Analysis.Workspace.GoPaths.Resolve(workDirectory, use.Path) ?? use.Path;
        var sb = new StringBuilder("**use** `").Append(use.Path).Append("`\n\n");
        var goModPath = Path.Combine(dir, "go.mod");
        if (workDirectory is null || !File.Exists(goModPath))
        {
            return sb.Append("✗ no go.mod in `").Append(dir).Append("`: go refuses the workspace (`cannot load module … listed in go.work file`).\n").ToString();
        }

        var goMod = ModFile.Semantics.ModFileParser.Parse(goModPath, File.ReadAllText(goModPath)).Model;
        sb.Append("Workspace module `").Append(goMod.Module?.Mod?.Path ?? "(no module line)").Append('`');
        if (goMod.Go is { } go)
        {
            sb.Append(" · go ").Append(go.Version);
        }

        return sb.Append("  \n`").Append(goModPath).Append("` · ").Append(goMod.Require.Count).Append(" requires, ")
            .Append(goMod.Replace.Count).Append(" replaces (in force for the whole workspace)\n").ToString();
    }

    /// <summary>The go/toolchain lines: which toolchain go runs for this module, decided like go (no network; the download check is GML3014).</summary>
    private static string ToolchainLine(Analysis.Environment.GoEnvironment env, TextDocumentSnapshot document, Analysis.Workspace.GoWorkspace? workspace)
    {
        var goLine = Analysis.Toolchain.ToolchainSelection.Lookup(document.Text, "go");
        var toolchainLine = Analysis.Toolchain.ToolchainSelection.Lookup(document.Text, "toolchain");
        var file = "go.mod";
        var sb = new StringBuilder("**Go toolchain**");
        if (workspace is { Parse: not null } && GoModAnalyzer.GoModDirectory(document) is { } directory)
        {
            // Workspace mode: go reads these two lines from the go.work, not from here.
            (goLine, toolchainLine, file) = (workspace.GoLine, workspace.ToolchainLine, workspace.ShortPath(directory));
            sb.Append("\n\nWorkspace mode: go takes the go and toolchain lines from `").Append(file).Append("` (go ")
                .Append(goLine ?? "none").Append(toolchainLine is null ? "" : ", toolchain " + toolchainLine).Append("), not from this go.mod.");
        }

        if (env.LocalToolchain is not { } local)
        {
            return sb.Append("\n\nNo Go installation found (set GOROOT or put go on PATH), so the switch go makes for this line is not checked.\n").ToString();
        }

        var setting = env.GoToolchain;
        var s = Analysis.Toolchain.ToolchainSelection.Select(setting.Value, local, goLine, toolchainLine, file);
        sb.Append("\n\nLocal: `").Append(local).Append("` (").Append(env.GoRoot).Append(")  \nGOTOOLCHAIN: `")
            .Append(setting.Value.Length == 0 ? "(empty)" : setting.Value).Append("` (").Append(setting.Describe()).Append(")\n\n");
        if (s.Error is { } error)
        {
            sb.Append("✗ go stops: `").Append(error).Append('`');
        }
        else if (s.Toolchain is { } toolchain)
        {
            var (goos, goarch) = Analysis.Toolchain.ToolchainCheck.HostPlatform();
            sb.Append("go switches to `").Append(toolchain).Append("`: from PATH if it is there, else it downloads `")
                .Append(Analysis.Toolchain.ToolchainSelection.Module).Append('@')
                .Append(Analysis.Toolchain.ToolchainSelection.ModuleVersion(toolchain, goos, goarch))
                .Append("` through GOPROXY and verifies it with the checksum database.");
        }
        else
        {
            sb.Append(s.TooNew is { } tooNew ? "✗ go stops: `" + tooNew + "`" : "✓ the local toolchain runs this module.");
        }

        return sb.Append('\n').ToString();
    }

    private static HoverInfo? GoSumHover(GoModServices services, TextDocumentSnapshot document, int offset, AnalysisContext context)
    {
        var sum = services.Models.GoSum(document);
        var line = sum.Lines.FirstOrDefault(l => offset >= l.Span.Start && offset <= l.Span.End);
        if (line is null)
        {
            return null;
        }

        var goMod = services.Models.GoModFor(document, context.Workspace)?.Model;
        var info = Analysis.GoSum.GoSumHover.Describe(sum, line, goMod);
        var env = services.Environments.Get(context.Settings);
        var key = new ModuleVersionKey(info.ModulePath, info.Version);
        var (sums, goMods) = GoSumSets.ForGoSum(services, document, context);
        var check = line.IsGoModHash
            ? GoSumVerificationText.GoModLine(services, env, context, sums, key,
                verifiable: goMods.Any(m => GoModAnalyzer.VerifiableKeys(m.GoMod, sums).Contains(key)))
            : GoSumVerificationText.ZipLine(services, env, context, sums, key);
        var text = info.ToMarkdown(check);
        if (!GoModServices.IsPrivate(env, info.ModulePath))
        {
            text += $"\n\n[pkg.go.dev](https://pkg.go.dev/{info.ModulePath}@{info.Version})";
        }

        return new HoverInfo(text, new SourceSpan(line.Span.Start, line.Span.Length));
    }
}
