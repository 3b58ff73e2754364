using GoModLens.Analysis.Ports;
using GoModLens.Infrastructure.Classification;

namespace GoModLens.Infrastructure;

/// <summary>Routes a request to the http(s) or file transport by URL scheme; anything else is go's scheme error.</summary>
public sealed class CompositeTransport(IProxyTransport http, IProxyTransport file) : IProxyTransport
{
    public ValueTask<FetchResult> GetAsync(ProxyRequest request, CancellationToken cancellationToken) => request.Url.Scheme switch
    {
        "http" or "https" => http.GetAsync(request, cancellationToken),
        "file" => file.GetAsync(request, cancellationToken),
        _ => ValueTask.FromResult(new FetchResult(FailureKind.ConfigurationError, UrlRedaction.Redacted(request.Url), null, null, null, null,
            $"invalid proxy URL scheme (must be https, http, file): {UrlRedaction.Redacted(request.Url)}", TimeSpan.Zero)),
    };
}
