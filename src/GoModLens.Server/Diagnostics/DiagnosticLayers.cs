using System.Collections.Immutable;
using GoModLens.Analysis.Findings;
using GoModLens.Server.Features;

namespace GoModLens.Server.Diagnostics;

/// <summary>
/// What a document shows: the local diagnostics, then the network stage's. Some local findings are completed by the
/// network stage, whose version replaces them:
/// <list type="bullet">
/// <item>a network diagnostic with the code and span of a local one is the same finding with the proxy's answer (a
/// version query's result, GML1003/GML2002; the major version fixes GOPROXY confirmed, GML2003);</item>
/// <item>a network diagnostic that redoes a local check (<see cref="AnalyzerDiagnostic.SupersedesLocalOfItsCode"/>)
/// replaces every local one of its code: go.sum's GML1507/GML1509 once version queries are answered, which the local
/// stage could not check yet.</item>
/// </list>
/// </summary>
internal static class DiagnosticLayers
{
    public static IEnumerable<AnalyzerDiagnostic> Combine(ImmutableArray<AnalyzerDiagnostic> local, ImmutableArray<AnalyzerDiagnostic> network)
    {
        // Refinements are rare (a go.mod with version queries), so the common case is a plain concatenation with no set built.
        HashSet<(string, SourceSpan)>? refined = null;
        HashSet<string>? superseded = null;
        foreach (var d in network)
        {
            if (d.Code is FindingCodes.InvalidVersion or FindingCodes.NonCanonicalVersion or FindingCodes.MajorVersionMismatch)
            {
                (refined ??= []).Add((d.Code, d.Span));
            }
            else if (d.SupersedesLocalOfItsCode)
            {
                (superseded ??= new HashSet<string>(StringComparer.Ordinal)).Add(d.Code);
            }
        }

        return refined is null && superseded is null
            ? local.Concat(network)
            : local.Where(d => refined?.Contains((d.Code, d.Span)) != true && superseded?.Contains(d.Code) != true).Concat(network);
    }
}
