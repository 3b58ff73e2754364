using System.Text.Json;
using GoModLens.Protocol;

namespace GoModLens.Server.Tests;

public sealed class ProtocolSerializationTests
{
    private static string Write<T>(T value) => JsonSerializer.Serialize(value, LspJson.Options);

    private static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, LspJson.Options)!;

    [Fact]
    public void Command_uses_the_wire_name_command()
    {
        var json = Write(new Command("Tidy", "gomodlens.tidy", [JsonDocument.Parse("\"file:///a\"").RootElement]));

        Assert.Equal("""{"title":"Tidy","command":"gomodlens.tidy","arguments":["file:///a"]}""", json);
        Assert.Equal("gomodlens.tidy", Read<Command>(json).CommandName);
    }

    [Fact]
    public void Work_done_progress_values_carry_their_kind_first()
    {
        Assert.Equal("""{"kind":"begin","title":"Resolving","percentage":0}""", Write(new WorkDoneProgressBegin("Resolving", Percentage: 0)));
        Assert.Equal("""{"kind":"report","message":"3/9"}""", Write(new WorkDoneProgressReport("3/9")));
        Assert.Equal("""{"kind":"end"}""", Write(new WorkDoneProgressEnd()));
    }

    [Theory]
    [InlineData("""{"token":7,"value":{"kind":"end"}}""")]
    [InlineData("""{"token":"abc","value":{"kind":"end"}}""")]
    public void Progress_tokens_round_trip_as_integer_or_string(string json)
    {
        var parsed = Read<ProgressParams<JsonElement>>(json);

        Assert.Equal(json, Write(parsed));
    }

    [Fact]
    public void Diagnostic_codes_from_other_servers_may_be_numbers()
    {
        var diagnostic = Read<Diagnostic>("""{"range":{"start":{"line":0,"character":0},"end":{"line":0,"character":1}},"message":"m","code":1234}""");

        Assert.Equal("1234", diagnostic.Code);
    }

    [Fact]
    public void Nulls_are_omitted_and_names_are_camel_case()
    {
        var json = Write(new Diagnostic
        {
            Range = new Protocol.Range(new Position(1, 2), new Position(1, 3)),
            Severity = DiagnosticSeverity.Warning,
            Message = "m",
            Tags = [DiagnosticTag.Deprecated],
        });

        Assert.Equal("""{"range":{"start":{"line":1,"character":2},"end":{"line":1,"character":3}},"severity":2,"message":"m","tags":[2]}""", json);
    }

    [Fact]
    public void Unchanged_diagnostic_report_has_no_items()
    {
        Assert.Equal("""{"kind":"unchanged","resultId":"r1"}""", Write(DocumentDiagnosticReport.CreateUnchanged("r1")));
        Assert.Equal("""{"kind":"full","resultId":"r2","items":[]}""", Write(DocumentDiagnosticReport.CreateFull("r2", [])));
    }

    [Fact]
    public void Missing_required_members_fail_instead_of_producing_nulls()
    {
        Assert.Throws<JsonException>(() => Read<DidOpenTextDocumentParams>("{}"));
        Assert.Throws<JsonException>(() => Read<TextDocumentItem>("""{"uri":"file:///a","languageId":"go.mod","version":1,"text":null}"""));
    }

    [Fact]
    public void Workspace_edit_changes_are_keyed_by_uri()
    {
        var edit = new WorkspaceEdit(new Dictionary<string, IReadOnlyList<TextEdit>>
        {
            ["file:///a/go.mod"] = [new TextEdit(new Protocol.Range(new Position(0, 0), new Position(0, 0)), "x")],
        });

        Assert.StartsWith("""{"changes":{"file:///a/go.mod":[{"range":""", Write(edit));
    }

    /// <summary>LSP's OptionalVersionedTextDocumentIdentifier: <c>version: null</c> (a file that is not open) is written, not left out as nulls are.</summary>
    [Fact]
    public void A_text_document_edit_always_names_its_version()
    {
        var edit = new WorkspaceEdit(DocumentChanges: [new TextDocumentEdit(new OptionalVersionedTextDocumentIdentifier("file:///a/go.work", null), [])]);

        Assert.Equal("""{"documentChanges":[{"textDocument":{"uri":"file:///a/go.work","version":null},"edits":[]}]}""", Write(edit));
    }
}
