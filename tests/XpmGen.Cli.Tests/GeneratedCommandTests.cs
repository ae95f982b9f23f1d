using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using XpmGen.Cli.Commands;
using XpmGen.Sandbox;
using XpmGen.Serialization;

namespace XpmGen.Cli.Tests;

/// <summary>The generated commands: every one answers --help, and a write and a read per resource work against one sandbox.</summary>
public sealed class GeneratedCommandTests
{
    /// <summary>Every leaf of the command tree, as the words that name it.</summary>
    public static TheoryData<string> LeafCommands()
    {
        var root = CliApp.CreateRootCommand(new CliContext(TextWriter.Null, TextWriter.Null, _ => null, new GlobalOptions()));
        var data = new TheoryData<string>();
        foreach (var path in Leaves(root, []))
        {
            data.Add(string.Join(' ', path));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(LeafCommands))]
    public async Task EveryCommand_Help_ExitsZeroWithItsUsageLine(string command)
    {
        var result = await CliRun.RunAsync([.. command.Split(' '), "--help"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(string.Empty, result.Error);
        var lines = CliRun.Lines(result.Output);
        var usage = lines.IndexOf("Usage:");
        Assert.True(usage > 0, result.ToString());
        // System.CommandLine names the root after the executable: xpm when installed, the test host here.
        Assert.StartsWith($"  {RootName} {command}", lines[usage + 1], StringComparison.Ordinal);
        if (Generated.TryGetValue(command, out var expected))
        {
            Assert.Equal($"  {RootName}{expected["xpm".Length..]} [options]", lines[usage + 1]);
        }
    }

    [Fact]
    public async Task Clients_AddWithFieldOptions_ThenGetAsJsonAndXml()
    {
        await using var sandbox = await XpmSandbox.StartAsync();

        var added = await Json(sandbox, "clients", "add", "--name", "Kereru Design Ltd", "--email", "hello@kereru.example", "--city", "Napier", "--gst-registered", "yes");
        var uuid = added.GetProperty("uuid").GetString()!;
        var json = await Json(sandbox, "clients", "get", uuid);
        var xml = await Run(sandbox, "clients", "get", uuid, "-o", "xml");

        Assert.Equal("Kereru Design Ltd", added.GetProperty("name").GetString());
        Assert.Equal(("Kereru Design Ltd", "hello@kereru.example", "Napier", true), (json.GetProperty("name").GetString(), json.GetProperty("email").GetString(), json.GetProperty("city").GetString(), json.GetProperty("gstRegistered").GetBoolean()));
        using var reader = XpmXml.CreateReader(new StringReader(xml));
        reader.MoveToContent();
        var read = ClientXml.Read(reader);
        Assert.Equal((uuid, "Kereru Design Ltd", "hello@kereru.example", true), (read.Uuid, read.Name, read.Email, read.GstRegistered));
    }

    [Fact]
    public async Task Jobs_AddWithIsoDates_ThenGet_ThenATaskAndTimeOnIt()
    {
        await using var sandbox = await XpmSandbox.StartAsync();
        var client = DemoSeed.Clients.First(c => c.IsArchived != true && c.IsDeleted != true);
        var catalogTask = DemoSeed.State.CatalogTasks.All[0];
        var staff = DemoSeed.State.Staff.All[0];
        var next = "J" + (DemoSeed.State.Jobs.All.Max(j => int.Parse(j.Id![1..], System.Globalization.CultureInfo.InvariantCulture)) + 1).ToString("000000", System.Globalization.CultureInfo.InvariantCulture);

        var added = await Json(sandbox, "jobs", "add", "--name", "Annual accounts FY2027", "--client-uuid", client.Uuid!, "--start-date", "2026-12-01", "--due-date", "2027-01-29", "--budget", "1500.50");
        Assert.Equal(next, added.GetProperty("id").GetString());
        var job = await Json(sandbox, "jobs", "get", next);
        Assert.Equal("Annual accounts FY2027", job.GetProperty("name").GetString());
        Assert.Equal(client.Uuid, job.GetProperty("client").GetProperty("uuid").GetString());
        Assert.StartsWith("2026-12-01", job.GetProperty("startDate").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("2027-01-29", job.GetProperty("dueDate").GetString(), StringComparison.Ordinal);
        Assert.Equal(1500.50m, job.GetProperty("budget").GetDecimal());

        var taskAdded = await Json(sandbox, "jobs", "tasks", "add", "--job", next, "--task-uuid", catalogTask.Uuid!, "--estimated-minutes", "90", "--label", "Year-end");
        var taskUuid = taskAdded.GetProperty("uuid").GetString()!;
        var task = Assert.Single((await Json(sandbox, "jobs", "get", next)).GetProperty("tasks").EnumerateArray());
        Assert.Equal((taskUuid, catalogTask.Uuid, 90), (task.GetProperty("uuid").GetString(), task.GetProperty("taskUuid").GetString(), task.GetProperty("estimatedMinutes").GetInt32()));

        var time = await Json(sandbox, "time", "add", "--job", next, "--task-uuid", taskUuid, "--staff-uuid", staff.Uuid!, "--date", "2026-12-02", "--minutes", "45", "--note", "Opening balances");
        var read = await Json(sandbox, "time", "get", time.GetProperty("uuid").GetString()!);
        Assert.Equal((next, taskUuid, staff.Uuid, 45, "Opening balances"), (read.GetProperty("job").GetProperty("id").GetString(), read.GetProperty("task").GetProperty("uuid").GetString(), read.GetProperty("staff").GetProperty("uuid").GetString(), read.GetProperty("minutes").GetInt32(), read.GetProperty("note").GetString()));
        Assert.StartsWith("2026-12-02", read.GetProperty("date").GetString(), StringComparison.Ordinal);
        var listed = await Json(sandbox, "time", "list", "--from", "2026-12-01", "--to", "2026-12-31");
        Assert.Contains(listed.EnumerateArray(), entry => entry.GetProperty("uuid").GetString() == time.GetProperty("uuid").GetString());
    }

    [Fact]
    public async Task Staff_AddThenGet()
    {
        await using var sandbox = await XpmSandbox.StartAsync();

        var added = await Json(sandbox, "staff", "add", "--name", "Mere Paewai", "--email", "mere@harbourside.example", "--mobile", "027 555 0101");
        var read = await Json(sandbox, "staff", "get", added.GetProperty("uuid").GetString()!);

        Assert.Equal(("Mere Paewai", "mere@harbourside.example", "027 555 0101"), (read.GetProperty("name").GetString(), read.GetProperty("email").GetString(), read.GetProperty("mobile").GetString()));
    }

    [Fact]
    public async Task ClientGroups_AddWithAClient_ThenGet()
    {
        await using var sandbox = await XpmSandbox.StartAsync();
        var client = DemoSeed.Clients.First(c => c.IsArchived != true && c.IsDeleted != true);

        var added = await Json(sandbox, "client-groups", "add", "--name", "Hawke's Bay clients", "--client-uuid", client.Uuid!, "--taxable", "true");
        var read = await Json(sandbox, "client-groups", "get", added.GetProperty("uuid").GetString()!);

        Assert.Equal("Hawke's Bay clients", read.GetProperty("name").GetString());
        Assert.True(read.GetProperty("taxable").GetBoolean());
        Assert.Equal(client.Uuid, Assert.Single(read.GetProperty("clients").EnumerateArray()).GetProperty("uuid").GetString());
    }

    [Fact]
    public async Task CustomFields_AddThenGet()
    {
        await using var sandbox = await XpmSandbox.StartAsync();

        var added = await Json(sandbox, "custom-fields", "add", "--name", "Engagement letter", "--type", "Date", "--use-client", "--use-job", "false");
        var read = await Json(sandbox, "custom-fields", "get", added.GetProperty("uuid").GetString()!);

        Assert.Equal(("Engagement letter", "Date", true, false), (read.GetProperty("name").GetString(), read.GetProperty("type").GetString(), read.GetProperty("useClient").GetBoolean(), read.GetProperty("useJob").GetBoolean()));
    }

    [Fact]
    public async Task Costs_AddThenGet()
    {
        await using var sandbox = await XpmSandbox.StartAsync();

        var added = await Json(sandbox, "costs", "add", "--description", "Courier", "--code", "CR1", "--unit-cost", "5", "--unit-price", "8.50");
        var read = await Json(sandbox, "costs", "get", added.GetProperty("uuid").GetString()!);

        Assert.Equal(("Courier", "CR1", 5m, 8.5m), (read.GetProperty("description").GetString(), read.GetProperty("code").GetString(), read.GetProperty("unitCost").GetDecimal(), read.GetProperty("unitPrice").GetDecimal()));
    }

    [Fact]
    public async Task ReadOnlyResources_ListTheSeed()
    {
        await using var sandbox = await XpmSandbox.StartAsync();

        Assert.Equal(DemoSeed.State.Templates.All.Select(t => t.Uuid), Uuids(await Json(sandbox, "templates", "list")));
        Assert.Equal(DemoSeed.State.JobStates.All.Select(s => s.Uuid), Uuids(await Json(sandbox, "job-states", "list")));
        Assert.Equal(DemoSeed.State.Categories.All.Select(c => c.Uuid), Uuids(await Json(sandbox, "categories", "list")));
        Assert.Equal(DemoSeed.State.CatalogTasks.All.Select(t => t.Uuid), Uuids(await Json(sandbox, "tasks", "list")));
        var task = DemoSeed.State.CatalogTasks.All[^1];
        Assert.Equal(task.Name, (await Json(sandbox, "tasks", "get", task.Uuid!)).GetProperty("name").GetString());

        var invoice = DemoSeed.State.Invoices.All[0];
        var readInvoice = await Json(sandbox, "invoices", "get", invoice.Id!);
        Assert.Equal((invoice.Id, invoice.Client?.Name), (readInvoice.GetProperty("id").GetString(), readInvoice.GetProperty("client").GetProperty("name").GetString()));
        var (from, to) = Around(invoice.Date!.Value);
        Assert.Contains(invoice.Id, Ids(await Json(sandbox, "invoices", "list", "--from", from, "--to", to)));
        var quote = DemoSeed.State.Quotes.All[0];
        Assert.Equal(quote.Id, (await Json(sandbox, "quotes", "get", quote.Id!)).GetProperty("id").GetString());
        (from, to) = Around(quote.Date!.Value);
        Assert.Contains(quote.Id, Ids(await Json(sandbox, "quotes", "list", "--from", from, "--to", to)));
    }

    [Fact]
    public async Task Write_WithBodyFile_AndBodyFromStandardInput()
    {
        await using var sandbox = await XpmSandbox.StartAsync();
        var file = Path.Combine(Path.GetTempPath(), $"xpm-body-{Guid.NewGuid():N}.xml");
        await File.WriteAllTextAsync(file, "<Client>\n  <Name>Tui Bakery Ltd</Name>\n  <Email>orders@tui.example</Email>\n</Client>\n");
        try
        {
            var fromFile = await Json(sandbox, "clients", "add", "--body", file);
            Assert.Equal("orders@tui.example", (await Json(sandbox, "clients", "get", fromFile.GetProperty("uuid").GetString()!)).GetProperty("email").GetString());
        }
        finally
        {
            File.Delete(file);
        }

        var result = await CliRun.RunWithInputAsync(
            "<Staff><Name>Ari Hohaia</Name><Email>ari@harbourside.example</Email></Staff>",
            CliRun.CredentialsOf(sandbox),
            CancellationToken.None,
            "staff", "add", "--body", "-", "-o", "json", "--base-url", sandbox.BaseAddress.AbsoluteUri);
        Assert.True(result.ExitCode == 0, result.ToString());
        var uuid = JsonDocument.Parse(result.Output).RootElement.GetProperty("uuid").GetString()!;
        Assert.Equal("ari@harbourside.example", (await Json(sandbox, "staff", "get", uuid)).GetProperty("email").GetString());
    }

    [Fact]
    public async Task Write_WithBodyOfAnotherElement_IsAUsageError()
    {
        var result = await CliRun.RunWithInputAsync("<Staff><Name>Ari</Name></Staff>", CliRun.NoEnvironment, CancellationToken.None, "clients", "add", "--body", "-", "--sandbox");

        Assert.Contains("<Client>", CliRun.AssertFailure(result, 2), StringComparison.Ordinal);
    }

    private static IEnumerable<string?> Ids(JsonElement list) => list.EnumerateArray().Select(static item => item.GetProperty("id").GetString());

    private static (string From, string To) Around(DateTime date) =>
        (date.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), date.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

    private static IEnumerable<string?> Uuids(JsonElement list) => list.EnumerateArray().Select(static item => item.GetProperty("uuid").GetString());

    /// <summary>Runs a command against <paramref name="sandbox"/> with its credentials; asserts success and returns standard output.</summary>
    private static async Task<string> Run(XpmSandbox sandbox, params string[] args)
    {
        var result = await CliRun.RunAsync(CliRun.CredentialsOf(sandbox), [.. args, "--base-url", sandbox.BaseAddress.AbsoluteUri]);
        Assert.True(result.ExitCode == 0, string.Join(' ', args) + "\n" + result);
        Assert.Equal(string.Empty, result.Error);
        return result.Output;
    }

    private static async Task<JsonElement> Json(XpmSandbox sandbox, params string[] args) =>
        JsonDocument.Parse(await Run(sandbox, [.. args, "-o", "json"])).RootElement.Clone();

    private static readonly string RootName = new RootCommand().Name;

    private static readonly Dictionary<string, string> Generated = GeneratedCommands.Usage()
        .ToDictionary(static pair => string.Join(' ', pair.Value.Split(' ').Skip(1).Where(static word => !word.StartsWith('<'))), static pair => pair.Value);

    private static IEnumerable<List<string>> Leaves(Command command, List<string> path)
    {
        if (command.Subcommands.Count == 0)
        {
            yield return path;
            yield break;
        }

        foreach (var sub in command.Subcommands)
        {
            foreach (var leaf in Leaves(sub, [.. path, sub.Name]))
            {
                yield return leaf;
            }
        }
    }
}
