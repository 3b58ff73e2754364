using GoModLens.ModFile.GoSum;

namespace GoModLens.Analysis.GoSum;

/// <summary>What a go.sum line is, for hovers: hash kind, module version, how the go.mod uses it, verification.</summary>
/// <param name="Line">The go.sum line.</param>
/// <param name="Use">How the go.mod relates to it.</param>
/// <param name="RequiredVersion">The version the go.mod requires (for <see cref="GoSumLineUse.OtherVersionRequired"/> and indirect info).</param>
/// <param name="Indirect">The requirement is marked // indirect.</param>
/// <param name="ReplacementOf">For <see cref="GoSumLineUse.Replacement"/>: the required module it stands in for ("path@version").</param>
/// <param name="Verification">For "/go.mod" lines: the check against the proxy's .mod, if its bytes were given.</param>
public sealed record GoSumLineInfo(
    GoSumLine Line,
    GoSumLineUse Use,
    string? RequiredVersion,
    bool Indirect,
    string? ReplacementOf,
    GoModVerification? Verification)
{
    public string ModulePath => Line.ModulePath.Text;

    public string Version => Line.ModuleVersion;

    public bool IsGoModHash => Line.IsGoModHash;

    /// <summary>Hover markdown.</summary>
    public string ToMarkdown() => ToMarkdown(null);

    /// <summary>Hover markdown with the caller's own verification paragraph (what was checked, from where, when) in
    /// place of the default one; null keeps the default.</summary>
    public string ToMarkdown(string? verificationMarkdown)
    {
        var parts = new List<string>
        {
            $"**{Escape(ModulePath)} {Escape(Version)}** — " + (IsGoModHash
                ? "hash of this version's `go.mod` only (go checks it whenever it reads the module's requirements)"
                : "hash of the module zip (every file; go checks it when it downloads or builds the module)"),
        };
        if (Line.IsIgnored)
        {
            parts.Add("go ignores this line: it is the hash of an empty go.mod, written by an old go bug.");
        }
        else if (!Line.HasKnownAlgorithm)
        {
            parts.Add("go ignores this hash: only `h1:` hashes are used.");
        }

        parts.Add(Use switch
        {
            GoSumLineUse.Required => $"Required by go.mod{(Indirect ? " (// indirect)" : "")}.",
            GoSumLineUse.Replacement => $"Replacement for {Escape(ReplacementOf ?? "")} in go.mod.",
            GoSumLineUse.OtherVersionRequired => $"go.mod requires {Escape(RequiredVersion ?? "")}, not this version (a dependency may need it; `go mod tidy` keeps what the build needs).",
            GoSumLineUse.NotListed => "Not listed in go.mod: needed by a dependency, or left over (`go mod tidy` decides).",
            _ => "",
        });
        if (verificationMarkdown is not null)
        {
            parts.Add(verificationMarkdown);
        }
        else if (IsGoModHash)
        {
            parts.Add(Verification?.Status switch
            {
                GoModVerificationStatus.Verified => "✓ Matches the `.mod` go downloads.",
                GoModVerificationStatus.Mismatch => $"✗ **Checksum mismatch**: the `.mod` go downloads hashes to `{Verification.Downloaded}` — go stops with SECURITY ERROR.",
                _ => "Not yet verified against the `.mod` go downloads.",
            });
        }

        return string.Join("\n\n", parts.Where(p => p.Length > 0));
    }

    private static string Escape(string s) => s.Replace("*", "\\*", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
