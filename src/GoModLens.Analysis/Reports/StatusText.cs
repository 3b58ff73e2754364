namespace GoModLens.Analysis.Reports;

/// <summary>
/// The status-bar line of the <c>gomodlens/status</c> notification (docs/client-contract.md), formatted the way
/// client-vscode/src/status.ts falls back to when the server sends no text: first GOPROXY entry, then a mark.
/// </summary>
public static class StatusText
{
    /// <summary>
    /// The text and contract health for a GOPROXY value and the latest probe of its first entry.
    /// "goproxy.cn ✓ 38 ms", "goproxy.cn ⚠ 2300 ms", "proxy.golang.org ✗ DNS", "goproxy.cn ?" (not probed yet).
    /// </summary>
    /// <param name="goProxy">The effective GOPROXY list.</param>
    /// <param name="firstEntryProbe">The latest probe of the first entry; null when none was made.</param>
    public static StatusLine For(string goProxy, MirrorMeasurement? firstEntryProbe)
    {
        var name = ShortGoProxy(goProxy ?? "");
        if (firstEntryProbe is null)
        {
            return new StatusLine(name + " " + Mark(StatusHealth.Unknown), StatusHealth.Unknown);
        }

        var health = firstEntryProbe.Health switch
        {
            MirrorHealth.Healthy => StatusHealth.Ok,
            MirrorHealth.Slow => StatusHealth.Slow,
            _ => StatusHealth.Failing,
        };
        var detail = health == StatusHealth.Failing
            ? DisplayText.FailureLabel(firstEntryProbe.Kind) is var label && label != "ok" ? label : "failing"
            : DisplayText.Milliseconds(firstEntryProbe.Elapsed);
        return new StatusLine($"{name} {Mark(health)} {detail}", health);
    }

    /// <summary>
    /// The first entry of a GOPROXY list without scheme and trailing slash ("https://goproxy.cn,direct" → "goproxy.cn"),
    /// "GOPROXY unset" for an empty value; credentials are redacted (status.ts's shortGoproxy, plus redaction).
    /// </summary>
    public static string ShortGoProxy(string goProxy)
    {
        ArgumentNullException.ThrowIfNull(goProxy);
        var cut = goProxy.IndexOfAny([',', '|']);
        var first = (cut < 0 ? goProxy : goProxy[..cut]).Trim();
        return first.Length == 0 ? "GOPROXY unset" : DisplayText.ShortName(first);
    }

    /// <summary>The contract's <c>health</c> string: "ok", "slow", "failing" or "unknown".</summary>
    public static string ContractValue(StatusHealth health) => health switch
    {
        StatusHealth.Ok => "ok",
        StatusHealth.Slow => "slow",
        StatusHealth.Failing => "failing",
        _ => "unknown",
    };

    /// <summary>The same marks as status.ts's healthMark.</summary>
    public static string Mark(StatusHealth health) => health switch
    {
        StatusHealth.Ok => "✓",
        StatusHealth.Slow => "⚠",
        StatusHealth.Failing => "✗",
        _ => "?",
    };
}
