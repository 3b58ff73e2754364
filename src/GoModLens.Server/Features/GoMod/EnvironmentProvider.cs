using GoModLens.Analysis.Environment;
using GoModLens.Server.Configuration;

namespace GoModLens.Server.Features.GoMod;

/// <summary>
/// The effective go environment for the current settings. Recomputed when the settings change or the GOENV file
/// changes on disk (a stat per call is the watch: it works with every client, registered file watchers or not).
/// </summary>
internal sealed class EnvironmentProvider(GoModAnalyzerOptions options)
{
    private readonly Lock _gate = new();
    private (string Key, GoEnvironment Environment)? _effective;
    private (string Key, GoEnvironment Environment)? _raw;

    /// <summary>With the editor's goproxy/goprivate overrides (provenance "editor setting").</summary>
    public GoEnvironment Get(ServerSettings settings)
    {
        var editor = new Dictionary<string, string>(StringComparer.Ordinal);
        if (settings.GoProxy is { } proxy)
        {
            editor["GOPROXY"] = proxy;
        }

        if (settings.GoPrivate is { } goPrivate)
        {
            editor["GOPRIVATE"] = goPrivate;
        }

        return Compute(editor, ref _effective);
    }

    /// <summary>The environment <see cref="Get"/> last computed, without looking at the GOENV file again; null before the first.</summary>
    public GoEnvironment? Last
    {
        get
        {
            lock (_gate)
            {
                return _effective?.Environment;
            }
        }
    }

    /// <summary>What <c>go env</c> itself sees (no editor overrides): the base for <c>go env -w</c>.</summary>
    public GoEnvironment GetForGoEnvWrite() => Compute(new Dictionary<string, string>(), ref _raw);

    public void Invalidate()
    {
        lock (_gate)
        {
            _effective = null;
            _raw = null;
        }
    }

    private GoEnvironment Compute(Dictionary<string, string> editor, ref (string Key, GoEnvironment Environment)? slot)
    {
        var input = new GoEnvironmentInput(
            options.ProcessEnvironment ?? GoEnvironmentInput.FromCurrentProcess().ProcessEnvironment,
            GoOsConventions.Current,
            options.Files,
            options.GoRoot,
            editor.Count == 0 ? null : editor);
        var path = GoEnvFile.Locate(input, out _, out _);
        var key = string.Join("\u0001", editor.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => e.Key + "=" + e.Value))
                  + "\u0002" + path + "\u0002" + Stamp(path);
        lock (_gate)
        {
            if (slot is { } cached && cached.Key == key)
            {
                return cached.Environment;
            }

            var environment = GoEnvironment.Compute(input);
            slot = (key, environment);
            return environment;
        }
    }

    private static string Stamp(string? path)
    {
        if (path is null)
        {
            return "";
        }

        try
        {
            var info = new FileInfo(path);
            return info.Exists ? info.LastWriteTimeUtc.Ticks + ":" + info.Length : "missing";
        }
        catch (IOException)
        {
            return "error";
        }
        catch (UnauthorizedAccessException)
        {
            return "denied";
        }
    }
}
