using System.Text;
using GoModLens.Analysis.GoSum;
using GoModLens.ModFile.GoSum;
using GoModLens.ModFile.Semantics;
using GoModLens.TestUtilities;
using GoModLens.TestUtilities.ProxyTree;

namespace GoModLens.Analysis.Tests.GoSumChecks;

/// <summary>
/// go 1.26 as the oracle: `go list -m all` with -mod=readonly against a file:// proxy, in a module whose go.sum is
/// missing, wrong or malformed. go stops at its first error; we check that error is exactly one of our findings'
/// GoMessage, and that go succeeds exactly when we report no error.
/// </summary>
public sealed class GoSumChecksDifferentialTests
{
    private static readonly Lazy<string> s_proxy = new(() =>
    {
        var root = GoOracle.NewScratchDir("gosum-proxy");
        var t = new DateTimeOffset(2023, 1, 15, 10, 0, 0, TimeSpan.Zero);
        new ProxyTreeBuilder()
            .Add("example.com/foo", "v1.0.0", t)
            .Add("example.com/bar", "v0.1.0", t, "module example.com/bar\n\ngo 1.18\n\n// a comment the hash must cover\n")
            .Add("example.com/Upper/Case", "v1.0.0", t)
            .WriteTo(root);
        return root;
    });

    private static string ModBytesText(string path, string version) =>
        File.ReadAllText(Path.Combine(s_proxy.Value, ProxyTreeBuilder.EscapePath(path), "@v", version + ".mod"));

    private static string H(string path, string version) => DirHash.HashGoMod(Encoding.UTF8.GetBytes(ModBytesText(path, version)));

    private const string Requires = "module example.com/m\n\ngo 1.21\n\nrequire (\n\texample.com/foo v1.0.0\n\texample.com/Upper/Case v1.0.0\n)\n";

    // No go.sum file at all: go needs the same lines, so the checker gets an empty one.
    private const string NoFile = "(no go.sum)";

    public static TheoryData<string, bool, string, string> Cases()
    {
        // Hashes are computed lazily inside the test from placeholders so the theory data stays static.
        return new TheoryData<string, bool, string, string>
        {
            { "complete", true, Requires, "example.com/foo v1.0.0/go.mod {foo}\nexample.com/Upper/Case v1.0.0/go.mod {upper}\n" },
            { "missing-one", false, Requires, "example.com/foo v1.0.0/go.mod {foo}\n" },
            { "missing-upper-only-zip-hash", false, Requires, "example.com/foo v1.0.0/go.mod {foo}\nexample.com/Upper/Case v1.0.0 {upper}\n" },
            { "missing-unknown-algorithm", false, Requires, "example.com/foo v1.0.0/go.mod {foo}\nexample.com/Upper/Case v1.0.0/go.mod h2:abc\n" },
            { "missing-empty-gomod-hash", false, Requires, "example.com/foo v1.0.0/go.mod {foo}\nexample.com/Upper/Case v1.0.0/go.mod " + GoSumFile.EmptyGoModHash + "\n" },
            { "mismatch", false, Requires, "example.com/foo v1.0.0/go.mod {bar}\nexample.com/Upper/Case v1.0.0/go.mod {upper}\n" },
            { "mismatch-first-of-two", false, Requires, "example.com/foo v1.0.0/go.mod {bar}\nexample.com/foo v1.0.0/go.mod {foo}\nexample.com/Upper/Case v1.0.0/go.mod {upper}\n" },
            { "right-first-of-two", true, Requires, "example.com/foo v1.0.0/go.mod {foo}\nexample.com/foo v1.0.0/go.mod {bar}\nexample.com/Upper/Case v1.0.0/go.mod {upper}\n" },
            { "malformed", false, Requires, "example.com/foo v1.0.0/go.mod {foo}\nexample.com/Upper/Case v1.0.0/go.mod\n" },
            { "malformed-four-fields", false, Requires, "example.com/foo v1.0.0/go.mod {foo} extra\n" },
            { "replaced-missing", false, "module example.com/m\n\ngo 1.21\n\nrequire example.com/foo v1.0.0\n\nreplace example.com/foo => example.com/bar v0.1.0\n", "example.com/foo v1.0.0/go.mod {foo}\n" },
            { "replaced-complete", true, "module example.com/m\n\ngo 1.21\n\nrequire example.com/foo v1.0.0\n\nreplace example.com/foo => example.com/bar v0.1.0\n", "example.com/bar v0.1.0/go.mod {bar}\n" },
            { "replaced-mismatch", false, "module example.com/m\n\ngo 1.21\n\nrequire example.com/foo v1.0.0\n\nreplace example.com/foo => example.com/bar v0.1.0\n", "example.com/bar v0.1.0/go.mod {foo}\n" },
            { "no-go-sum-file", false, Requires, NoFile },
            { "no-go-sum-file-stops-at-the-first-path", false, "module example.com/m\n\ngo 1.21\n\nrequire (\n\texample.com/foo v1.0.0\n\texample.com/bar v0.1.0\n)\n", NoFile },
            { "no-go-sum-file-nothing-needed", true, "module example.com/m\n\ngo 1.21\n\nrequire example.com/foo v1.0.0\n\nreplace example.com/foo => ./foo\n", NoFile },
            { "duplicate-lines-are-fine", true, Requires, "example.com/foo v1.0.0/go.mod {foo}\nexample.com/foo v1.0.0/go.mod {foo}\nexample.com/Upper/Case v1.0.0/go.mod {upper}\n" },
        };
    }

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public void GoListAgreesWithTheChecker(string name, bool goSucceeds, string goMod, string sumTemplate) =>
        Check(name, goSucceeds, goMod, sumTemplate);

