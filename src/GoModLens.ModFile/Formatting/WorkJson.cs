using GoModLens.ModFile.Semantics;

namespace GoModLens.ModFile.Formatting;

/// <summary>
/// The JSON `go work edit -json` prints (go 1.26 workcmd editPrintJSON): Go (omitted when empty), Use and Replace
/// (null when empty), tab indentation, Go's encoding/json escaping and a trailing newline. go prints neither the
/// toolchain nor the godebug lines, so neither do we.
/// </summary>
public static class WorkJson
{
    /// <summary>JSON for an already sorted and cleaned go.work model (see <see cref="Write(ParseResult)"/>).</summary>
    public static string Write(GoModFile f)
    {
        var w = new GoJsonWriter();
        w.BeginObject();
        if (f.Go is { Version.Length: > 0 })
        {
            w.Field("Go", f.Go.Version);
        }

        w.Array("Use", f.Use, u =>
        {
            w.Field("DiskPath", u.Path);
            w.OptionalField("ModPath", u.ModulePath);
        });
        w.Replaces(f.Replace);
        w.EndObject();
        return w.ToString() + "\n";
    }

    /// <summary>
    /// What `go work edit -json` prints for an accepted go.work (parsed with <see cref="ModFileParser.ParseWork(string, string)"/>):
    /// sorts and cleans the model first, as go does (modifies it).
    /// </summary>
    public static string Write(ParseResult result)
    {
        result.Model.SortBlocks();
        result.Model.Cleanup();
        return Write(result.Model);
    }
}
