using System.Collections.Immutable;
using GoModLens.Server.Features;

namespace GoModLens.Server.Diagnostics;

/// <summary>
/// Keeps the last network diagnostics (unreachable proxy, retracted, not found, upgrade available) on screen across an
/// edit until the network stage of the new version replaces them, as gopls keeps its last results. Without this every
/// keystroke's local publish dropped them, and they came back only after the quiet period and the network stage:
/// squiggles and the problems list flickered on every pause in typing, for seconds behind a slow proxy.
/// </summary>
internal static class NetworkCarryOver
{
    /// <summary>
    /// <paramref name="diagnostics"/> of <paramref name="from"/>'s text moved onto <paramref name="to"/>'s: the texts
    /// differ in one region (common prefix and suffix), diagnostics after it shift by the length difference, and those
    /// on a line the edit touches are dropped, since what they said may no longer hold. Their data keeps its version
    /// stamp, so their quick fixes wait for the new results.
    /// </summary>
    public static ImmutableArray<AnalyzerDiagnostic> Move(TextDocumentSnapshot from, TextDocumentSnapshot to, ImmutableArray<AnalyzerDiagnostic> diagnostics)
    {
        if (diagnostics.IsDefaultOrEmpty || ReferenceEquals(from.Text, to.Text) || from.Text == to.Text)
        {
            return diagnostics.IsDefault ? [] : diagnostics;
        }

        var before = from.Text.AsSpan();
        var after = to.Text.AsSpan();
        var prefix = before.CommonPrefixLength(after);
        var suffix = 0;
        var limit = Math.Min(before.Length, after.Length) - prefix;
        while (suffix < limit && before[^(suffix + 1)] == after[^(suffix + 1)])
        {
            suffix++;
        }

        var editEnd = before.Length - suffix;
        var delta = after.Length - before.Length;

        // The whole lines the edit touches, in the old text.
        var touchedStart = prefix == 0 ? 0 : before[..prefix].LastIndexOf('\n') + 1;
        var newline = before[editEnd..].IndexOf('\n');
        var touchedEnd = newline < 0 ? before.Length : editEnd + newline; // the touched lines' last line break

        int? Moved(int offset) => offset <= touchedStart ? offset : offset > touchedEnd ? offset + delta : null;

        var moved = ImmutableArray.CreateBuilder<AnalyzerDiagnostic>(diagnostics.Length);
        foreach (var d in diagnostics)
        {
            if (Moved(d.Span.Start) is not { } start || Moved(d.Span.End) is not { } end)
            {
                continue;
            }

            var related = d.Related.IsEmpty
                ? d.Related
                : [.. d.Related.Where(r => r.Uri is not null || (Moved(r.Span.Start) is not null && Moved(r.Span.End) is not null))
                    .Select(r => r.Uri is not null ? r : r with { Span = SourceSpan.FromBounds(Moved(r.Span.Start)!.Value, Moved(r.Span.End)!.Value) })];
            moved.Add(d with { Span = SourceSpan.FromBounds(start, end), Related = related });
        }

        return moved.DrainToImmutable();
    }

    /// <summary>
    /// A network batch of the new version with the carried diagnostics of the lines it has not reported on yet: a
    /// require still being resolved keeps its last result instead of losing it until the stage ends.
    /// </summary>
    public static ImmutableArray<AnalyzerDiagnostic> Merge(ImmutableArray<AnalyzerDiagnostic> batch, ImmutableArray<AnalyzerDiagnostic> carried, TextDocumentSnapshot document)
    {
        if (carried.IsDefaultOrEmpty)
        {
            return batch;
        }

        var lines = document.Lines;
        var reported = new HashSet<int>(batch.Select(d => lines.LineOf(d.Span.Start)));
        return [.. batch, .. carried.Where(d => !reported.Contains(lines.LineOf(d.Span.Start)))];
    }
}
