using System.Text.Json;
using GoModLens.Host.Commands;
using GoModLens.TestUtilities;

namespace GoModLens.Analysis.Tests.Check;

/// <summary>`gomodlens env`: provenance of every setting, and how go would get a module path, worked out offline.</summary>
public sealed class EnvCommandTests
{
    /// <summary>Runs env with a GOENV file of <paramref name="goEnvFile"/> and these variables over a clean slate.</summary>
    private static (int Exit, string Out) Run(string goEnvFile, IReadOnlyDictionary<string, string> variables, IReadOnlyDictionary<string, string>? flags = null,
        bool json = false, params string[] modules)
    {
        var dir = GoOracle.NewScratchDir("env");
        var envFile = Path.Combine(dir, "env");
        File.WriteAllText(envFile, goEnvFile);
        var all = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["GOENV"] = envFile, ["GOPROXY"] = "", ["GOPRIVATE"] = "", ["GONOPROXY"] = "", ["GONOSUMDB"] = "", ["GOSUMDB"] = "", ["GOINSECURE"] = "",
            ["GOVCS"] = "", ["GOAUTH"] = "", ["GOFLAGS"] = "", ["HTTP_PROXY"] = "", ["HTTPS_PROXY"] = "", ["NO_PROXY"] = "",
        };
        foreach (var (k, v) in variables)
        {
            all[k] = v;
        }

