using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using GoModLens.Host.Commands;

if (args is ["check", ..])
{
    CheckCommand.RunWithoutGarbageCollection();
}

return GoModLens.Host.Cli.Run(args);

namespace GoModLens.Host
{
    /// <summary>The gomodlens command line: every subcommand, and the exit code contract around them.</summary>
    internal static class Cli
    {
        /// <summary>
        /// A command line that does not parse (an unknown option such as a typo, an extra argument, a value that does not
        /// convert, no subcommand): 2, as for every other usage error (docs/check-output.md, "Exit codes"). System.CommandLine
        /// says 1, which CI reads as "findings".
        /// </summary>
        public const int ExitUsage = 2;

        /// <param name="optionsEnded">The command line has a <c>--</c>: what looks like an option may be an argument.</param>
        public static RootCommand CreateRoot(bool optionsEnded = false)
        {
            var root = new RootCommand("GoModLens: go.mod/go.sum tooling that answers exactly like the go command.");
            root.Subcommands.Add(ModJsonCommand.Create());
            root.Subcommands.Add(WorkJsonCommand.Create());
            root.Subcommands.Add(FmtCommand.Create());
            root.Subcommands.Add(CheckCommand.Create());
            root.Subcommands.Add(EnvCommand.Create());
            root.Subcommands.Add(MirrorsCommand.Create());
            root.Subcommands.Add(ServeCommand.Create());
            if (!optionsEnded)
            {
                foreach (var command in root.Subcommands)
                {
                    command.Validators.Add(RejectUnknownOptions);
                }
            }

            return root;
        }

        // A command with a free argument slot takes an unknown option as its argument (`env --jsn` explained the module
        // path "--jsn", `fmt --bogus` opened a file of that name and exited 1). No go.mod path, module path or
        // module@version GoModLens takes starts with a dash (go rejects a leading dash in module paths), so such a token
        // is a mistyped option: a parse error like any other. After `--` it is taken as written.
        private static void RejectUnknownOptions(CommandResult result)
        {
            foreach (var argument in result.Children.OfType<ArgumentResult>())
            {
                foreach (var token in argument.Tokens)
                {
                    if (token.Value.Length > 1 && token.Value[0] == '-')
                    {
                        result.AddError($"Unrecognized command or argument '{token.Value}'.");
                    }
                }
            }
        }

        /// <summary>Parses and runs <paramref name="args"/>; <paramref name="configuration"/> null = the console.</summary>
        public static int Run(string[] args, InvocationConfiguration? configuration = null)
        {
            var parsed = CreateRoot(optionsEnded: args.Contains("--")).Parse(args);
            if (parsed.Action is not ParseErrorAction)
            {
                // --help and --version win over errors elsewhere on the line (they clear them), as System.CommandLine has it.
                return parsed.Invoke(configuration ?? new InvocationConfiguration());
            }

            // The errors, the typo suggestions and the usage all go to stderr: stdout may be a report being redirected
            // (check --format sarif > results.sarif), and a usage text there would be taken for its content.
            var error = configuration?.Error ?? Console.Error;
            parsed.Invoke(new InvocationConfiguration { Output = error, Error = error });
            return ExitUsage;
        }
    }
}
