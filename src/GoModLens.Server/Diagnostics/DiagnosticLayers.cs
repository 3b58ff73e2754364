using System.Collections.Immutable;
using GoModLens.Analysis.Findings;
using GoModLens.Server.Features;

namespace GoModLens.Server.Diagnostics;

/// <summary>
/// What a document shows: the local diagnostics, then the network stage's. A network diagnostic with the code and span
/// of a local one is the same finding with the proxy's answer (a version query's result, GML1003/GML2002; the major
/// version fixes GOPROXY confirmed, GML2003) and replaces it.
/// </summary>
internal static class DiagnosticLayers
{
    public static IEnumerable<AnalyzerDiagnostic> Combine(ImmutableArray<AnalyzerDiagnostic> local, ImmutableArray<AnalyzerDiagnostic> network)
    {
        // Refinements are rare (one per version query), so the common case is a plain concatenation with no set built.
        HashSet<(string, SourceSpan)>? refined = null;
        foreach (var d in network)
        {
            if (d.Code is FindingCodes.InvalidVersion or FindingCodes.NonCanonicalVersion or FindingCodes.MajorVersionMismatch)
            {
                (refined ??= []).Add((d.Code, d.Span));
            }
        }

        return refined is null ? local.Concat(network) : local.Where(d => !refined.Contains((d.Code, d.Span))).Concat(network);
    }
}
