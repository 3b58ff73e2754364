using System.Security.Cryptography.X509Certificates;
using GoModLens.Infrastructure.Http;
using GoModLens.TestUtilities.FakeProxy;

namespace GoModLens.Analysis.Tests.Transport;

/// <summary>The note beside go's "certificate signed by unknown authority": the issuer, and the product when its name gives it away.</summary>
public sealed class UntrustedCertificateNoteTests
{
    [Theory]
    [InlineData("CN=Zscaler Root CA, O=Zscaler Inc.", "\"Zscaler Root CA (Zscaler Inc.)\": Zscaler is inspecting TLS")]
    [InlineData("CN=FortiGate CA, O=Fortinet", "\"FortiGate CA (Fortinet)\": Fortinet FortiGate is inspecting TLS")]
    [InlineData("CN=netskope.example.com, O=Example Corp", "\"netskope.example.com (Example Corp)\": Netskope is inspecting TLS")]
    [InlineData("CN=mitmproxy, O=mitmproxy", "\"mitmproxy\": mitmproxy is inspecting TLS")]
    [InlineData("CN=Acme Issuing CA 2, O=Acme Corp", "\"Acme Issuing CA 2 (Acme Corp)\", a CA this machine does not trust")]
    [InlineData("CN=Preset Labs Root", "\"Preset Labs Root\", a CA this machine does not trust")] // not ESET: whole words only
    [InlineData("O=Only An Organisation", "\"Only An Organisation\", a CA this machine does not trust")]
    public void The_issuer_and_the_product_are_named(string caSubject, string expected)
    {
        var (leaf, ca) = FakeModuleProxy.CreateIssuedCertificate(caSubject);
        using (leaf)
        using (ca)
        using (var chain = new X509Chain())
        {
            chain.ChainPolicy.ExtraStore.Add(ca);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            Assert.False(chain.Build(leaf)); // the CA is trusted nowhere

            var note = UntrustedCertificateNote.For("proxy.example", leaf, chain);

            Assert.StartsWith("the certificate for proxy.example was issued by " + expected, note, StringComparison.Ordinal);
            Assert.EndsWith("; " + UntrustedCertificateNote.TrustAdvice("that CA"), note, StringComparison.Ordinal);
            // Without the chain (the server sent only its own certificate), the leaf's issuer names the same CA.
            Assert.Equal(note, UntrustedCertificateNote.For("proxy.example", leaf, null));
        }
    }
}
