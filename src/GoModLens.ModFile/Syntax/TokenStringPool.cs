using System.Collections.Concurrent;

namespace GoModLens.ModFile.Syntax;

/// <summary>
/// Shares token texts across parses. An editor re-parses the whole file on every keystroke, and all but one line
/// come back with the same words (module paths, versions, "// indirect"); looking the span up allocates nothing, and
/// the memos keyed by these strings then hit on reference equality. Bounded: dropped wholesale when full.
/// </summary>
internal static class TokenStringPool
{
    private const int Capacity = 32_768;
    private const int MaxLength = 256;
    private static readonly ConcurrentDictionary<string, string> Strings = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> BySpan =
        Strings.GetAlternateLookup<ReadOnlySpan<char>>();

    private static int _count;

    public static string Get(string text, int start, int length)
    {
        var span = text.AsSpan(start, length);
        if (length > MaxLength)
        {
            return span.ToString();
        }

        if (BySpan.TryGetValue(span, out var shared))
        {
            return shared;
        }

        var created = span.ToString();
        if (Interlocked.Increment(ref _count) > Capacity)
        {
            Strings.Clear();
            Interlocked.Exchange(ref _count, 0);
        }

        return Strings.GetOrAdd(created, created);
    }
}
