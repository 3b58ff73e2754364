namespace GoModLens.Analysis.ProxyConfig;

/// <summary>Outcome of walking a module's route like cmd/go's TryProxies.</summary>
/// <param name="Succeeded">Some entry answered.</param>
/// <param name="SuccessfulStep">The entry that answered.</param>
/// <param name="ReportedError">When every tried entry failed: the error go reports (its ranking, §1.5).</param>
/// <param name="Trace">Every entry tried, in order; entries after the stop point are absent.</param>
/// <param name="NotTried">Entries go would not reach because the walk stopped earlier.</param>
public sealed record WalkResult(
    bool Succeeded,
    RouteStep? SuccessfulStep,
    StepOutcome? SuccessfulOutcome,
    string? ReportedError,
    IReadOnlyList<WalkTraceEntry> Trace,
    IReadOnlyList<RouteStep> NotTried);
