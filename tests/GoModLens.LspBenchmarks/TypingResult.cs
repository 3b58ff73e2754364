namespace GoModLens.LspBenchmarks;

/// <param name="PerVersion">Send of version v → first publish carrying a version ≥ v.</param>
/// <param name="BurstEnd">Only the last keystroke of each burst (what the user waits for after stopping).</param>
/// <param name="Exact">Versions that got a publish of their own (the rest were superseded before analysis ended).</param>
internal sealed record TypingResult(string Name, Stats PerVersion, Stats? BurstEnd, int Exact, int Edits, int Publishes, double NetworkSettleMs);
