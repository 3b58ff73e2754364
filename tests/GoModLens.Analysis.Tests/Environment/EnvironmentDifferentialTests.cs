using System.Text.Json;
using GoModLens.Analysis.Environment;
using GoModLens.TestUtilities;

namespace GoModLens.Analysis.Tests.Environment;

/// <summary>GoEnvironment and GoEnvFileWriter against the real go 1.26 (go env -json, go env -w/-u).</summary>
public sealed class EnvironmentDifferentialTests
{
    private static readonly string[] s_keys = ["GOPROXY", "GOSUMDB", "GOPRIVATE", "GONOPROXY", "GONOSUMDB", "GOINSECURE", "GOMODCACHE", "GOPATH", "GOFLAGS", "GOAUTH", "GOTOOLCHAIN"];

    public static TheoryData<string, string> Cases() => new()
    {
        { "duplicates-and-junk.env", "" },
        { "crlf.env", "" },
        { "comments-only.env", "" },
        { "no-final-newline.env", "" },
        { "empty-shadows-goroot.env", "" },
        { "duplicates-and-junk.env", "GOPROXY=https://os.example" },
        { "empty-shadows-goroot.env", "GOPRIVATE=os.example" },
        { "comments-only.env", "GOPATH=/gp1:/gp2" },
        { "comments-only.env", "GOMODCACHE=" },
    };

    private static Dictionary<string, string?> Overrides(string envFile, string processAssignment)
    {
        var overrides = new Dictionary<string, string?>
        {
            ["GOENV"] = envFile,
            ["GOPROXY"] = null,
            ["GOSUMDB"] = null,
            ["GOFLAGS"] = null,
            ["GOMODCACHE"] = null,
            ["GOTOOLCHAIN"] = null,
        };
        if (processAssignment.Length > 0)
        {
            var eq = processAssignment.IndexOf('=', StringComparison.Ordinal);
            overrides[processAssignment[..eq]] = processAssignment[(eq + 1)..];
        }

        return overrides;
    }

    private static GoEnvironment Ours(Dictionary<string, string?> overrides, string? goRoot)
    {
        var env = GoOracle.EnvironmentWith(overrides);
        return GoEnvironment.Compute(new GoEnvironmentInput(env, GoOs.Linux, PhysicalGoEnvFileSystem.Instance, goRoot));
    }

    private static string GoRoot(string dir) => GoOracle.Run(dir, null, "env", "GOROOT").Stdout.Trim();

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public void Effective_values_match_go_env(string fixture, string processAssignment)
    {
        GoOracle.Require();
        var dir = GoOracle.NewScratchDir("env");
        var envFile = Path.Combine(dir, "env");
        File.Copy(Path.Combine(RepoPaths.TestData, "goenv", fixture), envFile);
        var overrides = Overrides(envFile, processAssignment);
        var result = GoOracle.Run(dir, overrides, ["env", "-json", .. s_keys]);
        Assert.Equal(0, result.ExitCode);
        var go = JsonSerializer.Deserialize<Dictionary<string, string>>(result.Stdout)!;
        var ours = Ours(overrides, GoRoot(dir));
        foreach (var key in s_keys)
        {
            Assert.True(go[key] == ours[key], $"{fixture} [{processAssignment}] {key}: go={JsonSerializer.Serialize(go[key])} ours={JsonSerializer.Serialize(ours[key])}");
        }
    }

    [SkippableFact]
    public void A_goroot_without_go_env_has_the_empty_defaults_of_go()
    {
        // go 1.21+ keeps GOPROXY/GOSUMDB/GOTOOLCHAIN defaults only in $GOROOT/go.env; without it they are empty. Our
        // stand-in defaults are for when no Go installation is found at all, never for a toolchain we can read.
        GoOracle.Require();
        var dir = GoOracle.NewScratchDir("env-goroot");
        var goRoot = Path.Combine(dir, "goroot");
        Directory.CreateDirectory(Path.Combine(goRoot, "pkg", "tool"));
        var overrides = Overrides("off", "GOROOT=" + goRoot);
        var result = GoOracle.Run(dir, overrides, ["env", "-json", .. s_keys]);
        Assert.Equal(0, result.ExitCode);
        var go = JsonSerializer.Deserialize<Dictionary<string, string>>(result.Stdout)!;
        var ours = Ours(overrides, goRoot: null);
        Assert.Equal(goRoot, ours.GoRoot);
        Assert.Equal("", go["GOPROXY"]);
        foreach (var key in s_keys)
        {
            Assert.True(go[key] == ours[key], $"{key}: go={JsonSerializer.Serialize(go[key])} ours={JsonSerializer.Serialize(ours[key])}");
        }
    }

    public static TheoryData<string, string> WriteCases() => new()
    {
        { "duplicates-and-junk.env", "-w GOPROXY=https://new.example" },
        { "duplicates-and-junk.env", "-w GOSUMDB=off GOAUTH=off" },
        { "duplicates-and-junk.env", "-u GOPRIVATE" },
        { "crlf.env", "-w GOPROXY=https://new.example" },
        { "crlf.env", "-w GOFLAGS=-mod=mod" },
        { "comments-only.env", "-w GOPRIVATE=corp.example" },
        { "no-final-newline.env", "-w GOFLAGS=-mod=mod" },
        { "no-final-newline.env", "-u GOPROXY" },
        { "no-final-newline.env", "-w ZZ_UNKNOWN=2" },
        { "empty-shadows-goroot.env", "-u GONOPROXY GOINSECURE" },
        { "empty-shadows-goroot.env", "-w GOINSECURE= GOPROXY=direct" },
        { "", "-w GOPROXY=https://fresh.example" },
        { "", "-u GOPROXY" },
        { "comments-only.env", "-w GOENV=x" },
        { "comments-only.env", "-w NOTAVAR=x" },
        { "comments-only.env", "-w GOVERSION=x" },
        { "comments-only.env", "-w GO111MODULE=maybe" },
        { "comments-only.env", "-w GOPATH=rel" },
        { "comments-only.env", "-w GOPROXY" },
        { "comments-only.env", "-w GOPROXY=a GOPROXY=b" },
    };

