using GoModLens.ModFile.Text;

namespace GoModLens.Analysis.Findings;

/// <summary>
/// A fix for a finding. Fixes that change the go.mod carry <see cref="Edits"/>; fixes that change go's environment
/// carry the <c>go env -w</c> command to run (<see cref="Command"/>), which the LSP applies with GoEnvFileWriter.
/// </summary>
public abstract record SuggestedFix(string Title)
{
    /// <summary>Text edits to the go.mod (empty for environment fixes).</summary>
    public virtual IReadOnlyList<TextEdit> Edits => [];

    /// <summary>A shell command that performs the fix, if any (<c>go env -w …</c>, <c>go get …</c>).</summary>
    public virtual string? Command => null;

    /// <summary>Stable kind name for JSON/LSP data.</summary>
    public abstract string Kind { get; }
}

/// <summary>
/// A fix that sets one go environment variable with <c>go env -w</c> (the GOENV file): what it does, then the command.
/// </summary>
/// <param name="Description">What the fix does, e.g. "Treat github.com/acme as private".</param>
/// <param name="Key">The variable.</param>
/// <param name="Value">Its new value.</param>
/// <param name="ShownValue">The value as printed (credentials in a GOPROXY list redacted).</param>
public abstract record GoEnvFix(string Description, string Key, string Value, string ShownValue)
    : SuggestedFix(Description + ": " + GoEnvCommand.For(Key, ShownValue))
{
    public override string Command => GoEnvCommand.For(Key, Value);
}

/// <summary>
/// An environment fix whose variable is set in the process environment, where <c>go env -w</c> writes the GOENV file
/// to no effect (go warns "does not override conflicting OS environment variable"): set it where it is set instead.
/// </summary>
public sealed record SetInProcessEnvironment(GoEnvFix Fix)
    : SuggestedFix($"{Fix.Description}: {Fix.Key} is set in the process environment, which go env -w does not override; change it there: export {Fix.Key}={GoEnvCommand.Quote(Fix.ShownValue)}")
{
    public override string Command => $"export {Fix.Key}={GoEnvCommand.Quote(Fix.Value)}";

    public override string Kind => Fix.Kind;

    /// <summary>Each env fix of <paramref name="finding"/> for a variable <paramref name="setInProcess"/> says so.</summary>
    public static Finding Adapt(Finding finding, Func<string, bool> setInProcess) =>
        finding.Fixes.Any(f => f is GoEnvFix env && setInProcess(env.Key))
            ? finding with { Fixes = [.. finding.Fixes.Select(f => f is GoEnvFix env && setInProcess(env.Key) ? new SetInProcessEnvironment(env) : f)] }
            : finding;
}

/// <summary>How a fix's <c>go env -w KEY=value</c> is printed for a shell.</summary>
public static class GoEnvCommand
{
    /// <summary>
    /// <c>go env -w KEY=value</c>, the value in single quotes when a POSIX shell would change it (a GOPRIVATE glob like
    /// <c>*.corp.example</c> expands against the current directory, GOFLAGS words split, | pipes a GOPROXY list).
    /// </summary>
    public static string For(string key, string value) => $"go env -w {key}=" + Quote(value);

    /// <summary><paramref name="value"/> as one word for a POSIX shell: as it is when nothing in it is special, else single-quoted.</summary>
    public static string Quote(string value) =>
        value.Length == 0 || value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '/' or ':' or ',' or '-' or '_' or '@' or '+' or '=' or '%')
            ? value
            : "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}

/// <summary>One replacement in the go.mod text.</summary>
public sealed record TextEdit(TextSpan Range, string NewText);

