using GoModLens.Analysis.Toolchain;
using GoModLens.ModFile.Semantics;

namespace GoModLens.Analysis.Findings;

/// <summary>
/// GML2020: a toolchain line go drops whenever it writes the go.mod (modload's WriteGoMod): one naming the go line's own
/// version (<c>go 1.26.0</c> with <c>toolchain go1.26.0</c>), or a go before 1.21, which had no toolchain lines
/// (<c>toolchain default</c> included). go would change the go.mod, so with -mod=readonly, its default, go build,
/// go list and go vet stop with <c>updates to go.mod needed</c> (from vendor/ too, <c>disabled by -mod=vendor</c>);
/// with -mod=mod go removes the line itself. Not in workspace mode: go never writes a workspace module's go.mod.
/// </summary>
public static class ToolchainLineFindings
{
    /// <summary>go's gover.GoStrictVersion: the first go with toolchain lines.</summary>
    private const string FirstToolchainGo = "1.21";

    public static Finding? From(ParseResult parse, string text, FindingsContext context)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(context);
        var model = parse.Model;
        if (model.Toolchain is not { } toolchain || !parse.IsAcceptedByGo || Path.GetFileName(parse.Syntax.Name) == "go.work"
            || (context.Workspace is { } workspace && context.GoModDirectory is { } directory && workspace.Uses(directory)))
        {
            return null;
        }

        var goVersion = model.Go?.Version ?? "1.16"; // gover.DefaultGoModVersion
        var sameAsGo = toolchain.Name == "go" + goVersion;
        if (!sameAsGo && GoVersions.Compare(GoVersions.FromToolchain(toolchain.Name), FirstToolchainGo) >= 0)
        {
            return null;
        }

        var why = sameAsGo ? $"it names the go line's own version ({goVersion}), which the go line already asks for"
            : $"{toolchain.Name} is older than go {FirstToolchainGo}, the first go with toolchain lines";
        // go removes the line with the comment lines above it.
        var start = toolchain.Syntax.Comments.BeforeOrEmpty.FirstOrDefault(c => !c.IsBlankLine)?.Start ?? toolchain.Syntax.Start;
        var fix = new DropToolchainLine(toolchain.Name, LineWithBlankBefore(text, TextLines.WholeLines(text, start, toolchain.Syntax.End)));
        if (context.GoFlagsMod == "mod")
        {
            return new Finding(FindingCodes.ToolchainLineDropped, FindingSeverity.Information, parse.Syntax.Name, toolchain.Syntax.Span,
                $"go drops this toolchain line ({why}): with GOFLAGS=-mod=mod it removes it on its next build", null, null, [], [fix]);
        }

        // go's message names the -mod that forbids the update, and why go chose it.
        var mode = context.BuildModeFor(model);
        var stops = context.Vendor is not null ? "go build, go list and go vet stop, builds from vendor/ included," : "go build, go list and go vet stop";
        return new Finding(FindingCodes.ToolchainLineDropped, FindingSeverity.Error, parse.Syntax.Name, toolchain.Syntax.Span,
            $"go drops this toolchain line whenever it writes the go.mod ({why}), so {stops} with \"updates to go.mod needed\" until it is removed (go mod tidy)",
            mode?.UpdatesNeededMessage ?? "updates to go.mod needed; to update it:\n\tgo mod tidy", null, [], [fix]);
    }

    /// <summary>
    /// The lines, and the blank line before them when a blank line or the end of the file follows (go's formatting
    /// keeps no two blank lines together and none at the end): what go mod tidy leaves.
    /// </summary>
    private static ModFile.Text.TextSpan LineWithBlankBefore(string text, ModFile.Text.TextSpan line)
    {
        var start = line.Start.Utf16Offset;
        var end = line.End.Utf16Offset;
        var toEnd = text.AsSpan(end).TrimStart('\n').IsEmpty;
        if (start >= 2 && text[start - 1] == '\n' && text[start - 2] == '\n' && (toEnd || text[end] == '\n'))
        {
            start--;
        }

        return new ModFile.Text.TextSpan(TextLines.At(text, start), toEnd ? TextLines.EndOf(text) : line.End);
    }
}
