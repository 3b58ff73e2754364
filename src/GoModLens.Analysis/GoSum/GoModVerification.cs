namespace GoModLens.Analysis.GoSum;

/// <summary>The result of <see cref="GoSumChecker.VerifyGoMod"/>.</summary>
/// <param name="Downloaded">h1 hash of the fetched bytes (null when not checked).</param>
/// <param name="Line">The go.sum line that decided (the matching line, or the first differing h1 line).</param>
/// <param name="GoMessage">go's full SECURITY ERROR text for a mismatch.</param>
public sealed record GoModVerification(
    ModuleVersionKey Module,
    GoModVerificationStatus Status,
    string? Downloaded,
    ModFile.GoSum.GoSumLine? Line,
    string? GoMessage);
