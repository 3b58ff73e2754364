using System.Security.Cryptography.X509Certificates;

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
    // proxies), matched as whole words of the issuer's name. No Regex built at run time: it brings the regex parser and
    // interpreter into the Native AOT binary (+0.8 MB).
    private static readonly (string[] Words, string Product)[] Inspectors =
    [
        (["zscaler"], "Zscaler"), (["netskope"], "Netskope"), (["fortinet"], "Fortinet FortiGate"), (["fortigate"], "Fortinet FortiGate"),
        (["palo", "alto", "networks"], "Palo Alto Networks"), (["blue", "coat"], "Blue Coat"), (["bluecoat"], "Blue Coat"),
        (["cisco", "umbrella"], "Cisco Umbrella"), (["opendns"], "Cisco Umbrella"), (["sophos"], "Sophos"), (["check", "point"], "Check Point"),
        (["checkpoint"], "Check Point"), (["forcepoint"], "Forcepoint"), (["websense"], "Forcepoint"),
        (["mcafee", "web", "gateway"], "Skyhigh (McAfee) Web Gateway"), (["skyhigh"], "Skyhigh (McAfee) Web Gateway"), (["barracuda"], "Barracuda"),
        (["sonicwall"], "SonicWall"), (["watchguard"], "WatchGuard"), (["cato", "networks"], "Cato Networks"), (["iboss"], "iboss"),
        (["menlo", "security"], "Menlo Security"), (["kaspersky"], "Kaspersky"), (["avast"], "Avast"), (["avg"], "Avast"), (["eset"], "ESET"),
        (["bitdefender"], "Bitdefender"), (["mitmproxy"], "mitmproxy"), (["charles", "proxy"], "Charles Proxy"), (["fiddler"], "Fiddler"),
        (["portswigger"], "Burp Suite"),
    ];

    /// <summary>The note for an untrusted certificate <paramref name="host"/> presented, or null when there is nothing to say.</summary>
    /// <param name="chain">The chain .NET built from what the server sent (its top is the CA it ends at).</param>
    public static string? For(string host, X509Certificate2 certificate, X509Chain? chain)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var selfSigned = certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData);
        var top = chain?.ChainElements is { Count: > 1 } elements ? elements[^1].Certificate : null;
        var issuer = top is not null ? Describe(top.SubjectName) : Describe(certificate.IssuerName);
        var words = Words(issuer);
        var product = Inspectors.FirstOrDefault(i => Contains(words, i.Words)).Product;
        var who = selfSigned
            ? $"{host} presented a self-signed certificate ({issuer})"
            : product is not null
                ? $"the certificate for {host} was issued by \"{issuer}\": {product} is inspecting TLS on this network and re-signs connections with its own CA"
                : $"the certificate for {host} was issued by \"{issuer}\", a CA this machine does not trust (a TLS-inspecting proxy or a private CA)";
        return who + "; " + TrustAdvice(selfSigned ? "it" : "that CA");
    }

    /// <summary>
    /// A trusted certificate for other names: the server that answered is not the one named, which go's error does not
    /// say. Where a proxy is blocked, that is a resolver handing out another server's address (DNS poisoning, a captive
    /// portal) or an /etc/hosts entry.
    /// </summary>
    public static string OtherName(string host) =>
        $"the server that answered for {host} holds a certificate for other names: {host} resolves here to another server's address "
        + "(an /etc/hosts entry, a resolver answering with another address, as DNS poisoning or a captive portal does), or a proxy in between answers for every name";

    /// <summary>A chain with an MD5 or SHA-1 signature, which go refuses whoever issued it (crypto/x509, since go 1.18).</summary>
    public static string InsecureSignature(string host, string algorithm) =>
        $"a certificate {host} presented is signed with {algorithm}, which go refuses since 1.18 whatever the trust store says: the server needs a certificate signed with SHA-256 or better";

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
        var cn = NamePart(name, CommonName);
        var o = NamePart(name, Organization);
        return cn is null ? (o ?? name.Name)
            : o is null || cn.Contains(o, StringComparison.OrdinalIgnoreCase) ? cn
            : $"{cn} ({o})";
    }

    /// <summary>The OIDs of a name's common name and organization.</summary>
    internal const string CommonName = "2.5.4.3", Organization = "2.5.4.10";

    /// <summary>The first single-valued part of <paramref name="name"/> with the attribute <paramref name="oid"/>, or null.</summary>
    internal static string? NamePart(X500DistinguishedName name, string oid) => name.EnumerateRelativeDistinguishedNames()
        .Where(r => !r.HasMultipleElements && r.GetSingleElementType().Value == oid).Select(r => r.GetSingleElementValue()).FirstOrDefault();

    // The name's words, lower case: runs of letters and digits.
    private static string[] Words(string name) =>
        name.ToLowerInvariant().Split(name.Where(c => !char.IsLetterOrDigit(c)).Distinct().ToArray(), StringSplitOptions.RemoveEmptyEntries);

    // The words appear in a row.
    private static bool Contains(string[] words, string[] run) =>
        Enumerable.Range(0, Math.Max(0, words.Length - run.Length + 1)).Any(i => run.Select((w, k) => words[i + k] == w).All(x => x));
}