    /// <summary>
    /// GOENV files made of random lines as people and tools leave them (spaces around keys and values, CRLF, tabs,
    /// comments, quotes, lower-case or unknown keys, export, empty values, duplicates, a BOM, no final newline), then a
    /// random go env -w or -u on them: the effective values equal go env -json's, and the rewritten file go env -w's,
    /// byte for byte (a refused command leaves the file alone in both). Seeded: 40 files per run.
    /// </summary>
    public static TheoryData<int> RandomEnvFiles() => [.. Enumerable.Range(1, 40)];

    [SkippableTheory]
    [MemberData(nameof(RandomEnvFiles))]
    public void Random_env_files_read_and_rewrite_as_go_env_does(int seed)
    {
        GoOracle.Require();
        string[] lines =
        [
            "GOPROXY=https://a.example,direct", "GOPROXY = https://spaced.example", " GOPRIVATE=corp.example", "GOPRIVATE=*.corp.example,x.example/y",
            "GONOSUMDB=sum.example", "GOFLAGS=-mod=mod", "GOFLAGS=-mod=vendor -modcacherw", "GOPROXY=", "GOSUMDB=off", "GOSUMDB=sum.golang.org",
            "# a comment", "#GOPROXY=commented", "", "   ", "goproxy=lower.example", "export GOPROXY=exported.example", "GOPROXY=\"quoted.example\"",
            "GOPROXY=a=b", "=novalue", "GOINSECURE=insecure.example", "GOAUTH=netrc",
            "GOMODCACHE=/tmp/cache", "GOPATH=/tmp/gp", "ZZ_UNKNOWN=1", "GOPROXY\t=tab.example", "GONOPROXY=np.example", "GOPROXY=https://dup1.example",
            "GOPROXY=https://dup2.example", "GOPRIVATE= trailing.example ",
        ];
        string[] commands =
        [
            "-w GOPROXY=https://new.example", "-w GOPRIVATE=new.example", "-u GOPROXY", "-u GOPRIVATE GONOSUMDB", "-w GOFLAGS=-mod=readonly",
            "-w GONOSUMDB=a.example,b.example", "-u GOFLAGS", "-w GOSUMDB=off GOPROXY=direct", "-w GOPROXY", "-w NOTAVAR=1", "-u ZZ_UNKNOWN",
        ];
        var random = new Random(seed);
        var text = new System.Text.StringBuilder(random.Next(8) == 0 ? "\uFEFF" : "");
        var newline = random.Next(4) == 0 ? "\r\n" : "\n";
        for (var i = random.Next(1, 9); i > 0; i--)
        {
            text.Append(lines[random.Next(lines.Length)]);
            if (i > 1 || random.Next(4) != 0)
            {
                text.Append(newline);
            }
        }

        var dir = GoOracle.NewScratchDir("randomenv");
        var envFile = Path.Combine(dir, "env");
        File.WriteAllText(envFile, text.ToString());

        // GOTOOLCHAIN stays local from the process environment: another value in the file would have go download a
        // toolchain, which is the network.
        var overrides = Overrides(envFile, "GOTOOLCHAIN=local");
        var read = GoOracle.Run(dir, overrides, ["env", "-json", .. s_keys]);
        Assert.True(read.ExitCode == 0, read.Stderr);
        var go = JsonSerializer.Deserialize<Dictionary<string, string>>(read.Stdout)!;
        var ours = Ours(overrides, GoRoot(dir));
        foreach (var key in s_keys)
        {
            Assert.True(go[key] == ours[key], $"{key}: go={JsonSerializer.Serialize(go[key])} ours={JsonSerializer.Serialize(ours[key])}\n--- file:\n{text}");
        }

        var words = commands[random.Next(commands.Length)].Split(' ');
        var plan = words[0] == "-w" ? GoEnvFileWriter.PlanSet(ours, words[1..]) : GoEnvFileWriter.PlanUnset(ours, words[1..]);
        var before = File.ReadAllBytes(envFile);
        var write = GoOracle.Run(dir, overrides, ["env", .. words]);
        if (write.ExitCode != 0)
        {
            Assert.Equal(write.Stderr.TrimEnd('\n'), plan.Error);
            Assert.Equal(before, File.ReadAllBytes(envFile));
            return;
        }

        Assert.True(plan.Error is null, plan.Error);
        var written = File.ReadAllBytes(envFile); // bytes: File.ReadAllText would drop a byte-order mark
        Assert.True(written.AsSpan().SequenceEqual(ModFile.Text.GoUtf8.Encode(plan.NewText!)),
            $"go env {string.Join(' ', words)}\n--- before:\n{text}\n--- go:\n{File.ReadAllText(envFile)}\n--- ours:\n{plan.NewText}");
    }

    /// <summary>
    /// Which paths never go to a proxy: random GOPRIVATE and GONOPROXY lists (globs, character classes, case, spaces,
    /// empty entries, trailing slashes, malformed classes, none) against random github.com paths. go's answer is
    /// observable without the network: github.com needs no go-get page, so a path go takes direct stops at GOVCS
    /// (set to off for all), and any other is served by the file:// proxy. 60 seeded cases per run (600 once: 304 direct,
    /// 296 through the proxy, all as go).
    /// </summary>
    public static TheoryData<int> RandomPrivatePatterns() => [.. Enumerable.Range(1, 60)];