    /// <summary>
    /// go.sum files of random lines (right, wrong, zip-hash-only, malformed, unknown-algorithm, blank, CRLF, duplicated,
    /// any order) under random go.mod files (two requires, a replacement, one require): go list -m all's outcome and
    /// first error against ours. 50 seeded cases per run (500 once: 455 failing in 7 different ways, 45 clean, all equal).
    /// </summary>
    public static TheoryData<int> RandomSums() => [.. Enumerable.Range(1, 50)];

    [SkippableTheory]
    [MemberData(nameof(RandomSums))]
    public void Random_go_sum_files_agree_with_go_list(int seed)
    {
        string[] goMods =
        [
            Requires,
            "module example.com/m\n\ngo 1.21\n\nrequire example.com/foo v1.0.0\n\nreplace example.com/foo => example.com/bar v0.1.0\n",
            "module example.com/m\n\ngo 1.21\n\nrequire (\n\texample.com/foo v1.0.0\n\texample.com/bar v0.1.0\n)\n",
        ];
        string[] lines =
        [
            "example.com/foo v1.0.0/go.mod {foo}", "example.com/foo v1.0.0/go.mod {foo}", "example.com/Upper/Case v1.0.0/go.mod {upper}",
            "example.com/Upper/Case v1.0.0/go.mod {upper}", "example.com/bar v0.1.0/go.mod {bar}", "example.com/bar v0.1.0/go.mod {bar}",
            "example.com/foo v1.0.0/go.mod {bar}", "example.com/bar v0.1.0/go.mod {foo}", "example.com/foo v1.0.0 {foo}", "example.com/Upper/Case v1.0.0 {upper}",
            "example.com/foo v1.0.0/go.mod", "example.com/foo v1.0.0/go.mod {foo} extra", "example.com/Upper/Case v1.0.0/go.mod h2:abc",
            "example.com/upper/case v1.0.0/go.mod {upper}", "", "example.com/foo v1.0.0/go.mod " + GoSumFile.EmptyGoModHash, "example.com/foo v1.0.1/go.mod {foo}",
        ];
        var random = new Random(seed);
        var newline = random.Next(5) == 0 ? "\r\n" : "\n";
        var sum = string.Concat(Enumerable.Range(0, random.Next(0, 6)).Select(_ => lines[random.Next(lines.Length)] + newline));
        Check($"random-{seed}", null, goMods[random.Next(goMods.Length)], random.Next(10) == 0 ? NoFile : sum);
    }

