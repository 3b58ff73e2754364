namespace GoModLens.Analysis.ProxyConfig;

/// <summary>A request URL under a proxy base, in go's exact spelling.</summary>
/// <param name="Text">The URL as go requests it (may contain a password; never print it).</param>
/// <param name="Redacted">The URL as go prints it in messages (password → <c>xxxxx</c>).</param>
public sealed record ProxyUrl(string Text, string Redacted)
{
    public Uri ToUri() => new(Text, UriKind.Absolute);

    public override string ToString() => Redacted;
}
