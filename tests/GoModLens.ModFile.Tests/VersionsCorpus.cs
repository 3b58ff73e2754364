using GoModLens.ModFile.Versions;

namespace GoModLens.ModFile.Tests;

/// <summary>A deterministic, shuffled mix of versions that stresses Go's ordering rules.</summary>
internal static class VersionsCorpus
{
    private static readonly string[] s_labels =
    [
        "alpha", "Alpha", "ALPHA", "beta", "Beta", "rc", "RC", "pre", "Pre", "a", "A", "z", "Z", "x-y", "x--y", "-", "--",
        "0", "1", "2", "9", "10", "11", "99", "100", "2147483647", "2147483648", "99999999999999999999", "123456789012345678901",
        "1a", "01a", "a1", "0x1", "zz9",
    ];

    /// <summary>Valid and invalid strings; pseudo-versions included.</summary>
    public static List<string> Generate(int seed, int count)
    {
        var random = new Random(seed);
        var set = new HashSet<string>(StringComparer.Ordinal);
        string[] numbers = ["0", "1", "2", "9", "10", "11", "100", "2147483647", "2147483648", "99999999999999999999", "100000000000000000000"];
        while (set.Count < count)
        {
            var major = random.Next(10) < 7 ? numbers[random.Next(3)] : numbers[random.Next(numbers.Length)];
            var minor = numbers[random.Next(numbers.Length)];
            var patch = numbers[random.Next(numbers.Length)];
            var v = random.Next(20) switch
            {
                0 => "v" + major,
                1 => "v" + major + "." + minor,
                2 => PseudoVersion.Build("v" + major, random.Next(2) == 0 ? "" : $"v{major}.{minor}.{patch}", new DateTime(2019 + random.Next(6), 1 + random.Next(12), 1 + random.Next(28), random.Next(24), random.Next(60), random.Next(60), DateTimeKind.Utc), Rev(random)),
                3 => InvalidVersion(random, major),
                _ => $"v{major}.{minor}.{patch}" + Prerelease(random),
            };
            if (random.Next(8) == 0 && Semver.IsValid(v) && !v.Contains('+', StringComparison.Ordinal))
            {
                v += random.Next(3) == 0 ? "+meta.1" : "+incompatible";
            }

            set.Add(v);
        }

        var list = set.ToList();
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }

        return list;
    }

    private static string Prerelease(Random random)
    {
        if (random.Next(3) == 0)
        {
            return "";
        }

        var n = 1 + random.Next(3);
        return "-" + string.Join('.', Enumerable.Range(0, n).Select(_ => s_labels[random.Next(s_labels.Length)]));
    }

    private static string Rev(Random random) =>
        string.Concat(Enumerable.Range(0, 12).Select(_ => "0123456789abcdef"[random.Next(16)]));

    private static string InvalidVersion(Random random, string major) => random.Next(6) switch
    {
        0 => major + ".0.0",
        1 => "v" + major + ".0-pre",
        2 => "v" + major + ".01.0",
        3 => "v" + major + ".0.0-01",
        4 => "v" + major + ".0.0-a..b",
        _ => "latest",
    };
}
