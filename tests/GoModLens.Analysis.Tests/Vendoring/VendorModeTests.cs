using GoModLens.Analysis.Environment;
using GoModLens.Analysis.Findings;
using GoModLens.Analysis.Resolution;
using GoModLens.Analysis.Vendoring;
using GoModLens.Analysis.Workspace;
using GoModLens.ModFile.Semantics;
using GoModLens.TestUtilities;
using GoModLens.TestUtilities.ProxyTree;

namespace GoModLens.Analysis.Tests.Vendoring;

/// <summary>
/// Builds from vendor/ against go 1.26. Each scenario starts from a vendor directory go itself wrote (go mod vendor or
/// go work vendor), changes go.mod, modules.txt, go.work or GOFLAGS the way users do, then runs <c>go list -m all</c>
/// with no network and compares: the build mode go picked, and go's <c>inconsistent vendoring</c> message line by line.
/// </summary>
public sealed class VendorModeTests
{
    private static readonly DateTimeOffset s_time = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly Lazy<string> s_proxy = new(() => new ProxyTreeBuilder()
        .Add("example.com/a", "v1.0.0", s_time, files: Package("a"))
        .Add("example.com/a", "v1.1.0", s_time.AddDays(1), files: Package("a"))
        .Add("example.com/b", "v1.0.0", s_time, files: Package("b"))
        .Add("example.com/c", "v1.0.0", s_time, files: Package("c"))
        .Add("example.com/c", "v1.2.0", s_time.AddDays(1), files: Package("c"))
        .Add("example.com/unused", "v1.0.0", s_time, files: Package("unused"))
        .WriteTo(GoOracle.NewScratchDir("vendor-proxy")));

    private static Dictionary<string, string> Package(string name) => new() { [$"{name}.go"] = $"package {name}\n\nfunc F() {{}}\n" };

    private const string VendoredGoMod =
        "module example.com/m\n\ngo 1.21\n\nrequire (\n\texample.com/a v1.0.0\n\texample.com/b v1.0.0\n\texample.com/unused v1.0.0\n)\n\nreplace example.com/c => example.com/c v1.2.0\n";

