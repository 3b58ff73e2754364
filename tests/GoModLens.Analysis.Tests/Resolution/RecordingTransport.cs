using System.Collections.Concurrent;
using GoModLens.Analysis.Ports;
using GoModLens.Infrastructure;
using GoModLens.Infrastructure.FileProxy;
using GoModLens.Infrastructure.Http;

namespace GoModLens.Analysis.Tests.Resolution;

/// <summary>The real http + file transports, recording every URL asked for (to prove no URL is requested twice).</summary>
internal sealed class RecordingTransport : IProxyTransport, IDisposable
{
    private readonly HttpProxyTransport _http;
    private readonly CompositeTransport _inner;
    private readonly ConcurrentQueue<string> _urls = new();

    public RecordingTransport(HttpTransportOptions? options = null)
    {
        _http = new HttpProxyTransport(options ?? new HttpTransportOptions { MaxRetries = 0, RetryBaseDelay = TimeSpan.FromMilliseconds(10) });
        _inner = new CompositeTransport(_http, new FileProxyTransport());
    }

    public IReadOnlyList<string> Urls => _urls.ToArray();

    public ValueTask<FetchResult> GetAsync(ProxyRequest request, CancellationToken cancellationToken)
    {
        _urls.Enqueue(request.Url.AbsoluteUri);
        return _inner.GetAsync(request, cancellationToken);
    }

    public void Dispose() => _http.Dispose();
}
