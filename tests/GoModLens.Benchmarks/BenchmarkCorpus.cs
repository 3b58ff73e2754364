namespace GoModLens.Benchmarks;

/// <summary>
/// The go.mod files to parse: tests/testdata/corpus/gomod (or $GOMODLENS_BENCH_CORPUS) and its largest kubernetes
/// file (or $GOMODLENS_BENCH_LARGE), read once as bytes like x/mod's benchmark does.
/// </summary>
public sealed class BenchmarkCorpus
{
    private static readonly Lazy<BenchmarkCorpus> s_instance = new(() => new BenchmarkCorpus());

    private BenchmarkCorpus()
    {
        var dir = Environment.GetEnvironmentVariable("GOMODLENS_BENCH_CORPUS") is { Length: > 0 } d
            ? d
            : Path.Combine(FindRoot(), "tests", "testdata", "corpus", "gomod");
        Files = [.. Directory.GetFiles(dir).Order(StringComparer.Ordinal).Select(f => (Path.GetFileName(f), File.ReadAllBytes(f)))];
        var large = Environment.GetEnvironmentVariable("GOMODLENS_BENCH_LARGE") is { Length: > 0 } l
            ? l
            : Directory.GetFiles(dir, "kubernetes__kubernetes__go.mod*.mod").OrderByDescending(f => new FileInfo(f).Length).First();
        Largest = (Path.GetFileName(large), File.ReadAllBytes(large));
    }

    public static BenchmarkCorpus Instance => s_instance.Value;

    public IReadOnlyList<(string Name, byte[] Data)> Files { get; }

    public (string Name, byte[] Data) Largest { get; }

    public long TotalBytes => Files.Sum(f => (long)f.Data.Length);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GoModLens.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("GoModLens.sln not found; set GOMODLENS_BENCH_CORPUS");
    }
}
