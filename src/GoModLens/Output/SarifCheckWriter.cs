using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using GoModLens.Analysis.Findings;

namespace GoModLens.Host.Output;

/// <summary>
/// SARIF 2.1.0 for GitHub code scanning: every rule (with helpUri into docs/diagnostics.md), results with a
/// physicalLocation region (1-based line/column) and a partialFingerprints entry stable across line moves.
/// </summary>
internal static partial class SarifCheckWriter
{
    // Every code a check can report: the go.mod's, and the go.sum's it reports too (GML15xx).
    private static readonly IReadOnlyList<FindingRule> Rules = [.. FindingCodes.Rules, .. Analysis.GoSum.GoSumFindingCodes.Rules];

    public const string Schema = "https://json.schemastore.org/sarif-2.1.0.json";

    public static void Write(CheckResult result, TextWriter w, string docsBase)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("$schema", Schema);
            json.WriteString("version", "2.1.0");
            json.WriteStartArray("runs");
            json.WriteStartObject();
            json.WriteStartObject("tool");
            json.WriteStartObject("driver");
            json.WriteString("name", "gomodlens");
            json.WriteString("informationUri", docsBase);
            json.WriteString("semanticVersion", typeof(SarifCheckWriter).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");
            json.WriteStartArray("rules");
            foreach (var rule in Rules)
            {
                json.WriteStartObject();
                json.WriteString("id", rule.Code);
                json.WriteString("name", rule.Name);
                json.WriteStartObject("shortDescription");
                json.WriteString("text", rule.Title);
                json.WriteEndObject();
                json.WriteString("helpUri", docsBase + "#" + rule.Anchor);
                json.WriteStartObject("defaultConfiguration");
                json.WriteString("level", Level(rule.DefaultSeverity));
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteStartArray("results");
            var fingerprints = new Fingerprints();
            foreach (var f in result.Findings)
            {
                var path = f.FileName.Replace('\\', '/'); // check go.work reports on the go.work and each module's go.mod
                json.WriteStartObject();
                json.WriteString("ruleId", f.Code);
                json.WriteNumber("ruleIndex", IndexOf(f.Code));
                json.WriteString("level", Level(f.Severity));
                json.WriteStartObject("message");
                json.WriteString("text", f.GoMessage is { } go ? f.Message + "\ngo: " + go : f.Message);
                json.WriteEndObject();
                json.WriteStartArray("locations");
                json.WriteStartObject();
                json.WriteStartObject("physicalLocation");
                json.WriteStartObject("artifactLocation");
                json.WriteString("uri", ArtifactUri(path));
                json.WriteEndObject();
                json.WriteStartObject("region");
                json.WriteNumber("startLine", Math.Max(1, f.Range.Start.Line));
                json.WriteNumber("startColumn", Math.Max(1, f.Range.Start.LineRune));
                json.WriteNumber("endLine", Math.Max(1, f.Range.End.Line));
                json.WriteNumber("endColumn", Math.Max(1, f.Range.End.LineRune));
                json.WriteEndObject();
                json.WriteEndObject();
                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteStartObject("partialFingerprints");
                json.WriteString("gomodlens/v1", fingerprints.Next(path, f));
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        w.Write(Encoding.UTF8.GetString(stream.ToArray()));
        w.Write('\n');
    }

    internal static string Level(FindingSeverity s) => s switch
    {
        FindingSeverity.Error => "error",
        FindingSeverity.Warning => "warning",
        _ => "note",
    };

    private static int IndexOf(string code)
    {
        for (var i = 0; i < Rules.Count; i++)
        {
            if (Rules[i].Code == code)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// artifactLocation.uri must be a URI reference (SARIF 2.1.0 §3.4.3): a relative path stays relative (resolved
    /// against the repository root, as code scanning does) with every byte outside RFC 3986's unreserved characters,
    /// sub-delims, '@' and '/' percent-encoded as UTF-8 ("sp ace#1/go.mod" → "sp%20ace%231/go.mod"); ':' is encoded
    /// too, so no first segment reads as a scheme. A Windows path with a drive (or a UNC path) becomes a file: URI.
    /// </summary>
    internal static string ArtifactUri(string path)
    {
        path = path.Replace('\\', '/');
        if (path.Length >= 3 && char.IsAsciiLetter(path[0]) && path[1] == ':' && path[2] == '/')
        {
            return "file:///" + path[..2] + Encode(path[2..]);
        }

        return path.StartsWith("//", StringComparison.Ordinal) ? "file:" + Encode(path) : Encode(path);
    }

    private static string Encode(string path)
    {
        var sb = new StringBuilder(path.Length);
        foreach (var b in Encoding.UTF8.GetBytes(path))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || "-._~/!$&'()*+,;=@".Contains(c, StringComparison.Ordinal))
            {
                sb.Append(c);
            }
            else
            {
                sb.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// partialFingerprints["gomodlens/v1"]: one per distinct problem, the same on the next run, and unchanged when
    /// unrelated lines are added or removed above it. From the file, the code, the module, the flagged line's text
    /// (whitespace collapsed: six bad hashes on six go.sum lines of one module are six problems) and the message
    /// (which names module@version) with line numbers, positions and timings taken out; go's own text is left out, as
    /// it can name an address that changes between runs. Results alike in all of that are told apart by their order.
    /// </summary>
    private sealed class Fingerprints
    {
        private readonly Dictionary<string, string[]?> _files = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _seen = new(StringComparer.Ordinal);

        public string Next(string path, Finding f)
        {
            var text = string.Join('\u001f', path, f.Code, f.ModulePath ?? "", LineText(f.FileName, f.Range.Start.Line), Stable(f.Message));
            var occurrence = _seen[text] = _seen.GetValueOrDefault(text) + 1;
            if (occurrence > 1)
            {
                text += "\u001f" + occurrence.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
        }

        private string LineText(string file, int line)
        {
            if (!_files.TryGetValue(file, out var lines))
            {
                try
                {
                    lines = File.ReadAllText(file).Split('\n');
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
                {
                    lines = null; // a go.sum that is not there (GML1507 sits on go.mod), a path that is no file: the message decides
                }

                _files[file] = lines;
            }

            return lines is not null && line >= 1 && line <= lines.Length ? Whitespace().Replace(lines[line - 1], " ").Trim() : "";
        }

        private static string Stable(string message) => Volatile().Replace(message, "#");
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    // "line 12", "lines 3 and 7", "go.mod:12:5", "in 340 ms": numbers that change when lines move or from run to run.
    [GeneratedRegex(@"(?<=\blines? )\d+(?:(?:, | and )\d+)*|(?<=\.(?:mod|sum|work)):\d+(?::\d+)?|\b\d+(?= ?ms\b)")]
    private static partial Regex Volatile();
}
