using GoModLens.Analysis.Resolution;
using GoModLens.ModFile.Semantics;
using GoModLens.ModFile.Syntax;
using GoModLens.ModFile.Text;

namespace GoModLens.Analysis.Findings;

/// <summary>A go.mod version go's fixer turns into a proxy query (<see cref="VersionQuery"/>).</summary>
/// <param name="Verb">require, exclude or replace.</param>
/// <param name="ModulePath">The module the version belongs to (a replacement's new path for its version).</param>
/// <param name="Query">The version as written (quotes removed): <c>master</c>, <c>latest</c>, <c>v1.2</c>, <c>&gt;=v1.1.0</c>.</param>
/// <param name="LineStart">The line's start, where go places the fixer's error.</param>
public sealed record QueriedVersion(string Verb, string ModulePath, string Query, TextPosition LineStart, TextSpan VersionRange);

/// <summary>
/// go's version fixer on the main go.mod: the go command parses it with modfile's fix function, which sends every
/// version that is not canonical (in require, exclude and replace lines alike) to GOPROXY as a query and goes on with
/// the answer. x/mod's strict parser instead rejects the non-semver ones (GML1003) and reads a prefix such as
/// <c>v1.2</c> as <c>v1.2.0</c> (GML2002). These helpers find the queries, put the answers into the model, and complete
/// the findings with them.
/// </summary>
public static class VersionQueryFindings
{
    /// <summary>
    /// The versions go's fixer asks GOPROXY about: those the strict parser rejected (a branch, tag or hash,
    /// <c>latest</c>, a range) and prefixes (<c>v1</c>, <c>v1.2</c>). A version with build metadata is left out: go's
    /// answer is its canonical form, which the parser already reads. Resolve each with <see cref="IRequirementResolver.ResolveQueryAsync"/>.
    /// </summary>
    /// <param name="text">The parsed text: the parser canonicalizes the version tokens, the query is what was written.</param>
    public static IReadOnlyList<QueriedVersion> QueriedVersions(ParseResult parse, string text)
    {
        var queries = new List<QueriedVersion>();
        if (parse.Mode == ParseMode.Work)
        {
            return queries; // go parses go.work strictly, without the fixer
        }

        foreach (var (verb, line) in VersionedLines(parse.Syntax))
        {
            foreach (var (path, version) in VersionTokens(verb, line))
            {
                // Most tokens are canonical versions written as such: compared in place, no substring per keystroke.
                if (version.Span is not { } span || (VersionQuery.IsQuery(version.Text) is false && FindingsBuilder.WrittenAs(text, span, version.Text)))
                {
                    continue;
                }

                var written = FindingsBuilder.Unquote(FindingsBuilder.Slice(text, span));
                if (VersionQuery.IsQuery(written) && (!ModFile.Versions.Semver.IsValid(written) || VersionQuery.IsSemverPrefix(written)))
                {
                    queries.Add(new QueriedVersion(verb, FindingsBuilder.Unquote(path.Text), written, line.Start, span));
                }
            }
        }

        return queries;
    }

    /// <summary>
    /// The model go works with: the text parsed again with the answers as modfile's fixer, so that resolution, upgrades,
    /// exclusions, replacements and go.sum follow the versions go uses, and a line the strict parser rejected
    /// (<c>replace example.com/a =&gt; example.com/b latest</c>) takes part; without the requires whose query failed.
    /// Positions are those of the same text. The parse's own model is left as it is.
    /// </summary>
    /// <param name="dropUnanswered">Also leave out the requires whose query has no result yet (the editor, between the
    /// keystroke and the network stage: their version is unknown, not the strict parser's reading).</param>
    public static GoModFile WithQueriedVersions(ParseResult parse, string text, IReadOnlyDictionary<QueriedVersion, VersionQueryResult> results,
        bool dropUnanswered = false)
    {
        var answers = new Dictionary<(string Path, string Query), string>();
        var failed = new HashSet<int>();
        foreach (var (query, result) in results)
        {
            if (result.Canonical is { } canonical)
            {
                answers[(query.ModulePath, query.Query)] = canonical;
            }
            else if (result.GoMessage is not null)
            {
                failed.Add(query.VersionRange.Start.Utf16Offset);
            }
        }

        if (dropUnanswered)
        {
            failed.UnionWith(QueriedVersions(parse, text).Where(q => q.Verb == "require" && !results.ContainsKey(q)).Select(q => q.VersionRange.Start.Utf16Offset));
        }

        if (answers.Count == 0 && failed.Count == 0)
        {
            return parse.Model;
        }

        // A require whose query failed stops go altogether; resolving the strict parser's reading of it (v1.9 as
        // v1.9.0) would only add findings about a version go never asks for.
        var model = ModFileParser.Parse(parse.Syntax.Name, text, parse.Mode, (path, version) => answers.GetValueOrDefault((path, version))).Model;
        model.Require.RemoveAll(r => Arg(r.Syntax, 1)?.Span is { } span && failed.Contains(span.Start.Utf16Offset));
        return model;
    }

