using GoModLens.ModFile.Semantics;

namespace GoModLens.Analysis.GoSum;

/// <summary>
/// A go.sum "/go.mod" line go needs because of one require: go reads the go.mod of <see cref="Target"/> (the
/// replacement module when a module replace applies) and checks it against go.sum.
/// </summary>
/// <param name="Require">The require statement.</param>
/// <param name="Target">The module version whose go.mod is read.</param>
/// <param name="Replace">The module replace that applied, if any (directory replacements need no go.sum line).</param>
public sealed record GoModSumRequirement(RequireStmt Require, ModuleVersionKey Target, ReplaceStmt? Replace)
{
    /// <summary>The module@version as go names it in messages: "a@v1 (replaced by b@v2)" when replaced.</summary>
    public string GoDisplay => Replace is null
        ? $"{Require.Mod.Path}@{Require.Mod.Version}"
        : $"{Require.Mod.Path}@{Require.Mod.Version} (replaced by {Target.Path}@{Target.Version})";
}
