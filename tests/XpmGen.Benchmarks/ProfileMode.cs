using System;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace XpmGen.Benchmarks;

/// <summary>
/// <c>profile WHAT [seconds]</c>: runs one contender in a loop for a sampling profiler to attach to, e.g.
/// <c>DOTNET_PerfMapEnabled=1 perf record -g -p PID</c> (docs/benchmarks.md shows how the figures there were profiled).
/// WHAT is read-clients, discard-clients, read-jobs, rawscan-clients, write-clients, request-xpmgen or request-handwritten.
/// </summary>
internal static class ProfileMode
{
    public static async Task<int> RunAsync(string what, double seconds)
    {
        var clock = Stopwatch.StartNew();
        var runs = 0;
        Func<Task> run;
        switch (what)
        {
            case "read-clients":
            {
                var document = SyntheticDocuments.Clients(CompareMode.ClientCount);
                run = () => { Contenders.XpmGenClients(document); return Task.CompletedTask; };
                break;
            }

            case "discard-clients":
            {
                var document = SyntheticDocuments.Clients(CompareMode.ClientCount);
                run = () => { Contenders.XpmGenClientsDiscard(document); return Task.CompletedTask; };
                break;
            }

            case "rawscan-clients":
            {
                var document = SyntheticDocuments.Clients(CompareMode.ClientCount);
                run = () => { Contenders.RawScan(document); return Task.CompletedTask; };
                break;
            }

            case "read-jobs":
            {
                var document = SyntheticDocuments.Jobs(CompareMode.JobCount);
                run = () => { Contenders.XpmGenJobs(document); return Task.CompletedTask; };
                break;
            }

            case "write-clients":
            {
                var clients = Contenders.XpmGenClients(SyntheticDocuments.Clients(CompareMode.ClientCount));
                run = () => { Contenders.XpmGenWriteClients(clients, new CountingNullStream()); return Task.CompletedTask; };
                break;
            }

            case "request-xpmgen":
            {
                var xpm = RequestOverhead.CreateClient(new FixedResponseHandler(SyntheticDocuments.StaffList()));
                run = () => xpm.Staff.ListAsync();
                break;
            }

            case "request-handwritten":
            {
                var http = new HttpClient(new FixedResponseHandler(SyntheticDocuments.StaffList()));
                var uri = new Uri(RequestOverhead.BaseAddress, "staff.api/list");
                run = () => RequestOverhead.HandwrittenStaffListAsync(http, uri, CancellationToken.None);
                break;
            }

            default:
                Console.Error.WriteLine($"unknown profile target '{what}'");
                return 2;
        }

        Console.WriteLine($"profile {what}: pid {Environment.ProcessId}, running for {seconds.ToString(CultureInfo.InvariantCulture)} s");
        clock.Restart();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            await run().ConfigureAwait(false);
            runs++;
        }

        Console.WriteLine($"profile {what}: {runs} runs");
        return 0;
    }
}
