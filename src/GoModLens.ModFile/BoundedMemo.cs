using System.Collections.Concurrent;

namespace GoModLens.ModFile;

/// <summary>
/// A thread-safe memo for pure functions of strings that are called again and again with the same arguments: module
/// path checks and version canonicalisation on every keystroke, GOPROXY parsing and proxy URLs for every module of
/// every run. When full it is dropped wholesale: cheaper than tracking use, and every value is rebuilt on demand.
/// </summary>
public sealed class BoundedMemo<TKey, TValue>(int capacity)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, TValue> _values = new();
    private int _count;

    public TValue GetOrAdd(TKey key, Func<TKey, TValue> compute)
    {
        if (_values.TryGetValue(key, out var value))
        {
            return value;
        }

        value = compute(key);
        if (Interlocked.Increment(ref _count) > capacity)
        {
            _values.Clear();
            Interlocked.Exchange(ref _count, 0);
        }

        _values[key] = value;
        return value;
    }
}
