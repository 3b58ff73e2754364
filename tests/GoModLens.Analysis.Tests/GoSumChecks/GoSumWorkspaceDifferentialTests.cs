using GoModLens.Analysis.Environment;
using GoModLens.Analysis.GoSum;
using GoModLens.Analysis.Workspace;
using GoModLens.TestUtilities;
using GoModLens.TestUtilities.ProxyTree;

namespace GoModLens.Analysis.Tests.GoSumChecks;

/// <summary>
/// Workspace mode against go 1.26: go reads go.work.sum and every workspace module's go.sum. A missing line is no
/// error there (go writes go.work.sum), but a differing hash is: go.work.sum's first line for a version decides, and
/// past it any other h1 hash in a module's go.sum stops go, even with the right one elsewhere. <c>go build</c> of a
/// package importing the module checks both the "/go.mod" and the module line; our mismatches must hold go's message
/// exactly when go fails, and be none when it builds.
/// </summary>
public sealed class GoSumWorkspaceDifferentialTests
{
    private static readonly ModuleVersionKey Foo = new("example.com/foo", "v1.0.0");

    private static readonly Lazy<string> s_proxy = new(() => new ProxyTreeBuilder()
        .Add(Foo.Path, Foo.Version, new DateTimeOffset(2023, 1, 15, 10, 0, 0, TimeSpan.Zero), files: new Dictionary<string, string> { ["foo.go"] = "package foo\n\nfunc F() {}\n" })
        .WriteTo(GoOracle.NewScratchDir("gosum-ws-proxy")));

    private static Dictionary<string, string?> GoEnv(string dir) => new()
    {
        ["GOFLAGS"] = "-mod=readonly",
        ["GOPROXY"] = new Uri(s_proxy.Value).AbsoluteUri,
        ["GOMODCACHE"] = Path.Combine(dir, ".modcache"), // fresh per case: nothing is trusted from an earlier download
    };

    // go's own hashes of foo, once.
    private static readonly Lazy<(string Zip, string GoMod)> s_hashes = new(() =>
    {
        var dir = GoOracle.NewScratchDir("gosum-ws-hashes");
        File.WriteAllText(Path.Combine(dir, "go.mod"), "module example.com/m\n\ngo 1.22\n");
        return GoOracle.DownloadHashes(dir, GoEnv(dir), $"{Foo.Path}@{Foo.Version}")[$"{Foo.Path}@{Foo.Version}"];
    });

    // Wrong hashes of the right shape.
    private const string BadGoMod = "h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
    private const string BadZip = "h1:BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB=";

