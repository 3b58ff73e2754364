using System.Collections.Concurrent;
using GoModLens.TestUtilities;

namespace GoModLens.ModFile.Tests.Differential;

/// <summary>
/// Runs `go mod edit -json` and `go mod edit -fmt` once per corpus file per test run and caches the answers.
/// Each file is copied to a scratch dir as go.mod, so go's messages say "go.mod:…", as ours do when given that name.
/// </summary>
internal static class GoModEditOracle
{
    public sealed record Answer(int ExitCode, string Stdout, string Stderr, string? FormattedFile);

    private static readonly ConcurrentDictionary<(string File, string Mode), Lazy<Answer>> s_cache = new();

    public static Answer Json(string file) => Get(file, "-json");

    public static Answer Fmt(string file) => Get(file, "-fmt");

    /// <summary>Warms the cache for many files with two go processes at a time (the machine has two cores).</summary>
    public static void Prefetch(IEnumerable<string> files, string mode) =>
        Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = 2 }, f => Get(f, mode));

    private static Answer Get(string file, string mode) =>
        s_cache.GetOrAdd((file, mode), k => new Lazy<Answer>(() => Run(k.File, k.Mode))).Value;

    private static Answer Run(string file, string mode)
    {
        var dir = GoOracle.NewScratchDir("modedit");
        var target = Path.Combine(dir, "go.mod");
        File.Copy(file, target);
        var r = GoOracle.Run(dir, null, "mod", "edit", mode, "go.mod");
        // Decoded as our parser decodes files, so a byte that is not UTF-8 compares as that byte.
        string? formatted = mode == "-fmt" && r.ExitCode == 0 ? GoModLens.ModFile.Text.GoUtf8.Decode(File.ReadAllBytes(target)) : null;
        Directory.Delete(dir, recursive: true);
        return new Answer(r.ExitCode, r.Stdout, r.Stderr, formatted);
    }
}
