using System.Collections.Immutable;
using GoModLens.Analysis.Resolution;
using GoModLens.ModFile.Versions;

namespace GoModLens.Server.Features.GoMod;

/// <summary>
/// Directive keywords at the start of a line; versions after a module path on a require/replace/exclude line, from
/// the cached <c>@v/list</c> (retracted versions marked and listed last); on a tool line, the main packages of this
/// module and of the required modules go has downloaded. A module with no cached list has it fetched, and the request
/// waits for it at most <see cref="VersionListWait"/>; past that the list is empty and incomplete.
/// </summary>
internal static class GoModCompletion
{
    /// <summary>
    /// How long a version completion waits for a list it had to start fetching. A proxy close by serves <c>@v/list</c>
    /// and then the latest version's .info and go.mod (retractions) in two round trips, well inside this; a completion
    /// popup much slower than a few hundred milliseconds feels broken, and a proxy that hangs would otherwise hold it
    /// for the whole request budget. Past it the answer is empty and <c>isIncomplete</c>: the client asks again on the
    /// next keystroke, and the fetch, still running, has by then put the list in the cache.
    /// </summary>
    internal static readonly TimeSpan VersionListWait = TimeSpan.FromMilliseconds(300);

    private static readonly string[] s_keywords = ["module", "go", "toolchain", "godebug", "require", "replace", "exclude", "retract", "tool", "ignore"];
    private static readonly string[] s_workKeywords = ["go", "toolchain", "godebug", "use", "replace"];

    /// <summary>How deep below the go.work <c>use</c> completion looks for modules, and how many directories it visits at most.</summary>
    private const int UseSearchDepth = 3;
    private const int UseSearchDirectories = 2000;