/// <summary>Switch GOPROXY to a mirror that answered (keeps <c>,direct</c>).</summary>
/// <param name="Mirror">The mirror base URL.</param>
/// <param name="GoProxyValue">The full new GOPROXY value.</param>
/// <param name="Latency">How fast the mirror answered this module's probe.</param>
public sealed record SetGoproxyMirror(Uri Mirror, string GoProxyValue, TimeSpan Latency)
    : GoEnvFix($"Use mirror {Reports.Redaction.Url(Mirror.AbsoluteUri.TrimEnd('/'))} (answered in {(int)Latency.TotalMilliseconds} ms)", "GOPROXY", GoProxyValue,
        Reports.Redaction.List(GoProxyValue))
{
    public override string Kind => "setGoproxyMirror";
}

/// <summary>Mark a module path pattern private (GOPRIVATE): go then fetches it directly and skips the checksum DB.</summary>
/// <param name="Pattern">The glob to add, e.g. <c>git.corp.example</c>.</param>
/// <param name="NewValue">The resulting GOPRIVATE value (existing patterns kept).</param>
public sealed record AddGoPrivate(string Pattern, string NewValue) : GoEnvFix($"Treat {Pattern} as private", "GOPRIVATE", NewValue, NewValue)
{
    public override string Kind => "addGoPrivate";
}

/// <summary>Reach the checksum database another way (e.g. sum.golang.google.cn) that answered for this module just now.</summary>
/// <param name="Value">The new GOSUMDB.</param>
/// <param name="Latency">How fast it answered the lookup.</param>
public sealed record SetGoSumDb(string Value, TimeSpan Latency)
    : GoEnvFix($"Use GOSUMDB={Value} (answered in {(int)Latency.TotalMilliseconds} ms)", "GOSUMDB", Value, Value)
{
    public override string Kind => "setGoSumDb";
}

/// <summary>Drop the GOFLAGS words go stops on from the GOENV file (go env -w GOFLAGS=the rest).</summary>
/// <param name="Dropped">The flag or word removed, e.g. <c>-modfile</c>.</param>
/// <param name="Value">GOFLAGS without it (may be empty).</param>
public sealed record SetGoFlags(string Dropped, string Value) : GoEnvFix($"Remove {Dropped} from GOFLAGS", "GOFLAGS", Value, Value)
{
    public override string Kind => "setGoFlags";
}

/// <summary>Skip the checksum database for a pattern (GONOSUMDB) while still using the proxy.</summary>
public sealed record AddGoNoSumDb(string Pattern, string NewValue)
    : GoEnvFix($"Do not verify {Pattern} against the checksum database", "GONOSUMDB", NewValue, NewValue)
{
    public override string Kind => "addGoNoSumDb";
}

/// <summary>Point the module at a local checkout with a replace directive (appended to the go.mod).</summary>
/// <param name="Module">The module path.</param>
/// <param name="Directory">A checkout that was found (quoted for go.mod if needed), else a placeholder: <c>../&lt;last element&gt;</c>.</param>
/// <param name="InsertAt">Where the directive is inserted (end of file).</param>
/// <param name="Found">Whether <paramref name="Directory"/> holds the module; a placeholder says to edit the path.</param>
public sealed record AddReplaceLocal(string Module, string Directory, TextPosition InsertAt, bool Found = false)
    : SuggestedFix(Found
        ? $"Use the local checkout: replace {Module} => {Directory}"
        : $"Use a local checkout: replace {Module} => {Directory} (no checkout found; edit the path)")
{
    public override IReadOnlyList<TextEdit> Edits => [new(TextSpan.Empty(InsertAt), $"\nreplace {Module} => {Directory}\n")];

    public override string Kind => "addReplaceLocal";
}

/// <summary>Change the required version (upgrade to latest, away from a retracted version, or to the fixer's canonical form).</summary>
/// <param name="VersionRange">The version token to replace.</param>
public sealed record UpgradeTo(string Module, string Version, TextSpan VersionRange)
    : SuggestedFix($"Change {Module} to {Version}")
{
    public override IReadOnlyList<TextEdit> Edits => [new(VersionRange, Version)];

    public override string Command => $"go get {Module}@{Version}";

    public override string Kind => "upgradeTo";
}

