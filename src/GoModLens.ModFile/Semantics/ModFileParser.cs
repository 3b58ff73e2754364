using System.Collections.Immutable;
using System.Text;
using GoModLens.ModFile.Syntax;
using GoModLens.ModFile.Text;

namespace GoModLens.ModFile.Semantics;

/// <summary>Entry point: parses go.mod or go.work text into a syntax tree, a model and diagnostics. Never throws on any input.</summary>
public static class ModFileParser
{
    /// <param name="path">File name used in positions and messages, as go would print it.</param>
    /// <param name="text">The file contents.</param>
    /// <param name="mode">Strict for the main module, Lax for dependency go.mod files.</param>
    /// <param name="fix">modfile's VersionFixer: the go command's answers for versions that are not canonical.</param>
    public static ParseResult Parse(string path, string text, ParseMode mode = ParseMode.Strict, VersionFixer? fix = null)
    {
        var (syntax, diagnostics) = ModSyntaxParser.Parse(path, text);
        var syntaxErrorCount = diagnostics.Count;
        var model = ModFileBinder.Bind(syntax, mode, diagnostics, fix);
        var all = diagnostics.ToImmutableArray();
        var goErrors = syntaxErrorCount > 0
            ? [all[0]]
            : all;
        return new ParseResult(syntax, model, all, goErrors, mode);
    }

    /// <summary>Parses raw file bytes (UTF-8; a byte that is not decodes as <see cref="GoUtf8"/> describes).</summary>
    public static ParseResult Parse(string path, ReadOnlySpan<byte> utf8, ParseMode mode = ParseMode.Strict) =>
        Parse(path, GoUtf8.Decode(utf8), mode);

    /// <summary>
    /// Parses a go.work file like modfile.ParseWork: the go.mod syntax with the go.work directives (go, toolchain,
    /// godebug, use, replace). Same as <c>Parse(path, text, ParseMode.Work)</c>.
    /// </summary>
    /// <param name="path">File name used in positions and messages, as go would print it.</param>
    /// <param name="text">The file contents.</param>
    /// <summary>
    /// The module path of a go.mod's text, tolerant of every other problem in it (modfile.ModulePath): the first
    /// <c>module</c> line outside comments; empty when there is none or its quoted path is malformed.
    /// </summary>
    public static string ModulePath(string text)
    {
        foreach (var raw in text.Split('\n'))
        {
            var line = raw;
            if (line.IndexOf("//", StringComparison.Ordinal) is var comment and >= 0)
            {
                line = line[..comment];
            }

            line = line.Trim(); // bytes.TrimSpace: Unicode white space, as char.IsWhiteSpace
            if (!line.StartsWith("module", StringComparison.Ordinal))
            {
                continue;
            }

            var rest = line["module".Length..];
            var trimmed = rest.Trim();
            if (trimmed.Length == rest.Length || trimmed.Length == 0)
            {
                continue; // "modulex", or "module" alone
            }

            if (trimmed[0] == '`')
            {
                // strconv.Unquote of a raw string: no inner backquote; carriage returns dropped.
                return trimmed.Length >= 2 && trimmed[^1] == '`' && trimmed.IndexOf('`', 1) == trimmed.Length - 1 ? trimmed[1..^1].Replace("\r", "", StringComparison.Ordinal) : "";
            }

            if (trimmed[0] == '"')
            {
                return GoQuote.TryUnquote(trimmed, out var path) ? path : "";
            }

            return trimmed;
        }

        return "";
    }

    public static ParseResult ParseWork(string path, string text) => Parse(path, text, ParseMode.Work);

    /// <summary>Parses raw go.work bytes (UTF-8; invalid sequences decode to U+FFFD).</summary>
    public static ParseResult ParseWork(string path, ReadOnlySpan<byte> utf8) => Parse(path, utf8, ParseMode.Work);
}
