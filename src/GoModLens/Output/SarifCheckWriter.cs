using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using GoModLens.Analysis.Findings;

namespace GoModLens.Host.Output;

/// <summary>
/// SARIF 2.1.0 for GitHub code scanning: every rule (with helpUri into docs/diagnostics.md), results with a
/// physicalLocation region (1-based line/column) and a partialFingerprints entry stable across line moves.
/// </summary>
internal static class SarifCheckWriter
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
            foreach (var f in result.Findings)
            {
                var uri = f.FileName.Replace('\\', '/'); // check go.work reports on the go.work and each module's go.mod
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
                json.WriteString("uri", uri);
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
                json.WriteString("gomodlens/v1", Fingerprint(uri, f));
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

    // Stable across edits that move lines: file + code + module + message without volatile numbers.
    private static string Fingerprint(string uri, Finding f)
    {
        var text = uri + "|" + f.Code + "|" + (f.ModulePath ?? "") + "|" + (f.ModulePath is null ? f.Message : "");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
    }
}
