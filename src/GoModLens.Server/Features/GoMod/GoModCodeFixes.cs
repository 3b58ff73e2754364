using System.Collections.Immutable;
using System.Text.Json;
using GoModLens.Analysis.Findings;
using GoModLens.Analysis.Workspace;
using GoModLens.ModFile.Semantics;
using GoModLens.Server.Transport;

namespace GoModLens.Server.Features.GoMod;

/// <summary>
/// Quick fixes from the findings' suggested fixes (carried in the diagnostics' data), plus cursor actions on a
/// require (upgrade to latest). Every text edit is minimal and is only offered when the result still parses.
/// </summary>
internal static class GoModCodeFixes
{
    public static ImmutableArray<CodeFix> Compute(GoModServices services, TextDocumentSnapshot document, SourceSpan span,
        ImmutableArray<AnalyzerDiagnostic> diagnostics, AnalysisContext context)
    {
        var fixes = ImmutableArray.CreateBuilder<CodeFix>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var diagnostic in diagnostics)
        {
            if (GoModDiagnosticData.From(diagnostic.Data) is not { Fixes.IsDefaultOrEmpty: false } data)
            {
                continue;
            }

            // Offsets of an older version (the client sent a diagnostic back after further edits) would edit other
            // text: such fixes are left out until the next publish; fixes without offsets stay.
            var current = data.IsFor(document);
            foreach (var fix in data.Fixes)
            {
                foreach (var action in Actions(services, document, current ? fix : fix with { Edits = [] }, diagnostic, context))
                {
                    if (seen.Add(action.Title))
                    {
                        fixes.Add(action);
                    }
                }
            }
        }

        // A version query (v1.2, latest) is the version go's fixer answered for it, as the network stage resolved it.
        var answered = document.Kind == DocumentKind.GoMod ? GoModVersionQueries.For(services, document, services.Environments.Get(context.Settings)).Model : null;
        if (answered is { } model)
        {
            // Up to the latest, or down from a retracted version; never down from a newer pre-release or pseudo-version.
            if (GoModLocator.Require(model, span.Start) is { } require
                && services.Reports.Get(require.Mod.Path, require.Mod.Version) is { Latest.Latest: { } latest } report
                && ModFile.Versions.Semver.Compare(latest, require.Mod.Version) is var order && (order > 0 || (order < 0 && report.IsRetracted))
                && GoModLocator.SpanOf(GoModLocator.Arguments(require.Syntax).ElementAtOrDefault(1)) is { } versionSpan)
            {
                var title = $"Change {require.Mod.Path} to {latest} (latest non-retracted)";
                if (seen.Add(title) && Edit(document, title, [new TextChange(versionSpan, latest)], [], preferred: false) is { } upgrade)
                {
                    fixes.Add(upgrade with { Kind = "refactor.rewrite" });
                }
            }
        }

        if (answered is not null && context.Settings.NetworkEnabled && document.FilePath is not null)
        {
            fixes.AddRange(SourceActions(services, document, answered));
        }