    public static TheoryData<string, bool, string, string, string> Cases() => new()
    {
        // name, go builds, go.work.sum, a/go.sum, b/go.sum ({mod}/{zip}: go's hashes; {badmod}/{badzip}: others)
        { "no-sums-anywhere", true, "", "", "" },
        { "right-in-a", true, "", "{foo} {zip}\n{foo}/go.mod {mod}\n", "" },
        { "right-in-work-sum", true, "{foo} {zip}\n{foo}/go.mod {mod}\n", "", "" },
        { "wrong-go-mod-in-a", false, "", "{foo}/go.mod {badmod}\n", "" },
        { "wrong-go-mod-in-b-right-in-a", false, "", "{foo} {zip}\n{foo}/go.mod {mod}\n", "{foo}/go.mod {badmod}\n" },
        { "wrong-go-mod-in-work-sum", false, "{foo}/go.mod {badmod}\n", "{foo} {zip}\n{foo}/go.mod {mod}\n", "" },
        { "right-in-work-sum-settles-it", true, "{foo} {zip}\n{foo}/go.mod {mod}\n", "{foo} {badzip}\n{foo}/go.mod {badmod}\n", "" },
        { "wrong-first-in-work-sum", false, "{foo}/go.mod {badmod}\n{foo}/go.mod {mod}\n", "", "" },
        { "right-first-in-work-sum", true, "{foo}/go.mod {mod}\n{foo}/go.mod {badmod}\n{foo} {zip}\n", "", "" },
        { "wrong-zip-in-b", false, "", "{foo}/go.mod {mod}\n", "{foo} {badzip}\n" },
        { "wrong-zip-in-a-right-in-b", false, "", "{foo} {badzip}\n{foo}/go.mod {mod}\n", "{foo} {zip}\n" },
        { "wrong-zip-in-work-sum", false, "{foo} {badzip}\n", "{foo}/go.mod {mod}\n", "" },
        { "both-modules-wrong", false, "", "{foo}/go.mod {badmod}\n", "{foo}/go.mod {badmod}\n" },
    };

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public void Go_build_in_a_workspace_fails_exactly_on_our_mismatches(string name, bool goBuilds, string workSum, string aSum, string bSum)
    {
        GoOracle.Require();
        var (zip, mod) = s_hashes.Value;
        string Fill(string template) => template.Replace("{foo}", $"{Foo.Path} {Foo.Version}", StringComparison.Ordinal)
            .Replace("{mod}", mod, StringComparison.Ordinal).Replace("{zip}", zip, StringComparison.Ordinal)
            .Replace("{badmod}", BadGoMod, StringComparison.Ordinal).Replace("{badzip}", BadZip, StringComparison.Ordinal);
        var ws = GoOracle.NewScratchDir("gosum-ws-" + name);
        var goWork = Path.Combine(ws, "go.work");
        File.WriteAllText(goWork, "go 1.22\n\nuse (\n\t./a\n\t./b\n)\n");
        foreach (var (module, sum) in new[] { ("a", aSum), ("b", bSum) })
        {
            Directory.CreateDirectory(Path.Combine(ws, module));
            File.WriteAllText(Path.Combine(ws, module, "go.mod"), $"module example.com/{module}\n\ngo 1.22\n\nrequire {Foo.Path} {Foo.Version}\n");
            File.WriteAllText(Path.Combine(ws, module, module + ".go"), $"package {module}\n\nimport \"{Foo.Path}\"\n\nvar _ = foo.F\n");
            if (sum.Length > 0)
            {
                File.WriteAllText(Path.Combine(ws, module, "go.sum"), Fill(sum));
            }
        }

        if (workSum.Length > 0)
        {
            File.WriteAllText(goWork + ".sum", Fill(workSum));
        }

        // Ours first: go build writes the sums it verified to go.work.sum.
        var workspace = GoWorkspace.Load(goWork, File.ReadAllText(goWork), PhysicalGoEnvFileSystem.Instance, ws);
        var goModBytes = File.ReadAllBytes(Path.Combine(s_proxy.Value, Foo.Path, "@v", Foo.Version + ".mod"));
        var findings = GoSumChecker.Mismatches(workspace.SumSet(p => ModFile.GoSum.GoSumFile.Parse(p, File.Exists(p) ? File.ReadAllText(p) : "")), new Dictionary<ModuleVersionKey, byte[]> { [Foo] = goModBytes },
            [new ModuleZipHash(Foo, zip, null, s_proxy.Value, 2, 0, TimeSpan.Zero, FromRepository: false)]);

        var result = GoOracle.Run(Path.Combine(ws, "a"), GoEnv(ws), "build", "./...");

        Assert.True(goBuilds == (result.ExitCode == 0), $"{name}: expected go to {(goBuilds ? "build" : "fail")}; stderr: {result.Stderr}");
        if (goBuilds)
        {
            Assert.True(findings.Count == 0, $"{name}: go builds but we report: {string.Join("\n", findings.Select(f => f.GoMessage))}");
            return;
        }

        // go prints its message after any "go: downloading" lines.
        var goText = result.Stderr.TrimEnd('\n');
        var start = goText.IndexOf("verifying ", StringComparison.Ordinal);
        Assert.True(start >= 0, $"{name}: {goText}");
        Assert.Contains(goText[start..], findings.Select(f => f.GoMessage));
        // Every finding sits on a line with the hash it quotes, in the file go names.
        foreach (var f in findings)
        {
            var hash = File.ReadAllText(f.FileName).Split('\n')[f.Range.Start.Line - 1].Split(' ')[^1];
            Assert.Contains("     " + hash, f.GoMessage!, StringComparison.Ordinal);
            Assert.Contains(f.FileName.EndsWith("go.work.sum", StringComparison.Ordinal) ? "\tgo.work.sum:     " : $"\t{f.FileName}:     ", f.GoMessage!, StringComparison.Ordinal);
        }
    }
}
