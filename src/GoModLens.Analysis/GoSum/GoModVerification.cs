namespace GoModLens.Analysis.GoSum;

/// <summary>The result of <see cref="GoSumChecker.VerifyGoMod(GoSumSet, ModuleVersionKey, byte[])"/> or <see cref="GoSumChecker.VerifyZipHash(GoSumSet, ModuleVersionKey, string)"/>.</summary>
/// <param name="Downloaded">h1 hash of the fetched bytes (null when not checked).</param>
/// <param name="Line">The go.sum line that decided (the matching line, or the first differing h1 line).</param>
/// <param name="GoMessage">go's full SECURITY ERROR text for a mismatch.</param>
public sealed record GoModVerification(
    ModuleVersionKey Module,
    GoModVerificationStatus Status,
    string? Downloaded,
    ModFile.GoSum.GoSumLine? Line,
    string? GoMessage)
{
    /// <summary>The file that holds <see cref="Line"/> (in workspace mode, go.work.sum or a workspace module's go.sum).</summary>
    public ModFile.GoSum.GoSumFile? File { get; init; }

    /// <summary>How go names <see cref="File"/> in its message: <c>go.sum</c>, <c>go.work.sum</c> or a go.sum's absolute path.</summary>
    public string Label { get; init; } = "go.sum";
}
