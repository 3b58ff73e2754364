using System.Text;

namespace GoModLens.Analysis.Reports;

/// <summary>The mirror latency report as plain text for a terminal or a CI log (<c>gomodlens mirrors</c>).</summary>
public static class MirrorReportText
{
    /// <summary>The same table as <see cref="MirrorReportMarkdown"/>, its columns aligned, then each failure's error.</summary>
    public static string Render(IReadOnlyList<MirrorMeasurement> rows, string modulePath, string version)
    {
        ArgumentNullException.ThrowIfNull(rows);
        // Measured just now, all of them: the markdown's "measured" column is left out.
        var table = new List<string[]> { MirrorReportMarkdown.Header(modulePath, version)[..^1] };
        table.AddRange(rows.Select(r => MirrorReportMarkdown.Cells(r, DateTimeOffset.UnixEpoch)[..^1]));
        var widths = Enumerable.Range(0, table[0].Length).Select(c => table.Max(row => row[c].Length)).ToArray();
        var sb = new StringBuilder();
        foreach (var row in table)
        {
            // Names left, numbers right, as the markdown aligns them.
            var cells = row.Select((cell, c) => c is >= 1 and <= 5 ? cell.PadLeft(widths[c]) : cell.PadRight(widths[c]));
            sb.Append(string.Join("  ", cells).TrimEnd()).Append('\n');
        }

        foreach (var (mirror, error, note) in MirrorReportMarkdown.Notes(rows))
        {
            sb.Append("  ").Append(mirror).Append(": ").Append(string.Join(" — ", new[] { error, note }.OfType<string>())).Append('\n');
        }

        return sb.ToString();
    }
}

/// <summary>Which measured mirror to switch GOPROXY to.</summary>
public static class MirrorRanking
{
    /// <summary>The fastest mirror that serves the module and answered in time, else the fastest slow one; null if none.</summary>
    public static MirrorMeasurement? Fastest(IEnumerable<MirrorMeasurement> table)
    {
        var ranked = table.Where(m => m.ServesModule && m.Health != MirrorHealth.Failing).OrderBy(m => m.Health).ThenBy(m => m.Elapsed).ToList();
        return ranked.Count > 0 ? ranked[0] : null;
    }
}
