using System;
using System.Threading;
using System.Threading.Tasks;

namespace XpmGen.Cli;

/// <summary>The process entry point of <c>xpm</c>.</summary>
internal static class Program
{
    /// <summary>Runs the command line; the first Ctrl+C cancels the command, a second one ends the process.</summary>
    public static async Task<int> Main(string[] args)
    {
        using var cancellation = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            if (!cancellation.IsCancellationRequested)
            {
                e.Cancel = true;
                cancellation.Cancel();
            }
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            return await CliApp.RunAsync(args, Console.Out, Console.Error, cancellation.Token).ConfigureAwait(false);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }
}
