namespace GoModLens.TestUtilities;

/// <summary>Locations inside the repository, found by walking up from the test assembly to GoModLens.sln.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> s_root = new(FindRoot);

    public static string Root => s_root.Value;

    /// <summary>tests/testdata: corpus copies, fixtures, proxy trees.</summary>
    public static string TestData => Path.Combine(Root, "tests", "testdata");

    public static string Corpus(string kind) => Path.Combine(TestData, "corpus", kind);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GoModLens.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("GoModLens.sln not found above " + AppContext.BaseDirectory);
    }
}
