using System.Globalization;
using System.Text;
using GoModLens.ModFile.Semantics;

namespace GoModLens.ModFile.Formatting;

/// <summary>
/// The JSON `go mod edit -json` prints (go 1.26 modcmd editPrintJSON): field order, tab indentation, Go's
/// encoding/json escaping (HTML-safe, \u2028/\u2029) and its null/omitempty rules, with a trailing newline.
/// </summary>
public static class ModJson
{
    /// <summary>JSON for an already sorted and cleaned model (see <see cref="Write(ParseResult)"/>).</summary>
    public static string Write(GoModFile f)
    {
        var w = new GoJsonWriter();
        w.BeginObject();
        w.Key("Module");
        w.BeginObject();
        w.Field("Path", f.Module?.Mod.Path ?? "");
        if (!string.IsNullOrEmpty(f.Module?.Deprecated))
        {
            w.Field("Deprecated", f.Module.Deprecated);
        }

        w.EndObject();
        if (f.Go is { Version.Length: > 0 })
        {
            w.Field("Go", f.Go.Version);
        }

        if (f.Toolchain is { Name.Length: > 0 })
        {
            w.Field("Toolchain", f.Toolchain.Name);
        }

        if (f.Godebug.Count > 0)
        {
            w.Array("GoDebug", f.Godebug, g =>
            {
                w.Field("Key", g.Key);
                w.Field("Value", g.Value);
            });
        }

        w.Array("Require", f.Require, r =>
        {
            w.Field("Path", r.Mod.Path);
            w.OptionalField("Version", r.Mod.Version);
            if (r.Indirect)
            {
                w.Key("Indirect");
                w.Raw("true");
            }
        });
        w.Array("Exclude", f.Exclude, x => w.Version(x.Mod));
        w.Replaces(f.Replace);
        w.Array("Retract", f.Retract, r =>
        {
            w.OptionalField("Low", r.Low);
            w.OptionalField("High", r.High);
            w.OptionalField("Rationale", r.Rationale);
        });
        w.Array("Tool", f.Tool, t => w.Field("Path", t.Path));
        w.Array("Ignore", f.Ignore, i => w.Field("Path", i.Path));
        w.EndObject();
        return w.ToString() + "\n";
    }

    /// <summary>What `go mod edit -json` prints for an accepted file: sorts and cleans the model first (modifies it).</summary>
    public static string Write(ParseResult result)
    {
        result.Model.SortBlocks();
        result.Model.Cleanup();
        return Write(result.Model);
    }

    /// <summary>Go encoding/json string encoding with HTML escaping.</summary>
    public static string Quote(string s)
    {
        var sb = new StringBuilder(s.Length + 2);
        sb.Append('"');
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case < ' ' or '<' or '>' or '&' or '\u2028' or '\u2029':
                    sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
                    {
                        sb.Append(c).Append(s[++i]);
                    }
                    else if (char.IsSurrogate(c))
                    {
                        // A lone surrogate has no UTF-8 form; Go writes invalid UTF-8 as U+FFFD.
                        sb.Append("\\ufffd");
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        sb.Append('"');
        return sb.ToString();
    }
}
