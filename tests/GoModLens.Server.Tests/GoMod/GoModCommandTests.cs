using System.Text.Json;
using GoModLens.Server.Configuration;
using GoModLens.Server.Features.GoMod;
using GoModLens.Server.Tests.Infrastructure;
using GoModLens.TestUtilities;
using GoModLens.TestUtilities.FakeProxy;

namespace GoModLens.Server.Tests.GoMod;

public sealed class GoModCommandTests
{
    private const string InitialGoEnv = "# written by hand\nGOPRIVATE=x.example\nGOPROXY=https://old.example\nGOPROXY=https://dup.example\n";

    /// <summary>Arguments a client got wrong are InvalidParams with the reason, not an internal error with a stack trace in the log.</summary>
    [Fact]
    public async Task Go_env_commands_refuse_missing_values_and_keys_they_do_not_set_as_invalid_params()
    {
        var env = new GoModTestEnvironment("off");
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer);

        await GoModProtocolTests.AssertRefusedAsync(lsp, "gomodlens.setGoEnv", "setGoEnv does not set PATH", "PATH", "/tmp");
        await GoModProtocolTests.AssertRefusedAsync(lsp, "gomodlens.setGoEnv", "setGoEnv needs a key and a value", "GOSUMDB");
        await GoModProtocolTests.AssertRefusedAsync(lsp, "gomodlens.setGoproxy", "setGoproxy needs a value");
        await GoModProtocolTests.AssertRefusedAsync(lsp, "gomodlens.addGoPrivate", "addGoPrivate needs a pattern");
        Assert.False(File.Exists(env.GoEnvFile));
    }

    [SkippableFact]
    public async Task SetGoproxy_previews_without_confirm_and_writes_the_temp_GOENV_exactly_like_go_env_w()
    {
        GoOracle.Require();
        var env = new GoModTestEnvironment("off");
        Directory.CreateDirectory(Path.GetDirectoryName(env.GoEnvFile)!);
        File.WriteAllText(env.GoEnvFile, InitialGoEnv);
        env.Environment.Remove("GOPROXY");
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer);

        var preview = await lsp.RequestAsync<JsonElement>("workspace/executeCommand",
            new { command = "gomodlens.setGoproxy", arguments = new object[] { "https://goproxy.cn,direct", "goenv" } });
        Assert.Equal(InitialGoEnv, File.ReadAllText(env.GoEnvFile));
        Assert.Equal(env.GoEnvFile, preview.GetProperty("path").GetString());
        Assert.Equal(InitialGoEnv, preview.GetProperty("before").GetString());

        var written = await lsp.RequestAsync<JsonElement>("workspace/executeCommand",
            new { command = "gomodlens.setGoproxy", arguments = new object[] { "https://goproxy.cn,direct", "goenv", true } });
        Assert.True(written.GetProperty("written").GetBoolean());
        var ours = File.ReadAllBytes(env.GoEnvFile);
        Assert.Equal(preview.GetProperty("after").GetString(), File.ReadAllText(env.GoEnvFile));

        // The oracle: the real go writes a copy of the same starting file.
        var oracleDir = GoOracle.NewScratchDir("goenvw");
        var oracleFile = Path.Combine(oracleDir, "env");
        File.WriteAllText(oracleFile, InitialGoEnv);
        var goEnv = GoOracle.BaseEnvironment().ToDictionary(kv => kv.Key, kv => (string?)kv.Value);
        goEnv["GOENV"] = oracleFile;
        goEnv["GOPROXY"] = null;
        var result = GoOracle.Run(oracleDir, goEnv, "env", "-w", "GOPROXY=https://goproxy.cn,direct");
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(File.ReadAllBytes(oracleFile), ours);

        var workspaceOnly = await lsp.RequestAsync<JsonElement>("workspace/executeCommand",
            new { command = "gomodlens.setGoproxy", arguments = new object[] { "https://m.example", "workspace", true } });
        Assert.Equal("https://m.example", workspaceOnly.GetString());
        Assert.Equal(ours, File.ReadAllBytes(env.GoEnvFile));

        // GoModLens itself now resolves through it (provenance: the editor setting); go's own file is untouched.
        var report = await lsp.RequestAsync<string>("workspace/executeCommand", new { command = "gomodlens.showEnvironment", arguments = Array.Empty<object>() });
        Assert.Contains("https://m.example", report, StringComparison.Ordinal);
        await LifecycleTests.WaitUntilAsync(() => lsp.Logs.Any(l => l.Message.StartsWith("GoModLens now uses GOPROXY=https://m.example", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Writing_GOPROXY_shows_no_credential_in_the_question_preview_or_message_and_writes_the_real_value()
    {
        var env = new GoModTestEnvironment("off");
        Directory.CreateDirectory(Path.GetDirectoryName(env.GoEnvFile)!);
        File.WriteAllText(env.GoEnvFile, "GOPROXY=https://OLD-TOKEN@corp.example/mod\n");
        env.Environment.Remove("GOPROXY");
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, GoModProtocolTests.s_client);
        const string Value = "https://user:NEW-SECRET@corp.example/mod,direct";

        var preview = await lsp.RequestAsync<JsonElement>("workspace/executeCommand",
            new { command = "gomodlens.setGoproxy", arguments = new object[] { Value, "goenv", false, true } });
        lsp.Answer = "Write";
        var written = await lsp.RequestAsync<JsonElement>("workspace/executeCommand",
            new { command = "gomodlens.setGoproxy", arguments = new object[] { Value, "goenv", false, true } });
        await lsp.RequestAsync<JsonElement>("workspace/executeCommand", new { command = "gomodlens.setGoproxy", arguments = new object[] { Value, "workspace", true } });

        var shown = string.Join("\n", new[] { preview.GetRawText(), written.GetRawText() }.Concat(lsp.Questions.Select(q => q.Message)).Concat(lsp.Logs.Select(l => l.Message)));
        Assert.Contains("https://xxxxx@corp.example/mod", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("TOKEN", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", shown, StringComparison.Ordinal);
        Assert.Equal("GOPROXY=" + Value + "\n", File.ReadAllText(env.GoEnvFile)); // go's file gets what the user chose
    }

    [Theory]
    [InlineData("GOPROXY=https://T@a.example/x,https://u:p@b.example|direct\n", "GOPROXY=https://xxxxx@a.example/x,https://xxxxx@b.example|direct\n")]
    [InlineData("go env -w GOSUMDB=\"sum.golang.org https://k@s.example\" was https://x.example", "go env -w GOSUMDB=\"sum.golang.org https://xxxxx@s.example\" was https://x.example")]
    [InlineData("mail me@example.com, no url", "mail me@example.com, no url")]
    [InlineData("ends with https://", "ends with https://")]
    public void Redaction_masks_every_url_s_userinfo_in_free_text(string text, string shown) =>
        Assert.Equal(shown, GoModLens.Analysis.Reports.Redaction.Text(text));

    [Fact]
    public async Task The_GOPRIVATE_quick_fix_asks_the_user_and_writes_only_when_they_say_write()
    {
        await using var proxy = await FakeModuleProxy.StartAsync();
        var env = new GoModTestEnvironment(proxy.Url("status/403"));
        Directory.CreateDirectory(Path.GetDirectoryName(env.GoEnvFile)!);
        File.WriteAllText(env.GoEnvFile, InitialGoEnv);
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, GoModProtocolTests.s_client);
        await lsp.OpenAsync(env.GoModUri, "module example.com/app\n\ngo 1.22\n\nrequire git.corp.example/lib v1.0.0\n");
        var published = await GoModProtocolTests.WaitForAsync(lsp, env.GoModUri, d => d.Diagnostics.Any(x => GoModProtocolTests.Code(x) == "GML3002"));
        var denied = published.Diagnostics.Single(x => GoModProtocolTests.Code(x) == "GML3002");
        var action = (await GoModProtocolTests.CodeActionsAsync(lsp, env.GoModUri, denied)).Single(a => a.Title.StartsWith("Add git.corp.example to GOPRIVATE", StringComparison.Ordinal));
        Assert.Equal("Add git.corp.example to GOPRIVATE (go env -w, asks first)", action.Title);
        var invoke = new { command = action.Command!.CommandName, arguments = action.Command.Arguments };

        // Dismissed: nothing is written.
        await lsp.RequestAsync<JsonElement>("workspace/executeCommand", invoke);
        var question = Assert.Single(lsp.Questions);
        Assert.StartsWith($"go env -w GOPRIVATE=x.example,git.corp.example: writes {env.GoEnvFile}; GOPRIVATE was x.example (set in {env.GoEnvFile} (go env -w))", question.Message, StringComparison.Ordinal);
        Assert.Equal(["Write", "Cancel"], question.Actions.Select(a => a.Title));
        Assert.Equal(InitialGoEnv, File.ReadAllText(env.GoEnvFile));

        // "Write": go env -w's rewrite, and the server re-analyses with the new value.
        lsp.Answer = "Write";
        var written = await lsp.RequestAsync<JsonElement>("workspace/executeCommand", invoke);
        Assert.True(written.GetProperty("written").GetBoolean());
        Assert.Contains("GOPRIVATE=x.example,git.corp.example\n", File.ReadAllText(env.GoEnvFile), StringComparison.Ordinal);
        Assert.Equal(2, lsp.Questions.Count);
    }

    [Fact]
    public async Task A_GOFLAGS_word_go_stops_on_shows_on_the_module_line_and_its_fix_rewrites_the_GOENV_file()
    {
        var env = new GoModTestEnvironment("off");
        env.Environment.Remove("GOFLAGS"); // the GOENV file decides, as after `go env -w GOFLAGS=…`
        Directory.CreateDirectory(Path.GetDirectoryName(env.GoEnvFile)!);
        File.WriteAllText(env.GoEnvFile, "GOPRIVATE=x.example\nGOFLAGS=-mod=mod -nosuch\n");
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, GoModProtocolTests.s_client);
        await lsp.OpenAsync(env.GoModUri, "// app\nmodule example.com/app\n\ngo 1.22\n");
        var published = await GoModProtocolTests.WaitForAsync(lsp, env.GoModUri, d => d.Diagnostics.Any(x => GoModProtocolTests.Code(x) == "GML2016"));
        var stops = published.Diagnostics.Single(x => GoModProtocolTests.Code(x) == "GML2016");
        Assert.Equal(1, stops.Range.Start.Line);
        Assert.Equal($"GOFLAGS=\"-mod=mod -nosuch\" (set in {env.GoEnvFile} (go env -w)) stops every go command but go env here\ngo: parsing $GOFLAGS: unknown flag -nosuch", stops.Message);

        var action = Assert.Single(await GoModProtocolTests.CodeActionsAsync(lsp, env.GoModUri, stops), a => a.Title.Contains("GOFLAGS", StringComparison.Ordinal));
        Assert.Equal("Remove -nosuch from GOFLAGS (go env -w, asks first)", action.Title);
        lsp.Answer = "Write";
        await lsp.RequestAsync<JsonElement>("workspace/executeCommand", new { command = action.Command!.CommandName, arguments = action.Command.Arguments });
        Assert.StartsWith($"go env -w GOFLAGS=-mod=mod: writes {env.GoEnvFile}; GOFLAGS was -mod=mod -nosuch", Assert.Single(lsp.Questions).Message, StringComparison.Ordinal);
        Assert.Equal("GOFLAGS=-mod=mod\nGOPRIVATE=x.example\n", File.ReadAllText(env.GoEnvFile)); // as go 1.26 rewrites it (sorted)
        await GoModProtocolTests.WaitForAsync(lsp, env.GoModUri, d => d.Diagnostics.All(x => GoModProtocolTests.Code(x) != "GML2016"));
    }

    [Fact]
    public async Task AddGoPrivate_appends_to_the_existing_value_and_showEnvironment_reports_provenance()
    {
        var env = new GoModTestEnvironment("off");
        Directory.CreateDirectory(Path.GetDirectoryName(env.GoEnvFile)!);
        File.WriteAllText(env.GoEnvFile, InitialGoEnv);
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer);

        await lsp.RequestAsync<JsonElement>("workspace/executeCommand",
            new { command = "gomodlens.addGoPrivate", arguments = new object[] { "git.corp.example", true } });
        Assert.Contains("GOPRIVATE=x.example,git.corp.example\n", File.ReadAllText(env.GoEnvFile), StringComparison.Ordinal);

        var report = await lsp.RequestAsync<string>("workspace/executeCommand", new { command = "gomodlens.showEnvironment", arguments = Array.Empty<object>() });
        Assert.Contains("GOPRIVATE", report, StringComparison.Ordinal);
        Assert.Contains("x.example,git.corp.example", report, StringComparison.Ordinal);
        Assert.Contains("GOPROXY", report, StringComparison.Ordinal);
    }

    [Fact]
    public void Nested_settings_from_the_contract_map_onto_server_settings()
    {
        var problems = new List<string>();
        var json = JsonDocument.Parse("""
            {"goproxy":"https://goproxy.cn","goprivate":"corp.example","mirrors":["https://m"],
             "timeouts":{"totalMs":2000,"connectMs":500,"firstByteMs":700},"concurrency":4,
             "network":{"enabled":false},"inlayHints":{"enabled":false}}
            """).RootElement;
        var s = SettingsReader.Apply(ServerSettings.Default, json, problems);
        Assert.Empty(problems);
        Assert.Equal("https://goproxy.cn", s.GoProxy);
        Assert.Equal("corp.example", s.GoPrivate);
        Assert.Equal(TimeSpan.FromSeconds(2), s.RequestTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(500), s.ConnectTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(700), s.FirstByteTimeout);
        Assert.Equal(4, s.MaxConcurrency);
        Assert.False(s.NetworkEnabled);
        Assert.False(s.InlayHintsEnabled);
        Assert.NotEqual(ServerSettings.Default, s);
    }

    [Fact]
    public void Status_names_the_proxy_in_force_and_its_source()
    {
        Assert.Equal("goproxy.cn", StatusPublisher.ShortProxy("https://goproxy.cn,direct"));
        Assert.Equal("proxy.golang.org", StatusPublisher.ShortProxy("https://proxy.golang.org/|direct"));
        Assert.Equal("off", StatusPublisher.ShortProxy("off"));
        Assert.Equal("xxxxx@corp.example/mod", StatusPublisher.ShortProxy("https://T0KEN@corp.example/mod/,direct"));
        var status = JsonSerializer.Serialize(new GoModStatus("off", "environment variable", "unknown", "off", false));
        Assert.Equal("""{"goproxy":"off","source":"environment variable","health":"unknown","text":"off","resolving":false}""", status);
    }

    [Fact]
    public async Task A_GOPROXY_credential_reaches_no_status_diagnostic_hover_or_log()
    {
        // A port bound but never listening: every connect is refused, and no other test's listener gets it meanwhile.
        using var closed = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        closed.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        var port = ((System.Net.IPEndPoint)closed.LocalEndPoint!).Port;
        var env = new GoModTestEnvironment($"https://SECRET-TOKEN@127.0.0.1:{port}|https://user:SECRET-PASSWORD@127.0.0.1:{port}");
        const string GoMod = "module example.com/app\n\ngo 1.22\n\nrequire example.com/foo v1.0.0\n";
        File.WriteAllText(Path.Combine(env.Project, "go.mod"), GoMod);
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, GoModProtocolTests.s_client, initializationOptions: new { mirrors = new { @public = false } });
        await lsp.OpenAsync(env.GoModUri, GoMod);
        var published = await GoModProtocolTests.WaitForAsync(lsp, env.GoModUri, p => p.Diagnostics.Any(d => GoModProtocolTests.Code(d) == "GML3005"));
        await lsp.Server.Diagnostics.WhenIdleAsync();
        var hover = (await lsp.HoverAsync(env.GoModUri, 4, 10))!.Contents.Value;
        var moduleHover = (await lsp.HoverAsync(env.GoModUri, 0, 10))!.Contents.Value; // the settings table
        Assert.Contains("GOPROXY", moduleHover, StringComparison.Ordinal);

        var shown = string.Join("\n", published.Diagnostics.Select(d => d.Message).Append(hover).Append(moduleHover)
            .Concat(lsp.Status.Select(st => st.GetRawText())).Concat(lsp.Logs.Select(l => l.Message)).Append(lsp.ServerLogText));
        Assert.Contains($"127.0.0.1:{port}", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", shown, StringComparison.Ordinal);
    }
}
