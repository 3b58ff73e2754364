using System.Text.Encodings.Web;
using System.Text.Json;
using GoModLens.Analysis.Findings;
using GoModLens.ModFile.Text;

namespace GoModLens.Host.Output;

/// <summary>Machine output documented in docs/check-output.md (schema version 1).</summary>
internal static class JsonCheckWriter
{
    public static void Write(CheckResult result, TextWriter w, string docsBase)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteNumber("version", 1);
            json.WriteString("file", result.FileName);
            json.WriteStartObject("goproxy");
            json.WriteString("value", result.GoProxy);
            json.WriteString("source", result.GoProxySource);
            json.WriteEndObject();
            json.WriteStartArray("findings");
            foreach (var f in result.Findings)
            {
                json.WriteStartObject();
                json.WriteString("code", f.Code);
                json.WriteString("file", f.FileName);
                json.WriteString("severity", TextCheckWriter.Severity(f.Severity));
                WriteRange(json, "range", f.Range);
                json.WriteString("message", f.Message);
                WriteNullable(json, "goMessage", f.GoMessage);
                WriteNullable(json, "module", f.ModulePath);
                json.WriteString("docs", docsBase + "#" + f.DocsAnchor);
                json.WriteStartArray("related");
                foreach (var r in f.Related)
                {
                    json.WriteStartObject();
                    json.WriteString("message", r.Message);
                    if (r.Range is { } range)
                    {
                        WriteRange(json, "range", range);
                    }

                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteStartArray("fixes");
                foreach (var fix in f.Fixes)
                {
                    json.WriteStartObject();
                    json.WriteString("kind", fix.Kind);
                    json.WriteString("title", fix.Title);
                    WriteNullable(json, "command", fix.Command is { } command ? Analysis.Reports.Redaction.Text(command) : null); // a --mirror URL may carry a token
                    json.WriteStartArray("edits");
                    foreach (var e in fix.Edits)
                    {
                        json.WriteStartObject();
                        WriteRange(json, "range", e.Range);
                        json.WriteString("newText", e.NewText);
                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("modules");
            foreach (var r in result.Reports)
            {
                json.WriteStartObject();
                json.WriteString("path", r.ModulePath);
                json.WriteString("version", r.Version);
                json.WriteString("status", JsonNamingPolicy.CamelCase.ConvertName(r.Status.ToString()));
                if (r.Target.Path != r.ModulePath || r.Target.Version != r.Version)
                {
                    json.WriteString("replacedBy", r.Target.Version.Length == 0 ? r.Target.Path : r.Target.Path + "@" + r.Target.Version);
                }

                if (r.Info is { } info)
                {
                    WriteNullable(json, "time", info.Time?.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture));
                    json.WriteString("answeredBy", info.AnsweredBy);
                    json.WriteNumber("elapsedMs", (long)info.Elapsed.TotalMilliseconds);
                }

                if (r.Latest is { } latest)
                {
                    WriteNullable(json, "latest", latest.Latest);
                    WriteNullable(json, "update", latest.Update);
                    if (r.IsRetracted)
                    {
                        json.WriteStartArray("retracted");
                        foreach (var why in latest.Retracted.Count > 0 ? latest.Retracted : ["retracted by module author"])
                        {
                            json.WriteStringValue(why);
                        }

                        json.WriteEndArray();
                    }

                    WriteNullable(json, "deprecated", latest.Deprecated);
                }

                if (r.Failure is { } failure)
                {
                    json.WriteString("error", failure.GoMessage);
                }

                if (r.Direct?.Vcs is { Repo: { } repo } vcs)
                {
                    // go's direct path: the repository and what git said about the version (URL redacted).
                    json.WriteStartObject("direct");
                    json.WriteString("outcome", JsonNamingPolicy.CamelCase.ConvertName(vcs.Outcome.ToString()));
                    json.WriteString("vcs", repo.Vcs);
                    json.WriteString("repo", repo.RedactedUrl);
                    WriteNullable(json, "ref", vcs.Ref);
                    WriteNullable(json, "commit", vcs.Commit);
                    if (vcs.Time is { } time)
                    {
                        json.WriteString("time", time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
                    }

                    WriteNullable(json, "note", vcs.Note);
                    json.WriteNumber("elapsedMs", (long)vcs.Elapsed.TotalMilliseconds);
                    json.WriteEndObject();
                }

                if (result.ZipHashes.FirstOrDefault(z => z.Module.Path == r.Target.Path && z.Module.Version == r.Target.Version) is { } zip)
                {
                    // The zip a machine without the module would get, hashed for go.sum's module line (GML1510).
                    json.WriteStartObject("zip");
                    WriteNullable(json, "hash", zip.Hash);
                    json.WriteString("source", zip.Source);
                    json.WriteBoolean("fromRepository", zip.FromRepository);
                    json.WriteBoolean("fromChecksumDatabase", zip.FromChecksumDatabase);
                    json.WriteNumber("files", zip.Files);
                    WriteNullable(json, "error", zip.GoError);
                    json.WriteNumber("elapsedMs", (long)zip.Elapsed.TotalMilliseconds);
                    json.WriteEndObject();
                }

                json.WriteNumber("totalMs", (long)r.Elapsed.TotalMilliseconds);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("sharedFailures");
            foreach (var shared in Analysis.Reports.SharedFailures.Find(result.Reports))
            {
                json.WriteStartObject();
                json.WriteString("entry", shared.Entry);
                json.WriteString("kind", JsonNamingPolicy.CamelCase.ConvertName(shared.Kind.ToString()));
                json.WriteString("error", shared.Error);
                json.WriteStartArray("modules");
                foreach (var module in shared.Modules)
                {
                    json.WriteStringValue(module);
                }

                json.WriteEndArray();
                json.WriteStartArray("notes");
                foreach (var note in shared.Notes)
                {
                    json.WriteStringValue(note);
                }

                json.WriteEndArray();
                if (shared.Mirror is { } mirror)
                {
                    json.WriteStartObject("mirror");
                    json.WriteString("url", Analysis.Reports.Redaction.Url(mirror.Mirror.AbsoluteUri.TrimEnd('/')));
                    json.WriteString("goproxy", Analysis.Reports.Redaction.List(mirror.GoProxyValue));
                    json.WriteNumber("serves", shared.MirrorServes);
                    json.WriteEndObject();
                }
                else
                {
                    json.WriteNull("mirror");
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartObject("summary");
            json.WriteNumber("errors", result.Count(FindingSeverity.Error));
            json.WriteNumber("warnings", result.Count(FindingSeverity.Warning));
            json.WriteNumber("information", result.Count(FindingSeverity.Information));
            json.WriteNumber("hints", result.Count(FindingSeverity.Hint));
            json.WriteNumber("requests", result.Requests);
            json.WriteNumber("elapsedMs", (long)result.Elapsed.TotalMilliseconds);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        w.Write(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
        w.Write('\n');
    }

    private static void WriteRange(Utf8JsonWriter json, string name, TextSpan range)
    {
        json.WriteStartObject(name);
        WritePosition(json, "start", range.Start);
        WritePosition(json, "end", range.End);
        json.WriteEndObject();
    }

    // line/column are 1-based in runes (what go prints); character is LSP's 0-based UTF-16 column.
    private static void WritePosition(Utf8JsonWriter json, string name, TextPosition p)
    {
        json.WriteStartObject(name);
        json.WriteNumber("line", p.Line);
        json.WriteNumber("column", p.LineRune);
        json.WriteNumber("character", p.Utf16Column);
        json.WriteEndObject();
    }

    internal static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }
}