    public static async ValueTask<CompletionInfo> ComputeAsync(GoModServices services, TextDocumentSnapshot document, int offset, AnalysisContext context,
        CancellationToken cancellationToken)
    {
        var text = document.Text;
        offset = Math.Clamp(offset, 0, text.Length);
        var lineStart = offset == 0 ? 0 : text.LastIndexOf('\n', offset - 1) + 1;

        var before = text[lineStart..offset];
        var wordStart = offset;
        while (wordStart > lineStart && !char.IsWhiteSpace(text[wordStart - 1]))
        {
            wordStart--;
        }

        // The whole word under the cursor is replaced, not only what precedes it: completing at v1.|0.0 must not
        // leave v1.2.00.0.
        var wordEnd = offset;
        while (wordEnd < text.Length && text[wordEnd] is not ('\n' or '\r') && !char.IsWhiteSpace(text[wordEnd]))
        {
            wordEnd++;
        }

        var prefix = text[wordStart..offset];
        var fields = before[..(wordStart - lineStart)].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var replaceSpan = SourceSpan.FromBounds(wordStart, wordEnd);
        var inBlock = InsideBlock(services, document, offset, out var blockKeyword);
        if (fields.Length == 0 && !inBlock)
        {
            // module, go and toolchain may appear once: not offered again where the file has them on another line.
            var model = services.Models.GoMod(document).Model;
            bool Elsewhere(ModFile.Text.TextSpan? line) => line is { } l && (offset < l.Start.Utf16Offset || offset > l.End.Utf16Offset);
            var once = new HashSet<string>(StringComparer.Ordinal);
            if (Elsewhere(model.Module?.Syntax.Span))
            {
                once.Add("module");
            }

            if (Elsewhere(model.Go?.Syntax.Span))
            {
                once.Add("go");
            }

            if (Elsewhere(model.Toolchain?.Syntax.Span))
            {
                once.Add("toolchain");
            }

            return new CompletionInfo([.. (document.Kind == DocumentKind.GoWork ? s_workKeywords : s_keywords).Where(k => k.StartsWith(prefix, StringComparison.Ordinal) && !once.Contains(k))
                .Select(k => new CompletionEntry(k, CompletionKind.Keyword, replaceSpan, k + " "))]);
        }

        var keyword = inBlock ? blockKeyword : fields[0];
        var pathIndex = inBlock ? 0 : 1;
        if (document.Kind == DocumentKind.GoWork && keyword == "use")
        {
            return fields.Length == pathIndex ? UseDirectories(services, document, prefix, replaceSpan) : CompletionInfo.Empty;
        }

        if (document.Kind == DocumentKind.GoMod && keyword == "tool")
        {
            return fields.Length == pathIndex ? ToolPackages(services, document, prefix, replaceSpan, context) : CompletionInfo.Empty;
        }
        // A version follows a module path: the require's or exclude's, a replace's old path, or its new path after "=>".
        if (keyword is not ("require" or "exclude" or "replace") || fields.Length != pathIndex + 1 && !(keyword == "replace" && fields.Length == pathIndex + 3)
            || fields[^1] == "=>")
        {
            return CompletionInfo.Empty;
        }

        var path = fields[pathIndex];
        if (keyword == "replace" && fields.Length == pathIndex + 3)
        {
            path = fields[pathIndex + 2];
        }

        if (path.Length > 0 && path[0] is '"' or '`')
        {
            // A quoted path is the same module to go.
            if (!ModFile.Text.GoQuote.TryUnquote(path, out path))
            {
                return CompletionInfo.Empty;
            }
        }

        if (services.Reports.Versions(path) is { } versions)
        {
            return VersionItems(services, path, prefix, replaceSpan, versions);
        }

        var env = services.Environments.Get(context.Settings);
        var engine = services.Engines.Get(env, context.Settings);
        if (!context.Settings.NetworkEnabled || engine.Options.Offline)
        {
            return CompletionInfo.Empty; // no @v/list can come: asking again on every keystroke would change nothing
        }

        // The resolver routes the path as go does (a GOPRIVATE one goes direct, never to a proxy); the request waits a
        // little, the fetch as long as its budget: a later request (or keystroke) finds the list in the cache.
        var fetch = services.VersionLists.FetchAsync(engine, path, services.Reports, context.Log);
        LatestReport? fetched;
        try
        {
            fetched = await fetch.WaitAsync(services.Options.CompletionListWait, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return new CompletionInfo([], IsIncomplete: true);
        }

        return services.Reports.Versions(path) is { } listed ? VersionItems(services, path, prefix, replaceSpan, listed)
            : fetched is null ? new CompletionInfo([], IsIncomplete: true) // no answer within the fetch's budget: try again
            : CompletionInfo.Empty; // no GOPROXY entry (or repository) has a list for this path, or go refuses the path
    }

    /// <summary>
    /// The versions of the cached list, newest first, retracted ones (by the latest go.mod's retract directives) after
    /// the others, marked deprecated with go's wording and the author's rationale; "latest" is what go's <c>@latest</c>
    /// chose (retracted versions and +incompatible ones above a module with a go.mod left out), else the highest
    /// release that is not retracted; pre-releases are labelled, not preferred. go's <c>@latest</c> answers even where
    /// the list has nothing for it (the proxy's <c>@latest</c> endpoint, or the default branch's pseudo-version when go
    /// goes to the repository), and <c>go get m@latest</c> writes that version: it is offered too.
    /// </summary>
    private static CompletionInfo VersionItems(GoModServices services, string path, string prefix, SourceSpan replaceSpan, IReadOnlyList<string> versions)
    {
        var retractions = services.Reports.Retractions(path);
        var reported = services.Reports.Latest(path);
        if (reported is not null && !versions.Contains(reported, StringComparer.Ordinal))
        {
            versions = [.. versions, reported];
        }

        var ordered = versions
            .Select(v => (Version: v, Retracted: RetractedRange.IsRetracted(retractions, v, out var rationales), Rationales: rationales))
            .OrderBy(v => v.Retracted)
            .ThenByDescending(v => v.Version, Comparer<string>.Create(Semver.Compare))
            .ToList();
        var latest = reported ?? ordered.FirstOrDefault(v => !v.Retracted && Semver.Prerelease(v.Version).Length == 0).Version;
        return new CompletionInfo([.. ordered.Where(v => v.Version.StartsWith(prefix, StringComparison.Ordinal)).Select((v, i) =>
            new CompletionEntry(v.Version, CompletionKind.Version, replaceSpan, v.Version,
                v.Retracted ? Retracted(v.Rationales)
                    : v.Version == latest ? (PseudoVersion.IsPseudoVersion(latest) ? "latest: pseudo-version of the default branch" : "latest")
                    : Semver.Prerelease(v.Version).Length > 0 ? "pre-release" : null,
                DocumentationMarkdown: v.Retracted ? RetractedDocumentation(path, v.Version, v.Rationales) : null,
                SortText: i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture),
                Deprecated: v.Retracted))]);
    }

