namespace GoModLens.Analysis.ProxyConfig;

/// <summary>How go would look up one module path under the current settings.</summary>
/// <param name="ModulePath">The path as asked.</param>
/// <param name="LookupPath">The path actually fetched (<c>go</c> and <c>toolchain</c> map to <c>golang.org/toolchain</c>).</param>
/// <param name="Steps">One step per GOPROXY entry, in walk order; empty when <see cref="ConfigurationError"/> is set.</param>
/// <param name="ConfigurationError">go's error for an unusable GOPROXY (every lookup fails with it).</param>
/// <param name="IsPrivate">The path matches GONOPROXY (never sent to a proxy).</param>
/// <param name="UsesChecksumDb">go verifies this module against GOSUMDB.</param>
/// <param name="ChecksumDbReason">Why the checksum DB does or does not apply, for display.</param>
/// <param name="Insecure">GOINSECURE matches (only affects direct fetches; never proxies or the checksum DB).</param>
public sealed record ModuleRoute(
    string ModulePath,
    string LookupPath,
    IReadOnlyList<RouteStep> Steps,
    string? ConfigurationError,
    bool IsPrivate,
    bool UsesChecksumDb,
    string ChecksumDbReason,
    bool Insecure)
{
    /// <summary>The proxies go would contact for this module, in order (empty for private paths by construction).</summary>
    public IEnumerable<ProxyStep> ProxySteps => Steps.OfType<ProxyStep>();
}
