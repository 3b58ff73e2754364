namespace GoModLens.Analysis.Findings;

/// <summary>Static description of a finding code (SARIF rule, LSP codeDescription).</summary>
/// <param name="Code">e.g. <c>GML3001</c>.</param>
/// <param name="Name">PascalCase rule name, e.g. <c>VersionNotFound</c>.</param>
/// <param name="Title">Short description.</param>
/// <param name="DefaultSeverity">Severity unless a finding says otherwise.</param>
public sealed record FindingRule(string Code, string Name, string Title, FindingSeverity DefaultSeverity)
{
    /// <summary>Anchor in docs/diagnostics.md (the code in lower case).</summary>
    public string Anchor => Code.ToLowerInvariant();
}
