using System.Collections.Immutable;
using GoModLens.ModFile.GoSum;

namespace GoModLens.Server.Features.GoMod;

/// <summary>
/// go.sum's outline: one symbol per module path (in the order the file first names it), below it one per version, and
/// below that the version's lines, the module zip's hash and the <c>/go.mod</c> hash as the file has them. Each symbol's
/// range runs from its first line to its last (a go.sum go wrote keeps a module's lines together); lines that are not
/// three fields are no line to go, and no symbol.
/// </summary>
internal static class GoSumOutline
{
    public static ImmutableArray<SymbolItem> Symbols(GoSumFile sum)
    {
        // Grouped in one pass, first-seen order kept: a go.sum has thousands of lines.
        var modules = new Dictionary<string, Dictionary<string, List<GoSumLine>>>(StringComparer.Ordinal);
        var moduleOrder = new List<string>();
        var versionOrder = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var line in sum.Lines)
        {
            var path = line.ModulePath.Text;
            if (!modules.TryGetValue(path, out var versions))
            {
                modules[path] = versions = new Dictionary<string, List<GoSumLine>>(StringComparer.Ordinal);
                moduleOrder.Add(path);
                versionOrder[path] = [];
            }

            var version = line.ModuleVersion;
            if (!versions.TryGetValue(version, out var lines))
            {
                versions[version] = lines = [];
                versionOrder[path].Add(version);
            }

            lines.Add(line);
        }

        var symbols = ImmutableArray.CreateBuilder<SymbolItem>(moduleOrder.Count);
        foreach (var path in moduleOrder)
        {
            var children = versionOrder[path].Select(v => VersionSymbol(v, modules[path][v])).ToImmutableArray();
            var first = modules[path][versionOrder[path][0]][0];
            var count = children.Length;
            symbols.Add(new SymbolItem(path, count == 1 ? "1 version" : $"{count} versions", SymbolCategory.Module,
                Enclosing(children.Select(c => c.Span)), Span(first.ModulePath.Span), children));
        }

        return symbols.MoveToImmutable();
    }

    private static SymbolItem VersionSymbol(string version, List<GoSumLine> lines)
    {
        var zip = lines.Any(l => !l.IsGoModHash);
        var goMod = lines.Any(l => l.IsGoModHash);
        var detail = zip && goMod ? "module zip and go.mod hashes" : goMod ? "go.mod hash only" : "module zip hash only";
        var children = lines.Select(l => new SymbolItem(l.Version.Text, l.IsIgnored ? l.Hash.Text + " (ignored: an empty go.mod's hash)" : l.Hash.Text,
            SymbolCategory.Checksum, Span(l.Span), Span(l.Hash.Span), [])).ToImmutableArray();
        var name = lines[0].Version.Span;
        return new SymbolItem(version, detail, SymbolCategory.ModuleVersion, Enclosing(children.Select(c => c.Span)),
            new SourceSpan(name.Start, version.Length), children);
    }

    private static SourceSpan Span(GoSumSpan span) => SourceSpan.FromBounds(span.Start, span.End);

    private static SourceSpan Enclosing(IEnumerable<SourceSpan> spans)
    {
        var (start, end) = (int.MaxValue, 0);
        foreach (var span in spans)
        {
            (start, end) = (Math.Min(start, span.Start), Math.Max(end, span.End));
        }

        return SourceSpan.FromBounds(start, end);
    }
}
