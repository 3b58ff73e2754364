using System.Collections.Immutable;
using GoModLens.ModFile.Editing;
using GoModLens.ModFile.Formatting;
using GoModLens.ModFile.Semantics;
using GoModLens.ModFile.Syntax;
using GoModLens.ModFile.Versions;

namespace GoModLens.Server.Features.GoMod;

/// <summary>Structure features: folding, symbols, links, formatting, inlay hints.</summary>
internal static class GoModOutline
{
    public static ImmutableArray<FoldingItem> Folding(ParseResult parse) =>
        [.. parse.Syntax.Stmt.OfType<ModLineBlock>()
            .Where(b => b.RParen.Span.End.Line > b.Start.Line)
            .Select(b => new FoldingItem(b.Start.Utf16Offset, b.RParen.Span.Start.Utf16Offset, FoldingKind.Region))];

    public static ImmutableArray<SymbolItem> Symbols(ParseResult parse)
    {
        var symbols = ImmutableArray.CreateBuilder<SymbolItem>();
        foreach (var stmt in parse.Syntax.Stmt)
        {
            if (stmt is ModLine { Tokens.Count: > 0 } line)
            {
                symbols.Add(LineSymbol(line, line.Tokens[0].Text, line.Tokens.Skip(1).Select(t => t.Text).ToList()));
            }
            else if (stmt is ModLineBlock { Tokens.Count: > 0 } block)
            {
                var keyword = block.Tokens[0].Text;
                var children = block.Lines.Where(l => l.Tokens.Count > 0).Select(l => LineSymbol(l, keyword, l.Tokens.Select(t => t.Text).ToList())).ToImmutableArray();
                var span = SourceSpan.FromBounds(block.Start.Utf16Offset, block.RParen.Span.End.Utf16Offset);
                var nameSpan = GoModLocator.SpanOf(block.Tokens[0]) ?? span;
                symbols.Add(new SymbolItem(keyword, $"{children.Length} entries", SymbolCategory.Block, span, nameSpan, children));
            }
        }

        return symbols.ToImmutable();
    }

    private static SymbolItem LineSymbol(ModLine line, string keyword, List<string> args)
    {
        var category = keyword switch
        {
            "module" => SymbolCategory.Module,
            "require" => SymbolCategory.Requirement,
            "replace" => SymbolCategory.Replacement,
            "exclude" => SymbolCategory.Exclusion,
            "retract" => SymbolCategory.Retraction,
            "tool" => SymbolCategory.Tool,
            _ => SymbolCategory.Directive,
        };
        var name = category is SymbolCategory.Directive or SymbolCategory.Module && args.Count > 0 ? $"{keyword} {args[0]}"
            : args.Count > 0 ? args[0] : keyword;
        var detail = args.Count > 1 ? string.Join(' ', args.Skip(1)) : null;
        var span = GoModLocator.SpanOf(line);
        var first = line.InBlock ? line.Tokens.FirstOrDefault() : line.Tokens.Skip(1).FirstOrDefault() ?? line.Tokens[0];
        return new SymbolItem(name, detail, category, span, GoModLocator.SpanOf(first) ?? span, []);
    }

