using System.Globalization;
using GoModLens.Analysis.Environment;
using GoModLens.Server.Configuration;

namespace GoModLens.Server.Features.GoMod;

/// <summary>One engine per (environment, settings) so caches and connections survive edits; replaced when either changes.</summary>
internal sealed class EngineProvider(IGoModEngineFactory factory) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, IGoModEngine> _engines = new(StringComparer.Ordinal);

    public IGoModEngine Get(GoEnvironment environment, ServerSettings settings)
    {
        var key = Key(environment, settings);
        lock (_gate)
        {
            if (!_engines.TryGetValue(key, out var engine))
            {
                engine = factory.Create(environment, settings);
                _engines[key] = engine;
            }

            return engine;
        }
    }

    /// <summary>Drops every engine (their memory caches go with them) and GoModLens's persistent cache.</summary>
    public void Clear(bool persistent)
    {
        List<IGoModEngine> old;
        lock (_gate)
        {
            old = [.. _engines.Values];
            _engines.Clear();
        }

        if (persistent)
        {
            factory.ClearPersistentCache();
        }

        // In-flight runs may still hold an old engine; give them a moment before the sockets close.
        _ = Task.Delay(TimeSpan.FromSeconds(30)).ContinueWith(_ => old.ForEach(e => e.Dispose()), TaskScheduler.Default);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var engine in _engines.Values)
            {
                engine.Dispose();
            }

            _engines.Clear();
        }
    }

    private static string Key(GoEnvironment env, ServerSettings s) => string.Join("\u0001",
        env.GoProxy.Value, env.GoNoProxy.Value, env.GoPrivate.Value, env.GoNoSumDb.Value, env.GoSumDb.Value, env.GoInsecure.Value,
        env.GoFlagsValue.Value, env.GoModCache.Value, s.NetworkEnabled.ToString(), s.MaxConcurrency.ToString(CultureInfo.InvariantCulture),
        s.RequestTimeout.Ticks.ToString(CultureInfo.InvariantCulture), s.ConnectTimeout.Ticks.ToString(CultureInfo.InvariantCulture),
        s.FirstByteTimeout.Ticks.ToString(CultureInfo.InvariantCulture), string.Join(",", s.ExtraMirrors), s.PublicMirrors.ToString());
}
