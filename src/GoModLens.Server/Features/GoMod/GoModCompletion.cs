using System.Collections.Immutable;
using GoModLens.ModFile.Versions;

namespace GoModLens.Server.Features.GoMod;

/// <summary>
/// Directive keywords at the start of a line; versions after a module path on a require/replace/exclude line, from
/// the cached <c>@v/list</c>. Never waits: a module with no cached list gets a background resolve and an incomplete list.
/// </summary>
internal static class GoModCompletion
{
    private static readonly string[] s_keywords = ["module", "go", "toolchain", "godebug", "require", "replace", "exclude", "retract", "tool", "ignore"];

    public static CompletionInfo Compute(GoModServices services, TextDocumentSnapshot document, int offset, AnalysisContext context)
    {
        var text = document.Text;
        offset = Math.Clamp(offset, 0, text.Length);
        var lineStart = text.LastIndexOf('\n', Math.Max(0, offset - 1)) + 1;
        if (offset > 0 && text[offset - 1] == '\n')
        {
            lineStart = offset;
        }

        var before = text[lineStart..offset];
        var wordStart = offset;
        while (wordStart > lineStart && !char.IsWhiteSpace(text[wordStart - 1]))
        {
            wordStart--;
        }

        var prefix = text[wordStart..offset];
        var fields = before[..(wordStart - lineStart)].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var replaceSpan = SourceSpan.FromBounds(wordStart, offset);
        var inBlock = InsideBlock(services, document, offset, out var blockKeyword);
        if (fields.Length == 0 && !inBlock)
        {
            return new CompletionInfo([.. s_keywords.Where(k => k.StartsWith(prefix, StringComparison.Ordinal))
                .Select(k => new CompletionEntry(k, CompletionKind.Keyword, replaceSpan, k + " "))]);
        }

        var keyword = inBlock ? blockKeyword : fields[0];
        var pathIndex = inBlock ? 0 : 1;
        if (keyword is not ("require" or "exclude" or "replace") || fields.Length != pathIndex + 1 && !(keyword == "replace" && fields.Length == pathIndex + 3))
        {
            return CompletionInfo.Empty;
        }

        var path = fields[^1] == "=>" ? fields[^2] : fields[pathIndex];
        if (keyword == "replace" && fields.Length == pathIndex + 3)
        {
            path = fields[pathIndex + 2];
        }

        if (services.Reports.Versions(path) is { } versions)
        {
            var ordered = versions.OrderByDescending(v => v, Comparer<string>.Create(Semver.Compare)).ToList();

            // Like go's @latest query: the highest release is "latest"; pre-releases are labelled, not preferred.
            var latest = ordered.FirstOrDefault(v => Semver.Prerelease(v).Length == 0);
            return new CompletionInfo([.. ordered.Where(v => v.StartsWith(prefix, StringComparison.Ordinal)).Select((v, i) =>
                new CompletionEntry(v, CompletionKind.Version, replaceSpan, v,
                    v == latest ? "latest" : Semver.Prerelease(v).Length > 0 ? "pre-release" : null,
                    SortText: i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture)))]);
        }

        if (context.Settings.NetworkEnabled)
        {
            // The resolver routes private paths itself (direct, never a proxy); the list lands in the cache for the next request.
            var engine = services.Engines.Get(services.Environments.Get(context.Settings), context.Settings);
            _ = Task.Run(async () =>
            {
                using var timeout = new CancellationTokenSource(engine.Options.PerModuleBudget);
                try
                {
                    services.Reports.Store(await engine.Resolver.ResolveAsync(path, "v0.0.0", engine.Options, timeout.Token).ConfigureAwait(false));
                }
                catch (OperationCanceledException)
                {
                    // Next completion request tries again.
                }
            });
        }

        return new CompletionInfo([], IsIncomplete: true);
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
