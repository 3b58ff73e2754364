namespace GoModLens.Analysis.ProxyConfig;

/// <summary>What happened at one entry during a walk, for "why did go report this" explanations.</summary>
/// <param name="Step">The step tried.</param>
/// <param name="Outcome">Its outcome.</param>
/// <param name="Rank">The error rank go assigns (<see cref="ErrorRank.None"/> on success).</param>
/// <param name="BecameReported">This error replaced the best error so far.</param>
/// <param name="StoppedWalk">The walk ended at this entry (success, or a hard error after ',').</param>
public sealed record WalkTraceEntry(RouteStep Step, StepOutcome Outcome, ErrorRank Rank, bool BecameReported, bool StoppedWalk);

/// <summary>TryProxies' error ranks: direct errors beat proxy errors beat not-found errors.</summary>
public enum ErrorRank
{
    None = -1,
    NotFound = 0,
    Proxy = 1,
    Direct = 2,
}
