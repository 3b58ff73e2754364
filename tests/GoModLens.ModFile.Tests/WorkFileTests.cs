using GoModLens.Host.Commands;
using GoModLens.ModFile.Formatting;
using GoModLens.ModFile.Semantics;
using GoModLens.ModFile.Tests.Differential;
using GoModLens.TestUtilities;

namespace GoModLens.ModFile.Tests;

/// <summary>go.work parsing (modfile.ParseWork), WorkJson, and the work-json/fmt commands on go.work files.</summary>
public sealed class WorkFileTests
{
    private static ParseResult Work(string text) => ModFileParser.ParseWork("go.work", text);

    private static void AssertErrors(string text, params string[] expected) =>
        Assert.Equal(expected, Work(text).GoErrors.Select(e => e.ToGoString()));

    [Fact]
    public void Parse_work_accepts_every_go_work_directive()
    {
        var r = Work("go 1.23.0\ntoolchain go1.23.4\ngodebug default=go1.21\nuse ./a\nreplace example.com/x v1.2 => ../x\n");
        Assert.True(r.IsAcceptedByGo, r.GoErrorText);
        Assert.Equal(ParseMode.Work, r.Mode);
        Assert.Equal("1.23.0", r.Model.Go!.Version);
        Assert.Equal("go1.23.4", r.Model.Toolchain!.Name);
        var g = Assert.Single(r.Model.Godebug);
        Assert.Equal(("default", "go1.21"), (g.Key, g.Value));
        var u = Assert.Single(r.Model.Use);
        Assert.Equal("./a", u.Path);
        Assert.Equal("", u.ModulePath);
        Assert.Same(r.Syntax.Stmt[3], u.Syntax);
        var rep = Assert.Single(r.Model.Replace);
        Assert.Equal(new ModPathVersion("example.com/x", "v1.2.0"), rep.Old);
        Assert.Equal(new ModPathVersion("../x", ""), rep.New);
        Assert.Null(r.Model.Module);
        Assert.Empty(r.Model.Require);
    }

    [Fact]
    public void Use_blocks_keep_paths_as_written_unquoted_and_requote_tokens_only_when_needed()
    {
        var r = Work("use (\n\t\"./a\"\n\t\"./dir with space\"\n\t/abs/dir\n\tC:\\mods\\x\n\texample.com/not/a/dir\n)\n");
        Assert.True(r.IsAcceptedByGo, r.GoErrorText);
        Assert.Equal(["./a", "./dir with space", "/abs/dir", "C:\\mods\\x", "example.com/not/a/dir"], r.Model.Use.Select(u => u.Path));
        Assert.Equal(["./a"], r.Model.Use[0].Syntax.TokenTexts);
        Assert.Equal(["\"./dir with space\""], r.Model.Use[1].Syntax.TokenTexts);
        Assert.All(r.Model.Use, u => Assert.True(u.Syntax.InBlock));
    }

    [Fact]
    public void Godebug_and_replace_blocks_are_accepted()
    {
        var r = Work("godebug (\n\ta=1\n\tb=\n)\nreplace (\n\tm => ./m\n\tn v1.0.0 => o v1.1.0\n)\n");
        Assert.True(r.IsAcceptedByGo, r.GoErrorText);
        Assert.Equal([("a", "1"), ("b", "")], r.Model.Godebug.Select(g => (g.Key, g.Value)));
        Assert.Equal(["m", "n"], r.Model.Replace.Select(x => x.Old.Path));
    }

    [Theory]
    [InlineData("module example.com/m\n", "go.work:1: unknown directive: module")]
    [InlineData("require example.com/a v1.0.0\n", "go.work:1: unknown directive: require")]
    [InlineData("exclude example.com/a v1.0.0\n", "go.work:1: unknown directive: exclude")]
    [InlineData("retract v1.0.0\n", "go.work:1: unknown directive: retract")]
    [InlineData("tool example.com/t\n", "go.work:1: unknown directive: tool")]
    [InlineData("ignore ./x\n", "go.work:1: unknown directive: ignore")]
    [InlineData("frob x\n", "go.work:1: unknown directive: frob")]
    [InlineData("require (\n\ta v1.0.0\n)\n", "go.work:1: unknown block type: require")]
    [InlineData("module (\n\tm\n)\n", "go.work:1: unknown block type: module")]
    [InlineData("go (\n\t1.22\n)\n", "go.work:1: unknown block type: go")]
    [InlineData("toolchain (\n\tgo1.22.0\n)\n", "go.work:1: unknown block type: toolchain")]
    [InlineData("use x (\n\t./a\n)\n", "go.work:1: unknown block type: use x")]
    public void Directives_and_blocks_that_go_work_does_not_have_are_rejected(string text, string error) =>
        AssertErrors(text, error);

