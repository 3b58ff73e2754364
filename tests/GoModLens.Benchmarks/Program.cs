using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using GoModLens.Benchmarks;

// Runs the parse benchmarks with BenchmarkDotNet, then prints throughput lines in the same format as
// go-baseline/main.go so run.sh can compute the ratio. Extra arguments go to BenchmarkDotNet.
if (args.Contains("--per-file"))
{
    QuickTimer.PerFile();
    return;
}

if (args.Contains("--resolution"))
{
    await ResolutionTimer.RunAsync(args);
    return;
}

if (args.Contains("--local-stage"))
{
    LocalStageTimer.Run(args);
    return;
}

if (args.Contains("--quick"))
{
    QuickTimer.Run();
    return;
}

var config = DefaultConfig.Instance
    .AddJob(Job.Default.WithWarmupCount(5).WithIterationCount(15).WithLaunchCount(1))
    .WithOptions(ConfigOptions.DisableOptimizationsValidator);
var summary = BenchmarkRunner.Run<ParseBenchmarks>(config, args);

var corpus = BenchmarkCorpus.Instance;
foreach (var report in summary.Reports)
{
    if (report.ResultStatistics is not { } stats)
    {
        continue;
    }

    var method = report.BenchmarkCase.Descriptor.WorkloadMethod.Name;
    var (label, files, bytes) = method == nameof(ParseBenchmarks.ParseCorpus)
        ? ("GoModLens corpus", corpus.Files.Count, corpus.TotalBytes)
        : ("GoModLens largest", 1, (long)corpus.Largest.Data.Length);
    var secs = stats.Median / 1e9;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{label}: {bytes / secs / 1e6:F2} MB/s, {files / secs:F0} files/s (median {secs * 1e3:F3} ms/op, {files} files, {bytes} bytes)"));
}

QuickTimer.ReportCpu("GoModLens corpus", corpus.Files);
QuickTimer.ReportCpu("GoModLens largest", [corpus.Largest]);
