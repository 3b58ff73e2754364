namespace GoModLens.Analysis.Environment;

/// <summary>
/// The result of planning a <c>go env -w</c>/<c>-u</c>: either an error (go's exact message; nothing would be
/// written) or the old and new file text so the editor can show a preview before <see cref="GoEnvFileWriter.WriteAsync"/>.
/// </summary>
/// <param name="Path">The GOENV file that would be written (null when there is none, e.g. GOENV=off).</param>
/// <param name="OldText">The current content (null when the file does not exist).</param>
/// <param name="NewText">The content go would write; null when <see cref="Error"/> is set.</param>
/// <param name="Error">go's fatal message, e.g. <c>go: GOENV can only be set using the OS environment</c>.</param>
/// <param name="Warnings">go's warnings, e.g. that a process variable still overrides the written value.</param>
public sealed record GoEnvWritePlan(string? Path, string? OldText, string? NewText, string? Error, IReadOnlyList<string> Warnings)
{
    public bool IsValid => Error is null && Path is not null && NewText is not null;

    /// <summary>True when writing would change the file's bytes (go writes anyway; an editor may skip).</summary>
    public bool ChangesFile => IsValid && !string.Equals(OldText, NewText, StringComparison.Ordinal);
}