    [Theory]
    [InlineData("use\n", "go.work:1: usage: use local/dir")]
    [InlineData("use ./a ./b\n", "go.work:1: usage: use local/dir")]
    [InlineData("use (\n\t./a ./b\n)\n", "go.work:2:2: usage: use local/dir")]
    [InlineData("use './a'\n", "go.work:1: invalid quoted string: unquoted string cannot contain quote")]
    [InlineData("use `./a`\n", "go.work:1: invalid quoted string: unquoted string cannot contain quote")]
    [InlineData("use \"./\\q\"\n", "go.work:1: invalid quoted string: invalid syntax")]
    public void Use_errors_match_go(string text, string error) => AssertErrors(text, error);

    [Theory]
    [InlineData("go 1.22\ngo 1.23\n", "go.work:2: repeated go statement")]
    [InlineData("go 1.22 1.23\n", "go.work:1: go directive expects exactly one argument")]
    [InlineData("go 1.22.x\n", "go.work:1: invalid go version '1.22.x': must match format 1.23.0")]
    [InlineData("go v1.22\n", "go.work:1: invalid go version 'v1.22': must match format 1.23.0")]
    [InlineData("toolchain go1.22.1\ntoolchain go1.22.2\n", "go.work:2: repeated toolchain statement")]
    [InlineData("toolchain\n", "go.work:1: toolchain directive expects exactly one argument")]
    [InlineData("toolchain 1.22\n", "go.work:1: invalid toolchain version '1.22': must match format go1.23.0 or default")]
    [InlineData("godebug x\n", "go.work:1: usage: godebug key=value")]
    [InlineData("godebug \"a=b\"\n", "go.work:1: usage: godebug key=value")]
    [InlineData("replace a => b\n", "go.work:1: replacement module without version must be directory path (rooted or starting with . or ..)")]
    [InlineData("replace a => b@v1.0.0\n", "go.work:1: replacement module must match format 'path version', not 'path@version'")]
    [InlineData("replace a => ./b v1.0.0\n", "go.work:1: replacement module directory path \"./b\" cannot have version")]
    [InlineData("replace a vbad => ./b\n", "go.work:1: replace a: version \"vbad\" invalid: must be of the form v1.2.3")]
    [InlineData("replace a/v2 v1.0.0 => ./b\n", "go.work:1: replace a/v2: version \"v1.0.0\" invalid: should be v2, not v1")]
    [InlineData("replace a => .\\b\n", "go.work:1: replacement directory appears to be Windows path (on a non-windows system)")]
    public void Go_toolchain_godebug_and_replace_errors_match_go(string text, string error) => AssertErrors(text, error);

    [Fact]
    public void Replace_usage_error_has_go_s_two_line_message()
    {
        AssertErrors("replace a\n",
            "go.work:1: usage: replace module/path [v1.2.3] => other/module v1.4\n\t or replace module/path [v1.2.3] => ../local/directory");
    }

    [Fact]
    public void Every_directive_error_is_reported_but_only_the_first_syntax_error()
    {
        AssertErrors("go 1.22\nfoo\nrequire x v1\nuse\ngodebug x\ntoolchain bad\n",
            "go.work:2: unknown directive: foo",
            "go.work:3: unknown directive: require",
            "go.work:4: usage: use local/dir",
            "go.work:5: usage: godebug key=value",
            "go.work:6: invalid toolchain version 'bad': must match format go1.23.0 or default");
        AssertErrors("foo\nuse \"x\n/* c */\n", "go.work:2:7: unexpected newline in string");
    }

    [Fact]
    public void Go_work_never_fixes_a_lax_go_version()
    {
        Assert.False(Work("go 1.22rc1-foo\n").IsAcceptedByGo);
        Assert.True(ModFileParser.Parse("go.mod", "go 1.22rc1-foo\n", ParseMode.Lax).IsAcceptedByGo);
    }

    [Fact]
    public void Go_mod_parsing_still_rejects_use()
    {
        var strict = ModFileParser.Parse("go.mod", "module m\nuse ./a\nuse (\n\t./b\n)\n");
        Assert.Equal(["go.mod:2: unknown directive: use", "go.mod:3: unknown block type: use"], strict.GoErrors.Select(e => e.ToGoString()));
        Assert.Empty(strict.Model.Use);
        var lax = ModFileParser.Parse("go.mod", "module m\nuse ./a\n", ParseMode.Lax);
        Assert.True(lax.IsAcceptedByGo);
        Assert.Empty(lax.Model.Use);
    }

