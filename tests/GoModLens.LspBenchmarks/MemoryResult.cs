namespace GoModLens.LspBenchmarks;

/// <param name="IdleRssKiB">After initialize, nothing open.</param>
/// <param name="RssKiB">After opening the files and a quiet period (network results in).</param>
/// <param name="HwmKiB">Peak RSS of the process (VmHWM).</param>
internal sealed record MemoryResult(string Name, int Files, int Requires, long IdleRssKiB, long RssKiB, long HwmKiB, double SettleMs);
