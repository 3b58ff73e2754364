using GoModLens.ModFile.GoSum;
using GoModLens.Protocol;
using GoModLens.Server.Features.GoMod;
using GoModLens.Server.Tests.Infrastructure;
using GoModLens.TestUtilities;
using GoModLens.TestUtilities.SumDb;
using static GoModLens.Server.Tests.GoMod.GoModProtocolTests;

namespace GoModLens.Server.Tests.GoMod;

/// <summary>go.sum "/go.mod" lines are checked against the .mod bytes the GOPROXY serves (go's checkModSum).</summary>
public sealed class GoModGoSumVerificationTests
{
    [SkippableFact]
    public async Task A_tampered_go_mod_hash_gets_GML1508_with_go_SECURITY_ERROR_text_and_a_correct_one_none()
    {
        var proxyUri = GoModTestEnvironment.FileProxy();
        var tree = new Uri(proxyUri).LocalPath;
        var env = new GoModTestEnvironment(proxyUri);
        var barHash = DirHash.HashGoMod(File.ReadAllBytes(Path.Combine(tree, "example.com", "bar", "@v", "v0.2.0.mod")));
        var fooHash = DirHash.HashGoMod(File.ReadAllBytes(Path.Combine(tree, "example.com", "foo", "@v", "v1.0.0.mod")));
        const string Tampered = "h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
        Assert.NotEqual(Tampered, fooHash);
        var sum = $"example.com/bar v0.2.0/go.mod {barHash}\nexample.com/foo v1.0.0/go.mod {Tampered}\n";
        await using var session = await GoSumSession.OpenAsync(env, TwoRequires, sum, "GML1508");
        var (lsp, published) = (session.Lsp, session.Published);

        var mismatch = Assert.Single(published.Diagnostics);
        Assert.Equal("GML1508", Code(mismatch));
        Assert.Equal(DiagnosticSeverity.Error, mismatch.Severity);
        Assert.Equal(1, mismatch.Range.Start.Line);
        Assert.Equal(sum.Split('\n')[1].IndexOf("h1:", StringComparison.Ordinal), mismatch.Range.Start.Character);
        Assert.Contains("verifying example.com/foo@v1.0.0/go.mod: checksum mismatch", mismatch.Message, StringComparison.Ordinal);
        Assert.Contains("\tdownloaded: " + fooHash, mismatch.Message, StringComparison.Ordinal);
        Assert.Contains("\tgo.sum:     " + Tampered, mismatch.Message, StringComparison.Ordinal);
        Assert.Contains("SECURITY ERROR\nThis download does NOT match an earlier download recorded in go.sum.", mismatch.Message, StringComparison.Ordinal);

        // The oracle: go 1.26 refuses the same line with the same text.
        var go = GoDownloadFoo(env, proxyUri, "off");
        Assert.NotEqual(0, go.ExitCode);
        var goText = go.Stderr.Replace("\r", "", StringComparison.Ordinal);
        Assert.Contains("verifying example.com/foo@v1.0.0/go.mod: checksum mismatch", goText, StringComparison.Ordinal);
        Assert.Contains("\tdownloaded: " + fooHash, goText, StringComparison.Ordinal);
        Assert.Contains("SECURITY ERROR", goText, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_GONOSUMDB_modules_zip_line_is_checked_against_its_proxys_zip_and_a_public_ones_is_not()
    {
        var proxyUri = GoModTestEnvironment.FileProxy();
        var env = new GoModTestEnvironment(proxyUri);
        env.Environment["GONOSUMDB"] = "example.com/foo";
        const string Tampered = "h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
        var sum = $"example.com/bar v0.2.0 {Tampered}\nexample.com/foo v1.0.0 {Tampered}\n";
        await using var session = await GoSumSession.OpenAsync(env, TwoRequires, sum, "GML1510");
        var (lsp, published) = (session.Lsp, session.Published);

        // foo's zip comes from the proxy and differs; bar is the checksum database's to vouch for: not downloaded.
        var mismatch = Assert.Single(published.Diagnostics);
        Assert.Equal(1, mismatch.Range.Start.Line);
        var served = DirHash.HashZip(File.OpenRead(Path.Combine(new Uri(proxyUri).LocalPath, "example.com", "foo", "@v", "v1.0.0.zip")));
        Assert.Contains($"verifying example.com/foo@v1.0.0: checksum mismatch\n\tdownloaded: {served}\n\tgo.sum:     {Tampered}", mismatch.Message, StringComparison.Ordinal);
        var hover = (await lsp.HoverAsync(env.GoSumUri, 1, 30))!.Contents.Value;
        Assert.Contains($"the zip go downloads from `{proxyUri}/example.com/foo/@v/v1.0.0.zip` hashes to `{served}`", hover, StringComparison.Ordinal);
        Assert.DoesNotContain("downloads from", (await lsp.HoverAsync(env.GoSumUri, 0, 30))!.Contents.Value, StringComparison.Ordinal);

        // The oracle: go 1.26, on a machine without the module, refuses foo's line with the same hashes.
        var go = GoDownloadFoo(env, proxyUri, "off", gonosumdb: "example.com/foo");
        Assert.Contains($"verifying example.com/foo@v1.0.0: checksum mismatch\n\tdownloaded: {served}\n\tgo.sum:     {Tampered}", go.Stderr.Replace("\r", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_public_modules_zip_line_is_checked_against_the_checksum_database_record()
    {
        GoOracle.Require();
        var proxyUri = GoModTestEnvironment.FileProxy();
        using var db = new SumDbServer(new Uri(proxyUri).LocalPath);
        var env = new GoModTestEnvironment(proxyUri);
        env.Environment["GOSUMDB"] = db.GoSumDb();
        const string Tampered = "h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
        var sum = $"example.com/foo v1.0.0 {Tampered}\n";
        await using var session = await GoSumSession.OpenAsync(env, "module example.com/app\n\ngo 1.22\n\nrequire example.com/foo v1.0.0\n", sum, "GML1510");
        var (lsp, published) = (session.Lsp, session.Published);

        // The database's verified record says what every proxy serves: one lookup, no zip download.
        var mismatch = Assert.Single(published.Diagnostics);
        var served = DirHash.HashZip(File.OpenRead(Path.Combine(new Uri(proxyUri).LocalPath, "example.com", "foo", "@v", "v1.0.0.zip")));
        Assert.Contains($"verifying example.com/foo@v1.0.0: checksum mismatch\n\tdownloaded: {served}\n\tgo.sum:     {Tampered}", mismatch.Message, StringComparison.Ordinal);
        var hover = (await lsp.HoverAsync(env.GoSumUri, 0, 30))!.Contents.Value;
        Assert.Contains($"the zip the checksum database `sumdb.test` records (what every proxy serves) hashes to `{served}`", hover, StringComparison.Ordinal);
        Assert.Contains("/lookup/example.com/foo@v1.0.0", db.Requests);

        // The oracle: go 1.26, on a machine without the module, refuses the line with the same hashes.
        var go = GoDownloadFoo(env, proxyUri, db.GoSumDb());
        Assert.Contains($"verifying example.com/foo@v1.0.0: checksum mismatch\n\tdownloaded: {served}\n\tgo.sum:     {Tampered}", go.Stderr.Replace("\r", "", StringComparison.Ordinal), StringComparison.Ordinal);

        // The quick fix takes the database's verified record; go then downloads the module with that go.sum.
        var fix = Assert.Single(await CodeActionsAsync(lsp, env.GoSumUri, mismatch), a => a.Title.StartsWith("Use the hash the checksum database sumdb.test records", StringComparison.Ordinal));
        var repaired = Apply(sum, Assert.Single(fix.Edit!.Changes![env.GoSumUri]));
        Assert.Equal($"example.com/foo v1.0.0 {served}\n", repaired);
        File.WriteAllText(Path.Combine(env.Project, "go.sum"), repaired);
        Directory.Delete(Path.Combine(env.Root, "go-modcache"), recursive: true); // still a machine without the module
        var accepted = GoDownloadFoo(env, proxyUri, db.GoSumDb());
        Assert.True(accepted.ExitCode == 0, accepted.Stderr);
    }

    /// <summary>
    /// A bad merge broke both lines of a public module, or a go.sum has only its /go.mod line, wrong: every wrong line
    /// takes the checksum database's verified record (one lookup), and go 1.26 accepts the result.
    /// </summary>
    [SkippableTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Wrong_lines_take_the_checksum_database_s_record_and_go_accepts_the_result(bool withModuleLine)
    {
        GoOracle.Require();
        var proxyUri = GoModTestEnvironment.FileProxy();
        var tree = new Uri(proxyUri).LocalPath;
        using var db = new SumDbServer(tree);
        var env = new GoModTestEnvironment(proxyUri);
        env.Environment["GOSUMDB"] = db.GoSumDb();
        const string Tampered = "h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
        var sum = (withModuleLine ? $"example.com/foo v1.0.0 {Tampered}\n" : "") + $"example.com/foo v1.0.0/go.mod {Tampered}\n";
        var wrong = withModuleLine ? 2 : 1;
        await using var session = await GoSumSession.OpenAsync(env, "module example.com/app\n\ngo 1.22\n\nrequire example.com/foo v1.0.0\n", sum, withModuleLine ? "GML1510" : "GML1508");
        var lsp = session.Lsp;
        bool All(PublishDiagnosticsParams p) => p.Diagnostics.Count(d => Code(d) is "GML1508" or "GML1510") == wrong;
        var published = All(session.Published) ? session.Published : await WaitForAsync(lsp, env.GoSumUri, All);

        var text = sum;
        foreach (var diagnostic in published.Diagnostics.OrderByDescending(d => d.Range.Start.Line)) // later lines first: earlier offsets stay valid
        {
            var fix = Assert.Single(await CodeActionsAsync(lsp, env.GoSumUri, diagnostic), a => a.Title.StartsWith("Use the hash the checksum database", StringComparison.Ordinal));
            text = Apply(text, Assert.Single(fix.Edit!.Changes![env.GoSumUri]));
        }

        Assert.Single(db.Requests, r => r == "/lookup/example.com/foo@v1.0.0"); // every line from one verified record
        var goModHash = DirHash.HashGoMod(File.ReadAllBytes(Path.Combine(tree, "example.com", "foo", "@v", "v1.0.0.mod")));
        Assert.Contains($"example.com/foo v1.0.0/go.mod {goModHash}\n", text, StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(env.Project, "go.sum"), text);
        var go = GoDownloadFoo(env, proxyUri, db.GoSumDb());
        Assert.True(go.ExitCode == 0, go.Stderr);
    }

    [SkippableFact]
    public async Task In_a_workspace_go_work_sum_settles_a_version_and_any_other_modules_wrong_line_is_go_s_mismatch()
    {
        var proxyUri = GoModTestEnvironment.FileProxy();
        var tree = new Uri(proxyUri).LocalPath;
        var env = new GoModTestEnvironment(proxyUri);
        env.Environment["GOFLAGS"] = ""; // workspace mode takes no -mod=mod
        string Hash(string module, string version) => DirHash.HashGoMod(File.ReadAllBytes(Path.Combine(tree, "example.com", module, "@v", version + ".mod")));
        const string Tampered = "h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
        var lib = Directory.CreateDirectory(Path.Combine(env.Root, "lib")).FullName;
        File.WriteAllText(Path.Combine(env.Root, "go.work"), "go 1.22\n\nuse (\n\t./project\n\t./lib\n)\n");
        // foo: go.work.sum has the right line, so project's wrong one is never read. bar: project's go.sum is right,
        // lib's is not, and go reads every workspace module's go.sum.
        File.WriteAllText(Path.Combine(env.Root, "go.work.sum"), $"example.com/foo v1.0.0/go.mod {Hash("foo", "v1.0.0")}\n");
        var projectSum = $"example.com/bar v0.2.0/go.mod {Hash("bar", "v0.2.0")}\nexample.com/foo v1.0.0/go.mod {Tampered}\n";
        File.WriteAllText(Path.Combine(env.Project, "go.mod"), TwoRequires);
        File.WriteAllText(Path.Combine(env.Project, "go.sum"), projectSum);
        var libSum = $"example.com/bar v0.2.0/go.mod {Tampered}\n";
        File.WriteAllText(Path.Combine(lib, "go.mod"), "module example.com/lib\n\ngo 1.22\n\nrequire example.com/bar v0.2.0\n");
        File.WriteAllText(Path.Combine(lib, "go.sum"), libSum);
        var libSumPath = Path.Combine(lib, "go.sum");

        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client, initializationOptions: new { mirrors = new { @public = false } });
        var libSumUri = new Uri(libSumPath).AbsoluteUri;
        await lsp.OpenAsync(libSumUri, libSum, languageId: "go.sum");
        var published = await WaitForAsync(lsp, libSumUri, p => p.Diagnostics.Any(d => Code(d) == "GML1508"));
        var mismatch = Assert.Single(published.Diagnostics);
        Assert.Contains($"verifying example.com/bar@v0.2.0/go.mod: checksum mismatch\n\tdownloaded: {Hash("bar", "v0.2.0")}\n\t{libSumPath}:     {Tampered}", mismatch.Message, StringComparison.Ordinal);

        // The project's go.sum: its wrong foo line is settled by go.work.sum, its bar line is right.
        await lsp.OpenAsync(env.GoSumUri, projectSum, languageId: "go.sum");
        await lsp.Server.Diagnostics.WhenIdleAsync();
        var onProject = await WaitForAsync(lsp, env.GoSumUri, _ => true);
        Assert.Empty(onProject.Diagnostics);

        // The go.mod: no missing-sum error in workspace mode; the hover on bar names lib's go.sum as go does.
        await lsp.OpenAsync(env.GoModUri, TwoRequires);
        await lsp.Server.Diagnostics.WhenIdleAsync();
        var hover = (await lsp.HoverAsync(env.GoModUri, 5, 5))!.Contents.Value;
        Assert.Contains("go.work.sum and the workspace's go.sum files: `/go.mod` hash ✓", hover, StringComparison.Ordinal);
        Assert.Contains($"\t{libSumPath}:     {Tampered}", hover, StringComparison.Ordinal);
        Assert.Contains("✓ verified", (await lsp.HoverAsync(env.GoModUri, 6, 5))!.Contents.Value, StringComparison.Ordinal);

        // go.work.sum opened, with a wrong foo line typed in: it is checked for every workspace module's requires.
        var workSumUri = new Uri(Path.Combine(env.Root, "go.work.sum")).AbsoluteUri;
        await lsp.OpenAsync(workSumUri, $"example.com/foo v1.0.0/go.mod {Tampered}\n", languageId: "go.sum");
        var onWorkSum = await WaitForAsync(lsp, workSumUri, p => p.Diagnostics.Any(d => Code(d) == "GML1508"));
        Assert.Contains($"\tdownloaded: {Hash("foo", "v1.0.0")}\n\tgo.work.sum:     {Tampered}", Assert.Single(onWorkSum.Diagnostics).Message, StringComparison.Ordinal);

        // The oracle: go 1.26 in the project, in workspace mode, stops at lib's line with the same text.
        GoOracle.Require();
        var goEnv = GoOracle.BaseEnvironment().ToDictionary(e => e.Key, e => (string?)e.Value);
        (goEnv["GOPROXY"], goEnv["GOFLAGS"], goEnv["GOMODCACHE"]) = (proxyUri, "", Path.Combine(env.Root, "go-modcache"));
        var go = GoOracle.Run(env.Project, goEnv, "list", "-m", "all");
        var goLines = mismatch.Message[mismatch.Message.IndexOf("verifying ", StringComparison.Ordinal)..].Split("\n\n")[0];
        Assert.Contains(goLines, go.Stderr.Replace("\r", "", StringComparison.Ordinal), StringComparison.Ordinal);

        // lib's go.sum closed, then fixed on disk (go mod download there): the next analysis reads it at once, not a
        // copy the workspace read before.
        await lsp.NotifyAsync("textDocument/didClose", new DidCloseTextDocumentParams(new TextDocumentIdentifier(libSumUri)));
        File.WriteAllText(libSumPath, $"example.com/bar v0.2.0/go.mod {Hash("bar", "v0.2.0")}\n");
        await lsp.NotifyAsync("workspace/didChangeWatchedFiles", new DidChangeWatchedFilesParams([new FileEvent(libSumUri, FileChangeType.Changed)]));
        await lsp.SyncAsync();
        await lsp.Server.Diagnostics.WhenIdleAsync();
        Assert.Contains("✓ verified", (await lsp.HoverAsync(env.GoModUri, 5, 5))!.Contents.Value, StringComparison.Ordinal);
    }

    private const string TwoRequires = "module example.com/app\n\ngo 1.22\n\nrequire (\n\texample.com/bar v0.2.0\n\texample.com/foo v1.0.0\n)\n";

    /// <summary>go 1.26's <c>go mod download example.com/foo</c> in the project, on a machine without the module.</summary>
    private static GoResult GoDownloadFoo(GoModTestEnvironment env, string proxyUri, string gosumdb, string gonosumdb = "")
    {
        GoOracle.Require();
        var goEnv = GoOracle.BaseEnvironment().ToDictionary(e => e.Key, e => (string?)e.Value);
        (goEnv["GOPROXY"], goEnv["GOSUMDB"], goEnv["GONOSUMDB"], goEnv["GOFLAGS"]) = (proxyUri, gosumdb, gonosumdb, "-mod=mod -modcacherw");
        (goEnv["GOMODCACHE"], goEnv["GOPATH"]) = (Path.Combine(env.Root, "go-modcache"), Path.Combine(env.Root, "gopath"));
        return GoOracle.Run(env.Project, goEnv, "mod", "download", "example.com/foo");
    }

    /// <summary>A server with the project's go.mod and go.sum written, the go.sum open, and its first diagnostics with <c>code</c>.</summary>
    private sealed class GoSumSession : IAsyncDisposable
    {
        private readonly GoModAnalyzer _analyzer;

        private GoSumSession(GoModAnalyzer analyzer, LspTestHarness lsp, PublishDiagnosticsParams published) => (_analyzer, Lsp, Published) = (analyzer, lsp, published);

        public LspTestHarness Lsp { get; }

        public PublishDiagnosticsParams Published { get; }

        public static async Task<GoSumSession> OpenAsync(GoModTestEnvironment env, string goMod, string sum, string code)
        {
            File.WriteAllText(Path.Combine(env.Project, "go.mod"), goMod);
            File.WriteAllText(Path.Combine(env.Project, "go.sum"), sum);
            var analyzer = env.CreateAnalyzer();
            var lsp = await LspTestHarness.StartAsync(analyzer, s_client, initializationOptions: new { mirrors = new { @public = false } });
            try
            {
                await lsp.OpenAsync(env.GoSumUri, sum, languageId: "go.sum");
                return new GoSumSession(analyzer, lsp, await WaitForAsync(lsp, env.GoSumUri, p => p.Diagnostics.Any(d => Code(d) == code)));
            }
            catch
            {
                await lsp.DisposeAsync();
                analyzer.Dispose();
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            await Lsp.DisposeAsync();
            _analyzer.Dispose();
        }
    }
}
