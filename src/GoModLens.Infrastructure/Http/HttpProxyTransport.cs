using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using GoModLens.ModFile.Text;
using GoModLens.Analysis.Ports;
using GoModLens.Infrastructure.Classification;
using GoModLens.Infrastructure.Composition;
using GoModLens.Infrastructure.Dns;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace GoModLens.Infrastructure.Http;

/// <summary>
/// GETs proxy URLs over http/https the way the go command does (redirect rules, credentials only over https, status
/// handling, error texts), with the deadlines, retries, per-entry circuit breaker and per-host concurrency limit go lacks.
/// </summary>
public sealed class HttpProxyTransport : IProxyTransport, IDisposable
{
    private const int MaxRedirects = 10;
    private const int ErrorBodyLimit = 64 * 1024;
    private static readonly HttpRequestOptionsKey<AttemptState> s_stateKey = new("GoModLens.Attempt");

    private readonly HttpTransportOptions _options;
    private readonly TimeProvider _time;
    private readonly CoalescingHostResolver _resolver;
    private readonly HttpClient _client;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _hosts = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, Circuit> _circuits = new(StringComparer.Ordinal);

    // The TLS validation callback only knows the target host, so certificate problems are remembered per host.
    private readonly ConcurrentDictionary<string, (string Error, string? Note, long At)> _certificateErrors = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, long> _tlsValidatedAt = new(StringComparer.OrdinalIgnoreCase);

    // The HTTP proxy's last refusal of a tunnel to each target ("host:port"): .NET reports its status code only, go the
    // reason phrase of its status line, which the tunnel's connection reads off the wire.
    private readonly ConcurrentDictionary<string, (int Code, string Text)> _tunnelRefusals = new(StringComparer.OrdinalIgnoreCase);

    // TLS as go sets it up: the target's (by the handler) and an https:// HTTP proxy's (by ConnectAsync: see TlsProxyHop).
    private readonly SslClientAuthenticationOptions _ssl;
    private readonly TlsProxyHop? _proxyHop;

