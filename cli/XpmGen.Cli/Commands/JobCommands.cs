using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using XpmGen.Cli.Output;
using XpmGen.Models;
using XpmGen.Serialization;

namespace XpmGen.Cli.Commands;

/// <summary><c>xpm job current</c>.</summary>
internal static class JobCommands
{
    /// <summary>Creates the <c>job</c> command and its subcommands.</summary>
    public static Command Create(CliContext cli)
    {
        var detailed = new Option<bool>("--detailed")
        {
            Description = "Ask for every field of each job, tasks included; adds budget and task progress to the table.",
        };
        var current = new Command("current", "List the practice's current jobs.") { detailed };
        current.SetAction((parseResult, cancellationToken) => cli.RunOnlineAsync(parseResult, async (session, ct) =>
        {
            var isDetailed = parseResult.GetValue(detailed);
            var jobs = await session.Client.Jobs.CurrentAsync(isDetailed ? true : null, ct).ConfigureAwait(false);
            if (cli.WantsXml(parseResult))
            {
                XmlOutput.WriteList(cli.Output, "Jobs", "Job", jobs, JobXml.Write);
            }
            else
            {
                WriteTable(cli.Output, jobs, isDetailed);
            }
        }, cancellationToken));

        return new Command("job", "Jobs of the practice (job.api).") { current };
    }

    /// <summary>Writes one row per job: number, name, client, state and due date (more with <c>--detailed</c>).</summary>
    internal static void WriteTable(TextWriter output, IReadOnlyList<Job> jobs, bool detailed)
    {
        if (jobs.Count == 0)
        {
            output.WriteLine("No current jobs.");
            return;
        }

        var table = detailed
            ? new TextTable("Number", "Name", "Client", "State", "Due", "Manager", "Budget", "Tasks done", "Time")
            : new TextTable("Number", "Name", "Client", "State", "Due");
        foreach (var job in jobs)
        {
            if (detailed)
            {
                var tasks = job.Tasks;
                var done = tasks.Count(task => task.Completed == true).ToString(CultureInfo.InvariantCulture) + "/" + tasks.Count.ToString(CultureInfo.InvariantCulture);
                var actual = tasks.Sum(task => task.ActualMinutes ?? 0);
                var estimated = tasks.Sum(task => task.EstimatedMinutes ?? 0);
                table.AddRow(job.Id, job.Name, job.Client?.Name, job.State, Text.Date(job.DueDate), job.Manager?.Name, Text.Money(job.Budget),
                    done, Text.Minutes(actual) + " of " + Text.Minutes(estimated));
            }
            else
            {
                table.AddRow(job.Id, job.Name, job.Client?.Name, job.State, Text.Date(job.DueDate));
            }
        }

        table.WriteTo(output);
    }
}
