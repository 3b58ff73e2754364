using System.CommandLine;
using GoModLens.Host.Commands;

if (args is ["check", ..])
{
    CheckCommand.RunWithoutGarbageCollection();
}

var root = new RootCommand("GoModLens: go.mod/go.sum tooling that answers exactly like the go command.");
root.Subcommands.Add(ModJsonCommand.Create());
root.Subcommands.Add(WorkJsonCommand.Create());
root.Subcommands.Add(FmtCommand.Create());
root.Subcommands.Add(CheckCommand.Create());
root.Subcommands.Add(EnvCommand.Create());
root.Subcommands.Add(MirrorsCommand.Create());
root.Subcommands.Add(ServeCommand.Create());
return root.Parse(args).Invoke();
