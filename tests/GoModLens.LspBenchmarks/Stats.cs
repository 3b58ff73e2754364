namespace GoModLens.LspBenchmarks;

/// <summary>Nearest-rank percentiles of a sample in milliseconds.</summary>
internal sealed record Stats(int Count, double P50, double P90, double P99, double Max, double Mean)
{
    public static Stats Of(IReadOnlyCollection<double> samples)
    {
        if (samples.Count == 0)
        {
            return new Stats(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        var sorted = samples.Order().ToArray();
        return new Stats(sorted.Length, Rank(sorted, 0.50), Rank(sorted, 0.90), Rank(sorted, 0.99), sorted[^1], sorted.Average());
    }

    private static double Rank(double[] sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
