using System.Text;
using System.Text.RegularExpressions;
using GoModLens.Protocol;
using GoModLens.Server.Tests.Infrastructure;
using GoModLens.TestUtilities;

namespace GoModLens.Server.Tests.GoMod;

/// <summary>
/// txtar fixtures in tests/testdata/lsp-fixtures: a go.mod with a <c>$$</c> cursor and <c>{|name:…|}</c> spans, checked
/// against expect/hover.md and expect/diagnostics (run with GOMODLENS_UPDATE=1 to rewrite the expect sections).
/// The standard proxy tree is served over file://; its temp path prints as $PROXY.
/// </summary>
public sealed partial class GoModFixtureTests
{
    private static readonly string s_dir = Path.Combine(RepoPaths.TestData, "lsp-fixtures");

    public static TheoryData<string> Fixtures() => [.. Directory.GetFiles(s_dir, "*.txt").Select(f => Path.GetFileName(f)).Order()];

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task Check(string fixture)
    {
        var path = Path.Combine(s_dir, fixture);
        var sections = Parse(File.ReadAllText(path), out var comment);
        var (text, cursor, spans) = Markup(sections["go.mod"]);
        var proxy = GoModTestEnvironment.FileProxy();
        var env = new GoModTestEnvironment(proxy);
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer);
        await lsp.OpenAsync(env.GoModUri, text);
        // Network batches stream in; the run is over when nothing new arrives for a while.
        var published = await lsp.NextDiagnosticsAsync(env.GoModUri);
        while (true)
        {
            using var quiet = new CancellationTokenSource(TimeSpan.FromMilliseconds(800));
            try
            {
                published = await lsp.Diagnostics.Reader.ReadAsync(quiet.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        var hover = "";
        if (cursor is { } at)
        {
            var position = PositionOf(text, at);
            hover = (await lsp.HoverAsync(env.GoModUri, position.Line, position.Character))?.Contents.Value ?? "";
            if (hover.Contains("_Measuring mirror latency", StringComparison.Ordinal))
            {
                // The first hover starts the probe of the GOPROXY in force; the golden shows the measured table.
                hover = await GoModMirrorPrivacyTests.HoverUntilMeasuredAsync(lsp, env.GoModUri, position.Line, position.Character);
            }

            hover = Regex.Replace(hover.Replace(proxy.TrimEnd('/'), "$PROXY", StringComparison.Ordinal), @"\b\d+ ms\b", "N ms") + "\n";
        }

        var diagnostics = new StringBuilder();
        foreach (var d in published.Diagnostics.OrderBy(d => d.Range.Start.Line).ThenBy(d => d.Range.Start.Character).ThenBy(d => d.Code, StringComparer.Ordinal))
        {
            var name = spans.FirstOrDefault(s => PositionOf(text, s.Start) == d.Range.Start && PositionOf(text, s.End) == d.Range.End).Name
                       ?? $"{d.Range.Start.Line}:{d.Range.Start.Character}-{d.Range.End.Line}:{d.Range.End.Character}";
            var message = d.Message.Replace(proxy.TrimEnd('/'), "$PROXY", StringComparison.Ordinal).Split('\n')[0];
            diagnostics.Append(name).Append(": ").Append(d.Severity.ToString()!.ToLowerInvariant()).Append(' ').Append(d.Code).Append(' ').Append(message).Append('\n');
        }

        if (Environment.GetEnvironmentVariable("GOMODLENS_UPDATE") == "1")
        {
            sections["expect/hover.md"] = hover;
            sections["expect/diagnostics"] = diagnostics.ToString();
            File.WriteAllText(path, Format(comment, sections));
            return;
        }

        Assert.Equal(sections["expect/hover.md"], hover);
        Assert.Equal(sections["expect/diagnostics"], diagnostics.ToString());
    }

    private static Dictionary<string, string> Parse(string txtar, out string comment)
    {
        var sections = new Dictionary<string, string>(StringComparer.Ordinal);
        var parts = SectionHeader().Split(txtar);
        comment = parts[0];
        for (var i = 1; i + 1 < parts.Length; i += 2)
        {
            sections[parts[i]] = parts[i + 1];
        }

        return sections;
    }

    private static string Format(string comment, Dictionary<string, string> sections) =>
        comment + string.Concat(sections.Select(s => $"-- {s.Key} --\n{s.Value}"));

    private static (string Text, int? Cursor, List<(string Name, int Start, int End)> Spans) Markup(string marked)
    {
        var text = new StringBuilder();
        int? cursor = null;
        var spans = new List<(string, int, int)>();
        var open = new Stack<(string Name, int Start)>();
        for (var i = 0; i < marked.Length; i++)
        {
            if (string.CompareOrdinal(marked, i, "$$", 0, 2) == 0)
            {
                cursor = text.Length;
                i++;
            }
            else if (string.CompareOrdinal(marked, i, "{|", 0, 2) == 0)
            {
                var colon = marked.IndexOf(':', i);
                open.Push((marked[(i + 2)..colon], text.Length));
                i = colon;
            }
            else if (string.CompareOrdinal(marked, i, "|}", 0, 2) == 0)
            {
                var (name, start) = open.Pop();
                spans.Add((name, start, text.Length));
                i++;
            }
            else
            {
                text.Append(marked[i]);
            }
        }

        return (text.ToString(), cursor, spans);
    }

    private static Position PositionOf(string text, int offset)
    {
        var line = 0;
        var lineStart = 0;
        for (var i = 0; i < offset; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return new Position(line, offset - lineStart);
    }

    [GeneratedRegex(@"^-- (.+?) --\n", RegexOptions.Multiline)]
    private static partial Regex SectionHeader();
}