    private static void Check(string name, bool? goSucceeds, string goMod, string sumTemplate)
    {
        GoOracle.Require();
        var sumText = sumTemplate
            .Replace("{foo}", H("example.com/foo", "v1.0.0"), StringComparison.Ordinal)
            .Replace("{bar}", H("example.com/bar", "v0.1.0"), StringComparison.Ordinal)
            .Replace("{upper}", H("example.com/Upper/Case", "v1.0.0"), StringComparison.Ordinal);
        var dir = GoOracle.NewScratchDir("gosum-" + name);
        File.WriteAllText(Path.Combine(dir, "go.mod"), goMod);
        var sumPath = Path.Combine(dir, "go.sum");
        if (sumTemplate == NoFile)
        {
            sumText = "";
            Directory.CreateDirectory(Path.Combine(dir, "foo"));
            File.WriteAllText(Path.Combine(dir, "foo", "go.mod"), "module example.com/foo\n\ngo 1.21\n");
        }
        else
        {
            File.WriteAllText(sumPath, sumText);
        }

        var result = GoOracle.Run(dir, new Dictionary<string, string?>
        {
            ["GOFLAGS"] = "-mod=readonly",
            ["GOPROXY"] = new Uri(s_proxy.Value).AbsoluteUri,
            ["GOMODCACHE"] = Path.Combine(dir, ".modcache"), // fresh per case: nothing is trusted from an earlier download
        }, "list", "-m", "all");

        var model = ModFileParser.Parse(Path.Combine(dir, "go.mod"), goMod).Model;
        var sum = sumTemplate == NoFile ? GoSumFile.Absent(sumPath) : GoSumFile.Parse(sumPath, sumText);
        var fetched = GoSumChecker.RequiredGoModSums(model)
            .Select(n => n.Target)
            .Distinct()
            .ToDictionary(k => k, k => Encoding.UTF8.GetBytes(ModBytesText(k.Path, k.Version)));
        var findings = GoSumChecker.Check(sum, model, fetched);
        var errors = findings.Where(f => f.Severity == Findings.FindingSeverity.Error).ToList();

        Assert.True(goSucceeds is null || goSucceeds == (result.ExitCode == 0), $"{name}: expected go to {(goSucceeds == true ? "succeed" : "fail")}; stderr: {result.Stderr}");
        var context = $"\n--- go.mod:\n{goMod}--- go.sum:\n{sumText}";
        if (result.ExitCode == 0)
        {
            Assert.True(errors.Count == 0, $"{name}: go succeeded but we report: {string.Join("; ", errors.Select(e => e.Code + " " + e.Message))}{context}");
            return;
        }

        Assert.True(errors.Count > 0, $"{name}: go failed with {result.Stderr} but we report no error{context}");
        var goText = result.Stderr.TrimEnd('\n');
        var ours = errors.Where(e => e.GoMessage is not null).Select(e => e.GoMessage!).ToList();
        Assert.True(
            ours.Any(m => goText == m || goText == "go: " + m),
            $"{name}: go printed\n{goText}\nours:\n{string.Join("\n---\n", ours)}{context}");
    }
}

/// <summary>
/// GML1509 against go 1.26: <c>go build</c> of a package importing a direct require needs the module's zip hash in
/// go.sum, not just its go.mod's; <c>go list -m all</c> does not.
/// </summary>
public sealed class GoSumModuleHashDifferentialTests
{
    private static readonly Lazy<string> s_proxy = new(() => new ProxyTreeBuilder()
        .Add("example.com/foo", "v1.0.0", new DateTimeOffset(2023, 1, 15, 10, 0, 0, TimeSpan.Zero), files: new Dictionary<string, string> { ["foo.go"] = "package foo\n\nfunc F() {}\n" })
        .Add("example.com/bar", "v0.1.0", new DateTimeOffset(2023, 1, 15, 10, 0, 0, TimeSpan.Zero), files: new Dictionary<string, string> { ["bar.go"] = "package bar\n\nfunc F() {}\n" })
        .WriteTo(GoOracle.NewScratchDir("gosum-zip-proxy")));

