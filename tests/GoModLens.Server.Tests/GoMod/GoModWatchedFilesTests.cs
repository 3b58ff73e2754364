using System.Text.Json;
using GoModLens.Protocol;
using GoModLens.Server.Tests.Infrastructure;
using static GoModLens.Server.Tests.GoMod.GoModProtocolTests;

namespace GoModLens.Server.Tests.GoMod;

/// <summary>The GOENV file is watched through client/registerCapability; a change re-analyses with the new environment.</summary>
public sealed class GoModWatchedFilesTests
{
    private const string App = "module example.com/app\n\ngo 1.22\n\nrequire example.com/foo v1.0.0\n";

    [Fact]
    public async Task GOENV_file_is_registered_as_a_relative_pattern_and_go_env_w_in_a_terminal_re_analyses()
    {
        var proxy = GoModTestEnvironment.FileProxy();
        var env = new GoModTestEnvironment(proxy);
        env.Environment.Remove("GOPROXY"); // the GOENV file decides, as after `go env -w GOPROXY=…`
        Directory.CreateDirectory(Path.GetDirectoryName(env.GoEnvFile)!);
        File.WriteAllText(env.GoEnvFile, "GOPROXY=" + proxy + "\n");
        using var analyzer = env.CreateAnalyzer();
        var capabilities = s_client with
        {
            Workspace = new WorkspaceClientCapabilities { DidChangeWatchedFiles = new DidChangeWatchedFilesClientCapabilities(DynamicRegistration: true, RelativePatternSupport: true) },
        };
        await using var lsp = await LspTestHarness.StartAsync(analyzer, capabilities);
        await lsp.OpenAsync(env.GoModUri, App);
        await WaitForAsync(lsp, env.GoModUri, p => p.Diagnostics.Any(d => Code(d) == "GML2009"));

        var watchers = lsp.Registrations.SelectMany(r => r.GetProperty("registrations").EnumerateArray())
            .Where(r => r.GetProperty("method").GetString() == "workspace/didChangeWatchedFiles")
            .SelectMany(r => r.GetProperty("registerOptions").GetProperty("watchers").EnumerateArray())
            .Select(w => w.GetProperty("globPattern"))
            .ToList();
        Assert.Contains(watchers, w => w.ValueKind == JsonValueKind.String && w.GetString() == "**/*.sum"); // go.sum, go.work.sum, tools.sum
        Assert.Contains(watchers, w => w.ValueKind == JsonValueKind.String && w.GetString() == "**/go.work");
        Assert.Contains(watchers, w => w.ValueKind == JsonValueKind.String && w.GetString() == "**/vendor/modules.txt");
        var goEnv = Assert.Single(watchers, w => w.ValueKind == JsonValueKind.Object);
        Assert.Equal(new Uri(Path.GetDirectoryName(env.GoEnvFile)!).AbsoluteUri, goEnv.GetProperty("baseUri").GetString());
        Assert.Equal("env", goEnv.GetProperty("pattern").GetString());

        // `go env -w GOPROXY=off` in a terminal, then the client's file event.
        File.WriteAllText(env.GoEnvFile, "GOPROXY=off\n");
        await lsp.NotifyAsync("workspace/didChangeWatchedFiles", new DidChangeWatchedFilesParams([new FileEvent(new Uri(env.GoEnvFile).AbsoluteUri, FileChangeType.Changed)]));
        var after = await WaitForAsync(lsp, env.GoModUri, p => p.Diagnostics.Any(d => Code(d) == "GML3008"));

        Assert.Contains("disabled", after.Diagnostics.Single(d => Code(d) == "GML3008").Message, StringComparison.Ordinal);
        Assert.Contains(lsp.Status, s => s.GetProperty("goproxy").GetString() == "off" && s.GetProperty("source").GetString()!.StartsWith("go env -w", StringComparison.Ordinal));
    }
}
