using System;
using System.CommandLine;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using XpmGen.Sandbox;

namespace XpmGen.Cli.Commands;

/// <summary><c>xpm sandbox serve</c>: runs the XpmGen sandbox in the foreground for any language's client.</summary>
internal static class SandboxCommands
{
    /// <summary>Creates the <c>sandbox</c> command and its <c>serve</c> subcommand.</summary>
    public static Command Create(CliContext cli)
    {
        var port = new Option<int>("--port")
        {
            Description = "The 127.0.0.1 port to listen on [default: a free port].",
            HelpName = "port",
        };
        var limits = new Option<bool>("--limits") { Description = "Enforce XPM's limits (60 a minute and 5 in flight per tenant, 5,000 a day) with 429s." };
        var data = new Option<string?>("--data")
        {
            Description = "Keep the practice in this folder across restarts (created when missing).",
            HelpName = "dir",
        };
        var empty = new Option<bool>("--empty") { Description = "Start with no data instead of the demo practice." };
        var latency = new Option<int>("--latency")
        {
            Description = "Add this many milliseconds before every API answer.",
            HelpName = "ms",
        };
        var unavailable = new Option<double>("--fail-rate")
        {
            Description = "Answer this share of API calls (0 to 1) with HTTP 503.",
            HelpName = "share",
        };

        var serve = new Command("serve", "Serve a fake XPM practice and Xero identity server on 127.0.0.1 until Ctrl+C. "
            + "Prints base-url, identity-url, tenant-id and access-token, one per line.")
        {
            port, limits, data, empty, latency, unavailable,
        };
        serve.SetAction((parseResult, cancellationToken) =>
        {
            var options = new XpmSandboxOptions
            {
                Port = parseResult.GetValue(port),
                DataDirectory = parseResult.GetValue(data),
                Empty = parseResult.GetValue(empty),
                Latency = TimeSpan.FromMilliseconds(Math.Max(0, parseResult.GetValue(latency))),
                ServiceUnavailableRate = parseResult.GetValue(unavailable),
            };
            options.Limits.Enforce = parseResult.GetValue(limits);
            return ServeAsync(cli, options, cancellationToken);
        });

        return new Command("sandbox", "A stateful fake of XPM and Xero's identity service, to build against before Xero grants access.")
        {
            serve,
        };
    }

    private static async Task<int> ServeAsync(CliContext cli, XpmSandboxOptions options, CancellationToken cancellationToken)
    {
        XpmSandbox sandbox;
        try
        {
            sandbox = await XpmSandbox.StartAsync(options, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException ex)
        {
            await cli.Error.WriteLineAsync(ex.Message.Replace(" (Parameter 'options')", string.Empty, StringComparison.Ordinal)).ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (XpmSandboxDataException ex)
        {
            await cli.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        catch (IOException ex)
        {
            // Kestrel reports a port in use as an IOException.
            await cli.Error.WriteLineAsync($"The sandbox could not listen on 127.0.0.1:{options.Port}: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        catch (OperationCanceledException)
        {
            return ExitCodes.Cancelled;
        }

        await using (sandbox.ConfigureAwait(false))
        {
            // Exactly these four lines on standard output, so a script can read them; the rest goes to standard error.
            await cli.Output.WriteLineAsync("base-url: " + sandbox.BaseAddress.AbsoluteUri).ConfigureAwait(false);
            await cli.Output.WriteLineAsync("identity-url: " + sandbox.IdentityAddress.AbsoluteUri).ConfigureAwait(false);
            await cli.Output.WriteLineAsync("tenant-id: " + sandbox.TenantId).ConfigureAwait(false);
            await cli.Output.WriteLineAsync("access-token: " + sandbox.AccessToken).ConfigureAwait(false);
            await cli.Output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            await cli.Error.WriteLineAsync(options.DataDirectory is null
                ? "Serving the sandbox practice in memory; press Ctrl+C to stop."
                : $"Serving the sandbox practice kept in {Path.GetFullPath(options.DataDirectory)}; press Ctrl+C to stop.").ConfigureAwait(false);
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C is how the server is meant to stop.
            }
        }

        await cli.Error.WriteLineAsync("Sandbox stopped.").ConfigureAwait(false);
        return ExitCodes.Success;
    }
}
