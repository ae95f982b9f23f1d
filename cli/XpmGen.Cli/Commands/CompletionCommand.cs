using System.CommandLine;
using XpmGen.Cli.Completion;

namespace XpmGen.Cli.Commands;

/// <summary><c>xpm completion bash|zsh|powershell</c>: prints the shell's completion script; calls nothing.</summary>
internal static class CompletionCommand
{
    /// <summary>Creates the <c>completion</c> command.</summary>
    public static Command Create(CliContext cli)
    {
        var shell = new Argument<string>("shell")
        {
            Description = "The shell to print the script for: bash, zsh or powershell.",
        };
        shell.AcceptOnlyFromAmong(CompletionScripts.Shells);
        var command = new Command(
            "completion",
            "Print a tab-completion script for bash, zsh or PowerShell. bash: `source <(xpm completion bash)` in ~/.bashrc; "
            + "zsh: `source <(xpm completion zsh)` in ~/.zshrc after compinit; PowerShell: "
            + "`xpm completion powershell | Out-String | Invoke-Expression` in $PROFILE.");
        command.Arguments.Add(shell);
        command.SetAction(parseResult =>
        {
            // The parser has already refused any other shell name (exit 2), so the value is one of Shells.
            cli.Output.Write(CompletionScripts.For(parseResult.GetRequiredValue(shell)));
            return ExitCodes.Success;
        });
        return command;
    }
}
