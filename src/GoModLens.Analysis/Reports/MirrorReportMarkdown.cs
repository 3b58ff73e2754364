using System.Text;
using GoModLens.Analysis.Ports;

namespace GoModLens.Analysis.Reports;

/// <summary>The mirror latency report (the status-bar click and <c>gomodlens mirrors</c>) as markdown.</summary>
public static class MirrorReportMarkdown
{
    /// <summary>
    /// A table: mirror | DNS | connect | TLS | first byte | total | status | serves module@version | measured.
    /// Rows keep the given order (the prober sorts best first). Credentials in URLs are redacted.
    /// </summary>
    /// <param name="results">The probes to show.</param>
    /// <param name="modulePath">The probed module (column header); null when the probe was not for a module.</param>
    /// <param name="version">The probed version.</param>
    /// <param name="now">The current time, for the "measured" column.</param>
    /// <param name="goProxy">The GOPROXY in force and where it came from, noted above the table; null to omit.</param>
    public static string Render(
        IEnumerable<MirrorMeasurement> results,
        string? modulePath,
        string? version,
        DateTimeOffset now,
        GoProxyInForce? goProxy = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        var rows = results.ToList();
        var sb = new StringBuilder();
        sb.Append("### Module mirrors");
        if (modulePath is not null)
        {
            sb.Append(" for ").Append(DisplayText.Code(Target(modulePath, version)));
        }

        sb.Append("\n\n");
        if (goProxy is not null)
        {
            sb.Append("GOPROXY in force: ").Append(DisplayText.Code(Redaction.List(goProxy.Value)));
            if (!string.IsNullOrEmpty(goProxy.Source))
            {
                sb.Append(" (").Append(DisplayText.Cell(goProxy.Source)).Append(')');
            }

            sb.Append("\n\n");
        }

        if (rows.Count == 0)
        {
            sb.Append("No mirrors were probed.\n");
            return sb.ToString();
        }

        var header = Header(modulePath, version);
        sb.Append("| ").Append(string.Join(" | ", header.Select(DisplayText.Cell))).Append(" |\n");
        sb.Append("|---|---:|---:|---:|---:|---:|---|:-:|---|\n");
        foreach (var r in rows)
        {
            sb.Append("| ").Append(string.Join(" | ", Cells(r, now).Select(DisplayText.Cell))).Append(" |\n");
        }

        var notes = Notes(rows).ToList();
        if (notes.Count > 0)
        {
            sb.Append('\n');
            foreach (var (mirror, error, note) in notes)
            {
                sb.Append("- ").Append(DisplayText.Cell(mirror)).Append(": ")
                    .Append(string.Join(" — ", new[] { error is null ? null : DisplayText.Code(error), note is null ? null : DisplayText.Cell(note) }.OfType<string>()))
                    .Append('\n');
            }
        }

        return sb.ToString();
    }

    /// <summary>The table's column names: mirror, the four phases, total, status, whether it serves the module, when.</summary>
    internal static string[] Header(string? modulePath, string? version) =>
        ["mirror", "DNS", "connect", "TLS", "first byte", "total", "status", modulePath is null ? "serves module" : "serves " + Target(modulePath, version), "measured"];

    /// <summary>One row's cells, in <see cref="Header"/>'s order (credentials redacted).</summary>
    internal static string[] Cells(MirrorMeasurement r, DateTimeOffset now) =>
    [
        Redaction.Url(r.Mirror.OriginalString), DisplayText.Milliseconds(r.Timings?.Dns), DisplayText.Milliseconds(r.Timings?.Connect),
        DisplayText.Milliseconds(r.Timings?.Tls), DisplayText.Milliseconds(r.Timings?.FirstByte), DisplayText.Milliseconds(r.Elapsed),
        Status(r), Serves(r), DisplayText.Age(r.CheckedAt, now),
    ];

    /// <summary>The mirrors that failed or carry a remark: short name, go's error and GoModLens's note (redacted).</summary>
    internal static IEnumerable<(string Mirror, string? Error, string? Note)> Notes(IEnumerable<MirrorMeasurement> rows) =>
        rows.Where(r => r.GoError is not null || r.Note is not null)
            .Select(r => (DisplayText.ShortName(r.Mirror.OriginalString), r.GoError is { } e ? RedactInText(e) : null, r.Note is { } n ? RedactInText(n) : null));

    /// <summary>"healthy ✓", "slow ⚠", "failing ✗ (DNS)".</summary>
    public static string Status(MirrorMeasurement result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Health switch
        {
            MirrorHealth.Healthy => "healthy ✓",
            MirrorHealth.Slow => "slow ⚠",
            _ => result.Kind == FailureKind.None ? "failing ✗" : $"failing ✗ ({DisplayText.FailureLabel(result.Kind)})",
        };
    }

    private static string Serves(MirrorMeasurement r) =>
        r.ServesModule ? "yes"
        : r.Kind is FailureKind.NotFound or FailureKind.Gone ? "no (not found)"
        : r.Kind == FailureKind.None ? "no"
        : "unknown";

    private static string Target(string modulePath, string? version) =>
        string.IsNullOrEmpty(version) ? modulePath : modulePath + "@" + version;

    // Error texts quote URLs; drop any userinfo in them too.
    private static string RedactInText(string text)
    {
        var sb = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var scheme = text.IndexOf("://", i, StringComparison.Ordinal);
            if (scheme < 0)
            {
                sb.Append(text, i, text.Length - i);
                break;
            }

            var end = scheme + 3;
            while (end < text.Length && !char.IsWhiteSpace(text[end]) && text[end] is not ('"' or '\''))
            {
                end++;
            }

            var start = scheme;
            while (start > i && (char.IsAsciiLetterOrDigit(text[start - 1]) || text[start - 1] is '+' or '-' or '.'))
            {
                start--;
            }

            sb.Append(text, i, start - i).Append(Redaction.Url(text[start..end]));
            i = end;
        }

        return sb.ToString();
    }
}
