using System;
using System.CommandLine;
using System.CommandLine.Completions;
using System.Linq;
using System.Threading.Tasks;

namespace XpmGen.Cli.Tests;

/// <summary>
/// Tab completion: the scripts <c>xpm completion</c> prints call the tool's own <c>[suggest:N]</c> directive, so the
/// directive must answer with the tool's commands and every script must be there.
/// </summary>
public sealed class CompletionTests
{
    [Fact]
    public void The_root_command_has_the_suggest_directive()
    {
        var root = CliApp.CreateRootCommand(new CliContext(Console.Out, Console.Error, static _ => null, new GlobalOptions()));

        Assert.Single(root.Directives.OfType<SuggestDirective>());
    }

    [Theory]
    [InlineData("xpm cli", "clients")]
    [InlineData("xpm clients con", "contacts")]
    [InlineData("xpm clients contacts ", "get")]
    [InlineData("xpm clients list -o ", "json")]
    [InlineData("xpm completion ", "powershell")]
    public async Task The_suggest_directive_completes_the_word_at_the_cursor(string line, string expected)
    {
        var result = await CliRun.RunAsync($"[suggest:{line.Length}]", line);

        Assert.True(result.ExitCode == 0, result.ToString());
        var candidates = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains(expected, candidates);
        var word = line[(line.LastIndexOf(' ') + 1)..];
        Assert.All(candidates, candidate => Assert.StartsWith(word, candidate, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("bash", "complete -o default -F _xpm_complete xpm")]
    [InlineData("zsh", "compdef _xpm_complete xpm")]
    [InlineData("powershell", "Register-ArgumentCompleter -Native -CommandName xpm")]
    public async Task Each_shell_gets_a_script_that_asks_xpm(string shell, string registration)
    {
        var result = await CliRun.RunAsync("completion", shell);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(string.Empty, result.Error);
        Assert.Contains(registration, result.Output, StringComparison.Ordinal);
        Assert.Contains("xpm \"[suggest:", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_shell_is_a_usage_error()
    {
        var result = await CliRun.RunAsync("completion", "fish");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("fish", result.Error, StringComparison.Ordinal);
    }
}
