using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;

namespace GoModLens.Infrastructure.Http;

/// <summary>
/// What go's <c>x509: certificate signed by unknown authority</c> leaves out: who issued the certificate. Behind a
/// corporate network that is usually a TLS-inspecting proxy re-signing every connection with its own CA, which go (and
/// GoModLens) trust only once that CA is in the trust store go reads. The note names the issuer, the product when the
/// name gives it away, and where go on this OS looks for trusted CAs.
/// </summary>
public static class UntrustedCertificateNote
{
    // Products that re-sign TLS with their own CA (secure web gateways, firewalls, antivirus HTTPS scanning, debugging
    // proxies), matched as whole words in the issuer's name.
    private static readonly (Regex Name, string Product)[] Inspectors =
    [
        (Word("zscaler"), "Zscaler"), (Word("netskope"), "Netskope"), (Word("forti(net|gate)"), "Fortinet FortiGate"),
        (Word("palo alto networks"), "Palo Alto Networks"), (Word("blue ?coat"), "Blue Coat"), (Word("cisco umbrella|opendns"), "Cisco Umbrella"),
        (Word("sophos"), "Sophos"), (Word("check ?point"), "Check Point"), (Word("forcepoint|websense"), "Forcepoint"),
        (Word("mcafee web gateway|skyhigh"), "Skyhigh (McAfee) Web Gateway"), (Word("barracuda"), "Barracuda"), (Word("sonicwall"), "SonicWall"),
        (Word("watchguard"), "WatchGuard"), (Word("cato networks"), "Cato Networks"), (Word("iboss"), "iboss"), (Word("menlo security"), "Menlo Security"),
        (Word("kaspersky"), "Kaspersky"), (Word("avast|avg"), "Avast"), (Word("eset"), "ESET"), (Word("bitdefender"), "Bitdefender"),
        (Word("mitmproxy"), "mitmproxy"), (Word("charles proxy"), "Charles Proxy"), (Word("fiddler"), "Fiddler"), (Word("portswigger"), "Burp Suite"),
    ];

    /// <summary>The note for an untrusted certificate <paramref name="host"/> presented, or null when there is nothing to say.</summary>
    /// <param name="chain">The chain .NET built from what the server sent (its top is the CA it ends at).</param>
    public static string? For(string host, X509Certificate2 certificate, X509Chain? chain)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var selfSigned = certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData);
        var top = chain?.ChainElements is { Count: > 1 } elements ? elements[^1].Certificate : null;
        var issuer = top is not null ? Describe(top.SubjectName) : Describe(certificate.IssuerName);
        var product = Inspectors.FirstOrDefault(i => i.Name.IsMatch(issuer)).Product;
        var who = selfSigned
            ? $"{host} presented a self-signed certificate ({issuer})"
            : product is not null
                ? $"the certificate for {host} was issued by \"{issuer}\": {product} is inspecting TLS on this network and re-signs connections with its own CA"
                : $"the certificate for {host} was issued by \"{issuer}\", a CA this machine does not trust (a TLS-inspecting proxy or a private CA)";
        return who + "; " + TrustAdvice(selfSigned ? "it" : "that CA");
    }

    /// <summary>Where go looks for trusted CAs on this OS (crypto/x509: the files on Linux, the platform verifier elsewhere).</summary>
    public static string TrustAdvice(string what) =>
        OperatingSystem.IsLinux() || OperatingSystem.IsFreeBSD()
            ? $"go trusts {what} once it is in the system CA bundle (e.g. a .crt in /usr/local/share/ca-certificates, then update-ca-certificates) or in the file SSL_CERT_FILE names (or a directory in SSL_CERT_DIR)"
            : OperatingSystem.IsMacOS()
                ? $"go uses the macOS verifier: add {what} to the System keychain as trusted (SSL_CERT_FILE is not read)"
                : OperatingSystem.IsWindows()
                    ? $"go uses the Windows verifier: import {what} into Trusted Root Certification Authorities"
                    : $"add {what} to the trust store go reads";

    // "Zscaler Root CA (Zscaler Inc.)": the common name, with the organisation when it adds something.
    private static string Describe(X500DistinguishedName name)
    {
        string? Part(string oid) => name.EnumerateRelativeDistinguishedNames()
            .Where(r => !r.HasMultipleElements && r.GetSingleElementType().Value == oid).Select(r => r.GetSingleElementValue()).FirstOrDefault();
        var cn = Part("2.5.4.3");
        var o = Part("2.5.4.10");
        return cn is null ? (o ?? name.Name)
            : o is null || cn.Contains(o, StringComparison.OrdinalIgnoreCase) ? cn
            : $"{cn} ({o})";
    }

    private static Regex Word(string pattern) => new($@"\b({pattern})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
}