    [SkippableTheory]
    [MemberData(nameof(RandomPrivatePatterns))]
    public void Random_private_patterns_route_paths_as_go_does(int seed)
    {
        GoOracle.Require();
        string[] orgs = ["acme", "acme-corp", "Acme", "x"];
        string[] repos = ["r1", "r2", "tools.v2", "r1/sub"];
        string[] patterns =
        [
            "github.com/acme", "github.com/acme/*", "github.com/*/r1", "*.com", "github.com", "github.com/acm?", "github.com/[a-c]*",
            "github.com/acme/r1/sub", "GITHUB.COM/acme", " github.com/acme ", "", "github.com/acme/", "*", "github.com/[a-", "none",
            "github.com/*/*/sub", "git*", "github.com/x/r?", "github.com/\\x", "*/acme",
        ];
        var random = new Random(seed);
        string List() => string.Join(',', Enumerable.Range(0, random.Next(1, 4)).Select(_ => patterns[random.Next(patterns.Length)]));
        var path = $"github.com/{orgs[random.Next(orgs.Length)]}/{repos[random.Next(repos.Length)]}";
        var env = new Dictionary<string, string?>
        {
            ["GOENV"] = "off",
            ["GOPRIVATE"] = List(),
            ["GONOPROXY"] = random.Next(3) == 0 ? List() : null,
            ["GONOSUMDB"] = null,
            ["GOSUMDB"] = "off",
            ["GOVCS"] = "public:off,private:off",
            ["GOFLAGS"] = "",
            ["GOTOOLCHAIN"] = "local",
        };
        var dir = GoOracle.NewScratchDir("private");
        var proxy = new TestUtilities.ProxyTree.ProxyTreeBuilder().Add(path, "v1.0.0", new DateTimeOffset(2023, 1, 1, 0, 0, 0, TimeSpan.Zero)).WriteTo(Path.Combine(dir, "proxy"));
        env["GOPROXY"] = "file://" + proxy;
        env["GOMODCACHE"] = Path.Combine(dir, "modcache");

        var result = GoOracle.Run(dir, env, "mod", "download", "-json", path + "@v1.0.0");
        var goDirect = result.Stdout.Contains("GOVCS disallows", StringComparison.Ordinal);
        Assert.True(goDirect || result.ExitCode == 0, result.Stdout + result.Stderr);

        var route = GoModLens.Analysis.ProxyConfig.ProxyRouting.For(path, Ours(env, null).ToProxySettings());
        Assert.True(goDirect == route.IsPrivate,
            $"{path} GOPRIVATE={env["GOPRIVATE"]} GONOPROXY={env["GONOPROXY"] ?? "(unset)"}: go {(goDirect ? "direct" : "proxy")}, ours {(route.IsPrivate ? "direct" : "proxy")}");
    }

    [SkippableTheory]
    [MemberData(nameof(WriteCases))]
    public void Env_file_rewrite_matches_go_env_w_byte_for_byte(string fixture, string command)
    {
        GoOracle.Require();
        var dir = GoOracle.NewScratchDir("envw");
        var envFile = Path.Combine(dir, "sub", "env");
        Directory.CreateDirectory(Path.GetDirectoryName(envFile)!);
        if (fixture.Length > 0)
        {
            File.Copy(Path.Combine(RepoPaths.TestData, "goenv", fixture), envFile);
        }

        var overrides = Overrides(envFile, "");
        var ours = Ours(overrides, GoRoot(dir));
        var words = command.Split(' ');
        var plan = words[0] == "-w" ? GoEnvFileWriter.PlanSet(ours, words[1..]) : GoEnvFileWriter.PlanUnset(ours, words[1..]);
        var before = File.Exists(envFile) ? File.ReadAllBytes(envFile) : null;
        var result = GoOracle.Run(dir, overrides, ["env", .. words]);
        if (result.ExitCode != 0)
        {
            Assert.Equal(result.Stderr.TrimEnd('\n'), plan.Error);
            Assert.Equal(before, File.Exists(envFile) ? File.ReadAllBytes(envFile) : null);
            return;
        }

        Assert.Null(plan.Error);
        Assert.Equal(File.ReadAllText(envFile), plan.NewText);
    }

    [SkippableFact]
    public void Conflicting_os_variable_warning_matches_go()
    {
        GoOracle.Require();
        var dir = GoOracle.NewScratchDir("envwarn");
        var overrides = Overrides(Path.Combine(dir, "env"), "GOPRIVATE=os.example");
        var plan = GoEnvFileWriter.PlanSet(Ours(overrides, GoRoot(dir)), ["GOPRIVATE=file.example"]);
        var result = GoOracle.Run(dir, overrides, "env", "-w", "GOPRIVATE=file.example");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(result.Stderr.TrimEnd('\n'), string.Join('\n', plan.Warnings));
    }

    [SkippableTheory]
    [InlineData("-mod=vendor")]
    [InlineData("nonflag")]
    [InlineData("-nosuchflag")]
    [InlineData("'-mod=mod")]
    public void Goflags_errors_match_go(string goflags)
    {
        GoOracle.Require();
        var dir = GoOracle.NewScratchDir("goflags");
        var result = GoOracle.Run(dir, new Dictionary<string, string?> { ["GOFLAGS"] = goflags }, "list", "-m", "-json", "example.com/x@v1.0.0");
        Assert.NotEqual(0, result.ExitCode);
        var ours = GoFlags.Parse(goflags);
        // With -mod=vendor, go list -m refuses the query before any lookup ("cannot query module due to -mod=vendor").
        var expected = ours.Error ?? (ours.LookupsDisabled ? "due to -mod=vendor" : "?");
        Assert.Contains(expected, result.Stderr, StringComparison.Ordinal);
    }

    /// <summary>
    /// GOFLAGS that stops go, on its module line (GML2016): go list and go mod download in a module (or a workspace)
    /// print our first messages, and a command we say is unaffected runs.
    /// </summary>
    [SkippableTheory]
    [InlineData("-mod", false)]
    [InlineData("-mod=bogus", false)]
    [InlineData("-mod=bogus -modcacherw=maybe", false)]
    [InlineData("-modcacherw=maybe", false)]
    [InlineData("-modfile", false)]
    [InlineData("-modfile=x.txt", false)]
    [InlineData("-modfile=x.txt", true)]
    [InlineData("-modfile=tools.mod", true)]
    [InlineData("-modfile=missing.mod", false)]
    [InlineData("-modfile=tools.mod", false)]
    [InlineData("--tags=x -mod=readonly -modcacherw", true)]
    [InlineData("-mod -modfile=x.txt", false)]
    [InlineData("-tags=x nonflag", false)]
    [InlineData("-insecure", false)]
    [InlineData("-insecure -mod=bogus", false)]
    [InlineData("-insecure=maybe", false)]
    public void Goflags_that_stop_go_match_go(string goflags, bool workspace) => CheckGoflags(goflags, workspace);

