using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace XpmGen.Cli.Tests;

/// <summary>The outcome of one in-process run of <c>xpm</c>.</summary>
internal sealed record CliResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Output}\n--- stderr ---\n{Error}";
}

/// <summary>Runs the CLI's entry point in-process with captured output and a given environment.</summary>
internal static class CliRun
{
    /// <summary>An environment with no XPM variables at all.</summary>
    public static readonly IReadOnlyDictionary<string, string> NoEnvironment = new Dictionary<string, string>();

    public static Task<CliResult> RunAsync(params string[] args) => RunAsync(NoEnvironment, CancellationToken.None, args);

    public static Task<CliResult> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        RunAsync(environment, CancellationToken.None, args);

    public static Task<CliResult> RunAsync(IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken, params string[] args) =>
        RunWithInputAsync(string.Empty, environment, cancellationToken, args);

    /// <summary>Runs with <paramref name="input"/> as standard input (what <c>--body -</c> reads).</summary>
    public static async Task<CliResult> RunWithInputAsync(string input, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken, params string[] args)
    {
        using var stdin = new StringReader(input);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await CliApp.RunAsync(args, stdin, output, error, name => environment.GetValueOrDefault(name), cancellationToken);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>The environment that points the CLI at a sandbox the test started: its token and tenant, and a terminal width.</summary>
    public static Dictionary<string, string> CredentialsOf(XpmGen.Sandbox.XpmSandbox sandbox, int columns = 1000) => new()
    {
        ["XPM_ACCESS_TOKEN"] = sandbox.AccessToken,
        ["XPM_TENANT_ID"] = sandbox.TenantId,
        ["COLUMNS"] = columns.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>A terminal <paramref name="columns"/> wide and no credentials (for <c>--sandbox</c> runs).</summary>
    public static Dictionary<string, string> Columns(int columns) => new()
    {
        ["COLUMNS"] = columns.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>The lines of an output, without the final line break.</summary>
    public static List<string> Lines(string output) => [.. output.TrimEnd('\n').Split('\n')];

    /// <summary>Asserts a failure: the exit code, nothing on standard output, exactly one line on standard error, no stack trace.</summary>
    public static string AssertFailure(CliResult result, int exitCode)
    {
        Assert.True(result.ExitCode == exitCode, result.ToString());
        Assert.Equal(string.Empty, result.Output);
        var lines = result.Error.TrimEnd('\n').Split('\n');
        Assert.True(lines.Length == 1 && lines[0].Trim().Length > 0, "Expected exactly one line on standard error:\n" + result.Error);
        AssertNoStackTrace(result.Error);
        return lines[0];
    }

    /// <summary>Asserts that a message is a plain message, not an exception dump.</summary>
    public static void AssertNoStackTrace(string text)
    {
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception:", text, StringComparison.Ordinal);
    }
}
