namespace GoModLens.LspBenchmarks;

/// <summary>How to start one server process.</summary>
internal sealed record ServerLaunch(string ServerPath, int DebounceMs, IReadOnlyDictionary<string, string> Environment, string? StderrLogPath);