    [Fact]
    public void Byte_overload_decodes_utf8()
    {
        var r = ModFileParser.ParseWork("go.work", "use ./ü\n"u8);
        Assert.Equal("./ü", Assert.Single(r.Model.Use).Path);
    }

    [Fact]
    public void Failure_text_is_what_go_work_edit_prints()
    {
        Assert.Equal("go: errors parsing w/go.work:\nerrors parsing go.work:\ngo.work:1: unknown directive: module\ngo.work:2: unknown directive: require\n",
            Work("module m\nrequire a v1.0.0\n").FormatGoWorkEditFailure("w/go.work"));
    }

    [Fact]
    public void Work_json_of_an_empty_file_has_null_use_and_replace()
    {
        Assert.Equal("{\n\t\"Use\": null,\n\t\"Replace\": null\n}\n", WorkJson.Write(Work("")));
    }

    [Fact]
    public void Work_json_dedups_replaces_keeps_use_order_and_leaves_out_toolchain_and_godebug()
    {
        // go sorts the use block's lines but prints WorkFile.Use in parse order; `use ""` is dropped by Cleanup.
        var json = WorkJson.Write(Work(
            "go 1.22\ntoolchain go1.22.1\ngodebug a=1\nuse (\n\t./b\n\t\"./<a>\"\n)\nuse \"\"\nreplace m => ./one\nreplace m => ./two\nreplace n v1.0 => o v1.1.0\n"));
        const string expected = """
            {
            	"Go": "1.22",
            	"Use": [
            		{
            			"DiskPath": "./b"
            		},
            		{
            			"DiskPath": "./\u003ca\u003e"
            		}
            	],
            	"Replace": [
            		{
            			"Old": {
            				"Path": "m"
            			},
            			"New": {
            				"Path": "./two"
            			}
            		},
            		{
            			"Old": {
            				"Path": "n",
            				"Version": "v1.0.0"
            			},
            			"New": {
            				"Path": "o",
            				"Version": "v1.1.0"
            			}
            		}
            	]
            }

            """;
        Assert.Equal(expected, json);
    }

    [Fact]
    public void Work_json_prints_a_module_path_set_on_a_use()
    {
        var r = Work("use ./a\n");
        r.Model.Use[0].ModulePath = "example.com/a";
        Assert.Contains("\"DiskPath\": \"./a\",\n\t\t\t\"ModPath\": \"example.com/a\"\n", WorkJson.Write(r.Model), StringComparison.Ordinal);
    }

    [Fact]
    public void Fmt_sorts_use_blocks_and_drops_duplicate_replaces()
    {
        var formatted = ModFilePrinter.FormatLikeGoModEdit(Work("go 1.22\nuse (\n\t./b\n\t./a\n)\nreplace m => ./one\nreplace m => ./two\n"));
        Assert.Equal("go 1.22\n\nuse (\n\t./a\n\t./b\n)\n\nreplace m => ./two\n", formatted);
    }

    [Fact]
    public void Work_json_command_prints_json_or_go_s_errors()
    {
        var dir = GoOracle.NewScratchDir("cli");
        var path = Path.Combine(dir, "go.work");
        var shortPath = GoModFileInput.ShortPath(path);
        try
        {
            File.WriteAllText(path, "go 1.22\nuse ./a\n");
            var (exit, stdout, stderr) = RunWorkJson(path);
            Assert.Equal((0, ""), (exit, stderr));
            Assert.Equal("{\n\t\"Go\": \"1.22\",\n\t\"Use\": [\n\t\t{\n\t\t\t\"DiskPath\": \"./a\"\n\t\t}\n\t],\n\t\"Replace\": null\n}\n", stdout);

            File.WriteAllText(path, "go 1.22\nrequire a v1.0.0\n");
            (exit, stdout, stderr) = RunWorkJson(path);
            Assert.Equal((1, ""), (exit, stdout));
            Assert.Equal($"go: errors parsing {shortPath}:\nerrors parsing go.work:\n{shortPath}:2: unknown directive: require\n", stderr);

            var missing = Path.Combine(dir, "nope", "go.work");
            (exit, _, stderr) = RunWorkJson(missing);
            var shortMissing = GoModFileInput.ShortPath(missing);
            Assert.Equal((1, $"go: errors parsing {shortMissing}:\nreading go.work: open {shortMissing}: no such file or directory\n"), (exit, stderr));

            (exit, _, stderr) = RunWorkJson(dir);
            var shortDir = GoModFileInput.ShortPath(dir);
            Assert.Equal((1, $"go: errors parsing {shortDir}:\nreading go.work: read {shortDir}: is a directory\n"), (exit, stderr));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }

        static (int, string, string) RunWorkJson(string path)
        {
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();
            var exit = WorkJsonCommand.Run(path, stdout, stderr);
            return (exit, stdout.ToString(), stderr.ToString());
        }
    }