    /// <summary>
    /// GOFLAGS of one to four random entries (module flags with good and bad values, build and test flags, unknown flags,
    /// stray words, doubled dashes, quotes), in a module or a workspace: the same four go commands, each against our
    /// first problem for it. 60 seeded values per run.
    /// </summary>
    public static TheoryData<int> RandomGoflags() => [.. Enumerable.Range(1, 60)];

    [SkippableTheory]
    [MemberData(nameof(RandomGoflags))]
    public void Random_goflags_stop_go_commands_as_go_does(int seed)
    {
        string[] entries =
        [
            "-mod=mod", "-mod=readonly", "-mod=vendor", "-mod", "-mod=", "-mod=bogus", "--mod=mod", "-modfile=tools.mod", "-modfile=x.txt", "-modfile",
            "-modfile=missing.mod", "-modcacherw", "-modcacherw=maybe", "-modcacherw=false", "-insecure", "-insecure=maybe", "--tags=x", "-tags=a,b",
            "nonflag", "-x", "-trimpath", "-nosuchflag", "-count=1", "-race", "-p=4", "-json", "'-mod=mod'", "-buildvcs=false", "-timeout=5m",
            "-test.v", "-vettool=x", "-all", "-parallel=2", "-p=0", "-p=-1", "-buildmode=bogus", "-buildmode=exe",
            // (Modes that need exactly one main package, such as plugin or c-shared, fail this empty module's go build for that.)
            "-buildmode=pie", "-linkshared", "-compiler=gccgo", "-msan", "-covermode=set",
            // Values the build flags, go list's, go mod tidy's and go get's refuse.
            "-buildvcs=maybe", "-buildvcs", "-tags", "-p=x", "-p=2", "-race=yes", "-gcflags=all", "-gcflags=all=-N", "-covermode=bogus", "-compiler=x",
            "-d=false", "-m", "-go=1.999", "-compat=x", "-diff=maybe", "-C=x", "-toolexec", "-x=maybe", "-e=maybe", "-u=minor", "-json=x", "-reuse",
        ];
        var random = new Random(seed);
        var goflags = string.Join(random.Next(4) == 0 ? "  " : " ", Enumerable.Range(0, random.Next(1, 5)).Select(_ => entries[random.Next(entries.Length)]));
        CheckGoflags(goflags, random.Next(3) == 0);
    }

    /// <summary>
    /// -overlay: go reads the file before anything of the module, after each command's own flag checks, so a file
    /// that is not there (or a directory) stops every module command that gets that far, ahead of -modfile, -mod and the
    /// build checks; in a module and in a workspace, against go build, list, mod download, mod tidy and get.
    /// </summary>
    [SkippableTheory]
    [InlineData("-overlay=missing.json", false)]
    [InlineData("-overlay=missing.json", true)]
    [InlineData("-overlay=sub", false)]
    [InlineData("-overlay=present.json", false)]
    [InlineData("-overlay=missing.json -tags", false)]
    [InlineData("-overlay=missing.json -d=false", false)]
    [InlineData("-overlay=missing.json -modfile=x.txt", false)]
    [InlineData("-overlay=missing.json -modfile=x.mod", true)]
    [InlineData("-overlay=missing.json -mod=bogus", false)]
    [InlineData("-overlay=missing.json -mod=mod", true)]
    [InlineData("-overlay=missing.json -overlay=", false)]
    [InlineData("-overlay=present.json -modfile=missing.mod", false)]
    public void A_missing_overlay_stops_module_commands_as_go_does(string goflags, bool workspace)
    {
        GoOracle.Require();
        var dir = GoOracle.NewScratchDir("goflags-overlay");
        const string goMod = "module example.com/m\n\ngo 1.22\n";
        File.WriteAllText(Path.Combine(dir, "go.mod"), goMod);
        File.WriteAllText(Path.Combine(dir, "present.json"), "{}");
        Directory.CreateDirectory(Path.Combine(dir, "sub"));
        if (workspace)
        {
            File.WriteAllText(Path.Combine(dir, "go.work"), "go 1.22\n\nuse .\n");
        }

        var parse = GoModLens.ModFile.Semantics.ModFileParser.Parse("go.mod", goMod);
        var stops = GoModLens.Analysis.Findings.GoFlagsFindings.From(new EnvValue("GOFLAGS", goflags, EnvSource.ProcessEnvironment), GoOs.Linux, parse.Model,
            "go.mod", Path.Combine(dir, "go.mod"), dir, workspace, LocalGoVersion.Value).Where(f => f.Code == "GML2016").Select(f => f.GoMessage).ToList();
        var flags = GoFlags.Parse(goflags, GoOs.Linux, LocalGoVersion.Value);
        foreach (var (args, command) in s_commands)
        {
            var result = GoOracle.Run(dir, new Dictionary<string, string?> { ["GOFLAGS"] = goflags, ["GOWORK"] = null }, args);
            var first = result.Stderr.Split('\n')[0];
            var earlier = flags.FirstProblem(command, workspace) is { Stage: < GoFlagsStage.ModuleInit };
            if (first.StartsWith("go: reading overlay: ", StringComparison.Ordinal))
            {
                Assert.False(earlier, $"GOFLAGS={goflags} go {string.Join(' ', args)}: go stopped on the overlay, ours earlier");
                Assert.Contains(first["go: ".Length..], stops);
            }
            else
            {
                Assert.True(earlier || goflags.StartsWith("-overlay=present", StringComparison.Ordinal) || goflags.EndsWith("-overlay=", StringComparison.Ordinal),
                    $"GOFLAGS={goflags} (workspace: {workspace}) go {string.Join(' ', args)}: go said {first}");
            }
        }

        // A file that is there, or an -overlay= that clears it, stops nothing.
        Assert.Equal(goflags.StartsWith("-overlay=present", StringComparison.Ordinal) || goflags.EndsWith("-overlay=", StringComparison.Ordinal),
            !stops.Any(m => m!.StartsWith("reading overlay", StringComparison.Ordinal)));
    }

