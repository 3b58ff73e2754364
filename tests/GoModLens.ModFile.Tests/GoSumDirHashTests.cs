using System.IO.Compression;
using System.Text;
using GoModLens.ModFile.GoSum;

namespace GoModLens.ModFile.Tests;

public sealed class GoSumDirHashTests
{
    private static byte[] B(string s) => Encoding.UTF8.GetBytes(s);

    [Fact]
    public void Empty_go_mod_hash_is_the_constant_go_ignores()
    {
        Assert.Equal("h1:G7mAYYxgmS0lVkHyy2hEOLQCFB0DlQFTMLWggykrydY=", DirHash.HashGoMod([]));
        Assert.Equal(GoSumFile.EmptyGoModHash, DirHash.HashGoMod([]));
    }

    [Theory] // vectors verified against go 1.19 in the spec (§5.2)
    [InlineData("module rel.example/m\n\ngo 1.16\n", "h1:puktbylvNrv+oFLeQJmb3Dh3iJjAgKPiMvPbXFbx3gM=")]
    [InlineData("// Deprecated: use dep.example/m/v2 instead.\nmodule dep.example/m\n\ngo 1.16\n", "h1:ZWnB4jF7U8JmDaz6yXcdHaDgSDO+W6vchodMw+A9L38=")]
    [InlineData("module zipm.example/m\n\ngo 1.16\n", "h1:ardS+jmQsYnoRRZkWjwwNbjGZlgvd5vRfIJfH2MqWRU=")]
    public void HashGoMod_known_vectors(string goMod, string want) => Assert.Equal(want, DirHash.HashGoMod(B(goMod)));

    [Fact]
    public void HashZip_known_vector_is_independent_of_entry_order_and_compression()
    {
        var entries = new (string, string)[]
        {
            ("zipm.example/m@v1.0.0/go.mod", "module zipm.example/m\n\ngo 1.16\n"),
            ("zipm.example/m@v1.0.0/a.go", "package m\n"),
            ("zipm.example/m@v1.0.0/B/b.go", "package b\n"),
        };
        const string want = "h1:EeWR6P+slIlp32T8Mmz3oBuGrpccut+mugjrNCe6eoU=";
        Assert.Equal(want, DirHash.HashZip(Zip(entries, CompressionLevel.Optimal)));
        Assert.Equal(want, DirHash.HashZip(Zip(entries.Reverse(), CompressionLevel.NoCompression)));
        Assert.Equal(want, DirHash.Hash1(entries.Select(e => new KeyValuePair<string, byte[]>(e.Item1, B(e.Item2)))));
    }

    [Fact]
    public void Hash1_sorts_by_utf8_bytes_and_rejects_newlines()
    {
        // U+FF21 sorts after U+D83D (surrogate) in UTF-16 order but before U+1F600 in UTF-8 byte order.
        var a = new KeyValuePair<string, byte[]>("\uFF21", B("x"));
        var b = new KeyValuePair<string, byte[]>("😀", B("y"));
        Assert.Equal(DirHash.Hash1([a, b]), DirHash.Hash1([b, a]));
        Assert.Equal(ManualHash1([("\uFF21", "x"), ("😀", "y")]), DirHash.Hash1([b, a]));
        Assert.Throws<ArgumentException>(() => DirHash.Hash1([new("a\nb", B(""))]));
    }

    [Fact]
    public void HashDir_names_files_with_the_prefix()
    {
        var dir = Directory.CreateTempSubdirectory("gml-dirhash").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "go.mod"), "module zipm.example/m\n\ngo 1.16\n");
            File.WriteAllText(Path.Combine(dir, "a.go"), "package m\n");
            Directory.CreateDirectory(Path.Combine(dir, "B"));
            File.WriteAllText(Path.Combine(dir, "B", "b.go"), "package b\n");
            Assert.Equal("h1:EeWR6P+slIlp32T8Mmz3oBuGrpccut+mugjrNCe6eoU=", DirHash.HashDir(dir, "zipm.example/m@v1.0.0"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string ManualHash1(IEnumerable<(string Name, string Content)> sortedFiles)
    {
        var sb = new StringBuilder();
        foreach (var (name, content) in sortedFiles)
        {
            sb.Append(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(B(content)))).Append("  ").Append(name).Append('\n');
        }

        return "h1:" + Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(B(sb.ToString())));
    }

    private static MemoryStream Zip(IEnumerable<(string Name, string Content)> entries, CompressionLevel level)
    {
        var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var s = zip.CreateEntry(name, level).Open();
                s.Write(B(content));
            }
        }

        ms.Position = 0;
        return ms;
    }
}