/// <summary>Require the module path that carries the version's major (<c>example.com/m/v2 v2.0.0</c> for <c>example.com/m v2.0.0</c>).</summary>
/// <param name="PathRange">The module path token to replace.</param>
/// <param name="VersionRange">The version token, rewritten when the old one carried +incompatible.</param>
public sealed record RequireModulePath(string Module, string NewPath, string Version, TextSpan PathRange, TextSpan VersionRange)
    : SuggestedFix($"Require {NewPath} {Version} instead")
{
    public override IReadOnlyList<TextEdit> Edits => [new(PathRange, NewPath), new(VersionRange, Version)];

    public override string Command => $"go get {NewPath}@{Version}";

    public override string Kind => "requireModulePath";
}

/// <summary>Delete a duplicate require line (go keeps the higher version; go mod tidy drops the other line).</summary>
/// <param name="LineRange">The whole line to delete, including its newline.</param>
public sealed record DropDuplicateRequire(string Module, string DroppedVersion, TextSpan LineRange)
    : SuggestedFix($"Remove the duplicate requirement {Module} {DroppedVersion}")
{
    public override IReadOnlyList<TextEdit> Edits => [new(LineRange, "")];

    public override string Kind => "dropDuplicateRequire";
}

/// <summary>Delete a toolchain line go drops whenever it writes the go.mod (its text, as go mod tidy leaves it).</summary>
/// <param name="LineRange">The line with its newline (and a blank line before it when it ends the file).</param>
public sealed record DropToolchainLine(string Toolchain, TextSpan LineRange)
    : SuggestedFix($"Remove toolchain {Toolchain} (as go mod tidy does)")
{
    public override IReadOnlyList<TextEdit> Edits => [new(LineRange, "")];

    public override string Kind => "dropToolchainLine";
}

/// <summary>Raise the go line to what a dependency needs, as <c>go mod tidy</c> writes it (an older toolchain line goes).</summary>
public sealed record RaiseGoVersion(string Version, IReadOnlyList<TextEdit> GoModEdits)
    : SuggestedFix($"Raise the go line to {Version} (as go mod tidy does)")
{
    public override IReadOnlyList<TextEdit> Edits => GoModEdits;

    public override string Kind => "raiseGoVersion";
}

/// <summary>Add the module to the go.work in force, as <c>go work use .</c> does (the edit is computed on the go.work when applied).</summary>
/// <param name="GoWorkPath">The go.work (absolute).</param>
/// <param name="ShownAs">The go.work as go names it from the module directory (<c>../go.work</c>).</param>
public sealed record AddGoWorkUse(string GoWorkPath, string ShownAs)
    : SuggestedFix($"Add this module to {ShownAs}: go work use .")
{
    public override string Command => "go work use .";

    public override string Kind => "addGoWorkUse";
}

/// <summary>
/// A require of a workspace module's unpublished version: go still reads that version's go.mod, so point the version at
/// the workspace copy in the go.work, as <c>go work edit -replace</c> does (a path-wide replace of a workspace module is refused).
/// </summary>
/// <param name="GoWorkPath">The go.work (absolute).</param>
/// <param name="ShownAs">The go.work as go names it from the module directory.</param>
/// <param name="Directory">The workspace module's directory as the go.work spells it.</param>
public sealed record ReplaceInGoWork(string GoWorkPath, string ShownAs, string Module, string Version, string Directory)
    : SuggestedFix($"Use the workspace module: replace {Module} {Version} => {Directory} in {ShownAs}")
{
    public override string Command => $"go work edit -replace={Module}@{Version}={Directory}";

    public override string Kind => "replaceInGoWork";
}

/// <summary>A fix that is a go command to run in the module directory (<c>go mod download example.com/m</c>, <c>go mod vendor</c>).</summary>
public sealed record RunGoCommand(string Title, string GoCommand) : SuggestedFix(Title)
{
    public override string Command => GoCommand;

    public override string Kind => "runGoCommand";
}
