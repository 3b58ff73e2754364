namespace GoModLens.LspBenchmarks;

/// <summary>How keystrokes are spaced in time.</summary>
internal enum Pacing
{
    /// <summary>One keystroke every 20–50 ms, no pauses.</summary>
    Typing,

    /// <summary>Odd-length bursts (1, 3 or 5 keystrokes 20–50 ms apart) followed by a 400 ms pause.</summary>
    Bursts,

    /// <summary>All keystrokes written as fast as the pipe takes them.</summary>
    BackToBack,
}
