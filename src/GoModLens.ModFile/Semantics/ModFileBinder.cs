using System.Text.RegularExpressions;
using GoModLens.ModFile.Syntax;
using GoModLens.ModFile.Text;
using GoModLens.ModFile.Versions;
using GoModLens.ModFile.Module;

namespace GoModLens.ModFile.Semantics;

/// <summary>
/// Interprets the statements of a syntax tree (modfile parseToFile/add with a nil version fixer, i.e. what
/// `go mod edit` and dependency go.mod loading do; in <see cref="ParseMode.Work"/>, ParseWork and WorkFile.add, i.e.
/// what `go work edit` does). Like modfile it rewrites argument tokens in place: quoted paths are re-quoted only when
/// needed and versions are canonicalised, which is what `go mod edit -fmt` then prints. Every directive error is
/// reported, in statement order, as go does.
/// </summary>
internal sealed partial class ModFileBinder
{
    private readonly GoModFile _file;
    private readonly bool _strict;
    private readonly bool _work;
    private readonly List<ModDiagnostic> _diagnostics;
    private readonly VersionFixer? _fix;

    private ModFileBinder(ModFileSyntax syntax, ParseMode mode, List<ModDiagnostic> diagnostics, VersionFixer? fix)
    {
        _file = new GoModFile(syntax);
        _strict = mode != ParseMode.Lax;
        _work = mode == ParseMode.Work;
        _diagnostics = diagnostics;
        _fix = fix;
    }

    [GeneratedRegex(@"\A([1-9][0-9]*)\.(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))?([a-z]+[0-9]+)?\z", RegexOptions.CultureInvariant)]
    internal static partial Regex GoVersionRegex();

    [GeneratedRegex(@"\Av?(([1-9][0-9]*)\.(0|[1-9][0-9]*))([^0-9].*)\z", RegexOptions.CultureInvariant)]
    private static partial Regex LaxGoVersionRegex();

    [GeneratedRegex(@"\Adefault\z|\Ago1(\z|\.)", RegexOptions.CultureInvariant)]
    internal static partial Regex ToolchainRegex();

