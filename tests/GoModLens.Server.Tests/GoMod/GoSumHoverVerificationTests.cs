using GoModLens.ModFile.GoSum;
using GoModLens.Protocol;
using GoModLens.Server.Tests.Infrastructure;
using GoModLens.TestUtilities.FakeProxy;
using static GoModLens.Server.Tests.GoMod.GoModProtocolTests;

namespace GoModLens.Server.Tests.GoMod;

/// <summary>go.sum and go.mod hovers say what GoModLens verified: the .mod it fetched (source, age, verdict) and the module cache's .ziphash.</summary>
public sealed class GoSumHoverVerificationTests
{
    private const string Tampered = "h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
    private const string ZipHashA = "h1:ZipHashAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
    private const string ZipHashB = "h1:ZipHashBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB=";

    [Fact]
    public async Task Go_mod_lines_show_verified_with_source_and_age_or_the_mismatch_with_go_SECURITY_ERROR_text()
    {
        var proxyUri = GoModTestEnvironment.FileProxy();
        var tree = new Uri(proxyUri).LocalPath;
        var env = new GoModTestEnvironment(proxyUri);
        var barHash = DirHash.HashGoMod(File.ReadAllBytes(Path.Combine(tree, "example.com", "bar", "@v", "v0.2.0.mod")));
        var fooHash = DirHash.HashGoMod(File.ReadAllBytes(Path.Combine(tree, "example.com", "foo", "@v", "v1.0.0.mod")));
        File.WriteAllText(Path.Combine(env.Project, "go.mod"),
            "module example.com/app\n\ngo 1.22\n\nrequire (\n\texample.com/bar v0.2.0\n\texample.com/foo v1.0.0\n)\n");
        var sum = $"example.com/bar v0.2.0/go.mod {barHash}\nexample.com/foo v1.0.0/go.mod {Tampered}\nexample.com/foo v1.1.0/go.mod {fooHash}\n";
        File.WriteAllText(Path.Combine(env.Project, "go.sum"), sum);
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client, initializationOptions: new { mirrors = new { @public = false } });

        await lsp.OpenAsync(env.GoSumUri, sum, languageId: "go.sum");
        await WaitForAsync(lsp, env.GoSumUri, p => p.Diagnostics.Any(d => Code(d) == "GML1508"));

        // go.sum opened alone: no resolution report, but the single GOPROXY entry is the only one that could answer.
        var verified = await HoverTextAsync(lsp, env.GoSumUri, 0);
        Assert.Contains($"✓ verified: h1 of the `.mod` from `{proxyUri}", verified, StringComparison.Ordinal);
        Assert.Matches(@"matches \(checked \d+ s ago\)", verified);
        Assert.Contains("pkg.go.dev/example.com/bar@v0.2.0", verified, StringComparison.Ordinal);

        var mismatch = await HoverTextAsync(lsp, env.GoSumUri, 1);
        Assert.Contains($"✗ **checksum mismatch**: the `.mod` from `{proxyUri}", mismatch, StringComparison.Ordinal);
        Assert.Contains($"hashes to `{fooHash}`", mismatch, StringComparison.Ordinal);
        Assert.Contains($"verifying example.com/foo@v1.0.0/go.mod: checksum mismatch\n\tdownloaded: {fooHash}\n\tgo.sum:     {Tampered}", mismatch, StringComparison.Ordinal);
        Assert.Contains("SECURITY ERROR\nThis download does NOT match an earlier download recorded in go.sum.", mismatch, StringComparison.Ordinal);
        Assert.DoesNotContain("✓ verified", mismatch, StringComparison.Ordinal);

        // Not a require of the go.mod: GoModLens does not fetch it, and says so instead of "not yet".
        var notRequired = await HoverTextAsync(lsp, env.GoSumUri, 2);
        Assert.Contains("Not checked: GoModLens verifies the `/go.mod` lines of the go.mod's requires", notRequired, StringComparison.Ordinal);

