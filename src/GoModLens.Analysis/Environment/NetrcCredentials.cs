namespace GoModLens.Analysis.Environment;

/// <summary>
/// Credentials per URL prefix as go's auth package stores them from .netrc. They are attached to <b>https</b>
/// requests only — go never sends them over plain http, and neither may we. When a machine appears more than once,
/// the first entry wins.
/// </summary>
public sealed class NetrcCredentials
{
    private readonly Dictionary<string, NetrcEntry> _byPrefix = new(StringComparer.Ordinal);

    public NetrcCredentials(IReadOnlyList<NetrcEntry> entries)
    {
        Entries = entries;
        for (var i = entries.Count - 1; i >= 0; i--)
        {
            _byPrefix[Trim(entries[i].Machine)] = entries[i];
        }
    }

    public static NetrcCredentials Empty { get; } = new([]);

    public IReadOnlyList<NetrcEntry> Entries { get; }

    /// <summary>The entry whose machine matches the URL's host[:port] or a path prefix of it; null for non-https URLs.</summary>
    public NetrcEntry? For(Uri url)
    {
        if (!url.IsAbsoluteUri || url.Scheme != "https")
        {
            return null;
        }

        var text = url.GetComponents(UriComponents.HostAndPort | UriComponents.Path, UriFormat.UriEscaped);
        if (url.IsDefaultPort)
        {
            text = url.GetComponents(UriComponents.Host | UriComponents.Path, UriFormat.UriEscaped);
        }

        var prefix = Trim(text);
        while (true)
        {
            if (_byPrefix.TryGetValue(prefix, out var entry))
            {
                return entry;
            }

            var slash = prefix.LastIndexOf('/');
            if (slash < 0)
            {
                return null;
            }

            prefix = prefix[..slash];
        }
    }

    private static string Trim(string prefix)
    {
        if (prefix.StartsWith("https://", StringComparison.Ordinal))
        {
            prefix = prefix["https://".Length..];
        }

        return prefix.EndsWith('/') ? prefix[..^1] : prefix;
    }
}
