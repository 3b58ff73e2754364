using System.Net;
using GoModLens.Analysis.Environment;

namespace GoModLens.Infrastructure.Composition;

/// <summary>HTTP_PROXY/HTTPS_PROXY/NO_PROXY with go's rules (<see cref="HttpProxyConfig"/>) as an <see cref="IWebProxy"/>.</summary>
internal sealed class GoHttpProxy(HttpProxyConfig config) : IWebProxy
{
    public ICredentials? Credentials { get; set; }

    public Uri? GetProxy(Uri destination) =>
        config.ProxyFor(destination, out _) is { } proxy && Uri.TryCreate(proxy.ToString(), UriKind.Absolute, out var uri) ? uri : null;

    public bool IsBypassed(Uri host) => GetProxy(host) is null;
}
