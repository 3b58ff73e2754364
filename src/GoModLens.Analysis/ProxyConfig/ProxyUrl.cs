namespace GoModLens.Analysis.ProxyConfig;

/// <summary>A request URL under a proxy base, in go's exact spelling.</summary>
/// <param name="Text">The URL as go requests it (may contain a password; never print it).</param>
/// <param name="Redacted">The URL as go prints it in messages (password → <c>xxxxx</c>).</param>
public sealed record ProxyUrl(string Text, string Redacted)
{
    /// <summary>The GOPROXY entry (its base URL as GOPROXY spells it) the URL was built under; see <see cref="Ports.ProxyRequest.Entry"/>.</summary>
    public string? Entry { get; init; }

    public Uri ToUri() => new(Text, UriKind.Absolute);

    /// <summary>The request for this URL, carrying its entry.</summary>
    public Ports.ProxyRequest ToRequest(Ports.ProxyEndpoint endpoint) => new(ToUri(), endpoint) { Entry = Entry };

    public override string ToString() => Redacted;
}
