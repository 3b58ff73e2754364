using GoModLens.ModFile.GoSum;
using GoModLens.ModFile.Semantics;

namespace GoModLens.Analysis.GoSum;

/// <summary>Hover information for go.sum lines.</summary>
public static class GoSumHover
{
    /// <summary>Describes the line at a 1-based line number; null for blank or malformed lines.</summary>
    /// <param name="sum">The parsed go.sum.</param>
    /// <param name="line">1-based line (LSP line + 1).</param>
    /// <param name="goMod">The go.mod next to it, or null.</param>
    /// <param name="fetchedGoMods">.mod bytes fetched from the proxy, keyed by module version; null when none.</param>
    public static GoSumLineInfo? Describe(
        GoSumFile sum,
        int line,
        GoModFile? goMod = null,
        IReadOnlyDictionary<ModuleVersionKey, byte[]>? fetchedGoMods = null)
    {
        ArgumentNullException.ThrowIfNull(sum);
        var l = sum.Lines.FirstOrDefault(x => x.Line == line);
        return l is null ? null : Describe(sum, l, goMod, fetchedGoMods);
    }

    /// <summary>Describes one go.sum line.</summary>
    public static GoSumLineInfo Describe(
        GoSumFile sum,
        GoSumLine line,
        GoModFile? goMod = null,
        IReadOnlyDictionary<ModuleVersionKey, byte[]>? fetchedGoMods = null)
    {
        ArgumentNullException.ThrowIfNull(sum);
        ArgumentNullException.ThrowIfNull(line);
        var key = new ModuleVersionKey(line.ModulePath.Text, line.ModuleVersion);
        GoModVerification? verification = null;
        if (line.IsGoModHash && fetchedGoMods is not null && fetchedGoMods.TryGetValue(key, out var bytes))
        {
            verification = GoSumChecker.VerifyGoMod(sum, key, bytes);
        }

        if (goMod is null)
        {
            return new GoSumLineInfo(line, GoSumLineUse.Unknown, null, false, null, verification);
        }

        var exact = goMod.Require.FirstOrDefault(r => r.Mod.Path == key.Path && r.Mod.Version == key.Version);
        if (exact is not null)
        {
            return new GoSumLineInfo(line, GoSumLineUse.Required, exact.Mod.Version, exact.Indirect, null, verification);
        }

        var replaced = GoSumChecker.RequiredGoModSums(goMod).FirstOrDefault(n => n.Replace is not null && n.Target == key);
        if (replaced is not null)
        {
            var of = $"{replaced.Require.Mod.Path}@{replaced.Require.Mod.Version}";
            return new GoSumLineInfo(line, GoSumLineUse.Replacement, replaced.Require.Mod.Version, replaced.Require.Indirect, of, verification);
        }

        var other = goMod.Require.FirstOrDefault(r => r.Mod.Path == key.Path);
        return other is not null
            ? new GoSumLineInfo(line, GoSumLineUse.OtherVersionRequired, other.Mod.Version, other.Indirect, null, verification)
            : new GoSumLineInfo(line, GoSumLineUse.NotListed, null, false, null, verification);
    }
}