    // go's words for it (go get's "go: warning: m@v: retracted by module author: <rationale>"), first line of the first rationale.
    private static string Retracted(List<string> rationales) =>
        "retracted by module author" + (rationales.Count > 0 ? ": " + rationales[0].Split('\n')[0] : "");

    private static string RetractedDocumentation(string path, string version, List<string> rationales)
    {
        var sb = new System.Text.StringBuilder("**Retracted** by the module author");
        sb.Append(rationales.Count switch
        {
            0 => " (the retract directive gives no rationale).",
            1 => ": " + rationales[0],
            _ => ":\n\n" + string.Concat(rationales.Select(r => "- " + r.Replace("\n", " ", StringComparison.Ordinal) + "\n")),
        });
        return sb.Append("\n\nA `retract` directive in the go.mod of `").Append(path).Append("`'s latest version covers `").Append(version)
            .Append("`: `go get` warns about it and `@latest` skips it.").ToString();
    }

    /// <summary>
    /// The main packages a tool line can name: this module's (its directory) and those of the required versions go has
    /// downloaded (the module cache, or a replacement's directory), minus the tool lines already there. Nothing is
    /// fetched: a module go has not downloaded offers nothing yet. When builds use vendor/, go takes other modules'
    /// packages from there alone: the packages vendor/modules.txt lists whose directory holds a main package.
    /// </summary>
    private static CompletionInfo ToolPackages(GoModServices services, TextDocumentSnapshot document, string prefix, SourceSpan replaceSpan, AnalysisContext context)
    {
        var model = services.Models.GoMod(document).Model;
        var directory = GoModAnalyzer.GoModDirectory(document);
        var goModCache = services.Environments.Get(context.Settings).GoModCache.Value;
        var listed = model.Tool.Select(t => t.Path).ToHashSet(StringComparer.Ordinal);
        var entries = ImmutableArray.CreateBuilder<CompletionEntry>();
        void Offer(string modulePath, IEnumerable<string> relativeDirectories, string detail)
        {
            foreach (var relative in relativeDirectories)
            {
                var package = relative == "." ? modulePath : modulePath + "/" + relative;
                if (package.StartsWith(prefix, StringComparison.Ordinal) && listed.Add(package))
                {
                    entries.Add(new CompletionEntry(package, CompletionKind.Module, replaceSpan, ModFile.Semantics.ModQuoting.AutoQuote(package),
                        detail + " · go tool " + Analysis.Findings.ToolFindings.ExecName(package)));
                }
            }
        }

        if (model.Module?.Mod.Path is { Length: > 0 } mainModule && directory is not null)
        {
            Offer(mainModule, Analysis.Workspace.ModulePackages.MainPackagesInLocalTree(directory), "this module");
        }

        var env = services.Environments.Get(context.Settings);
        if (services.Vendors.Get(env, directory, model, services.Workspaces.Get(env, directory)) is { } vendor)
        {
            foreach (var byModule in vendor.List.Packages
                .Where(p => p.StartsWith(prefix, StringComparison.Ordinal)) // before the directory is read: a vendor/ may hold thousands
                .Where(p => Analysis.Workspace.ModulePackages.PackageKindOfDirectory(Path.Combine(vendor.Mode.VendorDirectory, p)) == Analysis.Workspace.PackageKind.Main)
                .GroupBy(p => vendor.List.Modules.Where(m => p == m.Path || p.StartsWith(m.Path + "/", StringComparison.Ordinal)).MaxBy(m => m.Path.Length))
                .Where(g => g.Key is not null)
                .OrderBy(g => g.Key!.Path, StringComparer.Ordinal))
            {
                var module = byModule.Key!;
                Offer(module.Path, byModule.Order(StringComparer.Ordinal).Select(p => p == module.Path ? "." : p[(module.Path.Length + 1)..]), module.Path + "@" + module.Version + " (vendor/)");
            }

            return new CompletionInfo(entries.ToImmutable());
        }

        // go selects the highest version a path is required at.
        foreach (var require in model.Require.GroupBy(r => r.Mod.Path).Select(g => g.MaxBy(r => r.Mod.Version, Comparer<string>.Create(Semver.Compare))!))
        {
            var (path, version) = (require.Mod.Path, require.Mod.Version);
            var replace = Analysis.Workspace.GoWorkspace.ReplaceIn(model, path, version);
            IReadOnlyList<string>? packages = replace switch
            {
                { New.Version.Length: 0 } => directory is not null && Analysis.Workspace.GoPaths.Resolve(directory, replace.New.Path) is { } local
                    ? Analysis.Workspace.ModulePackages.MainPackagesInLocalTree(local) : null,
                { } byModule => Analysis.Workspace.ModulePackages.MainPackagesInModuleCache(goModCache, byModule.New.Path, byModule.New.Version),
                null => Analysis.Workspace.ModulePackages.MainPackagesInModuleCache(goModCache, path, version),
            };
            Offer(path, packages ?? [], path + "@" + version);
        }

        return new CompletionInfo(entries.ToImmutable());
    }

