using System.Collections.Concurrent;
using GoModLens.TestUtilities;

namespace GoModLens.ModFile.Tests.Differential;

/// <summary>
/// Runs `go work edit -json` and `go work edit -fmt` once per go.work text per test run and caches the answers.
/// Each text is written to a scratch dir as go.work and go is run there on "go.work", so its messages say
/// "go.work:…". GOFLAGS is emptied and GOWORK stays unset (GoOracle's environment never sets it).
/// </summary>
internal static class GoWorkEditOracle
{
    public sealed record Answer(int ExitCode, string Stdout, string Stderr, string? FormattedFile);

    private static readonly Dictionary<string, string?> s_env = new() { ["GOFLAGS"] = "", ["GOWORK"] = null };

    private static readonly ConcurrentDictionary<(string Text, string Mode), Lazy<Answer>> s_cache = new();

    public static Answer Json(string text) => Get(text, "-json");

    public static Answer Fmt(string text) => Get(text, "-fmt");

    /// <summary>Warms the cache with two go processes at a time (the machine has two cores).</summary>
    public static void Prefetch(IEnumerable<string> texts, string mode) =>
        Parallel.ForEach(texts, new ParallelOptions { MaxDegreeOfParallelism = 2 }, t => Get(t, mode));

    private static Answer Get(string text, string mode) =>
        s_cache.GetOrAdd((text, mode), k => new Lazy<Answer>(() => Run(k.Text, k.Mode))).Value;

    private static Answer Run(string text, string mode)
    {
        var dir = GoOracle.NewScratchDir("workedit");
        var target = Path.Combine(dir, "go.work");
        File.WriteAllBytes(target, WorkCorpus.Encoding.GetBytes(text));
        var r = GoOracle.Run(dir, s_env, "work", "edit", mode, "go.work");
        string? formatted = mode == "-fmt" && r.ExitCode == 0 ? File.ReadAllText(target) : null;
        Directory.Delete(dir, recursive: true);
        return new Answer(r.ExitCode, r.Stdout, r.Stderr, formatted);
    }
}