    [SkippableTheory]
    [InlineData("foo: only the go.mod hash", false, true)]
    [InlineData("both hashes", true, true)]
    [InlineData("bar // indirect, not imported, only its go.mod hash", true, false)]
    public void Go_build_needs_the_module_hash_of_an_imported_direct_require_exactly_when_we_say(string scenario, bool fooZipLine, bool importBar)
    {
        GoOracle.Require();
        var dir = GoOracle.NewScratchDir("gosum-zip");
        var env = new Dictionary<string, string?>
        {
            ["GOFLAGS"] = "-mod=readonly",
            ["GOPROXY"] = new Uri(s_proxy.Value).AbsoluteUri,
            ["GOMODCACHE"] = Path.Combine(dir, ".modcache"),
        };
        File.WriteAllText(Path.Combine(dir, "go.mod"), "module example.com/m\n\ngo 1.21\n");
        var all = GoOracle.DownloadHashes(dir, env, "example.com/foo@v1.0.0", "example.com/bar@v0.1.0");
        var hashes = new Dictionary<string, (string Zip, string GoMod)> { ["example.com/foo"] = all["example.com/foo@v1.0.0"], ["example.com/bar"] = all["example.com/bar@v0.1.0"] };

        var goMod = "module example.com/m\n\ngo 1.21\n\nrequire example.com/foo v1.0.0\n\nrequire example.com/bar v0.1.0" + (importBar ? "\n" : " // indirect\n");
        var sumText = (importBar ? $"example.com/bar v0.1.0 {hashes["example.com/bar"].Zip}\n" : "") + $"example.com/bar v0.1.0/go.mod {hashes["example.com/bar"].GoMod}\n"
            + (fooZipLine ? $"example.com/foo v1.0.0 {hashes["example.com/foo"].Zip}\n" : "")
            + $"example.com/foo v1.0.0/go.mod {hashes["example.com/foo"].GoMod}\n";
        File.WriteAllText(Path.Combine(dir, "go.mod"), goMod);
        File.WriteAllText(Path.Combine(dir, "main.go"),
            "package main\n\nimport (\n\t\"example.com/foo\"\n" + (importBar ? "\t\"example.com/bar\"\n" : "") + ")\n\nfunc main() {}\n\nvar _ = foo.F\n"
            + (importBar ? "var _ = bar.F\n" : ""));
        File.WriteAllText(Path.Combine(dir, "go.sum"), sumText);
        var build = GoOracle.Run(dir, env, "vet", "."); // loads and type-checks the imports like go build, without linking
        var goFails = build.Stderr.Contains("missing go.sum entry for module providing package", StringComparison.Ordinal);
        Assert.True(build.ExitCode == 0 || goFails, $"{scenario}: go failed otherwise: {build.Stderr}");

        var model = ModFileParser.Parse("go.mod", goMod).Model;
        var ours = GoSumChecker.Check(GoSumFile.Parse("go.sum", sumText), model).Where(f => f.Code == GoSumFindingCodes.MissingModuleEntry).ToList();
        Assert.Equal(goFails, ours.Count == 1 && ours[0].ModulePath == "example.com/foo");
        Assert.Equal(goFails ? 1 : 0, ours.Count);
    }

    [SkippableFact]
    public void With_goflags_mod_mod_go_writes_the_missing_lines_itself_so_they_are_information()
    {
        GoOracle.Require();
        var dir = GoOracle.NewScratchDir("gosum-modmod");
        var env = new Dictionary<string, string?>
        {
            ["GOFLAGS"] = "-mod=mod",
            ["GOPROXY"] = new Uri(s_proxy.Value).AbsoluteUri,
            ["GOMODCACHE"] = Path.Combine(dir, ".modcache"),
        };
        // foo has no line at all (GML1507), bar only its go.mod's (GML1509); both are imported.
        const string GoMod = "module example.com/m\n\ngo 1.21\n\nrequire (\n\texample.com/foo v1.0.0\n\texample.com/bar v0.1.0\n)\n";
        File.WriteAllText(Path.Combine(dir, "go.mod"), "module example.com/m\n\ngo 1.21\n");
        var barGoMod = GoOracle.DownloadHashes(dir, env, "example.com/bar@v0.1.0")["example.com/bar@v0.1.0"].GoMod;
        var sumText = $"example.com/bar v0.1.0/go.mod {barGoMod}\n";
        File.WriteAllText(Path.Combine(dir, "go.mod"), GoMod);
        File.WriteAllText(Path.Combine(dir, "go.sum"), sumText);
        File.WriteAllText(Path.Combine(dir, "main.go"), "package main\n\nimport (\n\t\"example.com/bar\"\n\t\"example.com/foo\"\n)\n\nfunc main() { foo.F(); bar.F() }\n");

        var readOnly = GoOracle.Run(dir, new Dictionary<string, string?>(env) { ["GOFLAGS"] = "-mod=readonly" }, "vet", ".");
        Assert.NotEqual(0, readOnly.ExitCode);
        var modMod = GoOracle.Run(dir, env, "vet", ".");
        Assert.True(modMod.ExitCode == 0, modMod.Stderr); // go wrote the lines
        Assert.Contains("example.com/foo v1.0.0/go.mod h1:", File.ReadAllText(Path.Combine(dir, "go.sum")), StringComparison.Ordinal);

        var model = ModFileParser.Parse("go.mod", GoMod).Model;
        var sum = GoSumFile.Parse("go.sum", sumText);
        var strict = GoSumChecker.Check(sum, model);
        Assert.Equal([GoSumFindingCodes.MissingGoModEntry, GoSumFindingCodes.MissingModuleEntry], strict.Select(f => f.Code).Order());
        var lenient = GoSumChecker.Check(sum, model, goAddsSums: true);
        Assert.Equal(strict.Select(f => f.Code), lenient.Select(f => f.Code));
        Assert.All(lenient, f => Assert.Equal(Findings.FindingSeverity.Information, f.Severity));
        Assert.All(lenient, f => Assert.EndsWith("with GOFLAGS=-mod=mod go adds it on its next build", f.Message, StringComparison.Ordinal));
    }
}
