using System.Text;
using System.Text.Json;
using GoModLens.Protocol;
using GoModLens.Server.Tests.Infrastructure;
using GoModLens.TestUtilities;
using static GoModLens.Server.Tests.GoMod.GoModTestEnvironment;

namespace GoModLens.Server.Tests.GoMod;

/// <summary>
/// Typing, as an editor sends it: random incremental edits to real go.mod, go.work and go.sum files (one or several
/// changes per notification, line breaks of every kind, characters outside the BMP, UTF-16 or UTF-8 columns), with the
/// read requests an editor makes in between at random positions. Every request answers without an error (the harness
/// also fails a test whose server logs one), and afterwards the document answers exactly as the same text opened
/// fresh: diagnostics, formatting, symbols, folding, inlay hints and hovers. The same holds for a go.mod whose requires
/// are edited while a module proxy's answers arrive, and the quick fixes for slips of typing keep a go.mod valid.
/// </summary>
public sealed class RandomEditTests
{
    private static readonly string[] s_insertions =
    [
        "", "", "", "require ", "example.com/m v1.2.3", "\n", "\n", "\r\n", "\r", "(", ")", "// note", "😀", "é", "\"", "`", "=>", " ", "\t",
        "go 1.22\n", "replace a => ../b\n", "retract [v1.0.0, v1.1.0]\n", "tool example.com/x/cmd\n", "v0.0.0-20240102030405-abcdefabcdef",
        "toolchain go1.26.0\n", "godebug x=1\n", "exclude m v1.0.0\n", "\u00a0", "\uFEFF", "use ./a\n", "h1:abc=", "/go.mod",
    ];

    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 24)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Random_edits_leave_the_document_as_the_same_text_opened_fresh(int seed)
    {
        var random = new Random(seed);
        var utf8 = seed % 3 == 0;
        var (kind, name) = (seed % 6) switch { 1 => ("gowork", "go.work"), 2 => ("gosum", "go.sum"), _ => ("gomod", "go.mod") };
        var corpus = Directory.EnumerateFiles(RepoPaths.Corpus(kind)).Order(StringComparer.Ordinal).ToList();
        var text = (await File.ReadAllTextAsync(corpus[random.Next(corpus.Count)])).ReplaceLineEndings("\n");
        if (text.Length > 3000)
        {
            text = text[..3000]; // a large file only makes the runs slower, not the edits harder
        }

        var env = WithDefaultGoFlags("off");
        Write(env.Project, "go.mod", "module example.com/app\n");
        using var analyzer = env.CreateAnalyzer();
        var capabilities = new ClientCapabilities
        {
            General = utf8 ? new GeneralClientCapabilities { PositionEncodings = ["utf-8"] } : null,
            TextDocument = new TextDocumentClientCapabilities { Diagnostic = new DiagnosticClientCapabilities() },
        };
        await using var lsp = await LspTestHarness.StartAsync(analyzer, capabilities, initializationOptions: new { network = new { enabled = false } });
        var uri = new Uri(Path.Combine(env.Project, name)).AbsoluteUri;
        await lsp.OpenAsync(uri, text, languageId: name);

        var version = 1;
        text = await TypeAsync(lsp, uri, text, utf8, random, () => ++version);

        var edited = await SnapshotAsync(lsp, uri, text, utf8);
        await lsp.NotifyAsync("textDocument/didClose", new { textDocument = new { uri } });
        await lsp.OpenAsync(uri, text, ++version, languageId: name);
        var fresh = await SnapshotAsync(lsp, uri, text, utf8);

        Assert.Equal(fresh, edited);
    }

    private static readonly string[] s_modules = ["example.com/foo", "example.com/bar", "example.com/foo/v2", "example.com/retracting", "example.com/Upper/Case", "example.com/absent"];

    private static readonly string[] s_versions = ["v1.0.0", "v1.1.0", "v1.2.0", "v1.3.0-beta.1", "v0.1.0", "v0.2.0", "v2.0.0", "v9.9.9", "v1.0", "v1.1.0-"];

    public static TheoryData<int> NetworkSeeds() => [.. Enumerable.Range(1, 8)];

    /// <summary>
    /// Edits to the requires of a go.mod resolved through a module proxy (a version changed, a require added, removed or
    /// marked indirect, a version half typed), sometimes letting the network results of one version land before the
    /// next edit: the document then answers as the same text opened fresh, network diagnostics and hovers included.
    /// </summary>
    [Theory]
    [MemberData(nameof(NetworkSeeds))]
    public async Task Edits_to_resolved_requires_leave_the_document_as_the_same_text_opened_fresh(int seed)
    {
        var random = new Random(seed);
        var env = new GoModTestEnvironment(FileProxy());
        using var analyzer = env.CreateAnalyzer();
        var capabilities = new ClientCapabilities { TextDocument = new TextDocumentClientCapabilities { Diagnostic = new DiagnosticClientCapabilities() } };
        await using var lsp = await LspTestHarness.StartAsync(analyzer, capabilities);
        var uri = env.GoModUri;
        var text = "module example.com/app\n\ngo 1.22\n\nrequire (\n\texample.com/foo v1.0.0\n\texample.com/bar v0.1.0\n)\n";
        await lsp.OpenAsync(uri, text);
        var version = 1;
        for (var step = 0; step < 30; step++)
        {
            var lines = text.Split('\n').ToList();
            var requires = lines.Select((l, i) => (l, i)).Where(x => x.l.StartsWith('\t')).Select(x => x.i).ToList();
            var module = s_modules[random.Next(s_modules.Length)];
            var v = s_versions[random.Next(s_versions.Length)];
            switch (random.Next(requires.Count == 0 ? 1 : 5))
            {
                case 0:
                    lines.Insert(requires.Count == 0 ? 5 : requires[random.Next(requires.Count)], $"\t{module} {v}");
                    break;
                case 1:
                    lines.RemoveAt(requires[random.Next(requires.Count)]);
                    break;
                case 2:
                    var line = requires[random.Next(requires.Count)];
                    lines[line] = lines[line].EndsWith(" // indirect", StringComparison.Ordinal) ? lines[line][..^" // indirect".Length] : lines[line] + " // indirect";
                    break;
                default:
                    var at = requires[random.Next(requires.Count)];
                    var fields = lines[at].Trim().Split(' ');
                    lines[at] = $"\t{fields[0]} {v}" + (lines[at].EndsWith(" // indirect", StringComparison.Ordinal) ? " // indirect" : "");
                    break;
            }

            var edited = string.Join('\n', lines);
            var (start, end, insert) = Difference(text, edited);
            await lsp.ChangeAsync(uri, ++version, new TextDocumentContentChangeEvent(insert, new Protocol.Range(PositionOf(text, start, false), PositionOf(text, end, false))));
            text = edited;
            if (random.Next(4) == 0)
            {
                await lsp.SyncAsync();
                await lsp.Server.Diagnostics.WhenIdleAsync(); // this version's network results land before the next edit
            }
            else if (random.Next(3) == 0)
            {
                await ReadEverywhereAsync(lsp, uri, text, false, random);
            }
        }

        var typed = await SnapshotAsync(lsp, uri, text, false);
        await lsp.NotifyAsync("textDocument/didClose", new { textDocument = new { uri } });
        await lsp.OpenAsync(uri, text, ++version);
        var fresh = await SnapshotAsync(lsp, uri, text, false);

        Assert.Equal(fresh, typed);
    }

    /// <summary>The one change that turns <paramref name="before"/> into <paramref name="after"/>: the range that differs and its new text.</summary>
    private static (int Start, int End, string Insert) Difference(string before, string after)
    {
        var prefix = 0;
        while (prefix < before.Length && prefix < after.Length && before[prefix] == after[prefix])
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < before.Length - prefix && suffix < after.Length - prefix && before[^(suffix + 1)] == after[^(suffix + 1)])
        {
            suffix++;
        }

        return (prefix, before.Length - suffix, after[prefix..(after.Length - suffix)]);
    }

    /// <summary>
    /// 40 notifications of one to three random changes each, every change against the text the one before it left,
    /// with the read requests in between; the text the document then holds.
    /// </summary>
    private static async Task<string> TypeAsync(LspTestHarness lsp, string uri, string text, bool utf8, Random random, Func<int> nextVersion)
    {
        for (var step = 0; step < 40; step++)
        {
            var changes = new List<TextDocumentContentChangeEvent>();
            for (var n = random.Next(1, 4); n > 0; n--)
            {
                var start = Boundary(text, random.Next(text.Length + 1));
                var end = Boundary(text, Math.Min(text.Length, start + random.Next(0, 12)));
                var insert = s_insertions[random.Next(s_insertions.Length)];
                changes.Add(new TextDocumentContentChangeEvent(insert, new Protocol.Range(PositionOf(text, start, utf8), PositionOf(text, end, utf8))));
                text = text[..start] + insert + text[end..];
            }

            await lsp.ChangeAsync(uri, nextVersion(), [.. changes]);
            if (step % 4 == 3)
            {
                await ReadEverywhereAsync(lsp, uri, text, utf8, random);
            }
        }

        return text;
    }

    /// <summary>
    /// The quick fixes on corpus go.mod files with random slips of the kind offline fixes exist for (a version written
    /// with build metadata; a require line repeated in its block at another version; a version written short, vX.Y or
    /// vX, is a query only the proxy can answer: GoModVersionQueryTests), each applied
    /// as an editor applies it: a go.mod go accepted stays accepted, no parse error is added, and the fix the
    /// diagnostic prefers removes a diagnostic of its code.
    /// </summary>
    public static TheoryData<int> FixSeeds() => [.. Enumerable.Range(1, 60)];

    [Theory]
    [MemberData(nameof(FixSeeds))]
    public async Task Quick_fixes_keep_what_go_accepts_and_remove_their_diagnostic(int seed)
    {
        var random = new Random(seed);
        var corpus = Directory.EnumerateFiles(RepoPaths.Corpus("gomod")).Order(StringComparer.Ordinal).ToList();
        string? text = null;
        while (text is null)
        {
            text = Slipped((await File.ReadAllTextAsync(corpus[random.Next(corpus.Count)])).ReplaceLineEndings("\n"), random);
        }

        var env = WithDefaultGoFlags("off");
        using var analyzer = env.CreateAnalyzer();
        var capabilities = new ClientCapabilities
        {
            TextDocument = new TextDocumentClientCapabilities
            {
                Diagnostic = new DiagnosticClientCapabilities(),
                CodeAction = new CodeActionClientCapabilities { CodeActionLiteralSupport = new CodeActionLiteralSupport(new CodeActionKindValueSet(["quickfix"])) },
            },
        };
        await using var lsp = await LspTestHarness.StartAsync(analyzer, capabilities, initializationOptions: new { network = new { enabled = false } });
        var uri = env.GoModUri;
        await lsp.OpenAsync(uri, text);
        var version = 1;
        var document = new TextDocumentIdentifier(uri);
        var diagnostics = (await lsp.RequestAsync<DocumentDiagnosticReport>("textDocument/diagnostic", new DocumentDiagnosticParams(document))).Items!;
        var accepted = ModFile.Semantics.ModFileParser.Parse("go.mod", text).IsAcceptedByGo;
        var syntaxErrors = SyntaxErrors(text);
        var applied = 0;
        foreach (var diagnostic in diagnostics)
        {
            var actions = await lsp.RequestAsync<JsonElement>("textDocument/codeAction",
                new CodeActionParams(document, diagnostic.Range, new CodeActionContext([diagnostic], ["quickfix"])));
            foreach (var action in actions.EnumerateArray().Where(a => a.TryGetProperty("edit", out _) && !a.TryGetProperty("command", out _)))
            {
                if (Edits(action.GetProperty("edit"), uri) is not { } edits)
                {
                    continue; // it edits another file too (go.work, the GOENV file)
                }

                var title = action.GetProperty("title").GetString();
                var fixedText = edits.OrderByDescending(e => OffsetOf(text, e.Range.Start, false))
                    .Aggregate(text, (t, e) => t[..OffsetOf(t, e.Range.Start, false)] + e.NewText + t[OffsetOf(t, e.Range.End, false)..]);
                Assert.True(!accepted || ModFile.Semantics.ModFileParser.Parse("go.mod", fixedText).IsAcceptedByGo,
                    $"\"{title}\" made a go.mod go accepted one it rejects:\n{fixedText}");
                Assert.True(SyntaxErrors(fixedText) <= syntaxErrors, $"\"{title}\" added a parse error:\n{fixedText}");

                if (action.TryGetProperty("isPreferred", out var preferred) && preferred.GetBoolean())
                {
                    await lsp.ChangeAsync(uri, ++version, new TextDocumentContentChangeEvent(fixedText));
                    var after = (await lsp.RequestAsync<DocumentDiagnosticReport>("textDocument/diagnostic", new DocumentDiagnosticParams(document))).Items!;
                    Assert.True(after.Count(d => d.Code == diagnostic.Code) < diagnostics.Count(d => d.Code == diagnostic.Code),
                        $"\"{title}\" left every {diagnostic.Code} diagnostic:\n{fixedText}");
                    await lsp.ChangeAsync(uri, ++version, new TextDocumentContentChangeEvent(text));
                }

                applied++;
            }
        }

        Assert.True(applied > 0, $"no fix for {string.Join(", ", diagnostics.Select(d => d.Code))}:\n{text}");
    }

    /// <summary>
    /// One to four slips in the requires of a go.mod go accepts: a version given build metadata, a require repeated in
    /// its block at another version. Null when the file has no block of requires to slip in.
    /// </summary>
    private static string? Slipped(string text, Random random)
    {
        var parse = ModFile.Semantics.ModFileParser.Parse("go.mod", text);
        var requires = parse.Model.Require.Where(r => r.Syntax.InBlock && ModFile.Versions.Semver.Prerelease(r.Mod.Version).Length == 0
            && !r.Mod.Version.Contains('+', StringComparison.Ordinal)).ToList();
        if (!parse.IsAcceptedByGo || requires.Count < 2)
        {
            return null;
        }

        // From the end, so the earlier spans stay where they are.
        var slips = requires.OrderBy(_ => random.Next()).Take(random.Next(1, 5)).OrderByDescending(r => r.Syntax.Span.Start.Utf16Offset);
        foreach (var require in slips)
        {
            var (start, length) = (require.Syntax.Span.Start.Utf16Offset, require.Syntax.Span.Utf16Length);
            var written = text.Substring(start, length);
            var v = require.Mod.Version;
            var major = ModFile.Versions.Semver.Major(v);
            var slip = random.Next(2) switch
            {
                0 => written.Replace(v, v + "+build.1", StringComparison.Ordinal),
                _ => written + "\n\t" + written.Replace(v, major + ".999.0", StringComparison.Ordinal),
            };
            text = text[..start] + slip + text[(start + length)..];
        }

        return text;
    }

    private static int SyntaxErrors(string text) => ModFile.Semantics.ModFileParser.Parse("go.mod", text).Diagnostics.Length;

    /// <summary>The edits of a WorkspaceEdit (changes or documentChanges), when they are all to <paramref name="uri"/>.</summary>
    private static List<Protocol.TextEdit>? Edits(JsonElement edit, string uri)
    {
        var edits = new List<Protocol.TextEdit>();
        IEnumerable<(string Uri, JsonElement Edits)> files = edit.TryGetProperty("changes", out var changes)
            ? changes.EnumerateObject().Select(p => (p.Name, p.Value))
            : edit.GetProperty("documentChanges").EnumerateArray().Select(d => (d.GetProperty("textDocument").GetProperty("uri").GetString()!, d.GetProperty("edits")));
        foreach (var (file, list) in files)
        {
            if (file != uri)
            {
                return null;
            }

            edits.AddRange(list.Deserialize<Protocol.TextEdit[]>(LspTestHarness.ClientOptions)!);
        }

        return edits;
    }

    /// <summary>The read requests an editor makes while typing, at random positions; each must answer.</summary>
    private static async Task ReadEverywhereAsync(LspTestHarness lsp, string uri, string text, bool utf8, Random random)
    {
        var document = new TextDocumentIdentifier(uri);
        var position = PositionOf(text, Boundary(text, random.Next(text.Length + 1)), utf8);
        var whole = new Protocol.Range(new Position(0, 0), PositionOf(text, text.Length, utf8));
        await lsp.HoverAsync(uri, position.Line, position.Character);
        await lsp.RequestAsync<JsonElement>("textDocument/completion", new { textDocument = document, position });
        await lsp.RequestAsync<JsonElement>("textDocument/codeAction",
            new CodeActionParams(document, new Protocol.Range(position, position), new CodeActionContext([], ["quickfix", "source"])));
        await lsp.RequestAsync<JsonElement>("textDocument/definition", new DefinitionParams(document, position));
        await lsp.RequestAsync<JsonElement>("textDocument/references", new ReferenceParams(document, position, new ReferenceContext(true)));
        await lsp.RequestAsync<JsonElement>("textDocument/inlayHint", new { textDocument = document, range = whole });
        await lsp.RequestAsync<JsonElement>("textDocument/codeLens", new { textDocument = document });
        await lsp.RequestAsync<JsonElement>("textDocument/documentLink", new DocumentLinkParams(document));
        await lsp.RequestAsync<JsonElement>("textDocument/diagnostic", new DocumentDiagnosticParams(document));
    }

    /// <summary>What the document answers, as text: diagnostics, the formatted text, symbols, folding, hints and hovers on every line.</summary>
    private static async Task<string> SnapshotAsync(LspTestHarness lsp, string uri, string text, bool utf8)
    {
        // Once the diagnostics runs for this version are done: hovers show what the (offline) resolution found.
        await lsp.SyncAsync();
        await lsp.Server.Diagnostics.WhenIdleAsync();
        var document = new TextDocumentIdentifier(uri);
        var sb = new StringBuilder();
        var diagnostics = await lsp.RequestAsync<JsonElement>("textDocument/diagnostic", new DocumentDiagnosticParams(document));
        sb.Append("diagnostics ").AppendLine(diagnostics.GetProperty("items").GetRawText());
        var edits = await lsp.RequestAsync<Protocol.TextEdit[]?>("textDocument/formatting", new DocumentFormattingParams(document, new FormattingOptions(4, false)));
        var formatted = (edits ?? []).OrderByDescending(e => OffsetOf(text, e.Range.Start, utf8))
            .Aggregate(text, (t, e) => t[..OffsetOf(t, e.Range.Start, utf8)] + e.NewText + t[OffsetOf(t, e.Range.End, utf8)..]);
        sb.Append("formatted ").AppendLine(JsonSerializer.Serialize(formatted));
        foreach (var method in (string[])["textDocument/documentSymbol", "textDocument/foldingRange", "textDocument/documentLink"])
        {
            sb.Append(method).Append(' ').AppendLine((await lsp.RequestAsync<JsonElement>(method, new { textDocument = document })).GetRawText());
        }

        var whole = new Protocol.Range(new Position(0, 0), PositionOf(text, text.Length, utf8));
        sb.Append("hints ").AppendLine((await lsp.RequestAsync<JsonElement>("textDocument/inlayHint", new { textDocument = document, range = whole })).GetRawText());
        var lines = LineStarts(text);
        for (var line = 0; line < lines.Count; line++)
        {
            var hover = await lsp.HoverAsync(uri, line, Math.Min(3, ColumnCount(text, lines, line, utf8)));
            sb.Append("hover ").Append(line).Append(' ').AppendLine(hover?.Contents.Value ?? "-");
        }

        // Live measurements differ from one look to the next: the mirror table's probes, and every elapsed time.
        var snapshot = System.Text.RegularExpressions.Regex.Replace(sb.ToString(), @"### Module mirrors[\s\S]*?(?=\n### |\nhover |$)", "### Module mirrors (live)");
        // The fixes' offsets are stamped with the document version they were computed for (opened fresh: another one).
        snapshot = System.Text.RegularExpressions.Regex.Replace(snapshot, "\"version\":\\d+", "\"version\":N");
        return System.Text.RegularExpressions.Regex.Replace(snapshot, @"\d+(\.\d+)? ?ms\b", "N ms");
    }

    /// <summary>Moves an offset off the middle of a surrogate pair or of a \r\n (neither is a position an editor sends).</summary>
    private static int Boundary(string text, int offset)
    {
        while (offset > 0 && offset < text.Length && ((char.IsLowSurrogate(text[offset]) && char.IsHighSurrogate(text[offset - 1]))
            || (text[offset] == '\n' && text[offset - 1] == '\r')))
        {
            offset--;
        }

        return offset;
    }

    /// <summary>Where lines start: LSP ends a line at \n, \r\n or \r.</summary>
    private static List<int> LineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                i++;
            }

            if (text[i] is '\n' or '\r')
            {
                starts.Add(i + 1);
            }
        }

        return starts;
    }

    private static int LineEnd(string text, List<int> starts, int line)
    {
        var end = line + 1 < starts.Count ? starts[line + 1] : text.Length;
        while (end > starts[line] && text[end - 1] is '\n' or '\r')
        {
            end--;
        }

        return end;
    }

    private static int ColumnCount(string text, List<int> starts, int line, bool utf8)
    {
        var content = text[starts[line]..LineEnd(text, starts, line)];
        return utf8 ? Encoding.UTF8.GetByteCount(content) : content.Length;
    }

    private static Position PositionOf(string text, int offset, bool utf8)
    {
        var starts = LineStarts(text);
        var line = starts.FindLastIndex(s => s <= offset);
        var prefix = text[starts[line]..offset];
        return new Position(line, utf8 ? Encoding.UTF8.GetByteCount(prefix) : prefix.Length);
    }

    private static int OffsetOf(string text, Position position, bool utf8)
    {
        var starts = LineStarts(text);
        var start = starts[position.Line];
        if (!utf8)
        {
            return start + position.Character;
        }

        var offset = start;
        for (var bytes = 0; bytes < position.Character && offset < text.Length; offset++)
        {
            bytes += char.IsHighSurrogate(text[offset]) ? 4 : Encoding.UTF8.GetByteCount(text[offset].ToString());
            if (char.IsHighSurrogate(text[offset]))
            {
                offset++;
            }
        }

        return offset;
    }
}
