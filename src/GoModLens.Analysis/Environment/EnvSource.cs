namespace GoModLens.Analysis.Environment;

/// <summary>Where an effective go env value came from, so the UI can say why GOPROXY is what it is.</summary>
public enum EnvSource
{
    /// <summary>The editor/LSP configuration overrides go's own settings.</summary>
    EditorSetting,

    /// <summary>A non-empty process environment variable.</summary>
    ProcessEnvironment,

    /// <summary>The user's GOENV file (written by <c>go env -w</c>).</summary>
    GoEnvFile,

    /// <summary><c>$GOROOT/go.env</c>, the toolchain's shipped defaults.</summary>
    GoRootGoEnv,

    /// <summary>go's compiled-in or derived default.</summary>
    Default,
}

/// <summary>An effective value and its provenance.</summary>
/// <param name="SourcePath">The file for <see cref="EnvSource.GoEnvFile"/>/<see cref="EnvSource.GoRootGoEnv"/>.</param>
/// <param name="Note">Extra explanation, e.g. "defaults to GOPRIVATE".</param>
public sealed record EnvValue(string Name, string Value, EnvSource Source, string? SourcePath = null, string? Note = null)
{
    /// <summary>A short human explanation of the provenance.</summary>
    public string Describe() => Source switch
    {
        EnvSource.EditorSetting => Note ?? "set by the editor setting",
        EnvSource.ProcessEnvironment => "set in the process environment",
        EnvSource.GoEnvFile => "set in " + SourcePath + " (go env -w)",
        EnvSource.GoRootGoEnv => "default from " + SourcePath,
        _ => Note ?? "go's default",
    };
}
