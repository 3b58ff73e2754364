namespace GoModLens.Analysis.ProxyConfig;

/// <summary>
/// cmd/go's TryProxies as a policy: entries are tried in order until one succeeds or an entry followed by ','
/// (or last) fails with an error that is not "not found". When all tried entries fail, the reported error is chosen
/// by rank: any direct/noproxy error (except noproxy's "path does not match" no-op) replaces the best; a proxy's
/// hard error replaces a best of rank ≤ proxy; a not-found error replaces only another not-found error.
/// Refused steps are resolved here without calling the fetch function.
/// </summary>
public static class ProxyWalk
{
    public static async ValueTask<WalkResult> WalkAsync(
        ModuleRoute route,
        Func<RouteStep, CancellationToken, ValueTask<StepOutcome>> execute,
        CancellationToken cancellationToken)
    {
        if (route.ConfigurationError is { } configError)
        {
            return new WalkResult(false, null, null, configError, [], []);
        }

        var trace = new List<WalkTraceEntry>();
        string? best = null;
        var bestRank = ErrorRank.NotFound;
        for (var i = 0; i < route.Steps.Count; i++)
        {
            var step = route.Steps[i];
            var outcome = step is RefusedStep refused
                ? StepOutcome.Failure(refused.Message, refused.IsNotFound)
                : await execute(step, cancellationToken).ConfigureAwait(false);
            if (outcome.Succeeded)
            {
                trace.Add(new WalkTraceEntry(step, outcome, ErrorRank.None, false, true));
                return new WalkResult(true, step, outcome, null, trace, route.Steps.Skip(i + 1).ToArray());
            }

            var rank = RankOf(step, outcome);
            var replaces = Replaces(rank, best is null ? null : bestRank);
            if (replaces)
            {
                best = outcome.Error;
                bestRank = rank;
            }

            var stop = !step.Entry.FallBackOnError && !outcome.IsNotFound;
            trace.Add(new WalkTraceEntry(step, outcome, rank, replaces, stop));
            if (stop)
            {
                return new WalkResult(false, null, null, best, trace, route.Steps.Skip(i + 1).ToArray());
            }
        }

        return new WalkResult(false, null, null, best, trace, []);
    }

    /// <summary>The rank go gives a failed entry.</summary>
    public static ErrorRank RankOf(RouteStep step, StepOutcome outcome)
    {
        var isNoProxyNoOp = step is RefusedStep { Reason: RefusalReason.NotPrivate };
        if (step.Entry.Kind == ProxyEntryKind.Direct || (step.Entry.Kind == ProxyEntryKind.NoProxy && !isNoProxyNoOp))
        {
            return ErrorRank.Direct;
        }

        return outcome.IsNotFound ? ErrorRank.NotFound : ErrorRank.Proxy;
    }

    /// <summary>Whether an error of <paramref name="rank"/> replaces the current best (null = none yet, which go treats as not-found rank).</summary>
    public static bool Replaces(ErrorRank rank, ErrorRank? bestRank)
    {
        var current = bestRank ?? ErrorRank.NotFound;
        return rank switch
        {
            ErrorRank.Direct => true,
            ErrorRank.Proxy => current <= ErrorRank.Proxy,
            ErrorRank.NotFound => current == ErrorRank.NotFound,
            _ => false,
        };
    }
}
