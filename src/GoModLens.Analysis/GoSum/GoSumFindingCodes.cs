using GoModLens.Analysis.Findings;
using GoModLens.ModFile.GoSum;

namespace GoModLens.Analysis.GoSum;

/// <summary>
/// Finding codes for go.sum checks. GML1501–GML1506 are the go.sum reader's own diagnostics
/// (<see cref="GoSumDiagnosticCodes"/>); GML1507+ need the go.mod or the proxy. Documented in docs/diagnostics.md.
/// </summary>
public static class GoSumFindingCodes
{
    public const string WrongNumberOfFields = GoSumDiagnosticCodes.WrongNumberOfFields;
    public const string UnknownHashAlgorithm = GoSumDiagnosticCodes.UnknownHashAlgorithm;
    public const string MalformedH1Hash = GoSumDiagnosticCodes.MalformedH1Hash;
    public const string DuplicateLine = GoSumDiagnosticCodes.DuplicateLine;
    public const string ConflictingHash = GoSumDiagnosticCodes.ConflictingHash;
    public const string EmptyGoModHash = GoSumDiagnosticCodes.EmptyGoModHash;

    /// <summary>A required module has no "&lt;path&gt; &lt;version&gt;/go.mod" line (go: missing go.sum entry for go.mod file).</summary>
    public const string MissingGoModEntry = "GML1507";

    /// <summary>The proxy's .mod does not hash to the go.sum "/go.mod" line (go: checksum mismatch, SECURITY ERROR).</summary>
    public const string GoModChecksumMismatch = "GML1508";

    /// <summary>A direct require has no "&lt;path&gt; &lt;version&gt; h1:" line (go build: missing go.sum entry for module providing package).</summary>
    public const string MissingModuleEntry = "GML1509";

    /// <summary>The zip go creates from a direct module's repository does not hash to the go.sum module line (go: checksum mismatch, SECURITY ERROR).</summary>
    public const string ModuleChecksumMismatch = "GML1510";

    public static IReadOnlyList<FindingRule> Rules { get; } =
    [
        new(WrongNumberOfFields, "GoSumWrongNumberOfFields", "Malformed go.sum line (go refuses the whole file)", FindingSeverity.Error),
        new(UnknownHashAlgorithm, "GoSumUnknownHashAlgorithm", "go.sum hash with an algorithm go does not use", FindingSeverity.Warning),
        new(MalformedH1Hash, "GoSumMalformedH1Hash", "Malformed h1 hash (verification will always fail)", FindingSeverity.Warning),
        new(DuplicateLine, "GoSumDuplicateLine", "Duplicate go.sum line", FindingSeverity.Information),
        new(ConflictingHash, "GoSumConflictingHash", "Two different hashes for one module version", FindingSeverity.Warning),
        new(EmptyGoModHash, "GoSumEmptyGoModHash", "Hash of an empty go.mod (go ignores the line)", FindingSeverity.Information),
        new(MissingGoModEntry, "GoSumMissingGoModEntry", "Missing go.sum entry for a required module's go.mod", FindingSeverity.Error),
        new(GoModChecksumMismatch, "GoSumGoModChecksumMismatch", "go.mod checksum does not match what go downloads", FindingSeverity.Error),
        new(MissingModuleEntry, "GoSumMissingModuleEntry", "Missing go.sum module hash for a direct requirement (builds importing it fail) or a tool's module (go tool fails)", FindingSeverity.Warning),
        new(ModuleChecksumMismatch, "GoSumModuleChecksumMismatch", "Module checksum does not match the zip go creates from the repository", FindingSeverity.Error),
    ];

    public static FindingRule Rule(string code) => Rules.First(r => r.Code == code);
}
