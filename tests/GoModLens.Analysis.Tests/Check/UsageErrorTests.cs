using System.CommandLine;
using GoModLens.Host;
using GoModLens.Host.Commands;

namespace GoModLens.Analysis.Tests.Check;

/// <summary>
/// A command line that does not parse is a usage error, exit 2 for every subcommand (docs/check-output.md, "Exit
/// codes"), never 1, which CI reads as "findings"; System.CommandLine's message goes to stderr and nothing to stdout,
/// which may be a report being redirected. Runs <see cref="Cli.Run"/> in process: no command action is reached.
/// </summary>
public sealed class UsageErrorTests
{
    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = Cli.Run(args, new InvocationConfiguration { Output = stdout, Error = stderr });
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Theory]
    [InlineData("'--no-public-mirror' was not matched", "check", "go.mod", "--format", "json", "--no-public-mirror")] // a typo
    [InlineData("Unrecognized command or argument 'extra'", "check", "go.mod", "extra")]
    [InlineData("Cannot parse argument 'abc' for option '--concurrency'", "check", "go.mod", "--concurrency", "abc")]
    [InlineData("Unrecognized command or argument '--bogus'", "check", "--bogus")] // would have been opened as the go.mod
    [InlineData("Required argument missing for option: '--format'", "check", "go.mod", "--format")]
    [InlineData("Unrecognized command or argument '--jsn'", "env", "--jsn")] // was explained as a module path, exit 2 after the table
    [InlineData("Unrecognized command or argument '--jsn'", "mirrors", "example.com/m@v1.0.0", "--jsn")]
    [InlineData("Unrecognized command or argument '--jsn'", "mirrors", "--jsn")]
    [InlineData("Unrecognized command or argument '--bogus'", "serve", "--bogus")]
    [InlineData("Unrecognized command or argument '--bogus'", "fmt", "--bogus")] // was opened as a file: exit 1
    [InlineData("Unrecognized command or argument 'b'", "fmt", "a", "b")]
    [InlineData("Required argument missing for command: 'mod-json'", "mod-json")]
    [InlineData("Required argument missing for command: 'work-json'", "work-json")]
    [InlineData("Required command was not provided", "--bogus")]
    [InlineData("Unrecognized command or argument 'nosuch'", "nosuch")]
    [InlineData("Required command was not provided")]
    public void A_command_line_that_does_not_parse_exits_2_with_the_parser_s_message_on_stderr(string message, params string[] args)
    {
        var (exit, stdout, stderr) = Run(args);

        Assert.Equal(CheckCommand.ExitUsage, exit);
        Assert.Equal(Cli.ExitUsage, exit);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
        Assert.Contains("Usage:", stderr, StringComparison.Ordinal);
        Assert.Equal("", stdout);
    }

    [Fact]
    public void A_typo_is_answered_with_the_option_meant()
    {
        var (exit, _, stderr) = Run("check", "go.mod", "--no-public-mirror");

        Assert.Equal(2, exit);
        Assert.Contains("Did you mean one of the following?\n--no-public-mirrors\n", stderr.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("check", "--help")]
    [InlineData("env", "-h")]
    [InlineData("check", "--bogus", "--help")] // help wins over the rest of the line, as in System.CommandLine
    [InlineData("--version")]
    public void Help_and_version_still_exit_0_on_stdout(params string[] args)
    {
        var (exit, stdout, stderr) = Run(args);

        Assert.Equal(0, exit);
        Assert.NotEmpty(stdout);
        Assert.Equal("", stderr);
    }
}