    /// <summary>Every GML1003/GML2002 finding with its version's query answer (<see cref="WithQueryResult"/>); other findings as they are.</summary>
    public static IEnumerable<Finding> WithQueryResults(IEnumerable<Finding> findings, IReadOnlyDictionary<QueriedVersion, VersionQueryResult> queries)
    {
        foreach (var f in findings)
        {
            var answered = f.Code is FindingCodes.InvalidVersion or FindingCodes.NonCanonicalVersion
                ? queries.FirstOrDefault(q => q.Key.VersionRange.Start.Utf16Offset == f.Range.Start.Utf16Offset)
                : default;
            yield return answered.Key is null ? f : WithQueryResult(f, answered.Key, answered.Value);
        }
    }

    /// <summary>
    /// Adds go's fixer answer to a GML1003 or GML2002 finding: a fix to the version go would write, or go's error. A
    /// prefix go cannot resolve stops every go command ("errors parsing go.mod"), so its finding becomes an error.
    /// </summary>
    public static Finding WithQueryResult(Finding finding, QueriedVersion query, VersionQueryResult result)
    {
        if (result.Canonical is { } canonical)
        {
            return finding with
            {
                Message = finding.Code == FindingCodes.NonCanonicalVersion
                    ? finding.Message.Replace($"the highest {query.Query}.x", $"the highest {query.Query}.x, {canonical}", StringComparison.Ordinal)
                    : $"{finding.Message}; the proxy says {query.Query} is {canonical}",
                ModulePath = query.ModulePath,
                Fixes = [.. finding.Fixes, new UpgradeTo(query.ModulePath, canonical, query.VersionRange)],
            };
        }

        if (result.GoMessage is not { } error)
        {
            return result.Unanswered is { } why
                ? finding with { ModulePath = query.ModulePath, Related = [.. finding.Related, new RelatedInformation($"{query.Query} not resolved: {why}")] }
                : finding;
        }

        // The go command's line: the fixer's error at the line's position (what go list, go build, go mod tidy print).
        var goLine = new ModDiagnostic(ModDiagnosticStage.Directive, finding.FileName, query.LineStart, query.VersionRange, error).ToGoString();
        return finding.Code == FindingCodes.NonCanonicalVersion
            ? finding with
            {
                Severity = FindingSeverity.Error,
                Message = $"version {query.Query} is a query go cannot resolve, so every go command stops on this go.mod: {error}",
                GoMessage = goLine,
                ModulePath = query.ModulePath,
            }
            : finding with
            {
                GoMessage = goLine,
                ModulePath = query.ModulePath,
                Related = [.. finding.Related, new RelatedInformation("go's fixer query failed: " + error)],
            };
    }

    // The require, exclude and replace lines, with their verb (a block line's is the block's).
    private static IEnumerable<(string Verb, ModLine Line)> VersionedLines(ModFileSyntax syntax)
    {
        foreach (var stmt in syntax.Stmt)
        {
            if (stmt is ModLine { Tokens.Count: > 0 } line && line.Tokens[0].Text is "require" or "exclude" or "replace")
            {
                yield return (line.Tokens[0].Text, line);
            }
            else if (stmt is ModLineBlock { Tokens: [{ Text: "require" or "exclude" or "replace" } verb] } block)
            {
                foreach (var l in block.Lines)
                {
                    yield return (verb.Text, l);
                }
            }
        }
    }

    // The (module path, version) token pairs of a line: require and exclude have one; replace has the old one when it
    // names a version and the new one when it is a module, not a directory.
    private static IEnumerable<(ModToken Path, ModToken Version)> VersionTokens(string verb, ModLine line)
    {
        if (verb != "replace")
        {
            if (Arg(line, 0) is { } path && Arg(line, 1) is { } version)
            {
                yield return (path, version);
            }

            yield break;
        }

        var arrow = Arrow(line);
        if (arrow == 2 && Arg(line, 0) is { } oldPath && Arg(line, 1) is { } oldVersion)
        {
            yield return (oldPath, oldVersion);
        }

        if (arrow > 0 && Arg(line, arrow + 1) is { } newPath && Arg(line, arrow + 2) is { } newVersion && Arg(line, arrow + 3) is null)
        {
            yield return (newPath, newVersion);
        }
    }

    private static ModToken? Arg(ModLine line, int index)
    {
        var offset = line.InBlock ? 0 : 1;
        return index >= 0 && line.Tokens.Count > offset + index ? line.Tokens[offset + index] : null;
    }

    // The index of "=>" among a replace line's arguments; -1 without one.
    private static int Arrow(ModLine line)
    {
        var offset = line.InBlock ? 0 : 1;
        for (var i = offset; i < line.Tokens.Count; i++)
        {
            if (line.Tokens[i].Text == "=>")
            {
                return i - offset;
            }
        }

        return -1;
    }
}