    [Fact]
    public void Fmt_command_treats_a_file_named_go_work_as_a_workspace()
    {
        var dir = GoOracle.NewScratchDir("cli");
        try
        {
            const string text = "go 1.22\nuse(\n./b\n./a\n)\n";
            var work = Path.Combine(dir, "go.work");
            var mod = Path.Combine(dir, "go.mod");
            File.WriteAllText(work, text);
            File.WriteAllText(mod, text);

            using (var stdout = new StringWriter())
            using (var stderr = new StringWriter())
            {
                Assert.Equal(0, FmtCommand.Run(work, write: false, stdout, stderr));
                Assert.Equal("go 1.22\n\nuse (\n\t./a\n\t./b\n)\n", stdout.ToString());
            }

            using (var stdout = new StringWriter())
            using (var stderr = new StringWriter())
            {
                Assert.Equal(1, FmtCommand.Run(mod, write: false, stdout, stderr));
                Assert.Contains(":2: unknown block type: use", stderr.ToString(), StringComparison.Ordinal);
            }

            using (var stdout = new StringWriter())
            using (var stderr = new StringWriter())
            {
                Assert.Equal(0, FmtCommand.Run(work, write: true, stdout, stderr));
                Assert.Equal("go 1.22\n\nuse (\n\t./a\n\t./b\n)\n", File.ReadAllText(work));
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [SkippableFact]
    public void Fmt_write_keeps_bytes_that_are_not_utf8_where_go_mod_edit_fmt_keeps_them()
    {
        GoOracle.Require();
        // Latin-1 bytes in comments (kept as they are), a stray byte in a quoted path (go turns it into U+FFFD), \x
        // escapes that spell UTF-8 (é).
        byte[] original = [.. "module example.com/m\n\n// caf"u8.ToArray(), 0xE9, .. " au lait\nrequire \"example.com/a\" v1.0.0 // "u8.ToArray(), 0xFF,
            .. "\nreplace \"example.com/r"u8.ToArray(), 0xC0, .. "\" => \"./caf\\xc3\\xa9\"\n"u8.ToArray()];
        var dir = GoOracle.NewScratchDir("fmt-bytes");
        var ours = Path.Combine(dir, "ours", "go.mod");
        var go = Path.Combine(dir, "go", "go.mod");
        Directory.CreateDirectory(Path.GetDirectoryName(ours)!);
        Directory.CreateDirectory(Path.GetDirectoryName(go)!);
        File.WriteAllBytes(ours, original);
        File.WriteAllBytes(go, original);

        var result = GoOracle.Run(Path.GetDirectoryName(go)!, null, "mod", "edit", "-fmt");
        Assert.True(result.ExitCode == 0, result.Stderr);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        Assert.Equal(0, FmtCommand.Run(ours, write: true, stdout, stderr));

        Assert.Equal(File.ReadAllBytes(go), File.ReadAllBytes(ours));
        Assert.Contains((byte)0xE9, File.ReadAllBytes(ours)); // not EF BF BD: the user's byte stays
    }

    [Fact]
    public void Random_mutations_of_go_work_texts_never_throw_and_accepted_ones_format_to_valid_go_work()
    {
        var seeds = WorkCorpus.Own.Select(c => c.Text).ToArray();
        var rng = new Random(20261126);
        IEnumerable<string> Inputs()
        {
            foreach (var s in seeds)
            {
                yield return s;
            }

            for (var i = 0; i < 3000; i++)
            {
                yield return FuzzMutator.Mutate(seeds[rng.Next(seeds.Length)], rng, 1 + rng.Next(6));
            }
        }

        var failures = FuzzWatchdog.Run(Inputs(), Check, TimeSpan.FromSeconds(2));
        Assert.True(failures.Count == 0, string.Join("\n\n", failures.Take(5)));

        static List<string> Check(string text)
        {
            var problems = new List<string>();
            var r = ModFileParser.ParseWork("go.work", text);
            foreach (var d in r.Diagnostics)
            {
                _ = d.ToGoString();
            }

            if (!r.IsAcceptedByGo)
            {
                _ = r.FormatGoWorkEditFailure("go.work");
                return problems;
            }

            _ = WorkJson.Write(ModFileParser.ParseWork("go.work", text));
            var formatted = ModFilePrinter.FormatLikeGoModEdit(r);
            if (ModFileParser.ParseWork("go.work", formatted) is { Diagnostics.IsEmpty: false } again)
            {
                problems.Add($"formatted output does not re-parse: {again.Diagnostics[0]}\n--- formatted\n{formatted}");
            }

            return problems;
        }
    }
}
