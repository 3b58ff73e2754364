using GoModLens.Protocol;
using GoModLens.Server.Tests.Infrastructure;
using GoModLens.TestUtilities;
using GoModLens.TestUtilities.FakeProxy;
using GoModLens.TestUtilities.SumDb;
using static GoModLens.Server.Tests.GoMod.GoModProtocolTests;

namespace GoModLens.Server.Tests.GoMod;

/// <summary>
/// GML3015 and GML3017 in the editor: a require go must verify against a checksum database it cannot reach, or whose
/// record differs from the go.mod the proxy serves.
/// </summary>
public sealed class GoModChecksumDatabaseTests
{
    private const string App = "module example.com/app\n\ngo 1.22\n\nrequire (\n\texample.com/foo v1.0.0\n\tcorp.example/private v1.0.0\n)\n";

    [Fact]
    public async Task A_require_missing_from_go_sum_is_an_error_when_the_database_is_unreachable_and_private_paths_are_never_looked_up()
    {
        await using var proxy = await FakeModuleProxy.StartAsync();
        var closed = LoopbackPorts.Closed();
        var env = new GoModTestEnvironment(proxy.Url("ok"), goPrivate: "corp.example");
        // sum.golang.org unreachable; its "mirror" is a real database (a test key under that name) that answers.
        using var mirror = new SumDbServer(proxy.Root, name: "sum.golang.org");
        env.Environment["GOSUMDB"] = $"{mirror.VerifierKey} http://127.0.0.1:{closed}";
        Directory.CreateDirectory(Path.GetDirectoryName(env.GoEnvFile)!);
        File.WriteAllText(env.GoEnvFile, "");
        using var analyzer = env.CreateAnalyzer(checksumDatabaseMirror: mirror.Url);
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client);

        await lsp.OpenAsync(env.GoModUri, App);
        var published = await WaitForAsync(lsp, env.GoModUri, d => d.Diagnostics.Any(x => Code(x) == "GML3015"));
        var unreachable = Assert.Single(published.Diagnostics, d => Code(d) == "GML3015");
        Assert.Equal(DiagnosticSeverity.Error, unreachable.Severity);
        Assert.Equal(5, unreachable.Range.Start.Line); // example.com/foo; corp.example/private matches GOPRIVATE
        Assert.EndsWith($"go: example.com/foo@v1.0.0: verifying go.mod: example.com/foo@v1.0.0/go.mod: Get \"http://127.0.0.1:{closed}/lookup/example.com/foo@v1.0.0\": dial tcp 127.0.0.1:{closed}: connect: connection refused",
            unreachable.Message, StringComparison.Ordinal);

        // The quick fix sets GOSUMDB to where the database answered, after asking.
        var fix = (await CodeActionsAsync(lsp, env.GoModUri, unreachable)).Single(a => a.Title.StartsWith("Set GOSUMDB=", StringComparison.Ordinal));
        Assert.Equal($"Set GOSUMDB={mirror.VerifierKey} {mirror.Url} (go env -w, asks first)", fix.Title);
        lsp.Answer = "Write";
        await lsp.RequestAsync<System.Text.Json.JsonElement>("workspace/executeCommand", new { command = fix.Command!.CommandName, arguments = fix.Command.Arguments });
        Assert.Equal($"GOSUMDB={mirror.VerifierKey} {mirror.Url}\n", File.ReadAllText(env.GoEnvFile));

