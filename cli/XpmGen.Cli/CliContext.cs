using System;
using System.CommandLine;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace XpmGen.Cli;

/// <summary>What every command needs: the output writers, the environment and the global options.</summary>
internal sealed class CliContext
{
    /// <summary>Creates the context of one run.</summary>
    public CliContext(TextWriter output, TextWriter error, Func<string, string?> environment, GlobalOptions options)
    {
        Output = output;
        Error = error;
        Environment = environment;
        Options = options;
    }

    /// <summary>Where results go (standard output).</summary>
    public TextWriter Output { get; }

    /// <summary>Where errors go (standard error).</summary>
    public TextWriter Error { get; }

    /// <summary>Reads an environment variable.</summary>
    public Func<string, string?> Environment { get; }

    /// <summary>The global options.</summary>
    public GlobalOptions Options { get; }

    /// <summary>Whether <c>--output xml</c> was given.</summary>
    public bool WantsXml(ParseResult parseResult) =>
        string.Equals(parseResult.GetValue(Options.Output), GlobalOptions.XmlFormat, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Runs a command that calls XPM: opens the session (starting the sandbox with <c>--sandbox</c>), runs
    /// <paramref name="body"/>, stops the sandbox, and turns failures into a message on standard error and an exit code.
    /// </summary>
    public async Task<int> RunOnlineAsync(ParseResult parseResult, Func<XpmSession, CancellationToken, Task> body, CancellationToken cancellationToken)
    {
        XpmSession? session = null;
        try
        {
            session = await XpmSession.OpenAsync(parseResult, Options, Environment, cancellationToken).ConfigureAwait(false);
            await body(session, cancellationToken).ConfigureAwait(false);
            return ExitCodes.Success;
        }
        catch (CliUsageException ex)
        {
            await Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (XpmConnectionException ex)
        {
            await Error.WriteLineAsync($"Could not reach XPM at {session?.BaseAddress}: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        catch (XpmException ex)
        {
            // The runtime's messages name the call and the reason, and never hold the access token.
            await Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await Error.WriteLineAsync("Cancelled.").ConfigureAwait(false);
            return ExitCodes.Cancelled;
        }
        catch (OperationCanceledException)
        {
            await Error.WriteLineAsync($"XPM at {session?.BaseAddress} did not answer in time.").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        catch (HttpRequestException ex)
        {
            await Error.WriteLineAsync($"Could not reach XPM at {session?.BaseAddress}: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        finally
        {
            if (session is not null)
            {
                await session.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
