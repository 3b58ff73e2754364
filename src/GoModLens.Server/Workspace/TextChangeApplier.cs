using GoModLens.Protocol;
using GoModLens.Server.Text;

namespace GoModLens.Server.Workspace;

/// <summary>
/// Applies didChange content changes in order, each against the text produced by the previous one (LSP
/// semantics). Ranges are in the negotiated encoding. A range with start after end is normalised rather than
/// rejected, because dropping an edit would desynchronise the document for good.
/// </summary>
internal static class TextChangeApplier
{
    public static string Apply(string text, IReadOnlyList<TextDocumentContentChangeEvent> changes, PositionEncoding encoding) =>
        Apply(new LineIndex(text), changes, encoding).Text;

    /// <summary>Applies the changes and returns the new text's line index, updated edit by edit rather than rebuilt.</summary>
    public static LineIndex Apply(LineIndex lines, IReadOnlyList<TextDocumentContentChangeEvent> changes, PositionEncoding encoding)
    {
        foreach (var change in changes)
        {
            if (change.Range is null)
            {
                lines = new LineIndex(change.Text ?? string.Empty);
                continue;
            }

            var text = lines.Text;
            var start = lines.GetOffset(change.Range.Start, encoding);
            var end = lines.GetOffset(change.Range.End, encoding);
            if (end < start)
            {
                (start, end) = (end, start);
            }

            var inserted = change.Text ?? string.Empty;
            var next = string.Create(text.Length - (end - start) + inserted.Length, (text, start, end, inserted), static (span, s) =>
            {
                s.text.AsSpan(0, s.start).CopyTo(span);
                s.inserted.AsSpan().CopyTo(span[s.start..]);
                s.text.AsSpan(s.end).CopyTo(span[(s.start + s.inserted.Length)..]);
            });
            lines = lines.WithEdit(next, start, end, inserted.Length);
        }

        return lines;
    }
}
