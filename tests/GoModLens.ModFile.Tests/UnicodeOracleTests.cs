using System.Globalization;
using System.Text;
using GoModLens.ModFile.Text;
using GoModLens.TestUtilities;

namespace GoModLens.ModFile.Tests;

/// <summary>
/// unicode.IsPrint decides which characters the go.mod lexer takes into an identifier and which %q prints as \u
/// escapes; unicode.IsLetter which non-ASCII file names a module may hold. go's tables are Unicode 15.0, .NET's newer:
/// every code point must get go's answer, so a future .NET (new Unicode tables) fails here instead of in a user's
/// diagnostics.
/// </summary>
public sealed class UnicodeOracleTests
{
    private const string Program = """
        package main

        import (
        	"fmt"
        	"os"
        	"unicode"
        )

        // Prints the ranges of code points the named predicate accepts, one "lo hi" (hex) per line.
        func main() {
        	is := unicode.IsPrint
        	if os.Args[1] == "letter" {
        		is = unicode.IsLetter
        	}
        	in := false
        	var lo rune
        	for r := rune(0); r <= unicode.MaxRune+1; r++ {
        		p := r <= unicode.MaxRune && is(r)
        		if p && !in {
        			lo, in = r, true
        		} else if !p && in {
        			fmt.Printf("%x %x\n", lo, r-1)
        			in = false
        		}
        	}
        }
        """;

    [SkippableTheory]
    [InlineData("print")]
    [InlineData("letter")]
    public void Predicate_equals_gos_on_every_code_point(string predicate)
    {
        GoOracle.Require();
        var dir = GoOracle.NewScratchDir("unicode");
        File.WriteAllText(Path.Combine(dir, "main.go"), Program);
        File.WriteAllText(Path.Combine(dir, "go.mod"), "module unicodeoracle\n\ngo 1.21\n");
        var result = GoOracle.Run(dir, new Dictionary<string, string?> { ["GOFLAGS"] = "-mod=mod" }, "run", ".", predicate);
        Assert.True(result.ExitCode == 0, result.Stderr);

        var go = new bool[0x110000];
        foreach (var line in result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split(' ');
            var high = int.Parse(parts[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            for (var r = int.Parse(parts[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture); r <= high; r++)
            {
                go[r] = true;
            }
        }

        // Beyond ASCII, a module's file name may hold exactly the letters.
        var (first, ours) = predicate == "print"
            ? (0, (Func<int, bool>)GoUnicode.IsPrint)
            : (0x80, r => Rune.IsValid(r) && Module.ModulePath.FileNameOk(new Rune(r)));
        var differ = Enumerable.Range(first, 0x110000 - first).Where(r => go[r] != ours(r)).ToList();
        Assert.True(differ.Count == 0, $"{differ.Count} code points differ, e.g. "
            + string.Join(", ", differ.Take(20).Select(r => $"U+{r:X4} (go {go[r]})")));
    }
}