    /// <summary>
    /// What go says of an -overlay file it reads: encoding/json's syntax errors (every state of its scanner: literals,
    /// numbers, strings and escapes, objects, arrays, what follows the value, the end of input) and type errors, then
    /// fsys's own (an empty path, two names of one file, a file replaced with a file inside it), for fixed files and for
    /// 60 seeded mutations of a valid one (bytes dropped, doubled, swapped or inserted); against go list -m, and go mod
    /// download for a few (the same scope as a missing file).
    /// </summary>
    [SkippableFact]
    public void Overlay_files_go_refuses_are_refused_with_go_s_message()
    {
        GoOracle.Require();
        string[] files =
        [
            "", "{", "{}", " {} ", "[]", "null", "\"str\"", "12", "-", "-x", "01", "1.", "1.x", "1e", "1e+", "1E-5", "-0.5e10", "tru", "trux", "fals", "nul",
            "nulx", "{\"Replace\":{}}", "{\"Replace\":[]}", "{\"Replace\":true}", "{\"Replace\":1}", "{\"Replace\":\"x\"}", "{\"Replace\":null}",
            "{\"replace\":{\"a.go\":\"b.go\"}}", "{\"REPLACE\":[1]}", "{\"Replace\":{\"a.go\":1}}", "{\"Replace\":{\"a.go\":[\"x\"]}}",
            "{\"Replace\":{\"a.go\":null}}", "{\"Replace\":{\"\":\"x\"}}", "{\"Replace\":{\"a.go\":\"b.go\",\"./a.go\":\"c.go\"}}",
            "{\"Replace\":{\"d\":\"x\",\"d/a.go\":\"y\"}}", "{\"Replace\":{\"d\":\"\",\"d/a.go\":\"y\"}}", "{\"Replace\":{\"d\":\"x\",\"d/a.go\":\"\"}}",
            "{\"Replace\":{\"d\":\"x\",\"d.go\":\"y\",\"d/a.go\":\"z\"}}", "{\"Replace\":{\"/abs/a.go\":\"x\",\"/abs/../abs/a.go\":\"y\"}}",
            "{\"Replace\":{\"a.go\":\"b.go\"},}", "{\"Replace\" {}}", "{\"Replace\":{\"a.go\":\"b.go\"}} x", "{\"Replace\":{\"a.go\":\"b\\q\"}}",
            "{\"Replace\":{\"a.go\":\"b\\u12G4\"}}", "{\"Replace\":{\"a\\u002ego\":\"b\\u00e9\"}}", "{\"a\":\"x\ty\"}", "{\"Other\":[1,2,{\"x\":null}]}",
            "[1,]", "[1 2]", "{\"a\" 1}", "{\"a\":1 \"b\":2}", "{1:2}", "{\"a\":}", "\u00e9", "{'a':1}", "{\"a\":1}}", "\t\r\n{}\n", "\u007f", "{\"a\":\"\u0001\"}",
            "{\"Replace\":{\"a.go\":\"x\"},\"Replace\":null,\"Replace\":{\"\":\"y\"}}", "{\"Replace\":{\"a.go\":1},\"Replace\":[]}",
            // As deep as go allows (10 000), and one deeper; inside Replace too.
            new string('[', 10000) + new string(']', 10000), new string('[', 10001) + new string(']', 10001),
            "{\"Replace\":{\"a.go\":" + new string('[', 9998) + new string(']', 9998) + "}}",
        ];
        const string Alphabet = "{}[]:,\"\\ -0.eEx";
        var valid = "{\"Replace\":{\"d/a.go\":\"x.go\",\"b.go\":null,\"c.go\":\"\"},\"n\":[1.5e3,-2,true,false,null,\"s\\n\"]}";
        var random = new Random(2611);
        var mutated = Enumerable.Range(0, 60).Select(_ =>
        {
            var chars = valid.ToList();
            var at = random.Next(chars.Count);
            switch (random.Next(4))
            {
                case 0: chars.RemoveAt(at); break;
                case 1: chars.Insert(at, chars[at]); break;
                case 2: (chars[at], chars[(at + 1) % chars.Count]) = (chars[(at + 1) % chars.Count], chars[at]); break;
                default: chars.Insert(at, Alphabet[random.Next(Alphabet.Length)]); break;
            }

            return new string([.. chars]);
        });
        var runs = files.Select((f, i) => (Text: f, Command: i % 9 == 0 ? "download" : "list")).Concat(mutated.Select(m => (Text: m, Command: "list"))).ToList();
        var differ = new System.Collections.Concurrent.ConcurrentBag<string>();
        var refused = 0;
        Parallel.ForEach(runs, new ParallelOptions { MaxDegreeOfParallelism = 2 }, run =>
        {
            var dir = GoOracle.NewScratchDir("overlay-json");
            File.WriteAllText(Path.Combine(dir, "go.mod"), "module example.com/m\n\ngo 1.22\n");
            File.WriteAllText(Path.Combine(dir, "o.json"), run.Text);
            var env = new Dictionary<string, string?> { ["GOFLAGS"] = "-overlay=o.json", ["GOWORK"] = "off" };
            var ours = GoModLens.Analysis.Findings.GoFlagsFindings.From(new EnvValue("GOFLAGS", "-overlay=o.json", EnvSource.ProcessEnvironment), GoOs.Linux,
                GoModLens.ModFile.Semantics.ModFileParser.Parse("go.mod", "module example.com/m\n\ngo 1.22\n").Model, "go.mod", Path.Combine(dir, "go.mod"), dir, false)
                .SingleOrDefault(f => f.Code == "GML2016")?.GoMessage;
            var result = GoOracle.Run(dir, env, run.Command == "list" ? ["list", "-m"] : ["mod", "download"]);
            var go = result.ExitCode == 0 || result.Stderr.StartsWith("go: no module dependencies", StringComparison.Ordinal) ? null : result.Stderr.Split('\n')[0];
            if ((ours is null ? null : "go: " + ours) != go)
            {
                differ.Add($"{run.Text.ReplaceLineEndings("\\n")} (go {run.Command}): go said {go ?? "(nothing)"}; ours {ours ?? "(nothing)"}");
            }

            if (ours is not null)
            {
                Interlocked.Increment(ref refused);
            }
        });

        Assert.True(differ.IsEmpty, string.Join("\n", differ.Order(StringComparer.Ordinal)));
        Assert.True(refused >= 70, $"{refused} of {runs.Count} files refused");
    }

