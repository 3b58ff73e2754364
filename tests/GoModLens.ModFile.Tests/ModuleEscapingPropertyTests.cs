using FsCheck;
using FsCheck.Fluent;
using GoModLens.ModFile.Module;

namespace GoModLens.ModFile.Tests;

public sealed class ModuleEscapingPropertyTests
{
    private static readonly char[] s_firstChars = "abcdefghijklmnopqrstuvwxyz0123456789-.".ToCharArray();
    private static readonly char[] s_restChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~".ToCharArray();

    private static Gen<string> Element(char[] alphabet) =>
        from n in Gen.Choose(1, 12)
        from chars in Gen.ArrayOf(Gen.Elements(alphabet), n)
        select new string(chars);

    /// <summary>Random candidate module paths; most are valid, and invalid ones are filtered by CheckPath.</summary>
    private static Gen<string> CandidatePaths() =>
        from first in Element(s_firstChars)
        from tld in Element("abcdefghijklmnopqrstuvwxyz".ToCharArray())
        from count in Gen.Choose(0, 4)
        from rest in Gen.ArrayOf(Element(s_restChars), count)
        select string.Join('/', [first + "." + tld, .. rest]);

    [FsCheck.Xunit.Property(MaxTest = 2000)]
    public Property UnescapePath_inverts_EscapePath_for_valid_paths() =>
        Prop.ForAll(CandidatePaths().ToArbitrary(), p =>
        {
            if (ModulePath.CheckPath(p) is not null)
            {
                return !ModulePath.TryEscapePath(p, out _, out _);
            }

            var escaped = ModulePath.EscapePath(p);
            return ModulePath.UnescapePath(escaped) == p
                && !escaped.Any(char.IsAsciiLetterUpper)
                && escaped.Length == p.Length + p.Count(char.IsAsciiLetterUpper);
        });

    [FsCheck.Xunit.Property(MaxTest = 1000)]
    public Property UnescapeVersion_inverts_EscapeVersion() =>
        Prop.ForAll(Element(s_restChars.Concat("+").ToArray()).ToArbitrary(), v =>
        {
            var ok = ModulePath.TryEscapeVersion(v, out var escaped, out _);
            return ok == (ModulePath.CheckFilePath(v) is null) && (!ok || ModulePath.UnescapeVersion(escaped) == v);
        });

    [FsCheck.Xunit.Property(MaxTest = 1000)]
    public Property Distinct_paths_never_share_an_escaped_form() =>
        Prop.ForAll(CandidatePaths().ToArbitrary(), p =>
        {
            var lower = p.ToLowerInvariant();
            if (lower == p || ModulePath.CheckPath(p) is not null || ModulePath.CheckPath(lower) is not null)
            {
                return true;
            }

            return ModulePath.EscapePath(p) != ModulePath.EscapePath(lower);
        });
}
