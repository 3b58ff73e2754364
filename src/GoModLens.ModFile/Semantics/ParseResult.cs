using System.Collections.Immutable;
using GoModLens.ModFile.Syntax;

namespace GoModLens.ModFile.Semantics;

/// <summary>
/// Everything known about one go.mod (or go.work) text. <see cref="Diagnostics"/> is the complete list (for editors);
/// <see cref="GoErrors"/> is exactly what go reports: the first lexer/syntax error if there is one (go stops there),
/// otherwise every directive error. <see cref="Model"/> is always built (from the recovered tree) even when go would
/// reject the file; check <see cref="IsAcceptedByGo"/>.
/// </summary>
public sealed record ParseResult(
    ModFileSyntax Syntax,
    GoModFile Model,
    ImmutableArray<ModDiagnostic> Diagnostics,
    ImmutableArray<ModDiagnostic> GoErrors,
    ParseMode Mode)
{
    public bool IsAcceptedByGo => GoErrors.IsEmpty;

    /// <summary>go's error text: one "file:line[:col]: msg" per error, joined with newlines (modfile.ErrorList).</summary>
    public string GoErrorText => string.Join('\n', GoErrors.Select(e => e.ToGoString()));

    /// <summary>The stderr text of a failed `go mod edit`: "go: errors parsing &lt;short path&gt;:" then the errors.</summary>
    public string FormatGoModEditFailure(string shortPath) => $"go: errors parsing {shortPath}:\n{GoErrorText}\n";

    /// <summary>
    /// The stderr text of a failed `go work edit`: "go: errors parsing &lt;short path&gt;:", the "errors parsing go.work:"
    /// line modload.ReadWorkFile adds, then the errors (which go positions with the short path as well).
    /// </summary>
    public string FormatGoWorkEditFailure(string shortPath) => $"go: errors parsing {shortPath}:\nerrors parsing go.work:\n{GoErrorText}\n";
}
