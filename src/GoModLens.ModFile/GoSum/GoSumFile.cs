using System.Collections.Immutable;

namespace GoModLens.ModFile.GoSum;

/// <summary>
/// A go.sum file read the way cmd/go's readGoSum reads it: lines split on '\n', fields on Unicode white space, blank
/// lines skipped, exactly three fields required. Unlike go, reading never stops at the first bad line and never throws:
/// every line is kept with positions and every problem becomes a <see cref="GoSumDiagnostic"/>.
/// </summary>
public sealed class GoSumFile
{
    /// <summary>h1 of a one-file tree holding an empty go.mod; an old go bug wrote it and go drops such lines.</summary>
    public const string EmptyGoModHash = "h1:G7mAYYxgmS0lVkHyy2hEOLQCFB0DlQFTMLWggykrydY=";

    // Lines by (path, version), in file order, ignored ones included: verification looks every require up in every
    // sum file of a workspace, and a scan per lookup made that quadratic. Never mutated after construction.
    private readonly Dictionary<(string Path, string Version), List<GoSumLine>> _byKey = [];

    private GoSumFile(string path, string text, ImmutableArray<GoSumLine> lines, ImmutableArray<GoSumDiagnostic> diagnostics)
    {
        FilePath = path;
        Text = text;
        Lines = lines;
        Diagnostics = diagnostics;
        foreach (var line in lines)
        {
            var key = (line.ModulePath.Text, line.Version.Text);
            (_byKey.TryGetValue(key, out var list) ? list : _byKey[key] = []).Add(line);
        }
    }

    /// <summary>The name used in go-style messages ("malformed go.sum:\n&lt;file&gt;:&lt;line&gt;: …").</summary>
    public string FilePath { get; }

    /// <summary>False for <see cref="Absent"/>: there is no such file (go reads it as an empty one).</summary>
    public bool Exists { get; private init; } = true;

    public string Text { get; }

    /// <summary>Every line with exactly three fields, in file order (ignored empty-go.mod lines included, flagged).</summary>
    public ImmutableArray<GoSumLine> Lines { get; }

    public ImmutableArray<GoSumDiagnostic> Diagnostics { get; }

    /// <summary>True when go itself would refuse this file ("malformed go.sum").</summary>
    public bool HasErrors => Diagnostics.Any(d => d.Severity == GoSumSeverity.Error);

    /// <summary>All distinct (path, version) keys go would load, in first-seen order.</summary>
    public IEnumerable<(string Path, string Version)> Keys =>
        Lines.Where(l => !l.IsIgnored).Select(l => (l.ModulePath.Text, l.Version.Text)).Distinct();

    /// <summary>A go.sum that does not exist: no lines, as go reads it, and <see cref="Exists"/> false.</summary>
    public static GoSumFile Absent(string path) => new(path, "", [], []) { Exists = false };

    public static GoSumFile Parse(string path, string text)
    {
        text ??= "";
        var lines = ImmutableArray.CreateBuilder<GoSumLine>();
        var diagnostics = ImmutableArray.CreateBuilder<GoSumDiagnostic>();
        var firstSeen = new Dictionary<(string, string, string), int>();
        var firstHash = new Dictionary<(string, string), GoSumLine>();
        var lineNumber = 0;
        var lineStart = 0;
        while (lineStart < text.Length)
        {
            lineNumber++;
            var newline = text.IndexOf('\n', lineStart);
            var lineEnd = newline < 0 ? text.Length : newline;
            var fields = SplitFields(text, lineStart, lineEnd, lineNumber);
            lineStart = lineEnd + 1;
            if (fields.Count == 0)
            {
                continue;
            }

            var span = Join(fields[0].Span, fields[^1].Span);
            if (fields.Count != 3)
            {
                diagnostics.Add(new GoSumDiagnostic(
                    GoSumDiagnosticCodes.WrongNumberOfFields,
                    GoSumSeverity.Error,
                    $"wrong number of fields {fields.Count}",
                    span,
                    $"malformed go.sum:\n{path}:{lineNumber}: wrong number of fields {fields.Count}\n"));
                continue;
            }

            var line = new GoSumLine(fields[0], fields[1], fields[2], span);
            lines.Add(line);
            CheckLine(line, diagnostics, firstSeen, firstHash);
        }

        return new GoSumFile(path, text, lines.ToImmutable(), diagnostics.ToImmutable());
    }

