namespace GoModLens.Server.Lifecycle;

public sealed record LanguageServerOptions
{
    public static LanguageServerOptions Default { get; } = new();

    /// <summary>Clock for debouncing; tests pass a fake one.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Quiet time after the last edit before diagnostics are recomputed.</summary>
    public TimeSpan DiagnosticsDebounce { get; init; } = TimeSpan.FromMilliseconds(150);

    /// <summary>Where the server log goes; stderr by default. Never stdout, which carries the protocol.</summary>
    public TextWriter? ErrorLog { get; init; }
}
