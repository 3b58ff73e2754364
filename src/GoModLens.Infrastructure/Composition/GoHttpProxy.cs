using System.Net;
using GoModLens.Analysis.Environment;
using GoModLens.Infrastructure.Classification;

namespace GoModLens.Infrastructure.Composition;

/// <summary>HTTP_PROXY/HTTPS_PROXY/NO_PROXY with go's rules (<see cref="HttpProxyConfig"/>) as an <see cref="IWebProxy"/>.</summary>
internal sealed class GoHttpProxy(HttpProxyConfig config) : IWebProxy
{
    /// <summary>Always null: .NET would answer a proxy's challenge with them (NTLM, Negotiate, Digest too), where go only
    /// ever sends the proxy URL's user and password up front (<see cref="UserInfo"/>).</summary>
    public ICredentials? Credentials { get; set; }

    /// <summary>The proxy without its userinfo: .NET names the proxy in its own errors, and the credentials are sent by
    /// the transport (<see cref="UserInfo"/>).</summary>
    public Uri? GetProxy(Uri destination) =>
        config.ProxyFor(destination, out _) is { } proxy && Uri.TryCreate(proxy.ToString(), UriKind.Absolute, out var uri) ? UrlRedaction.WithoutUserInfo(uri) : null;

    public bool IsBypassed(Uri host) => GetProxy(host) is null;

    /// <summary>
    /// The user and password (percent-decoded, as net/url's Username and Password) of the proxy go would use for
    /// <paramref name="destination"/>, or null when there is no proxy or its URL has no userinfo. A user without a
    /// password has the empty password, as in net/http's proxyAuth.
    /// </summary>
    public (string User, string Password)? UserInfo(Uri destination) =>
        config.ProxyFor(destination, out _) is { HasUser: true } proxy ? (proxy.Username!, proxy.Password ?? "") : null;
}
