namespace GoModLens.LspBenchmarks;

/// <summary>One textDocument/publishDiagnostics as received, with its arrival timestamp (Stopwatch ticks).</summary>
internal sealed record PublishEvent(string Uri, int? Version, int DiagnosticCount, long Timestamp);
