using System.Collections.Concurrent;

namespace GoModLens.Analysis.ProxyConfig;

/// <summary>
/// A thread-safe memo for pure functions of strings that every module of every run calls with the same arguments
/// (GOPROXY parsing, proxy URL building). When full it is dropped wholesale: cheaper than tracking use, and every
/// value is rebuilt on demand.
/// </summary>
internal sealed class BoundedMemo<TKey, TValue>(int capacity)
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
