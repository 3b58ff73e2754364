using GoModLens.Analysis.Findings;
using GoModLens.Host.Commands;
using GoModLens.TestUtilities;
using GoModLens.Analysis.Tests.Transport;

namespace GoModLens.Analysis.Tests.Check;

/// <summary>
/// The go env -w fixes check prints: a pattern no wider than the account for shared hosts (and none for public projects),
/// a command a shell runs as written, and, for a variable the process environment sets, where to change it instead.
/// </summary>
public sealed class EnvironmentFixTests(FakeProxyFixture fixture) : IClassFixture<FakeProxyFixture>
{
    [Theory]
    [InlineData("github.com/acme/lib", "github.com/acme")]
    [InlineData("gitlab.com/group/sub/lib", "gitlab.com/group")]
    [InlineData("git.corp.example/team/lib", "git.corp.example")]
    [InlineData("golang.org/x/mod", null)]
    [InlineData("google.golang.org/grpc", null)]
    [InlineData("github.com", null)]
    public void The_private_pattern_is_the_account_on_a_shared_host_and_none_for_a_public_project(string path, string? pattern) =>
        Assert.Equal(pattern, FindingsBuilder.PrivatePattern(path));

    /// <summary>The printed command, run by sh in a directory where an unquoted glob would match a file, sets what go reads.</summary>
    [SkippableTheory]
    [InlineData("GOPRIVATE", "*.corp.example,github.com/acme")]
    [InlineData("GOPROXY", "https://a.example|https://b.example,direct")]
    [InlineData("GOFLAGS", "-mod=mod -tags=a,b")]
    [InlineData("GONOSUMDB", "git.corp.example")]
    public void The_printed_go_env_w_command_sets_exactly_the_value_in_a_shell(string key, string value)
    {
        var go = GoOracle.Require();
        var dir = GoOracle.NewScratchDir("goenvw-shell");
        File.WriteAllText(Path.Combine(dir, "x.corp.example"), ""); // what *.corp.example would expand to unquoted
        var env = GoOracle.EnvironmentWith(new Dictionary<string, string?> { ["GOENV"] = Path.Combine(dir, "env"), [key] = null });
        env["PATH"] = Path.GetDirectoryName(go) + ":" + env["PATH"];

        var command = GoEnvCommand.For(key, value);
        var psi = new System.Diagnostics.ProcessStartInfo("/bin/sh", ["-c", command]) { WorkingDirectory = dir, RedirectStandardError = true };
        psi.Environment.Clear();
        foreach (var (k, v) in env)
        {
            psi.Environment[k] = v;
        }

        using (var sh = System.Diagnostics.Process.Start(psi)!)
        {
            var error = sh.StandardError.ReadToEnd();
            sh.WaitForExit();
            Assert.True(sh.ExitCode == 0, command + ": " + error);
        }

        var read = GoOracle.Run(dir, new Dictionary<string, string?> { ["GOENV"] = Path.Combine(dir, "env"), [key] = null }, "env", key);
        Assert.Equal(value, read.Stdout.TrimEnd('\n'));
    }

    /// <summary>
    /// A 403 for one module of an account: the fixes name the account, not all of github.com; for golang.org/x/mod, a
    /// public project, none. GOPRIVATE set in the process environment: the fix says to change it there, as go env -w
    /// would not (go warns "does not override conflicting OS environment variable").
    /// </summary>
    [Fact]
    public async Task A_refused_module_gets_its_account_as_the_pattern_and_an_environment_variable_is_changed_where_it_is_set()
    {
        var dir = GoOracle.NewScratchDir("check-403");
        var goMod = Path.Combine(dir, "go.mod");
        File.WriteAllText(goMod, "module example.com/app\n\ngo 1.21\n\nrequire (\n\tgithub.com/acme/lib v1.0.0\n\tgolang.org/x/mod v0.17.0\n)\n");
        var args = new CheckArguments(goMod, GoProxy: fixture.Proxy.Url("status/403")) { NoPublicMirrors = true };

        var (_, text, _) = await CheckCommandTests.RunAsync(args);
        Assert.Contains("    fix: Treat github.com/acme as private: go env -w GOPRIVATE=github.com/acme\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("GOPRIVATE=github.com\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("golang.org as private", text, StringComparison.Ordinal);

        var (_, inEnvironment, _) = await CheckCommandTests.RunAsync(args with { Variables = new Dictionary<string, string> { ["GOPRIVATE"] = "*.corp.example" } });
        Assert.Contains("    fix: Treat github.com/acme as private: GOPRIVATE is set in the process environment, which go env -w does not override; "
            + "change it there: export GOPRIVATE='*.corp.example,github.com/acme'\n", inEnvironment, StringComparison.Ordinal);
    }

    /// <summary>The headline names what went wrong: a reset after connecting is no failure to connect.</summary>
    [Fact]
    public async Task A_connection_reset_by_the_proxy_is_said_as_such()
    {
        var dir = GoOracle.NewScratchDir("check-reset");
        var goMod = Path.Combine(dir, "go.mod");
        File.WriteAllText(goMod, "module example.com/app\n\ngo 1.21\n\nrequire example.com/foo v1.0.0\n");

        var (_, text, _) = await CheckCommandTests.RunAsync(new CheckArguments(goMod, GoProxy: fixture.Proxy.Url("reset")) { NoPublicMirrors = true });

        Assert.Contains("error GML3005: the proxy closed the connection before answering for example.com/foo@v1.0.0", text, StringComparison.Ordinal);
    }

    /// <summary>A fix's command in the JSON output names a --mirror with a token redacted, like every other URL there.</summary>
    [Fact]
    public void The_json_fix_command_does_not_carry_a_mirror_s_credentials()
    {
        var fix = new SetGoproxyMirror(new Uri("https://ci:tok3n@athens.corp.example/"), "https://ci:tok3n@athens.corp.example,direct", TimeSpan.FromMilliseconds(12));
        var at = new ModFile.Text.TextPosition(1, 1, 0, 0, 0);
        var finding = new Finding("GML3005", FindingSeverity.Error, "go.mod", ModFile.Text.TextSpan.Empty(at), "m", null, "example.com/m", [], [fix]);
        using var w = new StringWriter();

        Host.Output.JsonCheckWriter.Write(new Host.Output.CheckResult("go.mod", "off", "flag", [finding], [], TimeSpan.Zero, 0, false), w, "https://docs.example/");

        Assert.DoesNotContain("tok3n", w.ToString(), StringComparison.Ordinal);
        Assert.Contains("\"command\": \"go env -w GOPROXY=https://xxxxx@athens.corp.example,direct\"", w.ToString(), StringComparison.Ordinal);
    }
}
