using System.Text;
using System.Text.Json;
using GoModLens.ModFile.GoSum;
using GoModLens.TestUtilities;

namespace GoModLens.ModFile.Tests;

/// <summary>Our h1 hashes against the Sum/GoModSum go 1.26 computes in `go mod download -json` from a file:// proxy.</summary>
public sealed class GoSumHashOracleTests
{
    public static TheoryData<string, string, string> Modules() => new()
    {
        { "example.com/hash/simple", "v1.0.0", "module example.com/hash/simple\n\ngo 1.16\n" },
        { "example.com/Upper/Case", "v1.2.3-Beta.1", "module example.com/Upper/Case\r\n\r\ngo 1.21\r\n\r\nrequire example.com/other v1.0.0\r\n" },
        { "example.com/hash/v2", "v2.0.1", "module example.com/hash/v2 // comment, no trailing newline" },
        { "example.com/hash/nomod", "v3.0.0+incompatible", "module example.com/hash/nomod\n" },
    };

    [SkippableTheory]
    [MemberData(nameof(Modules))]
    public void HashZip_and_HashGoMod_equal_go(string modulePath, string version, string goMod)
    {
        GoOracle.Require();
        var proxy = new ModuleTestProxy();
        var goModBytes = Encoding.UTF8.GetBytes(goMod);
        proxy.WriteList(modulePath, [version]);
        proxy.WriteInfoAndMod(modulePath, version, goModBytes);
        var files = new List<KeyValuePair<string, byte[]>>
        {
            new("a.go", Encoding.UTF8.GetBytes("package a\n")),
            new("sub/dir/b.go", Encoding.UTF8.GetBytes("package dir\n\n// ünïcödé\n")),
            new("données/é.txt", [0, 1, 2, 255, 254]),
            new("LICENSE", Encoding.UTF8.GetBytes(new string('x', 10_000))),
            new("empty.txt", []),
        };
        if (!version.EndsWith("+incompatible", StringComparison.Ordinal))
        {
            files.Add(new("go.mod", goModBytes));
        }

        var zipPath = proxy.WriteZip(modulePath, version, files);
        var work = GoOracle.NewScratchDir("hash");
        var result = GoOracle.Run(work, proxy.Environment(), "mod", "download", "-json", $"{modulePath}@{version}");
        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        var goSum = json.RootElement.GetProperty("Sum").GetString();
        var goModSum = json.RootElement.GetProperty("GoModSum").GetString();

        using (var zip = File.OpenRead(zipPath))
        {
            Assert.Equal(goSum, DirHash.HashZip(zip));
        }

        Assert.Equal(goModSum, DirHash.HashGoMod(goModBytes));

        // go mod verify hashes the extracted tree; HashDir over go's own extraction must agree too.
        var dir = json.RootElement.GetProperty("Dir").GetString()!;
        Assert.Equal(goSum, DirHash.HashDir(dir, $"{modulePath}@{version}"));
    }
}
