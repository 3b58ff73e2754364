using System.Collections.Frozen;

namespace GoModLens.Analysis.Toolchain;

/// <summary>
/// What a <c>godebug</c> line of a go.mod or go.work may say (cmd/go/internal/modload, CheckGodebug): a setting of
/// go 1.26's internal/godebugs table, or <c>default=goVERSION</c>. go checks them before anything else and stops at the
/// first wrong one (<c>go: error loading go.mod:</c> / <c>go.mod:5: unknown godebug "x"</c>). A newer go knows more
/// settings; this is the table of the go GoModLens is tested against.
/// </summary>
public static class Godebugs
{
    /// <summary>internal/godebugs.All of go 1.26.</summary>
    public static FrozenSet<string> Known { get; } = FrozenSet.ToFrozenSet<string>(
    [
        "allowmultiplevcs", "asynctimerchan", "containermaxprocs", "cryptocustomrand", "dataindependenttiming", "decoratemappings", "embedfollowsymlinks", "execerrdot", "fips140", "fips140ems", "gocachehash", "gocachetest", "gocacheverify", "gotestjsonbuildtext", "gotypesalias", "htmlmetacontenturlescape", "http2client", "http2debug", "http2server", "httpcookiemaxnum", "httplaxcontentlength", "httpmuxgo121", "httpservecontentkeepheaders", "httpservecontentmaxranges", "installgoroot", "jstmpllitinterp", "multipartfiles", "multipartmaxheaders", "multipartmaxparts", "multipathtcp", "netdns", "netedns0", "panicnil", "randautoseed", "randseednop", "rsa1024min", "tarinsecurepath", "tls10server", "tls3des", "tlsmaxrsasize", "tlsmlkem", "tlsrsakex", "tlssecpmlkem", "tlssha1", "tlsunsafeekm", "updatemaxprocs", "urlmaxqueryparams", "urlstrictcolons", "winreadlinkvolume", "winsymlink", "x509keypairleaf", "x509negativeserial", "x509rsacrt", "x509sha256skid", "x509usefallbackroots", "x509usepolicies", "zipinsecurepath",
    ], StringComparer.Ordinal);

    /// <summary>internal/godebugs.Removed: settings go no longer has, with the minor version that removed them.</summary>
    public static FrozenDictionary<string, int> Removed { get; } = new Dictionary<string, int>(StringComparer.Ordinal) { ["x509sha1"] = 24 }.ToFrozenDictionary();

    /// <summary>go's error for <c>godebug key=value</c>, or null when go accepts it.</summary>
    /// <param name="localGoVersion">The go that runs (e.g. <c>1.26.11</c>), for <c>default=</c>; null when unknown.</param>
    public static string? Check(string key, string value, string? localGoVersion)
    {
        if (key.AsSpan().IndexOfAny(' ', '\t') >= 0)
        {
            return "key contains space";
        }

        if (value.AsSpan().IndexOfAny(' ', '\t') >= 0)
        {
            return "value contains space";
        }

        if (key.Contains(',', StringComparison.Ordinal))
        {
            return "key contains comma";
        }

        if (value.Contains(',', StringComparison.Ordinal))
        {
            return "value contains comma";
        }

        if (key == "default")
        {
            if (!value.StartsWith("go", StringComparison.Ordinal) || !GoVersions.IsValid(value[2..]))
            {
                return "value for default= must be goVERSION";
            }

            return localGoVersion is not null && GoVersions.Compare(value[2..], localGoVersion) > 0
                ? $"default={value} too new (toolchain is go{localGoVersion})"
                : null;
        }

        if (Known.Contains(key))
        {
            return null;
        }

        return Removed.TryGetValue(key, out var removed)
            ? $"use of removed godebug {Quote(key)}, see https://go.dev/doc/godebug#go-1{removed}"
            : $"unknown godebug {Quote(key)}";
    }

    private static string Quote(string s) => ModFile.Text.GoQuote.Quote(s);
}
