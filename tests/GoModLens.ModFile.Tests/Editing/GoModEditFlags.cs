using GoModLens.ModFile.Editing;
using GoModLens.ModFile.Semantics;

namespace GoModLens.ModFile.Tests.Editing;

/// <summary>
/// Applies well-formed `go mod edit` flags to a <see cref="ModFileEditor"/> in go's order (-module, -go, -toolchain
/// first, then the other edits as given), then formats as go mod edit does. Flag syntax errors are not modelled.
/// </summary>
internal static class GoModEditFlags
{
    public static string Run(string text, IReadOnlyList<string> flags)
    {
        var editor = ModFileEditor.Open("go.mod", text);
        var first = flags.Where(IsEarly).OrderBy(f => f.StartsWith("-module=", StringComparison.Ordinal) ? 0 : f.StartsWith("-go=", StringComparison.Ordinal) ? 1 : 2);
        foreach (var flag in first.Concat(flags.Where(f => !IsEarly(f))))
        {
            Apply(editor, flag);
        }

        return editor.FormatLikeGoModEdit();
    }

    private static bool IsEarly(string flag) =>
        flag.StartsWith("-module=", StringComparison.Ordinal) || flag.StartsWith("-go=", StringComparison.Ordinal) || flag.StartsWith("-toolchain=", StringComparison.Ordinal);

    public static void Apply(ModFileEditor e, string flag)
    {
        var eq = flag.IndexOf('=', StringComparison.Ordinal);
        var name = flag[1..eq];
        var arg = flag[(eq + 1)..];
        switch (name)
        {
            case "module": e.AddModuleStmt(arg); break;
            case "go" when arg == "none": e.DropGoStmt(); break;
            case "go": e.AddGoStmt(arg); break;
            case "toolchain" when arg == "none": e.DropToolchainStmt(); break;
            case "toolchain": e.AddToolchainStmt(arg); break;
            case "require": { var (p, v) = PathVersion(arg); e.AddRequire(p, v); break; }
            case "droprequire": e.DropRequire(arg); break;
            case "exclude": { var (p, v) = PathVersion(arg); e.AddExclude(p, v); break; }
            case "dropexclude": { var (p, v) = PathVersion(arg); e.DropExclude(p, v); break; }
            case "replace":
            {
                var cut = arg.IndexOf('=', StringComparison.Ordinal);
                var (op, ov) = OptionalVersion(arg[..cut].Trim(), allowDir: false);
                var (np, nv) = OptionalVersion(arg[(cut + 1)..].Trim(), allowDir: true);
                e.AddReplace(op, ov, np, nv);
                break;
            }

            case "dropreplace": { var (p, v) = OptionalVersion(arg, allowDir: true); e.DropReplace(p, v); break; }
            case "retract": e.AddRetract(Interval(arg)); break;
            case "dropretract": e.DropRetract(Interval(arg)); break;
            case "tool": e.AddTool(arg); break;
            case "droptool": e.DropTool(arg); break;
            case "ignore": e.AddIgnore(arg); break;
            case "dropignore": e.DropIgnore(arg); break;
            case "godebug": { var kv = arg.Split('=', 2); e.AddGodebug(kv[0], kv[1]); break; }
            case "dropgodebug": e.DropGodebug(arg); break;
            default: throw new ArgumentException("unsupported flag " + flag);
        }
    }

    private static (string Path, string Version) PathVersion(string arg)
    {
        var at = arg.IndexOf('@', StringComparison.Ordinal);
        return (arg[..at].Trim(), arg[(at + 1)..].Trim());
    }

    private static (string Path, string Version) OptionalVersion(string arg, bool allowDir)
    {
        if (allowDir && ModFileBinder.IsDirectoryPath(arg))
        {
            return (arg, "");
        }

        return arg.Contains('@', StringComparison.Ordinal) ? PathVersion(arg) : (arg, "");
    }

    private static VersionInterval Interval(string arg)
    {
        if (!arg.StartsWith('['))
        {
            return VersionInterval.Single(arg);
        }

        var parts = arg[1..^1].Split(',', 2);
        return new VersionInterval(parts[0].Trim(), parts[1].Trim());
    }
}
