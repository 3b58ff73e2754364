using System.Net;
using System.Security.Cryptography.X509Certificates;
using GoModLens.Analysis.Ports;
using GoModLens.Infrastructure.Dns;

namespace GoModLens.Infrastructure.Http;

/// <summary>
/// Budgets and policies of <see cref="HttpProxyTransport"/>. go itself has no request deadline at all; ours exist so a
/// hanging proxy cannot freeze the editor, and every message that results says so.
/// </summary>
public sealed record HttpTransportOptions
{
    /// <summary>DNS + TCP connect budget (go's dialer allows 30 s).</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>TLS handshake budget (go: 10 s).</summary>
    public TimeSpan TlsHandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>From sending the request to the response headers.</summary>
    public TimeSpan FirstByteTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Whole attempt including the body.</summary>
    public TimeSpan TotalTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Body cap for list, latest, info, mod and probe responses.</summary>
    public long SmallBodyLimit { get; init; } = 16L << 20;

    /// <summary>Body cap for zips (go: 500 MiB).</summary>
    public long ZipBodyLimit { get; init; } = 500L << 20;

    /// <summary>Extra attempts for idempotent GETs that failed with a 5xx or a reset connection.</summary>
    public int MaxRetries { get; init; } = 2;

    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Consecutive-ish failures (within <see cref="BreakerSamplingDuration"/>) that open a host's circuit.</summary>
    public int BreakerMinimumThroughput { get; init; } = 4;

    public double BreakerFailureRatio { get; init; } = 0.75;

    public TimeSpan BreakerSamplingDuration { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan BreakerBreakDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Requests in flight per host at once; more wait (waiting is not counted in Elapsed). Throughput is at most this
    /// many requests per round trip: 768 = three requests for each of 256 modules (the default module window). Over HTTP/2 they share a connection
    /// or two; over HTTP/1.1 each needs its own.
    /// </summary>
    public int MaxConcurrencyPerHost { get; init; } = 768;

    /// <summary>False forces a new connection per request so every fetch measures DNS, connect and TLS (mirror probing).</summary>
    public bool ReuseConnections { get; init; } = true;

    /// <summary>HTTP(S)_PROXY as resolved by the caller (the go env layer); null = no proxy.</summary>
    public IWebProxy? Proxy { get; init; }

    /// <summary>Credentials per host (e.g. from .netrc); only ever sent over https.</summary>
    public Func<Uri, NetworkCredential?>? CredentialLookup { get; init; }

    /// <summary>GOAUTH's git method and commands (headers per URL prefix, asked again after a 4xx); null = .netrc only.</summary>
    public GoAuthenticator? GoAuth { get; init; }

    /// <summary>Host name resolution; default: the OS resolver with a DnsClient diagnosis of failures.</summary>
    public IHostResolver? HostResolver { get; init; }

    /// <summary>Extra trusted roots (tests, corporate CAs); when set, only these roots are trusted.</summary>
    public X509Certificate2Collection? TrustedRoots { get; init; }

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    public long BodyLimit(ProxyEndpoint endpoint) => endpoint == ProxyEndpoint.Zip ? ZipBodyLimit : SmallBodyLimit;
}
