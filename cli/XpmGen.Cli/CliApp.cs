using System;
using System.CommandLine;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using XpmGen.Cli.Commands;

namespace XpmGen.Cli;

/// <summary>The <c>xpm</c> command line: its commands, options and entry point.</summary>
internal static class CliApp
{
    /// <summary>Runs <c>xpm</c> with the process's environment variables.</summary>
    /// <param name="args">The command-line arguments.</param>
    /// <param name="output">Where results go.</param>
    /// <param name="error">Where errors go.</param>
    /// <param name="cancellationToken">Cancels the command (Ctrl+C).</param>
    /// <returns>The exit code: see <see cref="ExitCodes"/>.</returns>
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken) =>
        RunAsync(args, output, error, Environment.GetEnvironmentVariable, cancellationToken);

    /// <summary>Runs <c>xpm</c> with the environment variables <paramref name="environment"/> returns.</summary>
    /// <param name="args">The command-line arguments.</param>
    /// <param name="output">Where results go.</param>
    /// <param name="error">Where errors go.</param>
    /// <param name="environment">Reads an environment variable, such as <c>XPM_ACCESS_TOKEN</c>.</param>
    /// <param name="cancellationToken">Cancels the command (Ctrl+C).</param>
    /// <returns>The exit code: see <see cref="ExitCodes"/>.</returns>
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, Func<string, string?> environment, CancellationToken cancellationToken) =>
        RunAsync(args, Console.In, output, error, environment, cancellationToken);

    /// <summary>Runs <c>xpm</c> with the given standard input and environment variables.</summary>
    /// <param name="args">The command-line arguments.</param>
    /// <param name="input">What <c>--body -</c> reads (standard input).</param>
    /// <param name="output">Where results go.</param>
    /// <param name="error">Where errors go.</param>
    /// <param name="environment">Reads an environment variable, such as <c>XPM_ACCESS_TOKEN</c>.</param>
    /// <param name="cancellationToken">Cancels the command (Ctrl+C).</param>
    /// <returns>The exit code: see <see cref="ExitCodes"/>.</returns>
    public static async Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error, Func<string, string?> environment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(environment);

        var root = CreateRootCommand(new CliContext(output, error, environment, new GlobalOptions()) { Input = input });
        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            // One line on standard error, like every other failure, and nothing on standard output: System.CommandLine
            // would print each error and then the whole help to standard output, into whatever a script reads.
            await error.WriteLineAsync($"{Output.Text.OneLine(parseResult.Errors[0].Message)} See '{CommandPath(parseResult.CommandResult)} --help'.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var configuration = new InvocationConfiguration
        {
            Output = output,
            Error = error,
            // The caller owns Ctrl+C and passes it in as the token; System.CommandLine must not hook the console too.
            ProcessTerminationTimeout = null,
        };
        return await parseResult.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
    }

    // "xpm clients get": the root is named after the executable, which is not xpm under a test host or dotnet exec.
    private static string CommandPath(System.CommandLine.Parsing.CommandResult command) =>
        command.Parent is System.CommandLine.Parsing.CommandResult parent ? CommandPath(parent) + " " + command.Command.Name : "xpm";

    /// <summary>Builds the command tree.</summary>
    internal static RootCommand CreateRootCommand(CliContext cli)
    {
        var root = new RootCommand(
            "xpm: the Xero Practice Manager API 3.1 from the command line.\n"
            + "Credentials come from the environment: " + XpmSession.AccessTokenVariable + " (an OAuth 2.0 access token) and "
            + XpmSession.TenantIdVariable + " (the practice's tenant id). Add --sandbox to try it on a built-in demo practice.");
        cli.Options.AddTo(root);
        foreach (var command in GeneratedCommands.All(cli))
        {
            root.Subcommands.Add(command);
        }

        root.Subcommands.Add(EndpointsCommand.Create(cli));
        root.Subcommands.Add(ApiCommand.Create(cli));
        root.Subcommands.Add(ScopesCommand.Create(cli));
        root.Subcommands.Add(SandboxCommands.Create(cli));
        return root;
    }
}
