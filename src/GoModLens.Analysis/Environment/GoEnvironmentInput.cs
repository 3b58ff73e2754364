namespace GoModLens.Analysis.Environment;

/// <summary>Everything go's configuration depends on, as plain data.</summary>
/// <param name="ProcessEnvironment">The process environment (empty values count as unset, as in go).</param>
/// <param name="Os">The OS family (config-dir location, home variable, list separator).</param>
/// <param name="Files">File access.</param>
/// <param name="GoRoot">A known GOROOT (e.g. from <c>go env GOROOT</c>); when null it is discovered from GOROOT or <c>go</c> on PATH.</param>
/// <param name="EditorSettings">Editor overrides (e.g. GOPROXY); they win over every other layer.</param>
public sealed record GoEnvironmentInput(
    IReadOnlyDictionary<string, string> ProcessEnvironment,
    GoOs Os,
    IGoEnvFileSystem Files,
    string? GoRoot = null,
    IReadOnlyDictionary<string, string>? EditorSettings = null)
{
    /// <summary>How an <see cref="EditorSettings"/> value's provenance reads (default "set by the editor setting"; the CLI says its flag).</summary>
    public string? OverridesDescription { get; init; }

    /// <summary>The current process, real files, no editor overrides.</summary>
    /// <param name="editorSettings">Values set by the editor or command line, above the environment.</param>
    /// <param name="variables">Variables as if this process had them (tests running several configurations in one process).</param>
    public static GoEnvironmentInput FromCurrentProcess(IReadOnlyDictionary<string, string>? editorSettings = null, IReadOnlyDictionary<string, string>? variables = null)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry e in System.Environment.GetEnvironmentVariables())
        {
            env[(string)e.Key] = (string?)e.Value ?? "";
        }

        foreach (var (name, value) in variables ?? new Dictionary<string, string>())
        {
            env[name] = value;
        }

        return new GoEnvironmentInput(env, GoOsConventions.Current, PhysicalGoEnvFileSystem.Instance, null, editorSettings);
    }

    /// <summary>Process value if non-empty, else null (go's os.Getenv + != "" test).</summary>
    public string? Env(string name)
    {
        if (ProcessEnvironment.TryGetValue(name, out var v))
        {
            return v.Length > 0 ? v : null;
        }

        // Windows variable names are case-insensitive (AppData vs APPDATA).
        if (Os == GoOs.Windows)
        {
            foreach (var (key, value) in ProcessEnvironment)
            {
                if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
                {
                    return value.Length > 0 ? value : null;
                }
            }
        }

        return null;
    }
}
