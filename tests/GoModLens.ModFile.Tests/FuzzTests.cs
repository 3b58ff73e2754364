using FsCheck;
using FsCheck.Fluent;
using GoModLens.ModFile.Tests.Differential;
using Xunit.Abstractions;

namespace GoModLens.ModFile.Tests;

/// <summary>
/// Mutation fuzzing of the parser, printer and editor over the corpus. Default runs stay short; set
/// GOMODLENS_FUZZ_ITERATIONS (e.g. 200000) for a deeper run. Each input must finish within 2 s.
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output)
{
    private static readonly TimeSpan s_perInput = TimeSpan.FromSeconds(2);

    private static int Iterations(int defaultCount) =>
        int.TryParse(Environment.GetEnvironmentVariable("GOMODLENS_FUZZ_ITERATIONS"), out var n) && n > 0 ? n : defaultCount;

    private static readonly Lazy<string[]> s_seeds = new(() => [.. DifferentialCorpus.Files.Select(File.ReadAllText)]);

    [Fact]
    public void Unmutated_corpus_files_satisfy_the_invariants()
    {
        var failures = FuzzWatchdog.Run(s_seeds.Value, FuzzInvariants.Check, s_perInput);
        Assert.True(failures.Count == 0, string.Join("\n\n", failures.Take(5)));
    }

    [Fact]
    public void Random_mutations_of_corpus_files_never_break_the_invariants()
    {
        var iterations = Iterations(3000);
        var seed = Environment.GetEnvironmentVariable("GOMODLENS_FUZZ_SEED") is { } s && int.TryParse(s, out var v) ? v : 20261125;
        output.WriteLine($"seed {seed}, {iterations} inputs");
        var rng = new Random(seed);
        var seeds = s_seeds.Value;
        IEnumerable<string> Inputs()
        {
            for (var i = 0; i < iterations; i++)
            {
                yield return FuzzMutator.Mutate(seeds[rng.Next(seeds.Length)], rng, 1 + rng.Next(6));
            }
        }

        var failures = FuzzWatchdog.Run(Inputs(), FuzzInvariants.Check, s_perInput);
        Assert.True(failures.Count == 0, string.Join("\n\n", failures.Take(5)));
    }

    [Fact]
    public void Random_small_texts_from_go_mod_vocabulary_never_break_the_invariants()
    {
        var vocab = new[]
        {
            "module", "go", "toolchain", "require", "exclude", "replace", "retract", "tool", "ignore", "godebug", "m", "a/b",
            "v1.0.0", "v2.0.0+incompatible", "1.21", "go1.22", "=>", "../x", "(", ")", "[", "]", ",", "//", "// indirect",
            "/*", "\"", "\"q\"", "`", "\n", "\n", "\n", " ", "\t", "\r", "\0", "é", "😀", "\uD800", "x=y",
        };
        var gen = Gen.Elements(vocab).ArrayOf().Select(parts => string.Concat(parts));
        var config = Config.QuickThrowOnFailure.WithMaxTest(Iterations(1500)).WithQuietOnSuccess(true);
        Prop.ForAll(gen.ToArbitrary(), text =>
        {
            var failures = FuzzWatchdog.Run([text], FuzzInvariants.Check, s_perInput);
            return failures.Count == 0;
        }).Check(config);
    }
}