    /// <summary>
    /// work.BuildInit's checks of the build flags, which stop go list (so gopls) and every build before anything loads:
    /// the sanitizers against each other, the target and cgo, an unknown -buildmode or one the target does not build
    /// (PIE with -race, gccgo building every mode), -linkshared, -p and -race with -covermode, in environments with cgo
    /// off or on, cross-compiling (windows/386, arm64, openbsd/arm64, freebsd/386), for darwin, with no C compiler on PATH,
    /// and for pairs that are no port (windows/s390x, macos/amd64), which go build refuses once BuildInit is done and go
    /// list does not. go mod download, which does not run BuildInit, must not be stopped.
    /// Where the target has -asan, go runs the C compiler to check its version and GoModLens says nothing: not compared.
    /// </summary>
    [SkippableTheory]
    [InlineData("CGO_ENABLED=0")]
    [InlineData("CGO_ENABLED=1")]
    [InlineData("GOOS=windows GOARCH=386")]
    [InlineData("GOARCH=arm64")]
    [InlineData("GOOS=darwin GOARCH=arm64 CGO_ENABLED=0")]
    [InlineData("GOOS=darwin GOARCH=amd64")]
    [InlineData("PATH=")]
    [InlineData("GOOS=openbsd GOARCH=arm64")]
    [InlineData("GOOS=freebsd GOARCH=386")]
    [InlineData("GOOS=windows GOARCH=s390x")]
    [InlineData("GOOS=macos")]
    public void Build_settings_stop_go_list_and_builds_as_go_does(string assignments)
    {
        GoOracle.Require();
        var dir = GoOracle.NewScratchDir("goflags-buildinit");
        File.WriteAllText(Path.Combine(dir, "go.mod"), "module example.com/m\n\ngo 1.22\n");
        var overrides = new Dictionary<string, string?> { ["GOWORK"] = "off", ["CGO_ENABLED"] = null, ["GOOS"] = null, ["GOARCH"] = null, ["CC"] = null };
        foreach (var assignment in assignments.Split(' '))
        {
            var (name, value) = (assignment[..assignment.IndexOf('=', StringComparison.Ordinal)], assignment[(assignment.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            overrides[name] = name == "PATH" ? GoOracle.NewScratchDir("empty-path") : value;
        }

        string[] words =
        [
            "-race", "-msan", "-asan -race", "-race -msan", "-msan -asan", "-race=false -msan", "-race -race=false", "-p=0", "-p=-0x1", "-p=0b0",
            "-p=00", "-p=1_0", "-buildmode=bogus", "-buildmode=exe", "-race -covermode=set", "-race -covermode=atomic", "-covermode=count",
            "-race -buildmode=bogus", "-buildmode=bogus -p=0", "-mod=bogus -p=0", "-buildmode=bogus -mod=bogus", "-race -p=0", "-msan -covermode=set",
            "-buildmode=pie -race", "-buildmode=pie", "-buildmode=c-shared", "-buildmode=c-archive", "-buildmode=plugin", "-buildmode=shared",
            "-buildmode=archive", "-linkshared", "-linkshared -buildmode=exe", "-buildmode=plugin -compiler=gccgo", "-linkshared -mod=bogus",
            "-asan", "-asan -buildmode=bogus", "-msan -buildmode=pie",
        ];
        (string[] Args, GoCommandKind Command)[] commands = [(["list", "-m"], GoCommandKind.List), (["build", "./..."], GoCommandKind.Build), (["mod", "download"], GoCommandKind.ModDownload)];
        var differ = new System.Collections.Concurrent.ConcurrentBag<string>();
        var runs = words.SelectMany(w => commands.Select(c => (Word: w, c.Args, c.Command))).ToList();
        Parallel.ForEach(runs, new ParallelOptions { MaxDegreeOfParallelism = 2 }, run =>
        {
            var env = new Dictionary<string, string?>(overrides) { ["GOFLAGS"] = run.Word };
            var ours = Ours(env, null);
            var expected = ours.GoFlags.FirstProblem(run.Command, workspaceMode: false)?.GoOutput;
            if (run.Word.StartsWith("-asan", StringComparison.Ordinal) && ours.BuildTarget.ASanSupported && expected is null)
            {
                return;
            }

            var result = GoOracle.Run(dir, env, run.Args);
            var first = result.Stderr.Split('\n')[0];
            var ran = result.ExitCode == 0 || first.Contains("matched no packages", StringComparison.Ordinal);
            if (expected is null ? !ran : first != expected)
            {
                differ.Add($"{assignments} GOFLAGS={run.Word} go {string.Join(' ', run.Args)}: go said {(ran ? "(nothing)" : first)}; ours {expected ?? "(nothing)"}");
            }
        });

        Assert.True(differ.IsEmpty, string.Join("\n", differ.Order(StringComparer.Ordinal)));
    }

    /// <summary>
    /// work.BuildInit's check of CC, CXX and FC, after -p and before -race's -covermode: quotes that do not close, a
    /// program given as a relative path (a bare name is looked up on PATH, an absolute path taken, a quoted one with
    /// spaces is one word). Set in the environment or written by hand in the GOENV file (go env -w refuses them), with
    /// GOFLAGS problems go meets before it or after it. go list and go build stop; go mod download does not.
    /// </summary>
    [SkippableTheory]
    [InlineData("CC")]
    [InlineData("CXX")]
    [InlineData("FC")]
    public void Compiler_commands_stop_go_list_and_builds_as_go_does(string name)
    {
        GoOracle.Require();
        var dir = GoOracle.NewScratchDir("buildinit-cc");
        File.WriteAllText(Path.Combine(dir, "go.mod"), "module example.com/m\n\ngo 1.22\n");
        string[] values = ["./mycc", "bin/clang", "'gcc", "\"/usr/bin/gcc -O2\"", "gcc -m64", " ", "./x -y", "gcc/", "/usr/bin/gcc", "zig cc", "\"./a b\" -c", "\"unterminated"];
        string[] goFlags = ["", "-p=0", "-race -covermode=set", "-mod=bogus", "-covermode=count"];
        (string[] Args, GoCommandKind Command)[] commands = [(["list", "-m"], GoCommandKind.List), (["build", "./..."], GoCommandKind.Build), (["mod", "download"], GoCommandKind.ModDownload)];
        var runs = (from value in values from flags in goFlags from inFile in new[] { false, true } from command in commands
                    where flags.Length == 0 || !inFile
                    select (value, flags, inFile, command)).ToList();
        var differ = new System.Collections.Concurrent.ConcurrentBag<string>();
        var stopped = 0;
        Parallel.ForEach(runs, new ParallelOptions { MaxDegreeOfParallelism = 2 }, run =>
        {
            var goEnv = Path.Combine(GoOracle.NewScratchDir("buildinit-cc-env"), "env");
            File.WriteAllText(goEnv, run.inFile ? $"{name}={run.value}\n" : "");
            var env = new Dictionary<string, string?>
            {
                ["GOWORK"] = "off", ["GOENV"] = goEnv, ["GOFLAGS"] = run.flags, ["CC"] = null, ["CXX"] = null, ["FC"] = null, [name] = run.inFile ? null : run.value,
            };
            var problem = Ours(env, null).GoFlags.FirstProblem(run.command.Command, workspaceMode: false);
            var result = GoOracle.Run(dir, env, run.command.Args);
            var first = result.Stderr.Split('\n')[0];
            var ran = result.ExitCode == 0 || first.Contains("matched no packages", StringComparison.Ordinal);
            if (problem?.GoOutput is not { } expected ? !ran : first != expected)
            {
                differ.Add($"{name}={run.value} {(run.inFile ? "(GOENV file)" : "")} GOFLAGS={run.flags} go {string.Join(' ', run.command.Args)}: go said {(ran ? "(nothing)" : first)}; ours {problem?.GoOutput ?? "(nothing)"}");
            }

            if (problem?.Setting is { } setting)
            {
                Assert.Equal(name, setting.Name);
                Assert.Equal(run.inFile ? EnvSource.GoEnvFile : EnvSource.ProcessEnvironment, setting.Source);
                Interlocked.Increment(ref stopped);
            }
        });

        Assert.True(differ.IsEmpty, string.Join("\n", differ.Order(StringComparer.Ordinal)));
        Assert.True(stopped >= 20, $"{stopped} runs stopped on {name}");
    }

    /// <summary>
    /// Every flag whose value GoModLens checks, with values of every kind (none, empty, a bad boolean, numbers, go
    /// versions, quoted words, [pattern=]flags): for each command whose flag set has it, go's first complaint (flag.Set's
    /// message, or go get's own) is ours; where we see none, go complains about no value; the others ignore the flag.
    /// </summary>
    public static TheoryData<string> CheckedFlagNames() => [.. GoFlags.CheckedFlagNames];

    [SkippableTheory]
    [MemberData(nameof(CheckedFlagNames))]
    public void Flag_values_are_refused_as_go_refuses_them(string name)
    {
        GoOracle.Require();
        var dir = GoOracle.NewScratchDir("goflags-values");
        File.WriteAllText(Path.Combine(dir, "go.mod"), "module example.com/m\n\ngo 1.22\n");
        string[] values = ["", "=maybe", "=", "=false", "=0x1_0", "=99999999999999999999", "=1.21", "=1.21rc1", "=1.99", "=gccgo", "=count", "==x", "=all=-N"];
        string[] quoted = ["'-{0}=x \"y'", "'-{0}=all=-X \"y'"]; // words with a space: quoted, as go env -w writes them
        var words = values.Where(v => v.Length > 0 || name is not ("race" or "msan" or "asan")) // on, these need a C toolchain
            .Select(v => "-" + name + v).Concat(quoted.Select(q => string.Format(System.Globalization.CultureInfo.InvariantCulture, q, name)));
        var runs = words.SelectMany(w => s_commands
            .Where(c => GoFlags.Defines(c.Command, name) || w == "-" + name + "=maybe")
            .Select(c => (Word: w, c.Args, c.Command))).ToList();
        var differ = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.ForEach(runs, new ParallelOptions { MaxDegreeOfParallelism = 2 }, run =>
        {
            var expected = GoFlags.Parse(run.Word, GoOs.Linux, LocalGoVersion.Value).FirstProblem(run.Command, workspaceMode: false)?.GoOutput;
            var result = GoOracle.Run(dir, new Dictionary<string, string?> { ["GOFLAGS"] = run.Word, ["GOWORK"] = "off" }, run.Args);
            var first = result.Stderr.Split('\n')[0];
            var goComplains = first.Contains("(from $GOFLAGS)", StringComparison.Ordinal) || first.Contains("parsing $GOFLAGS", StringComparison.Ordinal)
                || first is "go: -d flag may not be set to false" or "go: -m flag is no longer supported" || first.StartsWith("go: unknown upgrade flag", StringComparison.Ordinal)
                || first.StartsWith("go: -insecure flag", StringComparison.Ordinal);
            if (expected is null ? goComplains : first != expected)
            {
                differ.Add($"GOFLAGS={run.Word} go {string.Join(' ', run.Args)}: go said {first}; ours {expected ?? "(nothing)"}");
            }
        });

        Assert.True(differ.IsEmpty, string.Join("\n", differ.Order(StringComparer.Ordinal)));
        Assert.True(runs.Count >= 14, $"{runs.Count} runs");
    }

    /// <summary>
    /// Which names GOFLAGS may hold at all (base.InitGOFLAGS: a flag of any go command, go test's -count and -test.v
    /// included, go doc's own flags not): every name GoModLens knows, and names it does not, against go list -m.
    /// </summary>
    [SkippableFact]
    public void Flag_names_are_known_as_go_knows_them()
    {
        GoOracle.Require();
        var dir = GoOracle.NewScratchDir("goflags-names");
        File.WriteAllText(Path.Combine(dir, "go.mod"), "module example.com/m\n\ngo 1.22\n");
        string[] others = ["all", "b", "http", "src", "nosuchflag", "test.nosuch", "Count", "modx", "h", "help", "args", "chatty", "bisect", "l", "s"];
        var names = GoFlags.KnownFlagNames.Order(StringComparer.Ordinal).Concat(others).Distinct().ToList();
        var differ = new List<string>();
        foreach (var name in names)
        {
            var go = GoOracle.Run(dir, new Dictionary<string, string?> { ["GOFLAGS"] = "-" + name, ["GOWORK"] = "off" }, "list", "-m");
            var goUnknown = go.Stderr.Contains("unknown flag", StringComparison.Ordinal);
            var oursUnknown = GoFlags.Parse("-" + name).Problems.Any(p => p.GoMessage.Contains("unknown flag", StringComparison.Ordinal));
            if (goUnknown != oursUnknown)
            {
                differ.Add($"-{name}: go {(goUnknown ? "unknown" : "known")}, ours {(oursUnknown ? "unknown" : "known")}");
            }
        }

        Assert.True(names.Count > 150, $"{names.Count} names");
        Assert.True(differ.Count == 0, string.Join("\n", differ));
    }

    /// <summary>One go command of each kind GoModLens tells apart, as run in a module with no packages.</summary>
    private static readonly (string[] Args, GoCommandKind Command)[] s_commands =
    [
        (["build", "./..."], GoCommandKind.Build), (["list", "-m"], GoCommandKind.List), (["mod", "download"], GoCommandKind.ModDownload),
        (["mod", "tidy"], GoCommandKind.ModTidy), (["get", "example.com/other@none"], GoCommandKind.Get),
    ];

    /// <summary>The oracle's version ("1.26.1"): go mod tidy's -go and -compat messages name it.</summary>
    private static readonly Lazy<string> LocalGoVersion = new(() =>
        GoOracle.Run(GoOracle.NewScratchDir("goversion"), new Dictionary<string, string?>(), "env", "GOVERSION").Stdout.Trim()["go".Length..]);

    private static void CheckGoflags(string goflags, bool workspace)
    {
        GoOracle.Require();
        var dir = GoOracle.NewScratchDir("goflags-stop");
        const string goMod = "module example.com/m\n\ngo 1.22\n";
        File.WriteAllText(Path.Combine(dir, "go.mod"), goMod);
        File.WriteAllText(Path.Combine(dir, "tools.mod"), goMod);
        if (workspace)
        {
            File.WriteAllText(Path.Combine(dir, "go.work"), "go 1.22\n\nuse .\n");
        }

        var env = new Dictionary<string, string?> { ["GOFLAGS"] = goflags, ["GOWORK"] = null };
        var parse = GoModLens.ModFile.Semantics.ModFileParser.Parse("go.mod", goMod);
        var stops = GoModLens.Analysis.Findings.GoFlagsFindings.From(new EnvValue("GOFLAGS", goflags, EnvSource.ProcessEnvironment), GoOs.Linux, parse.Model,
            "go.mod", Path.Combine(dir, "go.mod"), dir, workspace, LocalGoVersion.Value).Where(f => f.Code == "GML2016").ToList();
        var flags = GoFlags.Parse(goflags, GoOs.Linux, LocalGoVersion.Value);
        var seen = new List<string>();
        // go build, go list, go mod download, go mod tidy and go get each stop at their first problem, or run.
        foreach (var (args, command) in s_commands)
        {
            // A -modfile naming no file is found on the go.mod (GML2016, for every module command).
            // In workspace mode a missing -modfile is go get's and go mod tidy's first problem (the finding names them).
            var opened = workspace && command is GoCommandKind.Get or GoCommandKind.ModTidy
                ? stops.FirstOrDefault(f => f.GoMessage!.StartsWith("open ", StringComparison.Ordinal)
                    && f.Message.Contains(command == GoCommandKind.Get ? "go get" : "go mod tidy", StringComparison.Ordinal))?.GoMessage
                : null;
            var expected = opened ?? flags.FirstProblem(command, workspace)?.GoMessage
                ?? stops.FirstOrDefault(f => f.GoMessage!.StartsWith("open ", StringComparison.Ordinal))?.GoMessage;
            var result = GoOracle.Run(dir, env, args);
            if (expected is null)
            {
                Assert.True(result.ExitCode == 0, $"GOFLAGS={goflags} (workspace: {workspace}) go {string.Join(' ', args)}: {result.Stderr}");
                continue;
            }

            Assert.True(result.ExitCode != 0, $"GOFLAGS={goflags} (workspace: {workspace}) go {string.Join(' ', args)} ran; we said: {expected}");
            // go prints usage lines after a flag's error; a message of several lines is compared whole.
            var goLines = string.Join('\n', result.Stderr.Split('\n').Take(expected.Count(c => c == '\n') + 1));
            Assert.True(goLines.EndsWith(expected, StringComparison.Ordinal),
                $"GOFLAGS={goflags} (workspace: {workspace}) go {string.Join(' ', args)}:\n--- go:\n{result.Stderr}--- ours:\n{expected}");
            if (flags.FirstProblem(command, workspace) is not { ReportedByWorkspace: true })
            {
                seen.Add(expected); // a workspace refusal is GML2012's to show (WorkspaceModeTests)
            }
        }

        // The go.mod shows each of them once, and nothing else.
        Assert.Equal(seen.Distinct(), stops.Select(f => f.GoMessage));
    }
}