        return Deduplicated(fixes);
    }

    /// <summary>
    /// Whole-module actions, as gopls offers them as code lenses: upgrade the requires that have a newer release
    /// (direct ones, then all) with go get, which also updates go.sum and the requirements the new versions bring,
    /// and go mod tidy. Both rewrite go.mod on disk, so the commands refuse while the editor has unsaved changes, and
    /// they are not offered for a document that is no file (an untitled go.mod): go runs in the go.mod's directory.
    /// </summary>
    /// <param name="model">The go.mod with go's answers for its version queries (<see cref="GoModVersionQueries.For"/>).</param>
    internal static IEnumerable<CodeFix> SourceActions(GoModServices services, TextDocumentSnapshot document, GoModFile model)
    {
        var upgrades = model.Require
            .Select(r => (r.Indirect, Target: services.Reports.Get(r.Mod.Path, r.Mod.Version)?.Latest?.Latest is { } latest
                && ModFile.Versions.Semver.Compare(latest, r.Mod.Version) > 0 ? r.Mod.Path + "@" + latest : null))
            .Where(u => u.Target is not null)
            .ToList();
        var direct = upgrades.Where(u => !u.Indirect).Select(u => u.Target!).Distinct(StringComparer.Ordinal).ToList();
        var all = upgrades.Select(u => u.Target!).Distinct(StringComparer.Ordinal).ToList();
        if (direct.Count > 0)
        {
            yield return Source($"Upgrade {Count(direct.Count, "direct requirement")} to latest (go get)", "source.upgrade.direct", "gomodlens.goGet",
                [document.Uri, .. direct]);
        }

        if (all.Count > direct.Count)
        {
            yield return Source($"Upgrade {Count(all.Count, "requirement")}, indirect ones too, to latest (go get)", "source.upgrade.all", "gomodlens.goGet",
                [document.Uri, .. all]);
        }

        yield return Source("Run go mod tidy", "source.tidy", "gomodlens.goModTidy", [document.Uri]);
    }

    /// <summary>
    /// The code lenses of a go.mod, on its module line, as gopls shows them: the source actions (with the network on,
    /// since go then fetches), <c>go mod vendor</c> (or <c>go work vendor</c>) when builds use vendor/, and "Check now".
    /// Upgrade counts come from the last network results; the server asks the client to refresh lenses when new ones arrive.
    /// </summary>
    internal static ImmutableArray<CodeLensItem> CodeLenses(GoModServices services, TextDocumentSnapshot document, AnalysisContext context)
    {
        if (document.Kind != DocumentKind.GoMod)
        {
            return [];
        }

        var model = services.Models.GoMod(document).Model;
        var line = model.Module?.Syntax.Span is { } module ? SourceSpan.FromBounds(module.Start.Utf16Offset, module.End.Utf16Offset) : new SourceSpan(0, 0);
        var lenses = new List<CodeLensItem>();
        if (context.Settings.NetworkEnabled)
        {
            var env = services.Environments.Get(context.Settings);
            lenses.AddRange(SharedFailureLenses(services, env, model, line));
            var directory = document.FilePath is { } path ? Path.GetDirectoryName(path) : null;
            if (directory is not null)
            {
                // go runs in the go.mod's directory: an untitled go.mod has none.
                lenses.AddRange(SourceActions(services, document, GoModVersionQueries.For(services, document, env).Model).Select(f => new CodeLensItem(line, f.Command!)));
            }

            if (directory is not null && services.Vendors.Get(env, directory, model, services.Workspaces.Get(env, directory)) is { } vendor)
            {
                var scope = vendor.Mode.Workspace is null ? "mod" : "work";
                lenses.Add(new CodeLensItem(line, Source($"Run go {scope} vendor", "source", "gomodlens.goVendor", [document.Uri, scope]).Command!));
            }
        }

        lenses.Add(new CodeLensItem(line, Source("Check now", "source", "gomodlens.checkNow", []).Command!));
        return [.. lenses];
    }

    /// <summary>
    /// When requires fail alike (one dead proxy), the cause once above the module line, opening the mirror table, and
    /// the switch to the mirror that serves most of them (go env -w, asking first, as the quick fix does).
    /// </summary>
    private static IEnumerable<CodeLensItem> SharedFailureLenses(GoModServices services, Analysis.Environment.GoEnvironment env,
        ModFile.Semantics.GoModFile model, SourceSpan line)
    {
        var reports = model.Require.Select(r => services.Reports.Get(r.Mod.Path, r.Mod.Version)).OfType<Analysis.Resolution.RequirementReport>().ToList();
        if (Analysis.Reports.SharedFailures.Find(reports) is not [var shared, ..])
        {
            yield break;
        }

        var title = $"{shared.Modules.Count} of {model.Require.Count} requirements fail alike at {Analysis.Reports.StatusText.ShortGoProxy(shared.Entry)} ({shared.KindLabel})";
        if (shared.Entry is "direct" or "noproxy")
        {
            // Their repositories failed, not a mirror: the settings that send them there (GOPRIVATE, GONOPROXY, GOPROXY).
            yield return new CodeLensItem(line, Source(title, "source", "gomodlens.showEnvironment", []).Command!);
            yield break;
        }

        // The table probes one of them (a proxy never gets a private path, and neither do the mirrors).
        var first = reports.FirstOrDefault(r => shared.Modules.Contains($"{r.ModulePath}@{r.Version}") && !GoModServices.IsPrivate(env, r.ModulePath));
        object[] target = first is null ? [] : [first.ModulePath, first.Version];
        yield return new CodeLensItem(line, Source(title, "source", "gomodlens.showMirrorReport", target).Command!);
        if (shared.Mirror is { } mirror)
        {
            var value = Analysis.Reports.Redaction.List(mirror.GoProxyValue);
            yield return new CodeLensItem(line, Source($"Set GOPROXY={value} (serves {shared.MirrorServes} of them; go env -w, asks first)", "source",
                "gomodlens.setGoproxy", [mirror.GoProxyValue, "goenv", false, true]).Command!);
        }
    }

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    private static CodeFix Source(string title, string kind, string command, object[] arguments) => Invocation(title, kind, command, [], arguments);

    /// <summary>
    /// Two actions with identical edits are one choice for the user (e.g. the upgrade diagnostic's fix and the cursor
    /// "latest non-retracted" action): keep the first (the diagnostic's quick fix, preferred), with the more specific
    /// of the two titles.
    /// </summary>
    internal static ImmutableArray<CodeFix> Deduplicated(IEnumerable<CodeFix> fixes)
    {
        var kept = new List<CodeFix>();
        var byEdit = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var fix in fixes)
        {
            if (fix.Edits.IsDefaultOrEmpty || fix.Command is not null)
            {
                kept.Add(fix);
                continue;
            }

            var key = string.Join("\u0001", fix.Edits.SelectMany(d => d.Changes.OrderBy(c => c.Span.Start)
                .Select(c => $"{d.Uri}\u0002{c.Span.Start}\u0002{c.Span.Length}\u0002{c.NewText}")));
            if (byEdit.TryGetValue(key, out var index))
            {
                var first = kept[index];
                if (fix.Title.Length > first.Title.Length && fix.Title.StartsWith(first.Title, StringComparison.Ordinal))
                {
                    kept[index] = first with { Title = fix.Title };
                }

                continue;
            }

            byEdit[key] = kept.Count;
            kept.Add(fix);
        }

        return [.. kept];
    }

    private static IEnumerable<CodeFix> Actions(GoModServices services, TextDocumentSnapshot document, FixData fix,
        AnalyzerDiagnostic diagnostic, AnalysisContext context)
    {
        switch (fix.Kind)
        {
            case "setGoproxyMirror" when fix.Value is { } value:
                yield return Command($"Set GOPROXY={Analysis.Reports.Redaction.List(value)} (go env -w, asks first)", "gomodlens.setGoproxy", diagnostic, value, "goenv", false, true);
                yield return Command($"Use GOPROXY={Analysis.Reports.Redaction.List(value)} for GoModLens only (workspace setting)", "gomodlens.setGoproxy", diagnostic, value, "workspace", true);
                break;
            case "addGoPrivate" when fix.Pattern is { } pattern:
                yield return Command($"Add {pattern} to GOPRIVATE (go env -w, asks first)", "gomodlens.addGoPrivate", diagnostic, pattern, false, true);
                break;
            case "addGoNoSumDb" when fix is { Pattern: { } noSumDb, Value: { } newValue }:
                yield return Command($"Add {noSumDb} to GONOSUMDB (go env -w, asks first)", "gomodlens.setGoEnv", diagnostic, "GONOSUMDB", newValue, false, true);
                break;
            case "setGoFlags" when fix is { Pattern: { } dropped, Value: { } goFlags }:
                yield return Command($"Remove {dropped} from GOFLAGS (go env -w, asks first)", "gomodlens.setGoEnv", diagnostic, "GOFLAGS", goFlags, false, true);
                break;
            case "setGoSumDb" when fix.Value is { } sumDb:
                yield return Command($"Set GOSUMDB={sumDb} (go env -w, asks first)", "gomodlens.setGoEnv", diagnostic, "GOSUMDB", sumDb, false, true);
                break;
            case "addGoWorkUse" when fix.Value is { } goWorkPath && GoModAnalyzer.GoModDirectory(document) is { } moduleDirectory
                && GoWorkEdit(goWorkPath, fix.Title, diagnostic, context,
                    text => Analysis.Workspace.GoWorkEdits.Use(goWorkPath, text, moduleDirectory, services.Environments.Get(context.Settings).Files), preferred: true) is { } use:
                yield return use;
                break;
            case "replaceInGoWork" when fix is { Value: { } goWorkPath, Module: { } module, Version: { } version, Directory: { } directory }
                && GoWorkEdit(goWorkPath, fix.Title, diagnostic, context, text => Analysis.Workspace.GoWorkEdits.AddReplace(text, module, version, directory),
                    preferred: false) is { } replace: // the go.mod replace of the same checkout stays the preferred fix
                yield return replace;
                break;
            case "runGoCommand" when document.FilePath is null:
                break; // go runs in the go.mod's directory, which a document that is no file (untitled) does not have
            case "runGoCommand" when fix.Value is { } goCommand && DownloadTargets(goCommand) is { } targets && document.Kind == DocumentKind.GoMod:
                // The command adds a document's -modfile itself, from its URI.
                var sumName = document.FilePath is { } modFile ? Path.GetFileName(Analysis.Workspace.GoPaths.SumFileFor(modFile)) : "go.sum";
                yield return targets is [var target]
                    ? Command($"Run {goCommand} (adds the {sumName} lines)", "gomodlens.goModDownload", diagnostic, document.Uri, target)
                    : Command($"Run {goCommand} (writes {sumName})", "gomodlens.goModDownload", diagnostic, document.Uri); // every require
                break;
            case "runGoCommand" when fix.Value?.Split(' ') is ["go", "get", var package] && document.Kind == DocumentKind.GoMod:
                yield return Command($"Run go get {package} (adds the module that provides it)", "gomodlens.goGet", diagnostic, document.Uri, package + "@latest");
                break;
            case "runGoCommand" when fix.Value is "go mod tidy" && document.Kind == DocumentKind.GoMod:
                yield return Command("Run go mod tidy (adds the requirements go needs)", "gomodlens.goModTidy", diagnostic, document.Uri);
                break;
            case "runGoCommand" when fix.Value is "go mod vendor" or "go work vendor" && document.Kind is DocumentKind.GoMod or DocumentKind.GoWork:
                yield return Command($"Run {fix.Value} (syncs vendor/)", "gomodlens.goVendor", diagnostic, document.Uri, fix.Value.Split(' ')[1]);
                break;
            case "addReplaceLocal" when fix.Module is { } module:
                foreach (var action in ReplaceLocal(services, document, fix, module, diagnostic, context))
                {
                    yield return action;
                }

                break;
            default:
                if (!fix.Edits.IsDefaultOrEmpty
                    && Edit(document, fix.Title, [.. fix.Edits.Select(e => new TextChange(SourceSpan.FromBounds(e.Start, e.End), e.NewText))],
                        [diagnostic], preferred: fix.Kind is "upgradeTo" or "dropDuplicateRequire" or "raiseGoVersion" or "dropToolchainLine") is { } edit)
                {
                    yield return edit;
                }

                break;
        }
    }

    /// <summary>A go work command's edit as a change to the go.work: the open document if there is one, else the file.</summary>
    private static CodeFix? GoWorkEdit(string goWorkPath, string title, AnalyzerDiagnostic diagnostic, AnalysisContext context, Func<string, string?> edit,
        bool preferred)
    {
        var uri = new Uri(goWorkPath).AbsoluteUri;
        if (DocumentModels.OpenOrDiskText(context.Workspace, goWorkPath) is not { } text || edit(text) is not { } updated)
        {
            return null;
        }

        var changes = ModFile.Editing.TextEdits.Diff(text, updated).Select(e => new TextChange(SourceSpan.FromBounds(e.StartOffset, e.EndOffset), e.NewText));
        return new CodeFix(title, "quickfix", [new DocumentChanges(uri, [.. changes])], [diagnostic], IsPreferred: preferred);
    }

    private static IEnumerable<CodeFix> ReplaceLocal(GoModServices services, TextDocumentSnapshot document, FixData fix, string module,
        AnalyzerDiagnostic diagnostic, AnalysisContext context)
    {
        var insertAt = fix.Edits.IsDefaultOrEmpty ? document.Text.Length : fix.Edits[0].Start;
        var prefix = document.Text.Length == 0 || document.Text.EndsWith('\n') ? "\n" : "\n\n";
        var candidates = GoModAnalyzer.GoModDirectory(document) is { } dir
            ? FindCheckouts(services, dir, module, context)
            : [];
        foreach (var candidate in candidates)
        {
            var where = candidate.Source switch
            {
                CheckoutSource.GoWorkUse => "local checkout, go.work use",
                CheckoutSource.GoPath => "local checkout in GOPATH",
                CheckoutSource.SearchRoot => "local checkout under a search root",
                _ => "local checkout",
            };
            var target = ModQuoting.AutoQuote(candidate.ReplacePath); // a path with spaces must be quoted in go.mod
            if (Edit(document, $"Add replace {module} => {target} ({where})",
                    [new TextChange(new SourceSpan(insertAt, 0), $"{prefix}replace {module} => {target}\n")], [diagnostic],
                    preferred: candidate == candidates[0]) is { } edit)
            {
                yield return edit;
            }
        }

        if (candidates.Count == 0 && fix.Directory is { } placeholder
            && Edit(document, $"Add replace {module} => {placeholder} (edit the path)",
                [new TextChange(new SourceSpan(insertAt, 0), $"{prefix}replace {module} => {placeholder}\n")], [diagnostic], preferred: false) is { } fallback)
        {
            yield return fallback;
        }
    }

    /// <summary>
    /// go.work members, siblings, GOPATH/src and the configured search roots (settings checkouts.searchRoots plus the
    /// host's), closest first; time-boxed because a code action must answer quickly.
    /// </summary>
    private static IReadOnlyList<CheckoutCandidate> FindCheckouts(GoModServices services, string goModDirectory, string module, AnalysisContext context)
    {
        var env = services.Environments.Get(context.Settings);
        var home = env.Get("HOME").Value;
        var roots = context.Settings.CheckoutSearchRoots.Concat(services.Options.CheckoutRoots)
            .Select(r => r == "~" || r.StartsWith("~/", StringComparison.Ordinal) ? Path.Combine(home, r.TrimStart('~').TrimStart('/')) : r)
            .Where(Path.IsPathRooted)
            .ToList();
        var gowork = env.Get("GOWORK").Value;
        var options = new CheckoutSearchOptions(
            SearchRoots: roots,
            GoPath: env.GoPath.Value,
            GoWorkPath: gowork.Length == 0 ? null : gowork,
            Budget: TimeSpan.FromMilliseconds(500));
        return [.. services.Checkouts.Find(goModDirectory, module, options).Candidates.Take(MaxCheckouts)];
    }

    private const int MaxCheckouts = 3;

    /// <summary>The fix, or null when its edits are out of range or would leave a go.mod that go rejects where it accepted it before.</summary>
    private static CodeFix? Edit(TextDocumentSnapshot document, string title, ImmutableArray<TextChange> changes,
        ImmutableArray<AnalyzerDiagnostic> fixes, bool preferred)
    {
        var text = document.Text;
        if (changes.Any(c => c.Span.Start < 0 || c.Span.End > text.Length))
        {
            return null;
        }

        var result = Apply(text, changes);
        if (document.Kind == DocumentKind.GoMod)
        {
            var before = ModFileParser.Parse("go.mod", text).GoErrors.Length;
            var after = ModFileParser.Parse("go.mod", result).GoErrors.Length;
            if (after > before)
            {
                return null;
            }
        }

        return new CodeFix(title, "quickfix", [new DocumentChanges(document.Uri, changes)], fixes, preferred);
    }

    internal static string Apply(string text, IEnumerable<TextChange> changes)
    {
        var result = text;
        foreach (var change in changes.OrderByDescending(c => c.Span.Start))
        {
            result = result[..change.Span.Start] + change.NewText + result[change.Span.End..];
        }

        return result;
    }

    /// <summary>The modules of a <c>go mod download [-modfile=…] [module]</c> fix (none: every require); null for another command.</summary>
    private static string[]? DownloadTargets(string goCommand) =>
        goCommand.Split(' ') is ["go", "mod", "download", .. var rest] && rest.Where(w => !w.StartsWith("-modfile=", StringComparison.Ordinal)).ToArray() is { Length: <= 1 } targets
            ? targets
            : null;

    private static CodeFix Command(string title, string command, AnalyzerDiagnostic diagnostic, params object[] arguments) =>
        Invocation(title, "quickfix", command, [diagnostic], arguments);

    private static CodeFix Invocation(string title, string kind, string command, ImmutableArray<AnalyzerDiagnostic> fixes, object[] arguments) =>
        new(title, kind, [], fixes, false, new CommandInvocation(title, command, [.. arguments.Select(a => ServerJson.ToElement(a, ServerJson.Plain))]));
}
