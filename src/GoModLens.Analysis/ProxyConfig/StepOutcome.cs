using GoModLens.Analysis.Ports;

namespace GoModLens.Analysis.ProxyConfig;

/// <summary>Result of executing one <see cref="RouteStep"/>.</summary>
/// <param name="Succeeded">The entry answered the operation.</param>
/// <param name="IsNotFound">On failure: go treats the error like fs.ErrNotExist (404, 410, missing file, refusal sentinels).</param>
/// <param name="Error">On failure: the text go would print for this entry.</param>
/// <param name="Fetch">The transport result behind the outcome, when there was a request.</param>
public sealed record StepOutcome(bool Succeeded, bool IsNotFound, string? Error, FetchResult? Fetch = null)
{
    public static StepOutcome Success(FetchResult? fetch = null) => new(true, false, null, fetch);

    public static StepOutcome Failure(string error, bool isNotFound, FetchResult? fetch = null) => new(false, isNotFound, error, fetch);

    /// <summary>Maps a transport result; 404/410/missing file are the only not-found failures.</summary>
    public static StepOutcome FromFetch(FetchResult fetch) => fetch.IsSuccess
        ? Success(fetch)
        : Failure(fetch.GoError ?? fetch.Kind.ToString(), fetch.IsNotFound, fetch);
}