        // The verdict follows the go.sum being hovered: fixing the hash turns the mismatch into verified without a refetch.
        var fixedSum = sum.Replace(Tampered, fooHash, StringComparison.Ordinal);
        await lsp.ChangeAsync(env.GoSumUri, 2, new TextDocumentContentChangeEvent(fixedSum));
        await lsp.SyncAsync();
        Assert.Contains("✓ verified: h1 of the `.mod`", await HoverTextAsync(lsp, env.GoSumUri, 1), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Before_the_fetch_ends_the_hover_says_not_checked_yet_and_a_private_module_never_goes_to_a_proxy()
    {
        await using var proxy = await FakeModuleProxy.StartAsync();
        var env = new GoModTestEnvironment(proxy.Url("hang"), goPrivate: "private.example");
        File.WriteAllText(Path.Combine(env.Project, "go.mod"),
            "module example.com/app\n\ngo 1.22\n\nrequire (\n\texample.com/foo v1.0.0\n\tprivate.example/lib v1.0.0\n)\n");
        var sum = $"example.com/foo v1.0.0/go.mod {Tampered}\nprivate.example/lib v1.0.0/go.mod {Tampered}\n";
        File.WriteAllText(Path.Combine(env.Project, "go.sum"), sum);
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client,
            initializationOptions: new { mirrors = new { @public = false }, timeouts = new { totalMs = 20000, firstByteMs = 15000 } });

        await lsp.OpenAsync(env.GoSumUri, sum, languageId: "go.sum");
        await lsp.NextDiagnosticsAsync(env.GoSumUri);
        await UntilAsync(() => proxy.Requests.Any(r => r.Path.Contains("example.com/foo", StringComparison.Ordinal)));

        var pending = await HoverTextAsync(lsp, env.GoSumUri, 0);
        Assert.Contains("Not checked yet: the `.mod` is fetched in the background.", pending, StringComparison.Ordinal);

        // Its go.mod comes from its repository (git), never a proxy; this one has no repository anywhere. Its lookup
        // runs beside foo's, and may still be running under load when foo's request arrives.
        var privateLine = await GoModTestEnvironment.UntilAsync(() => HoverTextAsync(lsp, env.GoSumUri, 1).GetAwaiter().GetResult(),
            t => !t.Contains("Not checked yet", StringComparison.Ordinal));
        Assert.Contains("Not checked: git did not give this version's go.mod (the go.mod require's diagnostic says why).", privateLine, StringComparison.Ordinal);
        Assert.DoesNotContain("pkg.go.dev", privateLine, StringComparison.Ordinal);
        Assert.DoesNotContain(proxy.Requests, r => r.Path.Contains("private.example", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Zip_lines_compare_with_the_module_cache_ziphash_and_say_who_checks_them_without_one()
    {
        var env = new GoModTestEnvironment(GoModTestEnvironment.FileProxy());
        env.WriteModuleCache("example.com/bar", "v0.2.0", ".ziphash", System.Text.Encoding.UTF8.GetBytes(ZipHashA + "\n"));
        env.WriteModuleCache("example.com/Upper/Case", "v1.0.0", ".ziphash", System.Text.Encoding.UTF8.GetBytes(ZipHashA));
        File.WriteAllText(Path.Combine(env.Project, "go.mod"), "module example.com/app\n\ngo 1.22\n");
        var sum = $"example.com/bar v0.2.0 {ZipHashA}\nexample.com/Upper/Case v1.0.0 {ZipHashB}\nexample.com/foo v1.0.0 {ZipHashA}\n";
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client, initializationOptions: new { network = new { enabled = false } });
        await lsp.OpenAsync(env.GoSumUri, sum, languageId: "go.sum");

        var verified = await HoverTextAsync(lsp, env.GoSumUri, 0);
        Assert.Contains("✓ verified: matches go's h1 of the downloaded zip in the module cache (`.ziphash`)", verified, StringComparison.Ordinal);

        // The cache path is escaped as go escapes it (Upper → !upper).
        var mismatch = await HoverTextAsync(lsp, env.GoSumUri, 1);
        Assert.Contains($"✗ **checksum mismatch**: the module cache's `.ziphash` holds `{ZipHashA}`", mismatch, StringComparison.Ordinal);
        Assert.Contains($"verifying example.com/Upper/Case@v1.0.0: checksum mismatch\n\tdownloaded: {ZipHashA}\n\tgo.sum:     {ZipHashB}", mismatch, StringComparison.Ordinal);
        Assert.Contains("SECURITY ERROR", mismatch, StringComparison.Ordinal);

        var notChecked = await HoverTextAsync(lsp, env.GoSumUri, 2);
        Assert.Contains("The zip hash is checked by `go mod download` / `go mod verify`: the checksum database gave no record of it here", notChecked, StringComparison.Ordinal);
        Assert.DoesNotContain("verified", notChecked, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_go_mod_require_hover_adds_the_verification_result_once_known()
    {
        var proxyUri = GoModTestEnvironment.FileProxy();
        var tree = new Uri(proxyUri).LocalPath;
        var env = new GoModTestEnvironment(proxyUri);
        var fooHash = DirHash.HashGoMod(File.ReadAllBytes(Path.Combine(tree, "example.com", "foo", "@v", "v1.0.0.mod")));
        env.WriteModuleCache("example.com/foo", "v1.0.0", ".ziphash", System.Text.Encoding.UTF8.GetBytes(ZipHashA));
        const string App = "module example.com/app\n\ngo 1.22\n\nrequire (\n\texample.com/foo v1.0.0\n\texample.com/bar v0.2.0\n)\n";
        File.WriteAllText(Path.Combine(env.Project, "go.mod"), App);
        File.WriteAllText(Path.Combine(env.Project, "go.sum"),
            $"example.com/foo v1.0.0 {ZipHashA}\nexample.com/foo v1.0.0/go.mod {fooHash}\nexample.com/bar v0.2.0/go.mod {Tampered}\n");
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client, initializationOptions: new { mirrors = new { @public = false } });

        await lsp.OpenAsync(env.GoModUri, App);
        var foo = await GoModTestEnvironment.UntilAsync(() => HoverTextAsync(lsp, env.GoModUri, 5).GetAwaiter().GetResult(),
            t => t.Contains("go.sum `/go.mod` line:", StringComparison.Ordinal));
        Assert.Contains("go.sum: `/go.mod` hash ✓ · module hash ✓", foo, StringComparison.Ordinal);
        // With the go.mod resolved, the source is the entry that answered the resolver.
        Assert.Contains($"go.sum `/go.mod` line: ✓ verified: h1 of the `.mod` from `{proxyUri}", foo, StringComparison.Ordinal);
        Assert.Contains("go.sum module hash: ✓ verified: matches go's h1 of the downloaded zip", foo, StringComparison.Ordinal);

        var bar = await GoModTestEnvironment.UntilAsync(() => HoverTextAsync(lsp, env.GoModUri, 6).GetAwaiter().GetResult(),
            t => t.Contains("go.sum `/go.mod` line:", StringComparison.Ordinal));
        Assert.Contains("go.sum `/go.mod` line: ✗ **checksum mismatch**", bar, StringComparison.Ordinal);
        Assert.Contains("SECURITY ERROR", bar, StringComparison.Ordinal);
        Assert.DoesNotContain("go.sum module hash:", bar, StringComparison.Ordinal);
    }

    internal static async Task<string> HoverTextAsync(LspTestHarness lsp, string uri, int line) =>
        (await lsp.HoverAsync(uri, line, 3))?.Contents.Value ?? "";

    private static Task<bool> UntilAsync(Func<bool> done) => GoModTestEnvironment.UntilAsync(done, d => d);
}
