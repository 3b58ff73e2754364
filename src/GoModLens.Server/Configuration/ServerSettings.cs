using System.Collections.Immutable;

namespace GoModLens.Server.Configuration;

/// <summary>
/// User settings, from initializationOptions, workspace/configuration (section <c>gomodlens</c>) and
/// didChangeConfiguration. Each source overrides only the keys it sets.
/// </summary>
/// <param name="GoProxy">GOPROXY override; null means "as go env says".</param>
/// <param name="ExtraMirrors">Additional proxy base URLs to probe and suggest.</param>
/// <param name="RequestTimeout">Budget for one proxy fetch.</param>
/// <param name="MaxConcurrency">Modules resolved at the same time (each has up to three requests in flight).</param>
/// <param name="NetworkEnabled">False: local diagnostics only, no proxy traffic.</param>
/// <param name="InlayHintsEnabled">False: textDocument/inlayHint returns nothing.</param>
/// <param name="LogLevel">Minimum level sent to window/logMessage.</param>
public sealed record ServerSettings(
    string? GoProxy,
    ImmutableArray<string> ExtraMirrors,
    TimeSpan RequestTimeout,
    int MaxConcurrency,
    bool NetworkEnabled,
    bool InlayHintsEnabled,
    Features.LogLevel LogLevel)
{
    public const string Section = "gomodlens";

    /// <summary>GOPRIVATE override (setting <c>goprivate</c>); null means "as go env says".</summary>
    public string? GoPrivate { get; init; }

    /// <summary>Connect budget (DNS + TCP + TLS), setting <c>timeouts.connectMs</c>.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Time-to-first-byte budget, setting <c>timeouts.firstByteMs</c>.</summary>
    public TimeSpan FirstByteTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Whether the built-in public mirrors (proxy.golang.org, goproxy.cn, …) are probed for the latency table and
    /// mirror suggestions (setting <c>mirrors.public</c>). The GOPROXY entries in force and the extra mirrors are always
    /// measured; false keeps GoModLens off every host the user did not configure.
    /// </summary>
    public bool PublicMirrors { get; init; } = true;

    /// <summary>
    /// Where go would fetch a module directly (GOPRIVATE, or after every proxy said not found), list its repository
    /// with <c>git ls-remote</c> (setting <c>direct.git</c>). false: only the go-get page is fetched.
    /// </summary>
    public bool DirectGit { get; init; } = true;

    /// <summary>Directories searched for local checkouts for "Add replace" (setting <c>checkouts.searchRoots</c>).</summary>
    public ImmutableArray<string> CheckoutSearchRoots { get; init; } = [];

    public static ServerSettings Default { get; } = new(
        GoProxy: null,
        ExtraMirrors: [],
        RequestTimeout: TimeSpan.FromSeconds(10),
        MaxConcurrency: GoModLens.Analysis.Resolution.ResolveOptions.DefaultMaxConcurrency,
        NetworkEnabled: true,
        InlayHintsEnabled: true,
        LogLevel: Features.LogLevel.Information);

    public bool Equals(ServerSettings? other) =>
        other is not null
        && GoProxy == other.GoProxy
        && GoPrivate == other.GoPrivate
        && ConnectTimeout == other.ConnectTimeout
        && FirstByteTimeout == other.FirstByteTimeout
        && PublicMirrors == other.PublicMirrors
        && DirectGit == other.DirectGit
        && CheckoutSearchRoots.SequenceEqual(other.CheckoutSearchRoots)
        && ExtraMirrors.SequenceEqual(other.ExtraMirrors)
        && RequestTimeout == other.RequestTimeout
        && MaxConcurrency == other.MaxConcurrency
        && NetworkEnabled == other.NetworkEnabled
        && InlayHintsEnabled == other.InlayHintsEnabled
        && LogLevel == other.LogLevel;

    public override int GetHashCode() =>
        HashCode.Combine(GoProxy, ExtraMirrors.Length, RequestTimeout, MaxConcurrency, NetworkEnabled, InlayHintsEnabled, LogLevel);
}