    [GeneratedRegex(@"(?:\A|\n\n)Deprecated: *(.*?)(?:\z|\n\n)", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex DeprecatedRegex();

    public static GoModFile Bind(ModFileSyntax syntax, ParseMode mode, List<ModDiagnostic> diagnostics, VersionFixer? fix = null)
    {
        var binder = new ModFileBinder(syntax, mode, diagnostics, fix);
        binder.BindAll();
        return binder._file;
    }

    private void BindAll()
    {
        foreach (var stmt in _file.Syntax.Stmt)
        {
            switch (stmt)
            {
                case ModLine line when line.Tokens.Count > 0:
                    Add(null, line, line.Tokens[0].Text, new Args(line, 1));
                    break;
                case ModLineBlock block:
                {
                    var known = block.Tokens.Count == 1 && (_work
                        ? block.Tokens[0].Text is "godebug" or "use" or "replace"
                        : block.Tokens[0].Text is
                            "module" or "godebug" or "require" or "exclude" or "replace" or "retract" or "tool" or "ignore");
                    if (!known)
                    {
                        if (_strict)
                        {
                            Report(block.Start, new TextSpan(block.Start, block.LParen.Span.End),
                                "unknown block type: " + string.Join(' ', block.TokenTexts));
                        }

                        continue;
                    }

                    foreach (var line in block.Lines)
                    {
                        Add(block, line, block.Tokens[0].Text, new Args(line, 0));
                    }

                    break;
                }
            }
        }
    }

    /// <summary>The arguments of a line: its tokens after the verb (or all of them inside a block), writable in place.</summary>
    private readonly struct Args(ModLine line, int offset)
    {
        public int Count => line.Tokens.Count - offset;

        public string this[int i]
        {
            get => line.Tokens[offset + i].Text;
            set
            {
                // Most rewrites leave the text as it was (already canonical, no quoting needed): keep the token.
                var token = line.Tokens[offset + i];
                if (!string.Equals(token.Text, value, StringComparison.Ordinal))
                {
                    line.Tokens[offset + i] = token with { Text = value };
                }
            }
        }

        public TextSpan SpanOf(int i) => line.Tokens[offset + i].Span ?? line.Span;

        public TextSpan All => Count == 0 ? line.Span
            : new TextSpan(SpanOf(0).Start, SpanOf(Count - 1).End);
    }

    private void Report(TextPosition at, TextSpan range, string message) =>
        _diagnostics.Add(new ModDiagnostic(ModDiagnosticStage.Directive, _file.Syntax.Name, at, range, message));

    private void Add(ModLineBlock? block, ModLine line, string verb, Args args)
    {
        if (!_strict && verb is not ("go" or "module" or "retract" or "require" or "ignore"))
        {
            return;
        }

        var lineSpan = line.Span;
        void Error(string message) => Report(line.Start, lineSpan, message);
        void ErrorAt(TextSpan range, string message) => Report(line.Start, range, message);

        // WorkFile.add knows only go, toolchain, godebug, use and replace; File.add knows everything but use.
        var known = _work ? verb is "go" or "toolchain" or "godebug" or "use" or "replace" : verb != "use";
        if (!known)
        {
            UnknownDirective(block, line, verb);
            return;
        }

        switch (verb)
        {
            default:
                UnknownDirective(block, line, verb);
                break;

            case "go":
            {
                if (_file.Go is not null)
                {
                    Error("repeated go statement");
                    return;
                }

                if (args.Count != 1)
                {
                    Error("go directive expects exactly one argument");
                    return;
                }

                if (!GoVersionRegex().IsMatch(args[0]))
                {
                    var fixedUp = false;
                    if (!_strict && LaxGoVersionRegex().Match(args[0]) is { Success: true } m)
                    {
                        args[0] = m.Groups[1].Value;
                        fixedUp = true;
                    }

                    if (!fixedUp)
                    {
                        ErrorAt(args.SpanOf(0), $"invalid go version '{args[0]}': must match format 1.23.0");
                        return;
                    }
                }

                _file.Go = new GoStmt(args[0], line);
                break;
            }

            case "toolchain":
            {
                if (_file.Toolchain is not null)
                {
                    Error("repeated toolchain statement");
                    return;
                }

                if (args.Count != 1)
                {
                    Error("toolchain directive expects exactly one argument");
                    return;
                }

                if (!ToolchainRegex().IsMatch(args[0]))
                {
                    ErrorAt(args.SpanOf(0), $"invalid toolchain version '{args[0]}': must match format go1.23.0 or default");
                    return;
                }

                _file.Toolchain = new ToolchainStmt(args[0], line);
                break;
            }

            case "module":
            {
                if (_file.Module is not null)
                {
                    Error("repeated module statement");
                    return;
                }

                _file.Module = new ModuleStmt(line) { Deprecated = ParseDeprecation(block, line) };
                if (args.Count != 1)
                {
                    Error("usage: module module/path");
                    return;
                }

                if (!ParseString(args, 0, out var path, out var err))
                {
                    ErrorAt(args.SpanOf(0), "invalid quoted string: " + err);
                    return;
                }

                _file.Module.Mod = new ModPathVersion(path, "");
                break;
            }

            case "godebug":
            {
                if (args.Count != 1 || args[0].AsSpan().IndexOfAny("\"`',") >= 0)
                {
                    Error("usage: godebug key=value");
                    return;
                }

                var eq = args[0].IndexOf('=', StringComparison.Ordinal);
                if (eq < 0)
                {
                    Error("usage: godebug key=value");
                    return;
                }

                _file.Godebug.Add(new GodebugStmt(args[0][..eq], args[0][(eq + 1)..], line));
                break;
            }

            case "require" or "exclude":
            {
                if (args.Count != 2)
                {
                    Error($"usage: {verb} module/path v1.2.3");
                    return;
                }

                if (!ParseString(args, 0, out var path, out var err))
                {
                    ErrorAt(args.SpanOf(0), "invalid quoted string: " + err);
                    return;
                }

                if (!ParseVersion(verb, path, args, 1, out var version, out err))
                {
                    ErrorAt(args.SpanOf(1), err);
                    return;
                }

                var (_, pathMajor, ok) = ModulePath.SplitPathVersion(path);
                if (!ok)
                {
                    ErrorAt(args.SpanOf(0), "invalid module path");
                    return;
                }

                if (ModulePath.CheckPathMajor(version, pathMajor) is { } why)
                {
                    ErrorAt(args.SpanOf(1), $"{verb} {path}: version {GoQuote.Quote(version)} invalid: {why}");
                    return;
                }

                var mod = new ModPathVersion(path, version);
                if (verb == "require")
                {
                    _file.Require.Add(new RequireStmt(mod, IsIndirect(line), line));
                }
                else
                {
                    _file.Exclude.Add(new ExcludeStmt(mod, line));
                }

                break;
            }

            case "replace":
                BindReplace(line, verb, args);
                break;

            case "use":
            {
                if (args.Count != 1)
                {
                    Error($"usage: {verb} local/dir");
                    return;
                }

                if (!ParseString(args, 0, out var dir, out var err))
                {
                    ErrorAt(args.SpanOf(0), "invalid quoted string: " + err);
                    return;
                }

                _file.Use.Add(new UseStmt(dir, "", line));
                break;
            }

            case "retract":
            {
                var rationale = ParseDirectiveComment(block, line);
                if (!ParseRetractInterval(verb, args, out var low, out var high, out var next, out var err))
                {
                    if (_strict)
                    {
                        ErrorAt(args.All, err);
                    }

                    return;
                }

                if (next < args.Count && _strict)
                {
                    ErrorAt(args.SpanOf(next), "unexpected token after version: " + GoQuote.Quote(args[next]));
                    return;
                }

                _file.Retract.Add(new RetractStmt(low, high, rationale, line));
                break;
            }

            case "tool" or "ignore":
            {
                if (args.Count != 1)
                {
                    Error($"{verb} directive expects exactly one argument");
                    return;
                }

                if (!ParseString(args, 0, out var path, out var err))
                {
                    ErrorAt(args.SpanOf(0), "invalid quoted string: " + err);
                    return;
                }

                if (verb == "tool")
                {
                    _file.Tool.Add(new ToolStmt(path, line));
                }
                else
                {
                    _file.Ignore.Add(new IgnoreStmt(path, line));
                }

                break;
            }
        }
    }

    private void UnknownDirective(ModLineBlock? block, ModLine line, string verb)
    {
        var verbSpan = block is null ? line.Tokens[0].Span ?? line.Span : line.Span;
        Report(line.Start, verbSpan, "unknown directive: " + verb);
    }

    private void BindReplace(ModLine line, string verb, Args args)
    {
        var lineSpan = line.Span;
        void ErrorAt(TextSpan range, string message) => Report(line.Start, range, message);

        var arrow = args.Count >= 2 && args[1] == "=>" ? 1 : 2;
        if (args.Count < arrow + 2 || args.Count > arrow + 3 || args[arrow] != "=>")
        {
            ErrorAt(lineSpan, $"usage: {verb} module/path [v1.2.3] => other/module v1.4\n\t or {verb} module/path [v1.2.3] => ../local/directory");
            return;
        }

        if (!ParseString(args, 0, out var oldPath, out var err))
        {
            ErrorAt(args.SpanOf(0), "invalid quoted string: " + err);
            return;
        }

        var (_, pathMajor, ok) = ModulePath.SplitPathVersion(oldPath);
        if (!ok)
        {
            ErrorAt(args.SpanOf(0), $"{verb} {oldPath}: invalid module path");
            return;
        }

        var oldVersion = "";
        if (arrow == 2)
        {
            if (!ParseVersion(verb, oldPath, args, 1, out oldVersion, out err))
            {
                ErrorAt(args.SpanOf(1), err);
                return;
            }

            if (ModulePath.CheckPathMajor(oldVersion, pathMajor) is { } why)
            {
                ErrorAt(args.SpanOf(1), $"{verb} {oldPath}: version {GoQuote.Quote(oldVersion)} invalid: {why}");
                return;
            }
        }

        if (!ParseString(args, arrow + 1, out var newPath, out err))
        {
            ErrorAt(args.SpanOf(arrow + 1), "invalid quoted string: " + err);
            return;
        }

        var newVersion = "";
        if (args.Count == arrow + 2)
        {
            if (!IsDirectoryPath(newPath))
            {
                ErrorAt(args.SpanOf(arrow + 1), newPath.Contains('@', StringComparison.Ordinal)
                    ? "replacement module must match format 'path version', not 'path@version'"
                    : "replacement module without version must be directory path (rooted or starting with . or ..)");
                return;
            }

            // go on Unix rejects backslashes in a replacement directory; GoModLens mirrors the Linux go command.
            if (newPath.Contains('\\', StringComparison.Ordinal))
            {
                ErrorAt(args.SpanOf(arrow + 1), "replacement directory appears to be Windows path (on a non-windows system)");
                return;
            }
        }

        if (args.Count == arrow + 3)
        {
            if (!ParseVersion(verb, newPath, args, arrow + 2, out newVersion, out err))
            {
                ErrorAt(args.SpanOf(arrow + 2), err);
                return;
            }

            if (IsDirectoryPath(newPath))
            {
                ErrorAt(args.SpanOf(arrow + 1), $"replacement module directory path {GoQuote.Quote(newPath)} cannot have version");
                return;
            }
        }

        _file.Replace.Add(new ReplaceStmt(new ModPathVersion(oldPath, oldVersion), new ModPathVersion(newPath, newVersion), line));
    }

    /// <summary>modfile parseVersionInterval with the "don't fix" retract fixer: bounds are kept verbatim (unquoted).</summary>
    private static bool ParseRetractInterval(string verb, Args args, out string low, out string high, out int next, out string error)
    {
        low = high = error = "";
        next = 0;
        if (args.Count == 0 || args[0] == "(")
        {
            error = "expected '[' or version";
            return false;
        }

        if (args[0] != "[")
        {
            if (!ParseRetractVersion(verb, args, 0, out low, out error))
            {
                return false;
            }

            high = low;
            next = 1;
            return true;
        }

        if (args.Count < 2)
        {
            error = "expected version after '['";
            return false;
        }

        if (!ParseRetractVersion(verb, args, 1, out low, out error))
        {
            return false;
        }

        if (args.Count < 3 || args[2] != ",")
        {
            error = "expected ',' after version";
            return false;
        }

        if (args.Count < 4)
        {
            error = "expected version after ','";
            return false;
        }

        if (!ParseRetractVersion(verb, args, 3, out high, out error))
        {
            return false;
        }

        if (args.Count < 5 || args[4] != "]")
        {
            error = "expected ']' after version";
            return false;
        }

        next = 5;
        return true;
    }

    private static bool ParseRetractVersion(string verb, Args args, int i, out string version, out string error)
    {
        var raw = args[i];
        if (!ParseString(args, i, out version, out var err))
        {
            error = $"{verb}: version {GoQuote.Quote(raw)} invalid: {err}";
            return false;
        }

        // dontFixRetract returns the unquoted text, and parseVersion stores it back into the token as is.
        args[i] = version;
        error = "";
        return true;
    }

    /// <summary>
    /// modfile parseVersion: the fixer's answer first, if it has one; then the version must have a canonical form,
    /// which replaces the token.
    /// </summary>
    private bool ParseVersion(string verb, string path, Args args, int i, out string version, out string error)
    {
        var raw = args[i];
        // Only an error needs the directive text; building it for every valid version was garbage per require.
        string Directive() => path.Length > 0 ? $"{verb} {path}: " : $"{verb}: ";
        if (!ParseString(args, i, out var text, out var err))
        {
            version = "";
            error = $"{Directive()}version {GoQuote.Quote(raw)} invalid: {err}";
            return false;
        }

        if (_fix?.Invoke(path, text) is { } fixedVersion)
        {
            text = fixedVersion;
        }

        var canonical = ModulePath.CanonicalVersion(text);
        if (canonical.Length == 0)
        {
            version = "";
            error = $"{Directive()}version {GoQuote.Quote(text)} invalid: must be of the form v1.2.3";
            return false;
        }

        args[i] = canonical;
        version = canonical;
        error = "";
        return true;
    }

    /// <summary>modfile parseString: decodes a double-quoted argument, rejects other quotes, and re-quotes the token only if needed.</summary>
    private static bool ParseString(Args args, int i, out string value, out string error)
    {
        var t = args[i];
        error = "";
        if (t.StartsWith('"'))
        {
            if (!GoQuote.TryUnquote(t, out value))
            {
                error = "invalid syntax";
                return false;
            }
        }
        else if (t.AsSpan().IndexOfAny("\"'`") >= 0)
        {
            value = "";
            error = "unquoted string cannot contain quote";
            return false;
        }
        else
        {
            value = t;
        }

        args[i] = ModQuoting.AutoQuote(value);
        return true;
    }

    /// <summary>modfile IsDirectoryPath: ./ ../ .\ ..\ rooted, or a drive letter.</summary>
    public static bool IsDirectoryPath(string ns) =>
        ns is "." or ".." || ns.StartsWith("./", StringComparison.Ordinal) || ns.StartsWith(".\\", StringComparison.Ordinal)
        || ns.StartsWith("../", StringComparison.Ordinal) || ns.StartsWith("..\\", StringComparison.Ordinal)
        || ns.StartsWith('/') || ns.StartsWith('\\')
        || (ns.Length >= 2 && char.IsAsciiLetter(ns[0]) && ns[1] == ':');

    /// <summary>modfile isIndirect: the first suffix comment is "// indirect" or starts with "// indirect;".</summary>
    public static bool IsIndirect(ModLine line)
    {
        var suffix = line.Comments.SuffixOrEmpty;
        if (suffix.Count == 0)
        {
            return false;
        }

        var token = suffix[0].Token;
        if (token == "// indirect")
        {
            return true; // how go writes it, and nearly every suffix comment of a large go.mod
        }

        var f = GoUnicode.Fields(token.StartsWith("//", StringComparison.Ordinal) ? token[2..] : token);
        return (f.Count == 1 && f[0] == "indirect") || (f.Count > 1 && f[0] == "indirect;");
    }

    private static string ParseDeprecation(ModLineBlock? block, ModLine line)
    {
        var m = DeprecatedRegex().Match(ParseDirectiveComment(block, line));
        return m.Success ? m.Groups[1].Value : "";
    }

    /// <summary>The text of a directive's comments, or its block's comments when the line has none (modfile parseDirectiveComment).</summary>
    public static string ParseDirectiveComment(ModLineBlock? block, ModLine line)
    {
        var comments = line.Comments;
        if (block is not null && comments.BeforeOrEmpty.Count == 0 && comments.SuffixOrEmpty.Count == 0)
        {
            comments = block.Comments;
        }

        var lines = new List<string>();
        foreach (var c in comments.BeforeOrEmpty.Concat(comments.SuffixOrEmpty))
        {
            if (!c.Token.StartsWith("//", StringComparison.Ordinal))
            {
                continue;
            }

            lines.Add(GoUnicode.TrimSpace(c.Token[2..]));
        }

        return string.Join('\n', lines);
    }
}