        using var stdout = new StringWriter();
        var exit = EnvCommand.Run(modules, json, flags ?? new Dictionary<string, string>(), stdout, all);
        return (exit, stdout.ToString());
    }

    [Fact]
    public void A_private_path_names_the_pattern_and_the_file_it_came_from_and_skips_every_proxy()
    {
        var (exit, output) = Run("GOPRIVATE=*.corp.example,github.com/acme\n", new Dictionary<string, string> { ["GOPROXY"] = "https://goproxy.cn,direct" },
            modules: "github.com/acme/lib");

        Assert.Equal(0, exit);
        Assert.Contains("GOPRIVATE    *.corp.example,github.com/acme", output, StringComparison.Ordinal);
        Assert.Contains("(go env -w)", output, StringComparison.Ordinal);
        Assert.Contains("  private: matches GONOPROXY pattern github.com/acme (defaults to GOPRIVATE (set in ", output, StringComparison.Ordinal);
        Assert.Contains("https://goproxy.cn  skipped: disabled by GOPRIVATE/GONOPROXY", output, StringComparison.Ordinal);
        Assert.DoesNotContain("asks the proxy", output, StringComparison.Ordinal);
        Assert.Contains("  checksum database: not consulted: matches GONOSUMDB pattern github.com/acme", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_public_path_walks_the_list_with_go_s_fallback_rule_per_separator()
    {
        var (exit, output) = Run("", new Dictionary<string, string> { ["GOPROXY"] = "https://a.example|https://b.example,direct", ["GOSUMDB"] = "sum.golang.org" },
            modules: "golang.org/x/Text");

        Assert.Equal(0, exit);
        Assert.Contains("  public: no GONOPROXY pattern matches", output, StringComparison.Ordinal);
        var lines = output.Split('\n');
        int Line(string text) => Array.FindIndex(lines, l => l.Contains(text, StringComparison.Ordinal));
        var a = Line("1. https://a.example");
        Assert.Contains("asks the proxy: https://a.example/golang.org/x/!text/@v/…", lines[a], StringComparison.Ordinal); // case-escaped, as requested
        Assert.Contains("on failure: after any error, the next entry (|)", lines[a + 1], StringComparison.Ordinal);
        Assert.Contains("on failure: after 404 or 410 (not found), the next entry (,); any other error stops go", lines[Line("2. https://b.example") + 1], StringComparison.Ordinal);
        Assert.Contains("from the repository: https://golang.org/x/Text?go-get=1", lines[Line("3. direct")], StringComparison.Ordinal);
        Assert.Contains("on failure: go stops with this entry's error", lines[Line("3. direct") + 1], StringComparison.Ordinal);
        Assert.Contains("  checksum database: verified against sum.golang.org (set in the process environment)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Off_and_command_line_values_say_so()
    {
        var (_, output) = Run("", new Dictionary<string, string> { ["GOPROXY"] = "https://goproxy.io" },
            new Dictionary<string, string> { ["GOPROXY"] = "off", ["GOSUMDB"] = "off" }, modules: "example.com/m");

        Assert.Contains("GOPROXY      off", output, StringComparison.Ordinal);
        Assert.Contains("given on the command line", output, StringComparison.Ordinal);
        Assert.Contains("1. off  skipped: module lookup disabled by GOPROXY=off", output, StringComparison.Ordinal);
        Assert.Contains("on failure: go stops with this error", output, StringComparison.Ordinal);
        Assert.Contains("checksum database: not consulted: GOSUMDB=off (given on the command line)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Credentials_are_never_printed_in_text_or_json()
    {
        var variables = new Dictionary<string, string>
        {
            ["GOPROXY"] = "https://T0KEN-SECRET@corp.example/mod|https://u:PA55-SECRET@corp2.example,direct",
            ["GOSUMDB"] = "sum.golang.org https://u:DB-SECRET@corp.example/sumdb/sum.golang.org",
            ["HTTPS_PROXY"] = "http://squid:SQUID-SECRET@squid.corp:3128",
        };
        foreach (var json in new[] { false, true })
        {
            var (exit, output) = Run("", variables, json: json, modules: "golang.org/x/text");
            Assert.Equal(0, exit);
            Assert.Contains("corp.example", output, StringComparison.Ordinal);
            Assert.DoesNotContain("SECRET", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void What_go_refuses_exits_2_and_says_why()
    {
        var (exit, output) = Run("", new Dictionary<string, string> { ["GOPROXY"] = "ftp://x.example", ["GOVCS"] = "public" }, modules: ["golang.org/x/text", "not a path"]);

        Assert.Equal(CheckCommand.ExitUsage, exit);
        Assert.Contains("go refuses this configuration: GOPROXY: invalid proxy URL scheme (must be https, http, file): ftp://x.example", output, StringComparison.Ordinal);
        Assert.Contains("  every lookup fails: GOPROXY: invalid proxy URL scheme", output, StringComparison.Ordinal);
        Assert.Contains("go refuses this configuration: GOVCS: ", output, StringComparison.Ordinal);
        Assert.Contains("  invalid module path: malformed module path \"not a path\": invalid char ' '", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_GOFLAGS_go_stops_on_exits_2_with_go_s_line_and_the_commands_it_stops()
    {
        var (exit, output) = Run("GOFLAGS=-mod -modcacherw=maybe\n", new Dictionary<string, string>());

        Assert.Equal(CheckCommand.ExitUsage, exit);
        Assert.Contains("go refuses this configuration: GOFLAGS stops go build, go test, go run and go list (go mod download, go mod tidy and go get ignore -mod): "
            + "go: flag needs an argument: -mod (from $GOFLAGS)\n", output, StringComparison.Ordinal);
        Assert.Contains("go refuses this configuration: GOFLAGS stops every module command (go build, go list, go mod download, go mod tidy, go get): "
            + "go: invalid boolean value \"maybe\" for flag -modcacherw (from $GOFLAGS): parse error\n", output, StringComparison.Ordinal);
        Assert.Equal(CheckCommand.ExitClean, Run("GOFLAGS=-mod=mod\n", new Dictionary<string, string>()).Exit);

        // go get alone refuses -insecure: a note, and downloads and builds go on.
        var (getExit, getOutput) = Run("GOFLAGS=-insecure\n", new Dictionary<string, string>());
        Assert.Equal(CheckCommand.ExitClean, getExit);
        Assert.Contains("note: GOFLAGS stops go get: go: -insecure flag is no longer supported; use GOINSECURE instead\n", getOutput, StringComparison.Ordinal);
        var (_, getJson) = Run("GOFLAGS=-insecure\n", new Dictionary<string, string>(), json: true);
        using var doc = JsonDocument.Parse(getJson);
        Assert.Empty(doc.RootElement.GetProperty("problems").EnumerateArray());
        Assert.Equal("GOFLAGS stops go get: go: -insecure flag is no longer supported; use GOINSECURE instead",
            Assert.Single(doc.RootElement.GetProperty("notes").EnumerateArray()).GetString());
    }

    [Fact]
    public void Json_has_every_variable_and_each_entry_of_the_walk()
    {
        var (exit, output) = Run("", new Dictionary<string, string> { ["GOPROXY"] = "https://goproxy.cn,direct", ["GOPRIVATE"] = "example.com/private" },
            json: true, modules: ["example.com/private/x", "example.com/public"]);

        Assert.Equal(0, exit);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal(1, root.GetProperty("version").GetInt32());
        var names = root.GetProperty("environment").EnumerateArray().Select(e => e.GetProperty("name").GetString()).ToList();
        Assert.Equal(["GOPROXY", "GOPRIVATE", "GONOPROXY", "GONOSUMDB", "GOINSECURE", "GOFLAGS", "GOSUMDB", "GOTOOLCHAIN", "GOWORK", "GOMODCACHE", "GOAUTH", "GOVCS", "GOENV", "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY"], names);
        var modules = root.GetProperty("modules").EnumerateArray().ToList();
        Assert.StartsWith("matches GONOPROXY pattern example.com/private", modules[0].GetProperty("private").GetString(), StringComparison.Ordinal);
        Assert.Equal(["direct", "skipped", "direct"], modules[0].GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList());
        Assert.False(modules[0].GetProperty("checksumDatabase").GetProperty("used").GetBoolean());
        Assert.Equal(JsonValueKind.Null, modules[1].GetProperty("private").ValueKind);
        Assert.Equal(["skipped", "proxy", "direct"], modules[1].GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList());
        Assert.True(modules[1].GetProperty("checksumDatabase").GetProperty("used").GetBoolean());
        Assert.Empty(root.GetProperty("problems").EnumerateArray());
    }
}