    /// <summary>The hashes go would use for (path, version); version may end in "/go.mod". Empty when absent.</summary>
    public ImmutableArray<string> GetHashes(string modulePath, string version) =>
        [.. FindLines(modulePath, version).Where(l => !l.IsIgnored).Select(l => l.Hash.Text).Distinct(StringComparer.Ordinal)];

    public bool Contains(string modulePath, string version) => FindLines(modulePath, version).Any(l => !l.IsIgnored);

    /// <summary>The lines (ignored ones included) for (path, version) in file order: verification, navigation, quick fixes.</summary>
    public IReadOnlyList<GoSumLine> FindLines(string modulePath, string version) =>
        _byKey.TryGetValue((modulePath, version), out var lines) ? lines : [];

    private static void CheckLine(
        GoSumLine line,
        ImmutableArray<GoSumDiagnostic>.Builder diagnostics,
        Dictionary<(string, string, string), int> firstSeen,
        Dictionary<(string, string), GoSumLine> firstHash)
    {
        var hash = line.Hash;
        if (line.IsIgnored)
        {
            diagnostics.Add(new GoSumDiagnostic(
                GoSumDiagnosticCodes.EmptyGoModHash,
                GoSumSeverity.Information,
                "hash of an empty go.mod (written by an old go bug); go ignores this line",
                line.Span));
            return;
        }

        if (!line.HasKnownAlgorithm)
        {
            var colon = hash.Text.IndexOf(':', StringComparison.Ordinal);
            var algorithm = colon >= 0 ? hash.Text[..colon] : hash.Text;
            diagnostics.Add(new GoSumDiagnostic(
                GoSumDiagnosticCodes.UnknownHashAlgorithm,
                GoSumSeverity.Warning,
                $"unknown hash algorithm \"{algorithm}\"; go only uses \"h1:\" hashes and ignores this one",
                hash.Span));
        }
        else if (!IsWellFormedH1(hash.Text))
        {
            diagnostics.Add(new GoSumDiagnostic(
                GoSumDiagnosticCodes.MalformedH1Hash,
                GoSumSeverity.Warning,
                "malformed h1 hash: want \"h1:\" and 44 base64 characters of a SHA-256; verification will always fail",
                hash.Span));
        }

        var key = (line.ModulePath.Text, line.Version.Text, hash.Text);
        if (firstSeen.TryGetValue(key, out var earlier))
        {
            diagnostics.Add(new GoSumDiagnostic(
                GoSumDiagnosticCodes.DuplicateLine,
                GoSumSeverity.Information,
                $"duplicate of line {earlier}",
                line.Span));
            return;
        }

        firstSeen[key] = line.Line;
        if (!line.HasKnownAlgorithm)
        {
            return;
        }

        var pair = (line.ModulePath.Text, line.Version.Text);
        if (firstHash.TryGetValue(pair, out var other))
        {
            // go accepts a download only if its hash equals every h1 line for the module; two different ones cannot both hold.
            diagnostics.Add(new GoSumDiagnostic(
                GoSumDiagnosticCodes.ConflictingHash,
                GoSumSeverity.Warning,
                $"conflicting hash for {line.ModulePath.Text} {line.Version.Text}: line {other.Line} has {other.Hash.Text}",
                hash.Span));
        }
        else
        {
            firstHash[pair] = line;
        }
    }

    private static bool IsWellFormedH1(string hash)
    {
        var body = hash.AsSpan(DirHash.H1Prefix.Length);
        if (body.Length != 44)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[33];
        return Convert.TryFromBase64Chars(body, bytes, out var written) && written == 32;
    }

    private static List<GoSumField> SplitFields(string text, int start, int end, int lineNumber)
    {
        var fields = new List<GoSumField>(3);
        var i = start;
        while (i < end)
        {
            while (i < end && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i >= end)
            {
                break;
            }

            var fieldStart = i;
            while (i < end && !char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            fields.Add(new GoSumField(
                text[fieldStart..i],
                new GoSumSpan(lineNumber, fieldStart - start, i - start, fieldStart, i)));
        }

        return fields;
    }

    private static GoSumSpan Join(GoSumSpan a, GoSumSpan b) => new(a.Line, a.StartColumn, b.EndColumn, a.Start, b.End);
}
