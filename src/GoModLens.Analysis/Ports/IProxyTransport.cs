namespace GoModLens.Analysis.Ports;

/// <summary>
/// One GET of one URL under a GOPROXY entry (http, https or file). The resolution engine in Analysis decides
/// which URLs to ask for and in what order; the transport (Infrastructure) only fetches, measures and classifies.
/// Implementations never throw for network failures: every outcome is a <see cref="FetchResult"/>.
/// Cancellation of <paramref name="cancellationToken"/> is the one exception and surfaces as OperationCanceledException.
/// </summary>
public interface IProxyTransport
{
    ValueTask<FetchResult> GetAsync(ProxyRequest request, CancellationToken cancellationToken);
}

/// <summary>What kind of proxy endpoint a request is for; drives size caps, cache TTLs and retry policy.</summary>
public enum ProxyEndpoint
{
    List,     // $base/$module/@v/list
    Info,     // $base/$module/@v/$version.info
    Mod,      // $base/$module/@v/$version.mod
    Latest,   // $base/$module/@latest
    Zip,      // $base/$module/@v/$version.zip
    Probe,    // mirror health probe (any URL)
}

/// <param name="Url">The full URL, possibly carrying userinfo credentials; never print it, print <see cref="FetchResult.RedactedUrl"/>.</param>
public sealed record ProxyRequest(Uri Url, ProxyEndpoint Endpoint)
{
    /// <summary>
    /// The GOPROXY entry the URL is under, as GOPROXY spells it (may carry a password; never print it), or null for a
    /// URL under no entry (a go-get page, a checksum database asked directly). The transport's circuit breaker is per
    /// entry: the URL alone cannot tell where a base like <c>https://h/go.proxy</c> ends and the module path begins.
    /// </summary>
    public string? Entry { get; init; }
}

/// <summary>Classified outcome of a fetch. <see cref="FailureKind.None"/> means success.</summary>
public enum FailureKind
{
    None,
    DnsNotFound,         // NXDOMAIN / no such host
    DnsServerFailure,    // SERVFAIL, REFUSED ("server misbehaving"), resolver unreachable
    DnsTimeout,
    ConnectionRefused,
    ConnectionReset,     // reset or EOF before a response
    ConnectTimeout,
    Tls,                 // handshake or certificate failure
    FirstByteTimeout,    // connected, but no response headers within the budget (a hanging proxy)
    BodyStalled,         // headers arrived, body too slow / stalled past the deadline
    Unauthorized,        // 401
    Forbidden,           // 403
    NotFound,            // 404 (and file:// missing file)
    Gone,                // 410
    TooManyRequests,     // 429
    BadGateway,          // 502
    ServiceUnavailable,  // 503
    GatewayTimeout,      // 504
    ServerError,         // other 5xx
    HttpStatus,          // any other non-200 status
    InvalidResponse,     // bad JSON, wrong version in .info, …
    Oversize,            // body larger than the cap for its endpoint
    RedirectLoop,        // too many redirects
    InsecureRedirect,    // https → http redirect refused
    Disabled,            // GOPROXY=off, GOPRIVATE/GONOPROXY with no direct
    ConfigurationError,  // bad GOPROXY entry, bad URL
}

/// <summary>Result of one fetch.</summary>
/// <param name="Kind">The classification; <see cref="FailureKind.None"/> on success.</param>
/// <param name="RedactedUrl">The URL with any password replaced by <c>xxxxx</c> as go's web.Redacted does.</param>
/// <param name="Body">Response body on success (capped); null on failure.</param>
/// <param name="StatusCode">HTTP status if a response arrived.</param>
/// <param name="ReasonPhrase">HTTP reason phrase as the server sent it (go prints it verbatim).</param>
/// <param name="ServerResponse">The text go would print after <c>server response:</c> (text/plain bodies only), else null.</param>
/// <param name="GoError">The error text the go command would print for this fetch, e.g.
/// <c>reading https://p/m/@v/list: 404 Not Found\n\tserver response: …</c> or
/// <c>Get "https://p/m/@v/list": dial tcp: lookup p on 10.0.0.1:53: no such host</c>.</param>
/// <param name="Elapsed">Wall time of the fetch (excluding time spent waiting for a concurrency slot).</param>
/// <param name="Timings">Phase timings when measured (DNS, connect, TLS, first byte); null when unknown.</param>
/// <param name="CachedAt">When the body was stored, if it came from a cache (module cache or ours); null when live.</param>
/// <param name="Note">GoModLens's own explanation that the go command would not print: a deadline we imposed, an open
/// circuit breaker, a stale cached body served because the live fetch failed. Null when there is nothing to add.</param>
public sealed record FetchResult(
    FailureKind Kind,
    string RedactedUrl,
    byte[]? Body,
    int? StatusCode,
    string? ReasonPhrase,
    string? ServerResponse,
    string? GoError,
    TimeSpan Elapsed,
    PhaseTimings? Timings = null,
    DateTimeOffset? CachedAt = null,
    string? Note = null)
{
    public bool IsSuccess => Kind == FailureKind.None;

    /// <summary>404, 410 and missing file:// files: the only failures after which a ',' list falls through.</summary>
    public bool IsNotFound => Kind is FailureKind.NotFound or FailureKind.Gone;
}

/// <summary>Per-phase latency of one request, for the mirror latency table. A null phase was not measured or not needed (e.g. TLS over http).</summary>
public sealed record PhaseTimings(TimeSpan? Dns, TimeSpan? Connect, TimeSpan? Tls, TimeSpan? FirstByte);