    public HttpProxyTransport(HttpTransportOptions? options = null)
    {
        _options = options ?? new HttpTransportOptions();
        _time = _options.TimeProvider;
        _resolver = new CoalescingHostResolver(_options.HostResolver ?? new SystemHostResolver(DnsClientHostResolver.FromSystem(TimeSpan.FromSeconds(5))),
            CoalescingHostResolver.DefaultFailureHold, _time);
        var ssl = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = ValidateCertificate };
        if (_options.TrustedRoots is { Count: > 0 } roots)
        {
            // go's crypto/tls never checks revocation, and X509ChainPolicy defaults to Online (fetching revocation data).
            ssl.CertificateChainPolicy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                RevocationMode = X509RevocationMode.NoCheck,
            };
            ssl.CertificateChainPolicy.CustomTrustStore.AddRange(roots);
        }

        _ssl = ssl;
        _proxyHop = _options.Proxy is { } configured ? new TlsProxyHop(configured) : null;

        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false, // redirects are followed by hand to apply go's rules
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.GZip,
            ConnectCallback = ConnectAsync,
            Proxy = _proxyHop,
            UseProxy = _proxyHop is not null,
            PooledConnectionLifetime = _options.ReuseConnections ? TimeSpan.FromMinutes(2) : TimeSpan.Zero,
            PooledConnectionIdleTimeout = _options.ReuseConnections ? TimeSpan.FromSeconds(90) : TimeSpan.FromMilliseconds(1),
            MaxConnectionsPerServer = Math.Max(1, _options.MaxConcurrencyPerHost),
            EnableMultipleHttp2Connections = true, // a server allows ~100 streams per connection; more requests open another
            SslOptions = ssl,
            ConnectTimeout = Timeout.InfiniteTimeSpan, // the callback enforces our own budget
        };
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _client.DefaultRequestHeaders.UserAgent.ParseAdd("GoModLens/1");
    }

    public async ValueTask<FetchResult> GetAsync(ProxyRequest request, CancellationToken cancellationToken)
    {
        var url = request.Url;
        var redacted = UrlRedaction.Redacted(url);
        if (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https"))
        {
            return Fail(FailureKind.ConfigurationError, redacted, $"unsupported scheme: {redacted}", TimeSpan.Zero);
        }

        if (url.Scheme == "http" && url.UserInfo.Length > 0)
        {
            // go refuses before any network traffic, whatever the password.
            return Fail(FailureKind.ConfigurationError, redacted, $"refusing to pass credentials to insecure URL: {redacted}", TimeSpan.Zero);
        }

        var slots = _hosts.GetOrAdd(GateKey(url), _ => new SemaphoreSlim(Math.Max(1, _options.MaxConcurrencyPerHost)));
        var circuitKey = CircuitKey(request);
        var gate = _circuits.GetOrAdd(circuitKey, _ => new Circuit(BuildPipeline()));
        await slots.WaitAsync(cancellationToken);
        var started = _time.GetTimestamp();
        try
        {
            var context = ResilienceContextPool.Shared.Get(cancellationToken);
            try
            {
                var outcome = await gate.Pipeline.ExecuteOutcomeAsync(
                    static async (ctx, s) =>
                    {
                        var attempt = await s.Self.AttemptAsync(s.Request, ctx.CancellationToken);
                        // Remember every failed attempt, not only finished requests: with a module's requests in flight
                        // together, the circuit can open during another request's retries, and a short-circuited
                        // request must still report the entry's real failure (e.g. 503), as go would.
                        if (!attempt.IsSuccess && !attempt.IsNotFound)
                        {
                            s.Gate.LastFailure = attempt;
                        }

                        return Outcome.FromResult(attempt);
                    },
                    context,
                    (Self: this, Request: request, Gate: gate));
                var elapsed = _time.GetElapsedTime(started);
                switch (outcome.Exception)
                {
                    case null:
                        return outcome.Result! with { Elapsed = elapsed };
                    case BrokenCircuitException:
                        return ShortCircuited(gate, circuitKey, request, redacted);
                    case TimeoutRejectedException:
                        return Fail(FailureKind.FirstByteTimeout, redacted,
                            GoErrorText.Get(UrlRedaction.StrippedForTransport(url), "no complete response within the retry budget"), elapsed,
                            note: "GoModLens deadline over all retries; the go command would keep waiting");
                    case OperationCanceledException when cancellationToken.IsCancellationRequested:
                        throw new OperationCanceledException(cancellationToken);
                    default:
                        System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(outcome.Exception).Throw();
                        throw new InvalidOperationException("unreachable");
                }
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }
        }
        finally
        {
            slots.Release();
        }
    }

    /// <summary>Whether the circuit of the GOPROXY entry (<see cref="CircuitKey(Uri)"/>) of <paramref name="url"/> is currently open (a dead mirror).</summary>
    public bool IsCircuitOpen(Uri url) => IsCircuitOpen(new ProxyRequest(url, ProxyEndpoint.Probe));

    /// <summary>Whether the circuit <paramref name="request"/> would go through (its entry's, <see cref="CircuitKey(ProxyRequest)"/>) is currently open.</summary>
    public bool IsCircuitOpen(ProxyRequest request) => _circuits.TryGetValue(CircuitKey(request), out var gate) && gate.LastShortCircuit is { } at
        && _time.GetUtcNow() - at < _options.BreakerBreakDuration;

    /// <summary>
    /// One concurrency limit per scheme and authority: https://h failing (a TLS or proxy-tunnel error) says nothing about
    /// http://h, which go tries next for a GOINSECURE go-get page.
    /// </summary>
    private static string GateKey(Uri url) => url.Scheme + "://" + url.Authority;

    /// <summary>
    /// One circuit per GOPROXY entry, not per host: with <c>GOPROXY=http://h/a|http://h/b</c> go falls through from a
    /// failing a to b, so a's failures must neither short-circuit nor be reported for b. A request that names its entry
    /// (<see cref="ProxyRequest.Entry"/>) has that entry's circuit, whatever its path looks like (<c>http://h/a.b</c>
    /// and <c>http://h/a.c</c> are two): the entry without userinfo or trailing slash, which is also what notes print.
    /// A request that names none has the circuit <see cref="CircuitKey(Uri)"/> derives from its URL (the same one,
    /// for a base without a dot in its path).
    /// </summary>
    internal static string CircuitKey(ProxyRequest request) =>
        request.Entry is { } entry && Uri.TryCreate(entry, UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https"
            ? UrlRedaction.WithoutUserInfo(parsed).GetLeftPart(UriPartial.Path).TrimEnd('/')
            : CircuitKey(request.Url);

    /// <summary>
    /// The circuit of a request that names no GOPROXY entry, derived from its URL. A module proxy URL is the
    /// entry's base, the escaped module path (whose first element always has a dot: go's module.CheckPath) and
    /// <c>/@v/…</c> or <c>/@latest</c>: the entry is what comes before the first path element with a dot. A base
    /// with a dot in its own path is cut at that element, which is why requests under an entry name it instead; any
    /// other URL (a go-get page, a checksum database asked directly) has its host's circuit.
    /// </summary>
    internal static string CircuitKey(Uri url)
    {
        var host = url.Scheme + "://" + url.Authority;
        var path = url.AbsolutePath;
        var end = path.IndexOf("/@v/", StringComparison.Ordinal);
        if (end < 0 && path.EndsWith("/@latest", StringComparison.Ordinal))
        {
            end = path.Length - "/@latest".Length;
        }

        if (end < 0)
        {
            return host;
        }

        var segments = path[..end].Split('/');
        for (var i = 1; i < segments.Length; i++)
        {
            if (segments[i].Contains('.', StringComparison.Ordinal))
            {
                return host + string.Join('/', segments[..i]);
            }
        }

        return host;
    }

    public void Dispose() => _client.Dispose();

    /// <summary>
    /// A request the open circuit kept from being sent. What it borrows from the entry's last failure is only what is
    /// true of every request to that entry: its kind (so failures still group) and its status line or network error,
    /// never another request's <c>server response:</c> body; a deadline of ours it never waited for is not claimed.
    /// </summary>
    private FetchResult ShortCircuited(Circuit gate, string circuitKey, ProxyRequest request, string redacted)
    {
        gate.LastShortCircuit = _time.GetUtcNow();
        var last = gate.LastFailure;
        var kind = last?.Kind ?? FailureKind.ConnectionRefused;
        var stripped = UrlRedaction.StrippedForTransport(request.Url);
        var skipped = $"{circuitKey} failed repeatedly and is skipped for {_options.BreakerBreakDuration.TotalSeconds:0}s (circuit open): this request was not sent";
        string goError;
        string note;
        if (last?.GoError is not { } text)
        {
            goError = GoErrorText.Get(stripped, "host unavailable");
            note = skipped;
        }
        else if (kind is FailureKind.FirstByteTimeout or FailureKind.BodyStalled or FailureKind.ConnectTimeout or FailureKind.DnsTimeout)
        {
            // The deadline was another request's: this one waited for nothing.
            goError = GoErrorText.Get(stripped, $"not sent: earlier requests to {circuitKey} timed out");
            note = skipped + "; the earlier requests timed out";
        }
        else
        {
            // The first line is the status line ("reading URL: 502 Bad Gateway") or the network error; what follows
            // it ("server response: …") was that request's own body, naming its own module.
            var firstLine = text.Split('\n', 2)[0];
            goError = firstLine.Replace(last.RedactedUrl, redacted, StringComparison.Ordinal)
                .Replace(StripFromRedacted(last.RedactedUrl), stripped, StringComparison.Ordinal);
            note = skipped + "; the error shown is the last one it returned to another request";
        }

        return new FetchResult(kind, redacted, null, last?.StatusCode, last?.ReasonPhrase, null, goError, TimeSpan.Zero, Note: note);
    }

    private static string StripFromRedacted(string redacted) => redacted.Replace(":xxxxx@", ":***@", StringComparison.Ordinal);

    private ResiliencePipeline<FetchResult> BuildPipeline()
    {
        var builder = new ResiliencePipelineBuilder<FetchResult> { TimeProvider = _time };
        var perAttempt = _options.TotalTimeout + _options.ConnectTimeout;
        builder.AddTimeout(new TimeoutStrategyOptions
        {
            Timeout = perAttempt * (_options.MaxRetries + 1) + TimeSpan.FromSeconds(5),
        });
        if (_options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<FetchResult>
            {
                MaxRetryAttempts = _options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _options.RetryBaseDelay,
                ShouldHandle = static args => ValueTask.FromResult(args.Outcome.Result is { } r && IsRetryable(r.Kind)),
            });
        }

        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<FetchResult>
        {
            FailureRatio = _options.BreakerFailureRatio,
            MinimumThroughput = Math.Max(2, _options.BreakerMinimumThroughput),
            SamplingDuration = _options.BreakerSamplingDuration,
            BreakDuration = _options.BreakerBreakDuration,
            ShouldHandle = static args => ValueTask.FromResult(args.Outcome.Result is { } r && IsHostFailure(r.Kind)),
        });
        return builder.Build();
    }

    /// <summary>Only idempotent GETs reach here; a 5xx or a reset connection may be transient.</summary>
    private static bool IsRetryable(FailureKind kind) => kind is FailureKind.BadGateway or FailureKind.ServiceUnavailable
        or FailureKind.GatewayTimeout or FailureKind.ServerError or FailureKind.ConnectionReset;

    /// <summary>Failures that say the host itself is unwell (not that a module is missing).</summary>
    private static bool IsHostFailure(FailureKind kind) => kind is FailureKind.DnsNotFound or FailureKind.DnsServerFailure
        or FailureKind.DnsTimeout or FailureKind.ConnectionRefused or FailureKind.ConnectionReset or FailureKind.ConnectTimeout
        or FailureKind.Tls or FailureKind.FirstByteTimeout or FailureKind.BodyStalled or FailureKind.TooManyRequests
        or FailureKind.BadGateway or FailureKind.ServiceUnavailable or FailureKind.GatewayTimeout or FailureKind.ServerError;

    private async Task<FetchResult> AttemptAsync(ProxyRequest request, CancellationToken cancellationToken)
    {
        var original = request.Url;
        var redacted = UrlRedaction.Redacted(original);
        var state = new AttemptState();
        var started = _time.GetTimestamp();
        using var total = new CancellationTokenSource(_options.TotalTimeout, _time);
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, total.Token);
        using var firstByte = new CancellationTokenSource(_options.FirstByteTimeout + _options.ConnectTimeout, _time);
        using var untilHeaders = CancellationTokenSource.CreateLinkedTokenSource(attempt.Token, firstByte.Token);
        var current = original;
        var currentText = UrlRedaction.StrippedForTransport(original);
        var via = new List<Uri>();
        var challenged = false; // GOAUTH asked again after a 4xx: go repeats a request once at most
        HttpResponseMessage? response = null;
        try
        {
            while (true)
            {
                using var message = new HttpRequestMessage(HttpMethod.Get, UrlRedaction.WithoutUserInfo(current))
                {
                    // Like go's client: HTTP/2 when TLS negotiates it (one multiplexed connection), else HTTP/1.1.
                    Version = HttpVersion.Version20,
                    VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
                };
                message.Options.Set(s_stateKey, state);
                state.ViaProxy = _options.Proxy is { } proxy && !proxy.IsBypassed(current);
                if (current.Scheme == "http" && ProxyAuthorization(current) is { } proxyAuthorization)
                {
                    // Forwarded through HTTP_PROXY: go's transport sets the header on every request it sends the proxy
                    // (an https request's goes on its CONNECT instead: see ConnectAsync).
                    message.Headers.TryAddWithoutValidation("Proxy-Authorization", proxyAuthorization);
                }
                var goAuth = current.Scheme == "https" && string.Equals(current.Authority, original.Authority, StringComparison.OrdinalIgnoreCase)
                    && _options.GoAuth is { IsActive: true } authenticator
                    ? await authenticator.HeadersAsync(UrlRedaction.WithoutUserInfo(current), attempt.Token)
                    : null;
                if (goAuth is null)
                {
                    AddCredentials(message, original, current);
                }
                else
                {
                    foreach (var (name, value) in goAuth)
                    {
                        message.Headers.TryAddWithoutValidation(name, value);
                    }
                }

                response = await _client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, untilHeaders.Token);
                state.HeadersReceived = true;
                state.FirstByte ??= _time.GetElapsedTime(started);
                if (state.Tls is null && current.Scheme == "https" && state.ConnectedAt != 0
                    && _tlsValidatedAt.TryGetValue(current.IdnHost, out var validatedAt) && validatedAt > state.ConnectedAt)
                {
                    // The validation callback runs at the end of the handshake: a close upper bound of TLS time.
                    state.Tls = _time.GetElapsedTime(state.ConnectedAt, validatedAt);
                }

                var code = (int)response.StatusCode;
                // go asks GOAUTH again after any 4xx over https and repeats the request once; without new credentials
                // the answer would be the same, so only different ones are worth the second request.
                if (code is >= 400 and < 500 && !challenged && current.Scheme == "https" && _options.GoAuth is { IsActive: true } auth)
                {
                    challenged = true;
                    var target = UrlRedaction.WithoutUserInfo(current);
                    await auth.ChallengeAsync(target, ResponseHead(response), attempt.Token);
                    if (await auth.HeadersAsync(target, attempt.Token) is { } fresh && (goAuth is null || !fresh.SequenceEqual(goAuth)))
                    {
                        response.Dispose();
                        response = null;
                        continue;
                    }
                }

                if (code is 301 or 302 or 303 or 307 or 308 && response.Headers.Location is { } location)
                {
                    var raw = response.Headers.TryGetValues("Location", out var values) ? values.First() : location.OriginalString;
                    var next = location.IsAbsoluteUri ? location : new Uri(current, location);
                    via.Add(current);
                    response.Dispose();
                    response = null;
                    if (via[0].Scheme == "https" && next.Scheme != "https")
                    {
                        return Fail(FailureKind.InsecureRedirect, redacted,
                            GoErrorText.Get(raw, $"redirected from secure URL {UrlRedaction.StrippedForTransport(via[^1])} to insecure URL {UrlRedaction.StrippedForTransport(next)}"),
                            _time.GetElapsedTime(started), state);
                    }

                    var loop = via.Any(v => v == next);
                    if (via.Count >= MaxRedirects || loop)
                    {
                        // A loop would end the same way in go, ten hops later.
                        return Fail(FailureKind.RedirectLoop, redacted, GoErrorText.Get(raw, $"stopped after {MaxRedirects} redirects"),
                            _time.GetElapsedTime(started), state,
                            loop && via.Count < MaxRedirects ? $"redirect loop detected after {via.Count} hop(s): {UrlRedaction.Redacted(next)} repeats" : null);
                    }

                    current = next;
                    currentText = UrlRedaction.StrippedForTransport(next);
                    continue;
                }

                break;
            }

            return await ReadResponseAsync(request, response, redacted, state, started, attempt.Token);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException) when (state.ConnectFailure is { } failure)
        {
            return FromConnectFailure(failure, currentText, redacted, state, started);
        }
        catch (OperationCanceledException)
        {
            var elapsed = _time.GetElapsedTime(started);
            if (state.HeadersReceived)
            {
                return Fail(FailureKind.BodyStalled, redacted,
                    GoErrorText.Read(redacted, $"body incomplete after {Seconds(_options.TotalTimeout)}"), elapsed, state,
                    "GoModLens deadline; the go command would wait forever");
            }

            var budget = firstByte.IsCancellationRequested ? _options.FirstByteTimeout : _options.TotalTimeout;
            return Fail(FailureKind.FirstByteTimeout, redacted,
                GoErrorText.Get(currentText, $"no response headers after {Seconds(budget)} (GoModLens deadline; the go command would wait forever)"),
                elapsed, state, "GoModLens deadline; the go command would wait forever");
        }
        catch (HttpRequestException ex)
        {
            return FromException(ex, current, currentText, redacted, state, started, headersSeen: false);
        }
        catch (IOException ex)
        {
            return FromException(ex, current, currentText, redacted, state, started, headersSeen: state.HeadersReceived);
        }
        finally
        {
            response?.Dispose();
        }
    }

    private async Task<FetchResult> ReadResponseAsync(
        ProxyRequest request, HttpResponseMessage response, string redacted, AttemptState state, long started, CancellationToken cancellationToken)
    {
        var code = (int)response.StatusCode;
        var http2 = response.Version.Major >= 2;
        var status = GoErrorText.Status(code, response.ReasonPhrase, http2);
        if (code != 200)
        {
            string? detail = null;
            if (IsPlainText(response.Content.Headers.ContentType))
            {
                var (body, _) = await ReadCappedAsync(response, ErrorBodyLimit, cancellationToken);
                var formatted = GoErrorText.FormatErrorDetail(body);
                detail = formatted.Length == 0 ? null : formatted;
            }

            return new FetchResult(MapStatus(code), redacted, null, code, response.ReasonPhrase, detail,
                GoErrorText.Reading(redacted, status, detail), _time.GetElapsedTime(started), state.ToTimings());
        }

        var limit = _options.BodyLimit(request.Endpoint);
        if (response.Content.Headers.ContentLength is { } length && length > limit)
        {
            return Oversize(request, redacted, state, started, code, response.ReasonPhrase, limit);
        }

        var (data, truncated) = await ReadCappedAsync(response, limit, cancellationToken);
        if (truncated)
        {
            return Oversize(request, redacted, state, started, code, response.ReasonPhrase, limit);
        }

        return new FetchResult(FailureKind.None, redacted, data, code, response.ReasonPhrase, null, null,
            _time.GetElapsedTime(started), state.ToTimings());
    }

    private FetchResult Oversize(ProxyRequest request, string redacted, AttemptState state, long started, int code, string? reason, long limit)
    {
        // go caps only zips (500 MiB, "downloaded zip file too large"); other caps are ours.
        var text = request.Endpoint == ProxyEndpoint.Zip && limit == 500L << 20
            ? "downloaded zip file too large"
            : GoErrorText.Read(redacted, $"response body larger than {limit.ToString(CultureInfo.InvariantCulture)} bytes");
        return new FetchResult(FailureKind.Oversize, redacted, null, code, reason, null, text, _time.GetElapsedTime(started), state.ToTimings(),
            Note: $"GoModLens size limit for {request.Endpoint} responses");
    }

    private static async Task<(byte[] Body, bool Truncated)> ReadCappedAsync(HttpResponseMessage response, long limit, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);

        // Sized from Content-Length when there is one (a hint only: the cap is enforced on what arrives), and a pooled
        // read buffer: a fresh 80 KB chunk per response was most of a cold run's allocations.
        var expected = response.Content.Headers.ContentLength is { } length && length > 0 && length <= Math.Min(limit, 1 << 20) ? (int)length : 0;
        using var buffer = new MemoryStream(expected);
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            while (true)
            {
                var n = await stream.ReadAsync(chunk, cancellationToken);
                if (n == 0)
                {
                    return (buffer.Length == buffer.Capacity && buffer.Length > 0 ? buffer.GetBuffer() : buffer.ToArray(), false);
                }

                if (buffer.Length + n > limit)
                {
                    return ([], true);
                }

                buffer.Write(chunk, 0, n);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    private static bool IsPlainText(MediaTypeHeaderValue? contentType)
    {
        if (contentType?.MediaType is not { } media || !media.Equals("text/plain", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var charset = contentType.CharSet?.Trim('"').ToLowerInvariant() ?? "";
        return charset is "" or "utf-8" or "us-ascii";
    }

    private static FailureKind MapStatus(int code) => code switch
    {
        401 => FailureKind.Unauthorized,
        403 => FailureKind.Forbidden,
        404 => FailureKind.NotFound,
        410 => FailureKind.Gone,
        429 => FailureKind.TooManyRequests,
        502 => FailureKind.BadGateway,
        503 => FailureKind.ServiceUnavailable,
        504 => FailureKind.GatewayTimeout,
        >= 500 and < 600 => FailureKind.ServerError,
        _ => FailureKind.HttpStatus,
    };

    /// <summary>What a GOAUTH command reads on stdin after a 4xx: the status line and the response's headers.</summary>
    private static string ResponseHead(HttpResponseMessage response)
    {
        var head = new StringBuilder($"HTTP/{response.Version.Major}.{response.Version.Minor} {(int)response.StatusCode} {response.ReasonPhrase}\n");
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            foreach (var value in values)
            {
                head.Append(name).Append(": ").Append(value).Append('\n');
            }
        }

        return head.Append('\n').ToString();
    }

    private void AddCredentials(HttpRequestMessage message, Uri original, Uri current)
    {
        // Credentials only over https and only to the host they were given for (go's client drops them cross-host).
        if (current.Scheme != "https" || !string.Equals(current.Authority, original.Authority, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        string? user = null;
        string? password = null;
        if (original.UserInfo.Length > 0)
        {
            var parts = original.UserInfo.Split(':', 2);
            user = Uri.UnescapeDataString(parts[0]);
            password = parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : "";
        }
        else if (_options.CredentialLookup?.Invoke(UrlRedaction.WithoutUserInfo(current)) is { } credential)
        {
            user = credential.UserName;
            password = credential.Password;
        }

        if (user is not null)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)));
        }
    }

    private FetchResult FromException(Exception ex, Uri current, string currentText, string redacted, AttemptState state, long started, bool headersSeen)
    {
        // Through an HTTP proxy, an https request's connection is the proxy tunnel's, whose connect callback cannot reach
        // this request's state: its failure comes in the exception.
        if ((state.ConnectFailure ?? Find<DialFailedException>(ex)?.Failure) is { } failure)
        {
            return FromConnectFailure(failure, currentText, redacted, state, started);
        }

        var elapsed = _time.GetElapsedTime(started);
        var socket = Find<SocketException>(ex);
        if (Find<NotTlsException>(ex) is { } notTls)
        {
            // .NET would say "Cannot determine the frame size or a corrupted frame was received."; go judges the first
            // record header, and so does the connection's WireTap.
            return Fail(FailureKind.Tls, redacted, GoErrorText.Get(currentText, notTls.Message), elapsed, state,
                notTls.LooksLikeText
                    ? $"{current.Authority} answered in plain HTTP, not TLS (its first bytes: {GoQuote.Quote(Encoding.ASCII.GetString(notTls.Header))}): "
                      + $"if it is a plain-HTTP server, the GOPROXY entry for it should start with http://{current.Authority} (an entry without a scheme means https://)"
                    : null);
        }

        if (Find<EarlyCloseException>(ex) is { } early)
        {
            // .NET would say "Received an unexpected EOF or 0 bytes from the transport stream." or "The response ended
            // prematurely."; the connection's WireTap knows which exchange ended, as go's error says.
            return Fail(FailureKind.ConnectionReset, redacted, GoErrorText.Get(currentText, early.Message), elapsed, state);
        }

        if (Find<AuthenticationException>(ex) is { } auth)
        {
            var known = _certificateErrors.TryGetValue(current.IdnHost, out var cert);
            return Fail(FailureKind.Tls, redacted, GoErrorText.Get(currentText, known ? cert.Error : "tls: " + auth.Message), elapsed, state, known ? cert.Note : null);
        }

        var peer = $"{NetErrorText.EndPoint(state.LocalEndPoint)}->{NetErrorText.EndPoint(state.RemoteEndPoint)}";
        if (socket is { SocketErrorCode: SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown })
        {
            var net = $"read tcp {peer}: read: connection reset by peer";
            return Fail(FailureKind.ConnectionReset, redacted,
                headersSeen ? GoErrorText.Read(redacted, net) : GoErrorText.Get(currentText, net), elapsed, state);
        }

        if (headersSeen)
        {
            return Fail(FailureKind.ConnectionReset, redacted, GoErrorText.Read(redacted, "unexpected EOF"), elapsed, state);
        }

        if (ex is HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded } || Find<IOException>(ex) is { InnerException: null } && ex.Message.Contains("prematurely", StringComparison.Ordinal))
        {
            // The request itself got no answer: go's bare io.EOF, through an HTTP proxy too (go wraps only reaching the
            // proxy in "proxyconnect tcp:", and those errors come from the dial or the WireTap).
            return Fail(FailureKind.ConnectionReset, redacted, GoErrorText.Get(currentText, "EOF"), elapsed, state);
        }

        if (ex is HttpRequestException { HttpRequestError: HttpRequestError.ProxyTunnelError, StatusCode: { } tunnelStatus })
        {
            // The HTTP proxy refused CONNECT (a corporate proxy's 403/407): go's transport says only the status text.
            // go prints the proxy's own reason phrase, which .NET does not expose: it is read off the wire (the standard
            // text stands in when the status line was not captured).
            var code = (int)tunnelStatus;
            var text = _tunnelRefusals.TryGetValue(TargetKey(current.IdnHost, current.Port), out var refusal) && refusal.Code == code ? refusal.Text
                : GoErrorText.StandardStatusText(code) is { Length: > 0 } standard ? standard
                : "unknown status code";
            return Fail(code == 407 ? FailureKind.Unauthorized : MapStatus(code), redacted,
                GoErrorText.Get(currentText, text), elapsed, state,
                note: $"the HTTP proxy refused to open a tunnel to {current.Authority} ({code})");
        }

        if (ex is HttpRequestException { HttpRequestError: HttpRequestError.InvalidResponse })
        {
            return Fail(FailureKind.InvalidResponse, redacted,
                GoErrorText.Get(currentText, "net/http: HTTP/1.x transport connection broken: malformed HTTP response"), elapsed, state);
        }

        return Fail(FailureKind.ConnectionReset, redacted, GoErrorText.Get(currentText, Innermost(ex).Message), elapsed, state);
    }

    private FetchResult FromConnectFailure((FailureKind Kind, string NetError) failure, string currentText, string redacted, AttemptState state, long started)
    {
        var net = state.ViaProxy ? "proxyconnect tcp: " + failure.NetError : failure.NetError;
        var note = failure.Kind == FailureKind.ConnectTimeout
            ? $"GoModLens connect deadline {Seconds(_options.ConnectTimeout)}; the go command waits up to 30s"
            : null;
        return Fail(failure.Kind, redacted, GoErrorText.Get(currentText, net), _time.GetElapsedTime(started), state, note);
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        context.InitialRequestMessage.Options.TryGetValue(s_stateKey, out var found);
        var state = found ?? new AttemptState();
        state.ConnectStarted = true;
        var host = context.DnsEndPoint.Host;
        var port = context.DnsEndPoint.Port;
        using var budget = new CancellationTokenSource(_options.ConnectTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
        var t0 = _time.GetTimestamp();
        HostResolution resolution;
        try
        {
            resolution = await _resolver.ResolveAsync(host, linked.Token);
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            state.ConnectFailure = (FailureKind.DnsTimeout, $"dial tcp: lookup {host}: i/o timeout");
            throw new HttpRequestException(HttpRequestError.NameResolutionError, "DNS timeout", new DialFailedException(state.ConnectFailure.Value));
        }

        if (!IPAddress.TryParse(host, out _))
        {
            state.Dns = _time.GetElapsedTime(t0);
        }

        if (resolution.FailureKind != FailureKind.None)
        {
            state.ConnectFailure = (resolution.FailureKind, "dial tcp: " + resolution.GoError);
            throw new HttpRequestException(HttpRequestError.NameResolutionError, resolution.GoError, new DialFailedException(state.ConnectFailure.Value));
        }

        var t1 = _time.GetTimestamp();
        var deadline = t0 + (long)(_options.ConnectTimeout.TotalSeconds * _time.TimestampFrequency);
        // The deadline bounds the attempts (go's partial deadlines); only the request's own cancellation interrupts them.
        var dialed = await DialAsync(resolution.Addresses, port, deadline, cancellationToken);
        if (dialed.Socket is { } socket)
        {
            state.Connect = _time.GetElapsedTime(t1);
            state.ConnectedAt = _time.GetTimestamp();
            state.LocalEndPoint = socket.LocalEndPoint;
            state.RemoteEndPoint = socket.RemoteEndPoint;
            Stream stream = new NetworkStream(socket, ownsSocket: true);
            // An https target's connection (directly, or a proxy tunnel to it) keeps its first bytes for go's errors.
            var initial = context.InitialRequestMessage;
            var toProxy = initial.Method == HttpMethod.Connect || state.ViaProxy;
            if (toProxy && _proxyHop?.IsTls(host, port) == true)
            {
                stream = await ProxyTlsAsync(stream, host, state, cancellationToken);
                if (initial.Method != HttpMethod.Connect)
                {
                    return stream; // an http target's request, forwarded: its Proxy-Authorization is the request's own header
                }
            }

            if (initial.Method == HttpMethod.Connect)
            {
                return new WireTap(stream, (target, code, text) => _tunnelRefusals[target] = (code, text),
                    target => ProxyAuthorization(new Uri("https://" + target + "/")));
            }

            if (initial.RequestUri?.Scheme == "https")
            {
                return new WireTap(stream, connectRefused: null);
            }

            return stream;
        }

        cancellationToken.ThrowIfCancellationRequested();
        state.ConnectFailure = dialed.Error ?? (FailureKind.DnsNotFound, $"dial tcp: lookup {host}: no such host");
        throw new HttpRequestException(HttpRequestError.ConnectionError, state.ConnectFailure.Value.NetError, new DialFailedException(state.ConnectFailure.Value));
    }

    /// <summary>
    /// The TLS connection to an https:// HTTP proxy (go's dialConn: TLS to the proxy first, then the CONNECT or the
    /// forwarded request inside it), set up here rather than by .NET so that the CONNECT written inside it passes
    /// through a <see cref="WireTap"/>, which adds go's Proxy-Authorization and reads the proxy's answer. The proxy's
    /// certificate is checked as a target's is; a failure is go's <c>proxyconnect tcp: …</c> error. A proxy that ends
    /// the connection before answering the handshake is the inner WireTap's <c>proxyconnect tcp: EOF</c>.
    /// </summary>
    private async Task<Stream> ProxyTlsAsync(Stream stream, string host, AttemptState state, CancellationToken cancellationToken)
    {
        var tls = new SslStream(new WireTap(stream, connectRefused: static (_, _, _) => { }), leaveInnerStreamOpen: false);
        using var handshake = new CancellationTokenSource(_options.TlsHandshakeTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, handshake.Token);
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = host,
            RemoteCertificateValidationCallback = _ssl.RemoteCertificateValidationCallback,
            CertificateChainPolicy = _ssl.CertificateChainPolicy,
            // What the proxy connection speaks is HTTP/1.1: a CONNECT, or a request in absolute form.
            ApplicationProtocols = [SslApplicationProtocol.Http11],
        };
        try
        {
            await tls.AuthenticateAsClientAsync(options, linked.Token);
            return tls;
        }
        catch (Exception e) when (Find<EarlyCloseException>(e) is null && !cancellationToken.IsCancellationRequested
            && (e is AuthenticationException || handshake.IsCancellationRequested))
        {
            await tls.DisposeAsync();
            var error = handshake.IsCancellationRequested ? "net/http: TLS handshake timeout"
                : _certificateErrors.TryGetValue(host, out var certificate) ? certificate.Error
                : "tls: " + e.Message;
            state.ConnectFailure = (FailureKind.Tls, error);
            throw new HttpRequestException(HttpRequestError.SecureConnectionError, error, new DialFailedException(state.ConnectFailure.Value));
        }
        catch
        {
            await tls.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// net/http's proxyAuth: the <c>Proxy-Authorization</c> go sends the proxy it uses for <paramref name="destination"/>
    /// (HTTPS_PROXY or HTTP_PROXY, NO_PROXY applied): Basic with the proxy URL's percent-decoded user and password when
    /// the URL has userinfo, sent up front, never in answer to a challenge; else null. Never printed.
    /// </summary>
    private string? ProxyAuthorization(Uri destination)
    {
        if (_options.Proxy is not { } proxy || proxy.IsBypassed(destination))
        {
            return null;
        }

        (string User, string Password)? userInfo = proxy is GoHttpProxy go ? go.UserInfo(destination)
            : proxy.GetProxy(destination) is { UserInfo.Length: > 0 } uri && uri.UserInfo.Split(':', 2) is var parts
                ? (Uri.UnescapeDataString(parts[0]), parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : "")
                : null;
        return userInfo is { } u ? "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(u.User + ":" + u.Password)) : null;
    }

    /// <summary>A tunnel's target as .NET's CONNECT request line names it: <c>host:port</c>, an IPv6 address in brackets.</summary>
    private static string TargetKey(string host, int port) =>
        (host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('[') ? "[" + host + "]" : host) + ":" + port.ToString(CultureInfo.InvariantCulture);

    /// <summary>A connect callback's failure in go's words, carried in the exception for a request whose state it cannot reach.</summary>
    private sealed class DialFailedException((FailureKind Kind, string NetError) failure) : IOException(failure.NetError)
    {
        public (FailureKind Kind, string NetError) Failure { get; } = failure;
    }

    /// <summary>
    /// go's dialParallel ("Happy Eyeballs", RFC 6555): the addresses of the first address's family are tried first, one
    /// after another; the other family's start 300 ms later unless the first family has connected or failed by then;
    /// the first connection wins. When both fail, go reports the first family's error. Without this, a host whose IPv6
    /// route is black-holed (IPv6 configured, not routed: common behind corporate networks) costs every connection its
    /// whole connect budget, and the proxy looks unreachable where go falls back to IPv4 and works.
    /// </summary>
    private async Task<Dialed> DialAsync(IReadOnlyList<IPAddress> addresses, int port, long deadline, CancellationToken cancellationToken)
    {
        if (addresses.Count == 0)
        {
            return new Dialed(null, null);
        }

        var primaryFamily = addresses[0].AddressFamily;
        var primaries = addresses.Where(a => a.AddressFamily == primaryFamily).ToList();
        var fallbacks = addresses.Where(a => a.AddressFamily != primaryFamily).ToList();
        if (fallbacks.Count == 0)
        {
            return await DialSerialAsync(primaries, port, deadline, cancellationToken);
        }

        using var race = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var primary = DialSerialAsync(primaries, port, deadline, race.Token);
        await Task.WhenAny(primary, Task.Delay(TimeSpan.FromMilliseconds(300), _time, race.Token)).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (primary.IsCompletedSuccessfully && primary.Result.Socket is not null)
        {
            return primary.Result;
        }

        var fallback = DialSerialAsync(fallbacks, port, deadline, race.Token);
        var first = await Task.WhenAny(primary, fallback).ConfigureAwait(false);
        var other = first == primary ? fallback : primary;
        if ((await first).Socket is not null)
        {
            await race.CancelAsync();
            // The other family may connect before it sees the cancellation: close what it opens.
            _ = other.ContinueWith(t => (t.IsCompletedSuccessfully ? t.Result.Socket : null)?.Dispose(), CancellationToken.None,
                TaskContinuationOptions.None, TaskScheduler.Default);
            return await first;
        }

        if ((await other).Socket is not null)
        {
            return await other;
        }

        return (await primary).Error is not null ? await primary : await fallback;
    }

    /// <summary>
    /// go's dialSerial: each address in turn, each given an equal share of the time left (at least 2 s, as go's
    /// partialDeadline); the first error is the one reported.
    /// </summary>
    private async Task<Dialed> DialSerialAsync(List<IPAddress> addresses, int port, long deadline, CancellationToken cancellationToken)
    {
        (FailureKind, string)? first = null;
        for (var i = 0; i < addresses.Count && !cancellationToken.IsCancellationRequested; i++)
        {
            var endPoint = new IPEndPoint(addresses[i], port);
            var remaining = TimeSpan.FromSeconds((deadline - _time.GetTimestamp()) / (double)_time.TimestampFrequency);
            var share = remaining / (addresses.Count - i);
            var saneMinimum = TimeSpan.FromSeconds(2);
            var timeout = share >= saneMinimum ? share : remaining < saneMinimum ? remaining : saneMinimum;
            var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            using var attempt = new CancellationTokenSource(timeout > TimeSpan.Zero ? timeout : TimeSpan.Zero, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, attempt.Token);
            try
            {
                await socket.ConnectAsync(endPoint, linked.Token).ConfigureAwait(false);
                return new Dialed(socket, null);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                var kind = ex.SocketErrorCode == SocketError.ConnectionRefused ? FailureKind.ConnectionRefused : FailureKind.ConnectTimeout;
                first ??= (kind, $"dial tcp {NetErrorText.EndPoint(endPoint)}: connect: {NetErrorText.Errno(ex.SocketErrorCode)}");
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                socket.Dispose();
                first ??= (FailureKind.ConnectTimeout, $"dial tcp {NetErrorText.EndPoint(endPoint)}: i/o timeout");
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        return new Dialed(null, first);
    }

    /// <summary>A connected socket, or the error go would report for the addresses tried.</summary>
    private sealed record Dialed(Socket? Socket, (FailureKind Kind, string NetError)? Error);

    private bool ValidateCertificate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        var host = (sender as SslStream)?.TargetHostName ?? "";
        _tlsValidatedAt[host] = _time.GetTimestamp();
        // go matches the host against the subject alternative names only; .NET (OpenSSL) also takes a certificate's
        // common name, which go has refused since 1.15: what go refuses is refused here too.
        if (host.Length > 0 && certificate is X509Certificate2 leaf && !errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable) && !GoMatchesHost(host, leaf))
        {
            errors |= SslPolicyErrors.RemoteCertificateNameMismatch;
        }

        // go refuses MD5 and SHA-1 signatures in the chain (crypto/x509 since go 1.18); .NET takes them.
        var weak = InsecureSignature(chain);
        if (weak is not null)
        {
            errors |= SslPolicyErrors.RemoteCertificateChainErrors;
        }

        if (errors == SslPolicyErrors.None)
        {
            _certificateErrors.TryRemove(host, out _);
            return true;
        }

        // Who issued an untrusted certificate: go does not say, and behind a TLS-inspecting proxy that is the whole story.
        var untrusted = chain?.ChainStatus.Any(s => s.Status is X509ChainStatusFlags.UntrustedRoot or X509ChainStatusFlags.PartialChain) == true;
        var note = errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) ? UntrustedCertificateNote.OtherName(host)
            : weak is { } signature ? UntrustedCertificateNote.InsecureSignature(host, signature.Algorithm)
            : untrusted && certificate is X509Certificate2 presented ? UntrustedCertificateNote.For(host, presented, chain) : null;
        _certificateErrors[host] = (DescribeCertificateError(host, certificate, chain, errors, weak), note, _time.GetTimestamp());
        return false;
    }

    /// <summary>go ≥1.20 wording: <c>tls: failed to verify certificate: x509: …</c>.</summary>
    /// <param name="weak">A signature in the chain go refuses (<see cref="InsecureSignature"/>), for go's hint.</param>
    private string DescribeCertificateError(string host, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors,
        (string Algorithm, string IssuerName)? weak)
    {
        const string prefix = "tls: failed to verify certificate: ";
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable) || certificate is null)
        {
            return "tls: server did not send a certificate";
        }

        var statuses = chain?.ChainStatus.Select(s => s.Status).Aggregate(X509ChainStatusFlags.NoError, (a, b) => a | b) ?? X509ChainStatusFlags.NoError;
        if (statuses.HasFlag(X509ChainStatusFlags.NotTimeValid) && certificate is X509Certificate2 c2)
        {
            var now = _time.GetUtcNow().UtcDateTime;
            var bound = now > c2.NotAfter.ToUniversalTime()
                ? "is after " + c2.NotAfter.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)
                : "is before " + c2.NotBefore.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            return prefix + $"x509: certificate has expired or is not yet valid: current time {now.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)} {bound}";
        }

        // Certificate.Verify's order: the leaf's validity period, then the host name, then the chain.
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) && certificate is X509Certificate2 named)
        {
            return prefix + HostnameError(host, named);
        }

        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors))
        {
            // The issuer whose check of a weak signature failed is go's hint.
            return prefix + "x509: certificate signed by unknown authority" + (weak is { } signature
                ? $" (possibly because of {GoQuote.Quote("x509: cannot verify signature: insecure algorithm " + signature.Algorithm)} while trying to verify candidate authority certificate {GoQuote.Quote(signature.IssuerName)})"
                : "");
        }

        return prefix + "x509: " + errors;
    }

    /// <summary>
    /// crypto/x509's HostnameError: a host name is matched against the DNS names only, an IP address against the IP
    /// addresses only; a certificate without SANs whose common name would have matched is go's legacy CN error.
    /// </summary>
    internal static string HostnameError(string host, X509Certificate2 certificate)
    {
        var sans = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().ToList();
        if (sans.Count == 0 && certificate.GetNameInfo(X509NameType.SimpleName, false) is { Length: > 0 } cn && HostnameMatches(cn, host))
        {
            return "x509: certificate relies on legacy Common Name field, use SANs instead";
        }

        if (IPAddress.TryParse(host, out _))
        {
            var ips = sans.SelectMany(e => e.EnumerateIPAddresses()).ToList();
            return ips.Count == 0 ? $"x509: cannot validate certificate for {host} because it doesn't contain any IP SANs"
                : ips.Count >= 100 ? $"x509: certificate is valid for {ips.Count} IP SANs, but none matched {host}"
                : $"x509: certificate is valid for {string.Join(", ", ips)}, not {host}";
        }

        var names = sans.SelectMany(e => e.EnumerateDnsNames()).ToList();
        return names.Count == 0 ? "x509: certificate is not valid for any names, but wanted to match " + host
            : names.Count >= 100 ? $"x509: certificate is valid for {names.Count} names, but none matched {host}"
            : $"x509: certificate is valid for {string.Join(", ", names)}, not {host}";
    }

    /// <summary>
    /// The first certificate of the chain (the trust anchor left out) signed with an algorithm go refuses, with go's
    /// name for it and its issuer's name as go's hint gives it (common name, else organization, else serial number).
    /// </summary>
    private static (string Algorithm, string IssuerName)? InsecureSignature(X509Chain? chain)
    {
        var elements = chain?.ChainElements;
        for (var i = 0; elements is not null && i + 1 < elements.Count; i++)
        {
            var algorithm = elements[i].Certificate.SignatureAlgorithm.Value switch
            {
                "1.2.840.113549.1.1.2" => "MD2-RSA",
                "1.2.840.113549.1.1.4" => "MD5-RSA",
                "1.2.840.113549.1.1.5" or "1.3.14.3.2.29" => "SHA1-RSA",
                "1.2.840.10040.4.3" => "DSA-SHA1",
                "1.2.840.10045.4.1" => "ECDSA-SHA1",
                _ => null,
            };
            if (algorithm is not null)
            {
                var issuer = elements[i + 1].Certificate;
                var name = UntrustedCertificateNote.NamePart(issuer.SubjectName, UntrustedCertificateNote.CommonName) is { Length: > 0 } cn ? cn
                    : UntrustedCertificateNote.NamePart(issuer.SubjectName, UntrustedCertificateNote.Organization)
                        ?? "serial:" + System.Numerics.BigInteger.Parse("0" + issuer.SerialNumber, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                return (algorithm, name);
            }
        }

        return null;
    }

    /// <summary>crypto/x509's VerifyHostname: an IP address among the IP SANs, a host name among the DNS names.</summary>
    internal static bool GoMatchesHost(string host, X509Certificate2 certificate)
    {
        var sans = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().ToList();
        return IPAddress.TryParse(host, out var ip)
            ? sans.SelectMany(e => e.EnumerateIPAddresses()).Any(a => a.Equals(ip))
            : sans.SelectMany(e => e.EnumerateDnsNames()).Any(name => HostnameMatches(name, host));
    }

    /// <summary>crypto/x509's matchHostnames: label by label, case-insensitively, a leading <c>*</c> matching one label.</summary>
    private static bool HostnameMatches(string pattern, string host)
    {
        var patternLabels = pattern.TrimEnd('.').Split('.');
        var hostLabels = host.TrimEnd('.').Split('.');
        return pattern.Length > 0 && patternLabels.Length == hostLabels.Length
            && patternLabels.Zip(hostLabels).Select((p, i) => (i == 0 && p.First == "*") || string.Equals(p.First, p.Second, StringComparison.OrdinalIgnoreCase)).All(m => m);
    }

    private FetchResult Fail(FailureKind kind, string redacted, string goError, TimeSpan elapsed, AttemptState? state = null, string? note = null)
        => new(kind, redacted, null, null, null, null, goError, elapsed, state?.ToTimings(), Note: note);

    private static string Seconds(TimeSpan t) => t.TotalSeconds >= 1 && t.TotalSeconds == Math.Floor(t.TotalSeconds)
        ? t.TotalSeconds.ToString("0", CultureInfo.InvariantCulture) + "s"
        : t.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + "ms";

    private static T? Find<T>(Exception? ex)
        where T : Exception
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is T t)
            {
                return t;
            }
        }

        return null;
    }

    private static Exception Innermost(Exception ex)
    {
        while (ex.InnerException is not null)
        {
            ex = ex.InnerException;
        }

        return ex;
    }

    /// <summary>
    /// HTTP(S)_PROXY as .NET's handler sees it: an https:// proxy is handed over as http:// (same host and port), so .NET
    /// speaks plain HTTP on the connection <see cref="ConnectAsync"/> returns, which is already TLS to the proxy
    /// (<see cref="ProxyTlsAsync"/>). .NET would set that TLS up itself and write the CONNECT inside it, out of reach of
    /// the stream that adds go's Proxy-Authorization. Credentials stay the configured proxy's (none for go's).
    /// </summary>
    private sealed class TlsProxyHop(IWebProxy proxy) : IWebProxy
    {
        private readonly ConcurrentDictionary<string, byte> _tlsProxies = new(StringComparer.OrdinalIgnoreCase);

        public ICredentials? Credentials
        {
            get => proxy.Credentials;
            set => proxy.Credentials = value;
        }

        public Uri? GetProxy(Uri destination)
        {
            var configured = proxy.GetProxy(destination);
            if (configured is not { Scheme: "https" } tls)
            {
                return configured;
            }

            _tlsProxies[TargetKey(tls.IdnHost, tls.Port)] = 0;
            return new UriBuilder(tls) { Scheme = "http", Port = tls.Port }.Uri;
        }

        public bool IsBypassed(Uri host) => proxy.IsBypassed(host);

        /// <summary>Whether a connection to <paramref name="host"/>:<paramref name="port"/>, a proxy's, must be TLS.</summary>
        public bool IsTls(string host, int port) => _tlsProxies.ContainsKey(TargetKey(host, port));
    }

    /// <summary>One GOPROXY entry's breaker (<see cref="CircuitKey(ProxyRequest)"/>) and the last failure it saw.</summary>
    private sealed class Circuit(ResiliencePipeline<FetchResult> pipeline)
    {
        public ResiliencePipeline<FetchResult> Pipeline { get; } = pipeline;

        public FetchResult? LastFailure { get; set; }

        public DateTimeOffset? LastShortCircuit { get; set; }
    }
}