    /// <summary>A module importing a and b, vendored by go (modules.txt, go.sum) from the loopback file proxy.</summary>
    private static string VendoredModule(string goMod = VendoredGoMod, string? extraImport = null)
    {
        var dir = GoOracle.NewScratchDir("vendored");
        File.WriteAllText(Path.Combine(dir, "go.mod"), goMod);
        File.WriteAllText(Path.Combine(dir, "main.go"),
            $"package main\n\nimport (\n\t\"example.com/a\"\n\t\"example.com/b\"{(extraImport is null ? "" : $"\n\t\"{extraImport}\"")}\n)\n\nfunc main() {{ a.F(); b.F() }}\n");
        var online = Online();
        var download = GoOracle.Run(dir, online, "get", "example.com/m"); // go.sum, which go mod vendor needs (go's own advice)
        Assert.True(download.ExitCode == 0, download.Stderr);
        var vendor = GoOracle.Run(dir, online, "mod", "vendor");
        Assert.True(vendor.ExitCode == 0, vendor.Stderr);
        return dir;
    }

    private static Dictionary<string, string?> Online() => new()
    {
        ["GOPROXY"] = "file://" + s_proxy.Value,
        ["GOFLAGS"] = "-mod=mod -modcacherw",
        ["GOMODCACHE"] = GoOracle.NewScratchDir("vendor-modcache"),
    };

    // What a developer has: no -mod in GOFLAGS, and no network (every lookup would fail loudly).
    private static Dictionary<string, string?> Offline(string goflags = "") => new() { ["GOFLAGS"] = goflags, ["GOPROXY"] = "off" };

    public static TheoryData<string, string> Edits => new()
    {
        { "as vendored", "" },
        { "a bumped to v1.1.0", "a v1.0.0~>a v1.1.0" },
        { "unused dropped", "\texample.com/unused v1.0.0\n~>" },
        { "c added", "\texample.com/b v1.0.0\n~>\texample.com/b v1.0.0\n\texample.com/c v1.0.0\n" },
        { "replace target changed", "c v1.2.0\n~>c v1.0.0\n" },
        { "replace dropped", "replace example.com/c => example.com/c v1.2.0\n~>" },
        { "directory replace added", "replace example.com/c =>~>replace example.com/a => ./local/a\n\nreplace example.com/c =>" },
        { "version replace added", "replace example.com/c =>~>replace example.com/b v1.0.0 => example.com/c v1.0.0\n\nreplace example.com/c =>" },
        { "go 1.13", "go 1.21~>go 1.13" },
        { "no go line", "go 1.21\n~>" },
    };

    [SkippableTheory]
    [MemberData(nameof(Edits))]
    public void Go_mod_edits_after_go_mod_vendor_match_go(string scenario, string edit)
    {
        GoOracle.Require();
        var dir = VendoredModule();
        File.WriteAllText(Path.Combine(dir, "go.mod"), Apply(VendoredGoMod, edit));
        AssertMatchesGo(dir, Offline(), scenario);
    }

    public static TheoryData<string, string, string> VendorEdits => new()
    {
        { "modules.txt deleted", "", "" },
        { "explicit marker dropped from b", "", "# example.com/b v1.0.0\n## explicit; go 1.18\n~># example.com/b v1.0.0\n## go 1.18\n" },
        { "recorded replacement dropped", "", "# example.com/c => example.com/c v1.2.0\n~>" },
        { "written for a workspace", "", "## workspace\n" },
        { "GOFLAGS=-mod=vendor with go 1.13 and a bumped", "-mod=vendor", "" },
        { "GOFLAGS=-mod=mod", "-mod=mod", "" },
    };

    [SkippableTheory]
    [MemberData(nameof(VendorEdits))]
    public void Modules_txt_and_goflags_changes_match_go(string scenario, string goflags, string edit)
    {
        GoOracle.Require();
        var dir = VendoredModule();
        var modulesTxt = Path.Combine(dir, "vendor", "modules.txt");
        switch (scenario)
        {
            case "modules.txt deleted":
                File.Delete(modulesTxt);
                break;
            case "written for a workspace":
                File.WriteAllText(modulesTxt, edit + File.ReadAllText(modulesTxt));
                break;
            case "GOFLAGS=-mod=vendor with go 1.13 and a bumped":
                File.WriteAllText(Path.Combine(dir, "go.mod"), Apply(VendoredGoMod, "go 1.21~>go 1.13").Replace("a v1.0.0", "a v1.1.0", StringComparison.Ordinal));
                break;
            default:
                if (edit.Length > 0)
                {
                    var text = File.ReadAllText(modulesTxt);
                    var applied = Apply(text, edit);
                    Assert.NotEqual(text, applied); // the edit must hit what go wrote
                    File.WriteAllText(modulesTxt, applied);
                }

                break;
        }

        AssertMatchesGo(dir, Offline(goflags), scenario);
    }

    [SkippableFact]
    public void Without_a_vendor_directory_goflags_mod_vendor_finds_every_require_unvendored_like_go()
    {
        GoOracle.Require();
        var dir = VendoredModule();
        Directory.Delete(Path.Combine(dir, "vendor"), recursive: true);
        AssertMatchesGo(dir, Offline("-mod=vendor"), "no vendor directory");
        AssertMatchesGo(dir, Offline(), "no vendor directory, default -mod");
    }

    [SkippableFact]
    public void The_reason_for_vendor_mode_is_gos_own()
    {
        GoOracle.Require();
        var dir = VendoredModule(extraImport: null);
        File.WriteAllText(Path.Combine(dir, "other.go"), "package main\n\nimport _ \"example.com/notvendored\"\n");
        var go = GoOracle.Run(dir, Offline(), "build", ".");
        var ours = Ours(dir, Offline());
        Assert.NotNull(ours);
        Assert.Contains($"import lookup disabled by -mod=vendor\n\t({ours.Mode.Reason})", go.Stderr, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task With_goflags_mod_vendor_the_commands_that_fetch_still_walk_goproxy_like_go()
    {
        GoOracle.Require();
        var dir = VendoredModule();
        var env = Offline("-mod=vendor");
        var go = GoOracle.Run(dir, env, "mod", "download", "example.com/a@v1.1.0");
        Assert.NotEqual(0, go.ExitCode);

        var environment = GoEnvironment.Compute(new GoEnvironmentInput(GoOracle.EnvironmentWith(env), GoOs.Linux, PhysicalGoEnvFileSystem.Instance));
        using var transport = new Resolution.RecordingTransport();
        var report = await new RequirementResolver(transport).ResolveAsync("example.com/a", "v1.1.0",
            new ResolveOptions(environment.ToProxySettings(), dir) { ProbeDirect = false, SuggestMirrors = false }, CancellationToken.None);
        Assert.Equal("go: " + report.Failure?.GoMessage + "\n", go.Stderr); // module lookup disabled by GOPROXY=off, not by -mod=vendor
    }

    [SkippableFact]
    public void Go_work_vendor_directories_match_go()
    {
        GoOracle.Require();
        var ws = GoOracle.NewScratchDir("vendored-ws");
        File.WriteAllText(Path.Combine(ws, "go.work"), "go 1.22\n\nuse (\n\t./m\n\t./n\n)\n");
        Directory.CreateDirectory(Path.Combine(ws, "m"));
        Directory.CreateDirectory(Path.Combine(ws, "n"));
        Directory.CreateDirectory(Path.Combine(ws, "local", "c"));
        File.WriteAllText(Path.Combine(ws, "local", "c", "go.mod"), "module example.com/c\n\ngo 1.21\n");
        File.WriteAllText(Path.Combine(ws, "local", "c", "c.go"), "package c\n\nfunc F() {}\n");
        File.WriteAllText(Path.Combine(ws, "m", "go.mod"), "module example.com/m\n\ngo 1.21\n\nrequire example.com/a v1.0.0\n");
        File.WriteAllText(Path.Combine(ws, "m", "m.go"), "package m\n\nimport \"example.com/a\"\n\nvar _ = a.F\n");
        var nGoMod = "module example.com/n\n\ngo 1.21\n\nrequire (\n\texample.com/b v1.0.0\n\texample.com/c v1.0.0\n)\n\nreplace example.com/c => ../local/c\n";
        File.WriteAllText(Path.Combine(ws, "n", "go.mod"), nGoMod);
        File.WriteAllText(Path.Combine(ws, "n", "n.go"), "package n\n\nimport (\n\t\"example.com/b\"\n\t\"example.com/c\"\n)\n\nvar _, _ = b.F, c.F\n");
        var online = Online();
        online["GOFLAGS"] = "-modcacherw";
        var vendor = GoOracle.Run(ws, online, "work", "vendor");
        Assert.True(vendor.ExitCode == 0, vendor.Stderr);
        Assert.Contains("# example.com/c => ./local/c", File.ReadAllText(Path.Combine(ws, "vendor", "modules.txt")), StringComparison.Ordinal);

        var m = Path.Combine(ws, "m");
        AssertMatchesGo(m, Offline(), "workspace as vendored");

        File.WriteAllText(Path.Combine(ws, "n", "go.mod"), nGoMod.Replace("../local/c", "../local/c2", StringComparison.Ordinal).Replace("b v1.0.0", "b v1.1.0", StringComparison.Ordinal));
        Directory.Move(Path.Combine(ws, "local", "c"), Path.Combine(ws, "local", "c2"));
        File.WriteAllText(Path.Combine(m, "go.mod"), "module example.com/m\n\ngo 1.21\n\nrequire example.com/a v1.1.0\n");
        AssertMatchesGo(m, Offline(), "workspace: a bumped in m, b bumped and c moved in n");

        File.WriteAllText(Path.Combine(ws, "go.work"), "go 1.22\n\nuse (\n\t./m\n\t./n\n)\n\nreplace example.com/a v1.1.0 => example.com/a v1.0.0\n");
        AssertMatchesGo(m, Offline(), "workspace: go.work replace added");
    }

    /// <summary>
    /// go list -m all: with -mod=vendor and a consistent vendor/ it refuses "all"; inconsistent, it prints the
    /// inconsistencies; without vendor mode it says nothing of vendor at all.
    /// </summary>
    public static TheoryData<string, string, string> TooNew => new()
    {
        { "a needs go 1.99, GOTOOLCHAIN=local", "local", "1.99" },
        { "a needs go 1.99, GOTOOLCHAIN=auto", "auto", "1.99" },
        { "a needs go 1.99, GOTOOLCHAIN=path", "path", "1.99" },
        { "a needs go 1.22, which runs", "local", "1.22" },
    };

    /// <summary>GML2014: a vendored module's go version above the go that runs stops every build with go's TooNewError.</summary>
    [SkippableTheory]
    [MemberData(nameof(TooNew))]
    public void A_vendored_module_needing_a_newer_go_matches_go(string scenario, string goToolchain, string needs)
    {
        GoOracle.Require();
        var dir = VendoredModule();
        var modulesTxt = Path.Combine(dir, "vendor", "modules.txt");
        var text = File.ReadAllText(modulesTxt);
        var edited = Apply(text, "# example.com/a v1.0.0\n## explicit; go 1.18\n~># example.com/a v1.0.0\n## explicit; go " + needs + "\n");
        File.WriteAllText(modulesTxt, edited);
        var env = Offline();
        env["GOTOOLCHAIN"] = goToolchain;
        var build = GoOracle.Run(dir, env, "build", "-o", Path.Combine(dir, "out"), ".");

        var vendor = Ours(dir, env);
        Assert.NotNull(vendor);
        var model = ModFileParser.Parse("go.mod", File.ReadAllText(Path.Combine(dir, "go.mod"))).Model;
        var findings = VendorFindings.From(vendor, model, "go.mod", dir).ToList();
        if (build.ExitCode == 0)
        {
            Assert.True(findings.Count == 0, $"{scenario}: go builds, we said {string.Join("; ", findings.Select(f => f.Message))}");
            return;
        }

        var finding = Assert.Single(findings);
        Assert.Equal(Findings.FindingCodes.VendoredGoTooNew, finding.Code);
        Assert.Equal(build.Stderr, "go: " + finding.GoMessage + "\n");
        Assert.Equal(6, finding.Range.Start.Line); // a's require line (1-based, as go prints it)
    }

    /// <summary>
    /// The upgrade that trips vendored projects: vendor/ written by go mod vendor while the go line said 1.16, which lists
    /// the indirect dependency c without "## explicit" and go.mod without c; the go line is then raised to 1.21 (graph
    /// pruning). go's consistency check passes, and every build stops at the next one (GML2013, on the go line).
    /// </summary>
    [SkippableFact]
    public void Raising_the_go_line_of_a_module_vendored_before_go_1_17_matches_go()
    {
        GoOracle.Require();
        var proxy = new ProxyTreeBuilder()
            .Add("example.com/c", "v1.0.0", s_time, "module example.com/c\n\ngo 1.16\n", Package("c"))
            .Add("example.com/d", "v1.0.0", s_time, "module example.com/d\n\ngo 1.16\n\nrequire example.com/c v1.0.0\n",
                new Dictionary<string, string> { ["d.go"] = "package d\n\nimport \"example.com/c\"\n\nfunc F() { c.F() }\n" })
            .WriteTo(GoOracle.NewScratchDir("vendor116-proxy"));
        var dir = GoOracle.NewScratchDir("vendor116");
        File.WriteAllText(Path.Combine(dir, "go.mod"), "module example.com/m\n\ngo 1.16\n\nrequire example.com/d v1.0.0\n");
        File.WriteAllText(Path.Combine(dir, "main.go"), "package main\n\nimport \"example.com/d\"\n\nfunc main() { d.F() }\n");
        var online = Online();
        online["GOPROXY"] = "file://" + proxy;
        foreach (var args in new[] { new[] { "mod", "tidy" }, ["mod", "vendor"] })
        {
            var r = GoOracle.Run(dir, online, args);
            Assert.True(r.ExitCode == 0, r.Stderr);
        }

        Assert.DoesNotContain("example.com/c", File.ReadAllText(Path.Combine(dir, "go.mod")), StringComparison.Ordinal);
        var raised = File.ReadAllText(Path.Combine(dir, "go.mod")).Replace("go 1.16", "go 1.21", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(dir, "go.mod"), raised);

        var build = GoOracle.Run(dir, Offline(), "build", "-o", Path.Combine(dir, "out"), ".");
        var vendor = Ours(dir, Offline());
        Assert.NotNull(vendor);
        var model = ModFileParser.Parse("go.mod", raised).Model;
        var finding = Assert.Single(VendorFindings.From(vendor, model, "go.mod", dir));
        Assert.Equal(FindingCodes.InconsistentVendoring, finding.Code);
        Assert.Equal(build.Stderr, "go: " + finding.GoMessage + "\n");
        Assert.Equal(3, finding.Range.Start.Line); // the go line
    }

    private static readonly Lazy<string> s_vendored = new(() => VendoredModule());

    /// <summary>
    /// One to three random line edits to what go mod vendor wrote (vendor/modules.txt: a line deleted, duplicated,
    /// moved, or one of the markers go reads changed; go.mod: a require or replace changed), as hand edits and merges
    /// leave them: go list -m all's first error is one of our findings, word for word. 40 seeded cases per run.
    /// </summary>
    public static TheoryData<int> RandomVendorEdits() => [.. Enumerable.Range(1, 40)];

    [SkippableTheory]
    [MemberData(nameof(RandomVendorEdits))]
    public void Random_edits_to_a_vendored_module_match_go(int seed)
    {
        GoOracle.Require();
        var dir = GoOracle.NewScratchDir("vendor-random");
        foreach (var file in Directory.GetFiles(s_vendored.Value, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(dir, Path.GetRelativePath(s_vendored.Value, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        string[] markerEdits =
        [
            "## explicit; go 1.18~>## explicit", "## explicit; go 1.18~>## go 1.18", "## explicit; go 1.18~>## explicit; go 1.30",
            "## explicit; go 1.18~>## explicit; go 1.18; extra", "v1.0.0~>v1.1.0", "# example.com/a~># example.com/A", "=> example.com/c v1.2.0~>=> example.com/c v1.0.0",
            "example.com/b v1.0.0\n~>example.com/b v1.0.0 \n", "# example.com~>#example.com",
        ];
        string[] goModEdits =
        [
            "a v1.0.0~>a v1.1.0", "\texample.com/unused v1.0.0\n~>", "\texample.com/b v1.0.0\n~>\texample.com/b v1.0.0 // indirect\n",
            "replace example.com/c => example.com/c v1.2.0\n~>", "c v1.2.0\n~>c v1.0.0\n", "go 1.21~>go 1.22", "go 1.21~>go 1.16",
            "replace example.com/c =>~>replace example.com/b => example.com/c v1.0.0\n\nreplace example.com/c =>",
        ];
        var random = new Random(seed);
        var modulesTxt = Path.Combine(dir, "vendor", "modules.txt");
        var goMod = Path.Combine(dir, "go.mod");
        var done = new List<string>();
        for (var i = random.Next(1, 4); i > 0; i--)
        {
            var lines = File.ReadAllText(modulesTxt).Split('\n').ToList();
            var at = random.Next(lines.Count - 1);
            switch (random.Next(6))
            {
                case 0:
                    done.Add("modules.txt: deleted " + lines[at]);
                    lines.RemoveAt(at);
                    break;
                case 1:
                    done.Add("modules.txt: duplicated " + lines[at]);
                    lines.Insert(at, lines[at]);
                    break;
                case 2:
                    var to = random.Next(lines.Count - 1);
                    done.Add($"modules.txt: moved {lines[at]} to line {to + 1}");
                    var line = lines[at];
                    lines.RemoveAt(at);
                    lines.Insert(to, line);
                    break;
                case 3:
                    var edit = markerEdits[random.Next(markerEdits.Length)];
                    if (string.Join('\n', lines).Contains(edit[..edit.IndexOf("~>", StringComparison.Ordinal)], StringComparison.Ordinal))
                    {
                        done.Add("modules.txt: " + edit);
                        lines = Apply(string.Join('\n', lines), edit).Split('\n').ToList();
                    }

                    break;
                default:
                    var goModEdit = goModEdits[random.Next(goModEdits.Length)];
                    var text = File.ReadAllText(goMod);
                    if (text.Contains(goModEdit[..goModEdit.IndexOf("~>", StringComparison.Ordinal)], StringComparison.Ordinal))
                    {
                        done.Add("go.mod: " + goModEdit);
                        File.WriteAllText(goMod, Apply(text, goModEdit));
                    }

                    break;
            }

            File.WriteAllText(modulesTxt, string.Join('\n', lines));
        }

        // go stops at its first error: it must be one of the findings (GML2013, GML2014) the language server shows, or
        // go's whole inconsistent-vendoring message, which those findings split by line.
        var scenario = string.Join(" | ", done);
        var env = Offline();
        var go = GoOracle.Run(dir, env, "list", "-m", "all");
        var vendor = Ours(dir, env);
        Assert.NotNull(vendor);
        var model = ModFileParser.Parse("go.mod", File.ReadAllText(goMod)).Model;
        var findings = VendorFindings.From(vendor, model, "go.mod", dir).ToList();
        if (findings.Count == 0)
        {
            Assert.True(go.Stderr.Contains("can't compute 'all' using the vendor directory", StringComparison.Ordinal),
                $"{scenario}\nwe found vendor/ consistent, go said:\n{go.Stderr}");
            return;
        }

        // The findings split go's inconsistent-vendoring message by line; go prints it whole.
        var candidates = findings.Select(f => "go: " + f.GoMessage + "\n").ToList();
        if (VendorConsistency.Check(vendor.Mode, vendor.List, model, dir) is { Count: > 0 } errors)
        {
            candidates.Add("go: " + VendorConsistency.GoMessage(vendor.Mode, errors) + "\n");
        }

        Assert.True(candidates.Contains(go.Stderr), $"{scenario}\n--- go:\n{go.Stderr}--- ours:\n{string.Join("", candidates)}");
    }

    private static void AssertMatchesGo(string moduleDirectory, Dictionary<string, string?> env, string scenario)
    {
        var go = GoOracle.Run(moduleDirectory, env, "list", "-m", "all");
        var ours = Ours(moduleDirectory, env);
        if (ours is null)
        {
            Assert.False(go.Stderr.Contains("vendor", StringComparison.Ordinal), $"{scenario}: go used vendor/, we did not:\n{go.Stderr}");
            return;
        }

        var model = ModFileParser.Parse("go.mod", File.ReadAllText(Path.Combine(moduleDirectory, "go.mod"))).Model;
        var errors = VendorConsistency.Check(ours.Mode, ours.List, model, moduleDirectory);
        if (errors.Count == 0)
        {
            Assert.True(go.Stderr.Contains("can't compute 'all' using the vendor directory", StringComparison.Ordinal),
                $"{scenario}: we found vendor/ consistent, go said:\n{go.Stderr}");
        }
        else
        {
            var message = "go: " + VendorConsistency.GoMessage(ours.Mode, errors) + "\n";
            Assert.True(message == go.Stderr, $"{scenario}\n--- go:\n{go.Stderr}--- ours:\n{message}");
        }
    }

    private static VendorState? Ours(string moduleDirectory, Dictionary<string, string?> env)
    {
        var environment = GoEnvironment.Compute(new GoEnvironmentInput(GoOracle.EnvironmentWith(env), GoOs.Linux, PhysicalGoEnvFileSystem.Instance));
        var model = ModFileParser.Parse("go.mod", File.ReadAllText(Path.Combine(moduleDirectory, "go.mod"))).Model;
        return VendorState.For(environment, moduleDirectory, model, GoWorkspace.Find(environment, moduleDirectory));
    }

    // "old~>new": the first occurrence of old replaced; "" for no change.
    private static string Apply(string text, string edit)
    {
        if (edit.Length == 0)
        {
            return text;
        }

        var arrow = edit.IndexOf("~>", StringComparison.Ordinal);
        var (old, replacement) = (edit[..arrow], edit[(arrow + 2)..]);
        var at = text.IndexOf(old, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{old}' not in the text");
        return text[..at] + replacement + text[(at + old.Length)..];
    }
}
