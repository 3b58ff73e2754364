using GoModLens.TestUtilities;

namespace GoModLens.ModFile.Tests.Differential;

/// <summary>The go.mod files checked against go: corpus/gomod, corpus/invalid (*.mod) and our own corpus/edge.</summary>
internal static class DifferentialCorpus
{
    public static IReadOnlyList<string> Files { get; } =
    [
        .. Directory.GetFiles(RepoPaths.Corpus("gomod")).Order(StringComparer.Ordinal),
        .. Directory.GetFiles(RepoPaths.Corpus("invalid"), "*.mod").Order(StringComparer.Ordinal),
        .. Directory.GetFiles(RepoPaths.Corpus("edge")).Order(StringComparer.Ordinal),
    ];

    public static string Name(string file) => Path.GetFileName(Path.GetDirectoryName(file)) + "/" + Path.GetFileName(file);
}
