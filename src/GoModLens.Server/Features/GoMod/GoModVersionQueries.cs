using GoModLens.Analysis.Findings;
using GoModLens.Analysis.Resolution;
using GoModLens.ModFile.Semantics;
using GoModLens.ModFile.Syntax;

namespace GoModLens.Server.Features.GoMod;

/// <summary>A version query on a go.mod line (<c>v1.2</c>, <c>latest</c>, <c>master</c>) and what the network stage got for it.</summary>
/// <param name="Result">The answer (<see cref="VersionQueryResult.Canonical"/> or go's error), or why there is none;
/// null when the network stage has not asked yet.</param>
internal sealed record QueryOnLine(QueriedVersion Query, ModLine Line, VersionQueryResult? Result)
{
    /// <summary>The version go writes for the query, once GOPROXY answered it.</summary>
    public string? Canonical => Result?.Canonical;
}

/// <summary>
/// The go.mod as go works with it once its fixer has answered the version queries: the answers the network stage stored
/// (<see cref="ReportCache.StoreQuery"/>) put into the model, the requires whose query has no answer (or failed) left
/// out, so no feature describes the strict parser's reading (<c>v1.2</c> as <c>v1.2.0</c>). Reads the cache only.
/// </summary>
/// <param name="Model">The model with the answers; the parse's own model when the file has no query.</param>
/// <param name="Queries">Every queried version of the file, with its line.</param>
internal sealed record AnsweredGoMod(ParseResult Parse, GoModFile Model, IReadOnlyList<QueryOnLine> Queries)
{
    /// <summary>The queries on the line under <paramref name="offset"/>: a replace line can have two.</summary>
    public IReadOnlyList<QueryOnLine> On(int offset) => Queries.Count == 0 ? [] : [.. Queries.Where(q => GoModLocator.On(q.Line, offset))];
}

internal static class GoModVersionQueries
{
    public static AnsweredGoMod For(GoModServices services, TextDocumentSnapshot document, Analysis.Environment.GoEnvironment env)
    {
        var parse = services.Models.GoMod(document);

        // go's fixer runs on the main module's go.mod only: not a go.work, not a dependency's go.mod in the module cache.
        if (document.Kind != DocumentKind.GoMod || ModuleCacheFiles.Contains(env, document.FilePath))
        {
            return new AnsweredGoMod(parse, parse.Model, []);
        }

        var queried = VersionQueryFindings.QueriedVersions(parse, document.Text);
        if (queried.Count == 0)
        {
            return new AnsweredGoMod(parse, parse.Model, []);
        }

        var answers = services.Reports.QueryAnswers(queried);
        var lines = Lines(parse.Syntax);
        var queries = queried
            .Where(q => lines.ContainsKey(q.LineStart.Utf16Offset))
            .Select(q => new QueryOnLine(q, lines[q.LineStart.Utf16Offset], answers.GetValueOrDefault(q) ?? services.Reports.QueryResult(q)))
            .ToList();
        return new AnsweredGoMod(parse, VersionQueryFindings.WithQueriedVersions(parse, document.Text, answers, dropUnanswered: true), queries);
    }

    /// <summary>
    /// What a query means and what became of it, in markdown: "`v1.2` → v1.2.3, as go would write it", go's error line
    /// when the query failed, or that it is not resolved (yet, or why not).
    /// </summary>
    public static string Describe(QueryOnLine query, string fileName, bool networkEnabled)
    {
        var q = query.Query;
        var asks = Asks(q.Query);
        if (query.Result?.Canonical is { } canonical)
        {
            return $"`{q.Query}` → {canonical}, as go would write it (go's fixer asks GOPROXY {asks}).\n\n";
        }

        if (query.Result?.GoMessage is { } error)
        {
            var goLine = new ModDiagnostic(ModDiagnosticStage.Directive, fileName, q.LineStart, q.VersionRange, error).ToGoString();
            return $"`{q.Query}` is a version query: go's fixer asks GOPROXY {asks}, and the query failed, so every go command stops on this go.mod:\n\n"
                + $"`{goLine}`\n\n";
        }

        var status = query.Result?.Unanswered is { } why ? $"Not resolved: {why}."
            : networkEnabled ? "_Not resolved yet._"
            : "_Network disabled: not resolved._";
        return $"`{q.Query}` is a version query: go's fixer asks GOPROXY {asks} and writes the answer into go.mod. {status}\n\n";
    }

    // What go's fixer asks GOPROXY for (VersionQuery's kinds).
    private static string Asks(string query) =>
        query is "latest" or "upgrade" ? "for the latest version"
        : VersionQuery.IsSemverPrefix(query) ? $"for the highest {query}.x"
        : query.Length > 0 && query[0] is '<' or '>' ? $"for the version the range {query} selects"
        : $"which version {query} is";

    // Every require/exclude/replace line by its start (block lines included).
    private static Dictionary<int, ModLine> Lines(ModFileSyntax syntax)
    {
        var lines = new Dictionary<int, ModLine>();
        foreach (var stmt in syntax.Stmt)
        {
            if (stmt is ModLine line)
            {
                lines.TryAdd(line.Start.Utf16Offset, line);
            }
            else if (stmt is ModLineBlock block)
            {
                foreach (var inner in block.Lines)
                {
                    lines.TryAdd(inner.Start.Utf16Offset, inner);
                }
            }
        }

        return lines;
    }
}
