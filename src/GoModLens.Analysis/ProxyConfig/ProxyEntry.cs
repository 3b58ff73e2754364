namespace GoModLens.Analysis.ProxyConfig;

/// <summary>One parsed GOPROXY entry.</summary>
/// <param name="Kind">Proxy URL or keyword.</param>
/// <param name="Text">The URL after go's scheme inference (e.g. <c>https://goproxy.cn</c>), or the keyword.</param>
/// <param name="FallBackOnError">True when the entry was followed by <c>|</c>: the next entry is tried after any error.
/// False (followed by <c>,</c> or last): the next entry is tried only after a not-found (404/410) error.</param>
/// <param name="Url">The parsed URL for <see cref="ProxyEntryKind.Proxy"/> entries; null for keywords.</param>
public sealed record ProxyEntry(ProxyEntryKind Kind, string Text, bool FallBackOnError, GoUrl? Url)
{
    /// <summary>The entry as go prints it in messages: keywords verbatim, URLs with the password redacted.</summary>
    /// <remarks>
    /// Computed once: every resolved module's report keeps the entry that answered, and a fresh string per report
    /// was ~1 MB of a 50-file workspace. (Derived from <see cref="Url"/> and <see cref="Text"/> only, so equality
    /// is unchanged; no caller builds an entry with <c>with</c>.)
    /// </remarks>
    public string Display { get; } = Url?.Redacted() ?? Text;

    internal static readonly ProxyEntry NoProxyEntry = new(ProxyEntryKind.NoProxy, "noproxy", false, null);
}
