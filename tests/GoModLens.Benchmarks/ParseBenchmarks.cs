using BenchmarkDotNet.Attributes;
using GoModLens.ModFile.Semantics;

namespace GoModLens.Benchmarks;

/// <summary>
/// ModFileParser.Parse (lexer, parser, binder; strict, from UTF-8 bytes) over the whole corpus and over the largest
/// file: the same work x/mod's modfile.Parse(name, data, nil) does in go-baseline/main.go.
/// </summary>
[MemoryDiagnoser]
public class ParseBenchmarks
{
    private IReadOnlyList<(string Name, byte[] Data)> _files = [];
    private (string Name, byte[] Data) _largest;

    [GlobalSetup]
    public void Setup()
    {
        _files = BenchmarkCorpus.Instance.Files;
        _largest = BenchmarkCorpus.Instance.Largest;
    }

    [Benchmark]
    public int ParseCorpus()
    {
        var n = 0;
        foreach (var (name, data) in _files)
        {
            n += ModFileParser.Parse(name, data).Diagnostics.Length;
        }

        return n;
    }

    [Benchmark]
    public int ParseLargest() => ModFileParser.Parse(_largest.Name, _largest.Data).Model.Require.Count;
}
