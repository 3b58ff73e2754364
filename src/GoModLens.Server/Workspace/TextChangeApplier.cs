using System.Text;
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
    public static string Apply(string text, IReadOnlyList<TextDocumentContentChangeEvent> changes, PositionEncoding encoding)
    {
        foreach (var change in changes)
        {
            if (change.Range is null)
            {
                text = change.Text ?? string.Empty;
                continue;
            }

            var lines = new LineIndex(text);
            var start = lines.GetOffset(change.Range.Start, encoding);
            var end = lines.GetOffset(change.Range.End, encoding);
            if (end < start)
            {
                (start, end) = (end, start);
            }

            text = new StringBuilder(text.Length - (end - start) + (change.Text?.Length ?? 0))
                .Append(text, 0, start)
                .Append(change.Text)
                .Append(text, end, text.Length - end)
                .ToString();
        }

        return text;
    }
}