        // With the go.sum line go needs, the next run asks nothing and the error is gone.
        await lsp.Server.Diagnostics.WhenIdleAsync();
        await lsp.OpenAsync(env.GoSumUri, "example.com/foo v1.0.0/go.mod h1:iu3TE1Zl+kEjzmtc5AYwUK9MnuTx4LWU8wZN+cqcNz4=\n", languageId: "go.sum");
        await lsp.ChangeAsync(env.GoModUri, 2, new TextDocumentContentChangeEvent(App + "\n"));
        var after = await WaitForAsync(lsp, env.GoModUri, d => d.Diagnostics.Any(x => Code(x) == "GML2009") && !d.Diagnostics.Any(x => Code(x) == "GML3015"));
        Assert.DoesNotContain(after.Diagnostics, d => Code(d) == "GML3015");
        Assert.DoesNotContain(proxy.Requests, r => r.Path.Contains("corp.example", StringComparison.Ordinal));
    }

    /// <summary>
    /// timeouts.totalMs bounds a checksum-database lookup as it bounds a module's proxy requests: a database that never
    /// answers is GML3015 after that budget (1 s), not after the transport's first-byte deadline (60 s here).
    /// </summary>
    [Fact]
    public async Task A_database_that_never_answers_is_a_timeout_after_the_request_timeout_setting()
    {
        await using var proxy = await FakeModuleProxy.StartAsync();
        var env = new GoModTestEnvironment(proxy.Url("ok"), goPrivate: "corp.example");
        var hang = proxy.Url("hang");
        env.Environment["GOSUMDB"] = "sum.golang.org " + hang;
        using var analyzer = env.CreateAnalyzer();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client,
            initializationOptions: new { timeouts = new { totalMs = 1000, connectMs = 1000, firstByteMs = 60000 }, mirrors = new { @public = false } });

        await lsp.OpenAsync(env.GoModUri, App);
        PublishDiagnosticsParams? published = null;
        while (published is null && watch.Elapsed < TimeSpan.FromSeconds(45))
        {
            try
            {
                var next = await lsp.NextDiagnosticsAsync(env.GoModUri);
                published = next.Diagnostics.Any(x => Code(x) == "GML3015") ? next : null;
            }
            catch (OperationCanceledException)
            {
                // A machine busy with builds (go build of a test program beside this test) can be slower than the
                // harness's wait for one publication; the deadline that matters is asserted below.
            }
        }

        Assert.True(published is not null && watch.Elapsed < TimeSpan.FromSeconds(30), $"GML3015 after {watch.Elapsed}");
        var timedOut = Assert.Single(published.Diagnostics, d => Code(d) == "GML3015");
        Assert.EndsWith($"go: example.com/foo@v1.0.0: verifying go.mod: example.com/foo@v1.0.0/go.mod: Get \"{hang}/lookup/example.com/foo@v1.0.0\": "
            + "no response within GoModLens's 1s budget (the go command has no overall timeout and would keep waiting)", timedOut.Message, StringComparison.Ordinal);
        Assert.Empty(env.Hosts.NonLoopbackHosts);
    }

    [Fact]
    public async Task A_go_mod_the_database_recorded_differently_is_go_s_security_error_on_the_version()
    {
        await using var proxy = await FakeModuleProxy.StartAsync();
        // The database recorded example.com/foo's go.mod before the proxy's copy changed.
        var recorded = GoOracle.NewScratchDir("recorded-db");
        var version = Path.Combine("example.com", "foo", "@v", "v1.0.0");
        Directory.CreateDirectory(Path.Combine(recorded, "example.com", "foo", "@v"));
        File.WriteAllText(Path.Combine(recorded, version + ".mod"), File.ReadAllText(Path.Combine(proxy.Root, version + ".mod")) + "\n// as first served\n");
        using var db = new SumDbServer(recorded);
        var env = new GoModTestEnvironment(proxy.Url("ok"), goPrivate: "corp.example");
        env.Environment["GOSUMDB"] = db.GoSumDb();
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client);

        await lsp.OpenAsync(env.GoModUri, App);
        var published = await WaitForAsync(lsp, env.GoModUri, d => d.Diagnostics.Any(x => Code(x) == "GML3017"));
        var mismatch = Assert.Single(published.Diagnostics, d => Code(d) == "GML3017");
        Assert.Equal(DiagnosticSeverity.Error, mismatch.Severity);
        Assert.Equal(5, mismatch.Range.Start.Line);
        Assert.Contains("go: example.com/foo@v1.0.0: verifying go.mod: checksum mismatch\n\tdownloaded: h1:", mismatch.Message, StringComparison.Ordinal);
        Assert.Contains("\n\tsumdb.test: h1:", mismatch.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(published.Diagnostics, d => Code(d) == "GML3015");
        Assert.DoesNotContain(db.Requests, r => r.Contains("corp.example", StringComparison.Ordinal)); // GOPRIVATE: never looked up
    }
}
