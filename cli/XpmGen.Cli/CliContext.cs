using System;
using System.CommandLine;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using XpmGen.Cli.Output;

namespace XpmGen.Cli;

/// <summary>What every command needs: the output writers, the environment and the global options.</summary>
internal sealed partial class CliContext
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

    public async Task<int> RunOnlineAsync(ParseResult parseResult, Func<XpmSession, CancellationToken, Task> body, CancellationToken cancellationToken)
    {
        XpmSession? session = null;
        try
        {
            session = await XpmSession.OpenAsync(parseResult, Options, Environment, cancellationToken).ConfigureAwait(false);
            await body(session, cancellationToken).ConfigureAwait(false);
            return ExitCodes.Success;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return await FailAsync(parseResult, ex, session?.BaseAddress, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (session is not null)
            {
                await session.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Turns a failure into one line on standard error and its exit code (see <see cref="ExitCodes"/>). With
    /// <c>--verbose</c> the error's details follow; never a stack trace, never a token (the runtime's messages hold none).
    /// </summary>
    public async Task<int> FailAsync(ParseResult parseResult, Exception exception, Uri? address, CancellationToken cancellationToken)
    {
        var (code, message) = exception switch
        {
            CliUsageException usage => (ExitCodes.Usage, usage.Message),
            XpmUnauthorizedException or XpmForbiddenException or XpmReconnectRequiredException or XpmOAuthException or Auth.LoginRequiredException => (ExitCodes.Auth, exception.Message),
            XpmApiException api => (ExitCodes.XpmError, api.Message),
            XpmRateLimitException limit => (ExitCodes.RateLimited, limit.Message),
            XpmConnectionException connection => (ExitCodes.Network, $"Could not reach XPM at {address}: {connection.Message}"),
            XpmServiceUnavailableException unavailable => (ExitCodes.Network, unavailable.Message),
            XpmException xpm => (ExitCodes.Failure, xpm.Message),
            OperationCanceledException when cancellationToken.IsCancellationRequested => (ExitCodes.Cancelled, "Cancelled."),
            OperationCanceledException => (ExitCodes.Network, $"XPM at {address} did not answer in time."),
            HttpRequestException http => (ExitCodes.Network, $"Could not reach XPM at {address}: {http.Message}"),
            IOException or UnauthorizedAccessException => (ExitCodes.Failure, exception.Message),
            _ => (ExitCodes.Failure, $"xpm failed: {exception.GetType().Name}: {exception.Message}"),
        };
        await Error.WriteLineAsync(Text.OneLine(message)).ConfigureAwait(false);
        if (parseResult.GetValue(Options.Verbose))
        {
            for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
            {
                await Error.WriteLineAsync("  caused by " + inner.GetType().Name + ": " + Text.OneLine(inner.Message)).ConfigureAwait(false);
            }
        }

        return code;
    }
}