    public static ImmutableArray<DocumentLinkItem> Links(GoModServices services, TextDocumentSnapshot document, AnalysisContext context)
    {
        var env = services.Environments.Get(context.Settings);

        // A version query's link is go's answer for it; before the answer (or when it failed), the module's versions.
        var answered = GoModVersionQueries.For(services, document, env);
        var model = answered.Model;
        var links = ImmutableArray.CreateBuilder<DocumentLinkItem>();
        foreach (var require in model.Require)
        {
            if (!GoModServices.IsPrivate(env, require.Mod.Path)
                && GoModLocator.SpanOf(GoModLocator.Arguments(require.Syntax) is { Count: > 0 } args ? args[0] : null) is { } span)
            {
                links.Add(new DocumentLinkItem(span, $"https://pkg.go.dev/{require.Mod.Path}@{require.Mod.Version}", "Open on pkg.go.dev"));
            }
        }

        foreach (var query in answered.Queries.Where(q => q.Query.Verb == "require" && q.Canonical is null && !GoModServices.IsPrivate(env, q.Query.ModulePath)))
        {
            if (GoModLocator.SpanOf(GoModLocator.Arguments(query.Line) is { Count: > 0 } args ? args[0] : null) is { } span)
            {
                var why = query.Result?.GoMessage is not null ? "the query failed" : query.Result?.Unanswered is not null ? "not resolved" : "not resolved yet";
                links.Add(new DocumentLinkItem(span, $"https://pkg.go.dev/{query.Query.ModulePath}?tab=versions",
                    $"Open the versions on pkg.go.dev ({query.Query.Query}: {why})"));
            }
        }

        if (GoModAnalyzer.GoModDirectory(document) is { } dir)
        {
            // go.work: each use directory opens its go.mod.
            foreach (var use in model.Use)
            {
                if (GoModLocator.SpanOf(use.Syntax.Tokens.LastOrDefault()) is { } span && Analysis.Workspace.GoPaths.Resolve(dir, use.Path) is { } useDirectory)
                {
                    links.Add(new DocumentLinkItem(span, new Uri(Path.Combine(useDirectory, "go.mod")).AbsoluteUri, "Open the module's go.mod"));
                }
            }

            foreach (var replace in model.Replace.Where(r => r.New.Version.Length == 0))
            {
                if (GoModLocator.SpanOf(replace.Syntax.Tokens.LastOrDefault()) is { } span && Analysis.Workspace.GoPaths.Resolve(dir, replace.New.Path) is { } full)
                {
                    links.Add(new DocumentLinkItem(span, new Uri(full).AbsoluteUri, "Open the replacement directory"));
                }
            }
        }

        return links.ToImmutable();
    }

    /// <summary>go mod edit -fmt (go work edit -fmt for a go.work) as minimal edits; nothing when go would reject the file.</summary>
    public static ImmutableArray<TextChange> Format(TextDocumentSnapshot document)
    {
        // A private parse: formatting sorts and cleans the model in place. A go.work formats like go work edit -fmt.
        var parse = document.Kind == DocumentKind.GoWork ? ModFileParser.ParseWork("go.work", document.Text) : ModFileParser.Parse("go.mod", document.Text);
        if (!parse.IsAcceptedByGo)
        {
            return [];
        }

        var formatted = ModFilePrinter.FormatLikeGoModEdit(parse);
        return [.. TextEdits.Diff(document.Text, formatted).Select(e => new TextChange(SourceSpan.FromBounds(e.StartOffset, e.EndOffset), e.NewText))];
    }

    public static ImmutableArray<InlayHintItem> InlayHints(GoModServices services, TextDocumentSnapshot document, SourceSpan span, AnalysisContext context)
    {
        var hints = ImmutableArray.CreateBuilder<InlayHintItem>();
        // A version query's hint is about go's answer for it; an unanswered query has none, rather than one about v1.2.0.
        var env = services.Environments.Get(context.Settings);
        foreach (var require in GoModVersionQueries.For(services, document, env).Model.Require)
        {
            var line = GoModLocator.SpanOf(require.Syntax);
            if (!line.IntersectsWith(span) || services.Reports.Get(require.Mod.Path, require.Mod.Version) is not { } report
                || require.Syntax.Tokens.LastOrDefault()?.Span is not { } last)
            {
                continue;
            }

            var labels = new List<string>();
            if (report.IsRetracted)
            {
                labels.Add("retracted");
            }

            if (report.IsDeprecated)
            {
                labels.Add("deprecated");
            }

            if (report.Latest?.Latest is { } latest && Semver.Compare(latest, require.Mod.Version) > 0)
            {
                labels.Add("latest " + latest);
            }
            else if (report.Latest is null && services.Reports.NewestCached(require.Mod.Path) is { } cached && Semver.Compare(cached, require.Mod.Version) > 0)
            {
                // Offline there is no @latest; the newest version go already downloaded is the one that works without a network.
                labels.Add($"cached {cached} (module cache, offline)");
            }

            if (labels.Count > 0)
            {
                var tooltip = report.IsDeprecated ? "Deprecated: " + report.Latest!.Deprecated : null;
                hints.Add(new InlayHintItem(last.End.Utf16Offset, string.Join(" · ", labels), tooltip));
            }
        }

        return hints.ToImmutable();
    }
}
