using System.Globalization;

namespace GoModLens.Host.Commands;

/// <summary>
/// A command's <c>--timeout</c>: a duration in go's syntax (<see cref="GoDuration"/>: "10s", "500ms", "1m30s",
/// "2.5s"), which go would take but a deadline also has to be positive and within what .NET's timers can wait.
/// </summary>
internal static class TimeoutOption
{
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(10);

    // .NET timers refuse more than ~49.7 days, and the budget is added to others (connect, first byte): a day is far
    // past any proxy that is merely slow and far inside that limit.
    public static readonly TimeSpan Longest = TimeSpan.FromHours(24);

    private const string Examples = "want a go duration such as 10s, 500ms or 1m30s";

    /// <summary>The deadline <paramref name="text"/> asks for (the default when null), or the usage error line to print.</summary>
    public static string? Parse(string? text, out TimeSpan value)
    {
        value = Default;
        if (text is null)
        {
            return null;
        }

        if (!GoDuration.TryParse(text, out var nanoseconds, out var goError))
        {
            return Invalid(text, goError + " (" + Examples + ")");
        }

        if (nanoseconds <= 0)
        {
            return Invalid(text, "a timeout must be positive (" + Examples + ")");
        }

        // TimeSpan counts 100 ns ticks: rounded up, so "10ns" is still a deadline rather than none.
        var ticks = (nanoseconds / 100) + (nanoseconds % 100 == 0 ? 0 : 1);
        if (ticks > Longest.Ticks)
        {
            return Invalid(text, "longer than GoModLens waits (at most 24h)");
        }

        value = TimeSpan.FromTicks(ticks);
        return null;
    }

    private static string Invalid(string text, string why) =>
        string.Create(CultureInfo.InvariantCulture, $"gomodlens: invalid --timeout {text}: {why}\n");
}