    /// <summary>
    /// Directories below the go.work that hold a go.mod and are not used yet, spelled as go work use writes them, with
    /// the module path they declare. Hidden directories, vendor, testdata and node_modules are skipped.
    /// </summary>
    private static CompletionInfo UseDirectories(GoModServices services, TextDocumentSnapshot document, string prefix, SourceSpan replaceSpan)
    {
        if (GoModAnalyzer.GoModDirectory(document) is not { } root)
        {
            return CompletionInfo.Empty;
        }

        var used = services.Models.GoMod(document).Model.Use
            .Select(u => Analysis.Workspace.GoPaths.Resolve(root, u.Path)).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var entries = ImmutableArray.CreateBuilder<CompletionEntry>();
        var queue = new Queue<(string Directory, int Depth)>([(root, 0)]);
        var visited = 0;
        while (queue.Count > 0 && visited++ < UseSearchDirectories)
        {
            var (dir, depth) = queue.Dequeue();
            var goMod = Path.Combine(dir, "go.mod");
            if (!used.Contains(dir) && File.Exists(goMod))
            {
                var spelled = Analysis.Workspace.GoWorkEdits.DirectoryPath(root, dir);
                if (spelled.StartsWith(prefix, StringComparison.Ordinal))
                {
                    entries.Add(new CompletionEntry(spelled, CompletionKind.Module, replaceSpan, ModFile.Semantics.ModQuoting.AutoQuote(spelled),
                        DeclaredModule(goMod)));
                }
            }

            if (depth < UseSearchDepth)
            {
                foreach (var sub in SubDirectories(dir))
                {
                    queue.Enqueue((sub, depth + 1));
                }
            }
        }

        return new CompletionInfo(entries.ToImmutable(), IsIncomplete: queue.Count > 0);
    }

    private static IEnumerable<string> SubDirectories(string dir)
    {
        try
        {
            return [.. Directory.EnumerateDirectories(dir)
                .Where(d => Path.GetFileName(d) is var name && !name.StartsWith('.') && !name.StartsWith('_') && name is not ("vendor" or "testdata" or "node_modules"))
                .Order(StringComparer.Ordinal)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static string? DeclaredModule(string goModPath)
    {
        try
        {
            return ModFile.Semantics.ModFileParser.Parse(goModPath, File.ReadAllText(goModPath), ModFile.Semantics.ParseMode.Lax).Model.Module?.Mod?.Path;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static bool InsideBlock(GoModServices services, TextDocumentSnapshot document, int offset, out string keyword)
    {
        foreach (var block in services.Models.GoMod(document).Syntax.Stmt.OfType<ModFile.Syntax.ModLineBlock>())
        {
            if (offset > block.LParen.Span.End.Utf16Offset && offset <= block.RParen.Span.Start.Utf16Offset && block.Tokens.Count > 0)
            {
                keyword = block.Tokens[0].Text;
                return true;
            }
        }

        keyword = "";
        return false;
    }
}
