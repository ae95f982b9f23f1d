using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using System.Xml.Linq;
using XpmGen.Models;
using XpmGen.Serialization;

namespace XpmGen.Cli.Tests;

/// <summary>
/// The generated commands end to end with <c>--sandbox</c>: the CLI starts the sandbox over the demo practice, calls it
/// through the runtime and prints the generic table (from the JSON writers) or XPM's XML. Expected values come from
/// the seed (<see cref="DemoSeed"/>). A wide terminal (<c>COLUMNS</c>) keeps every column unless a test narrows it.
/// </summary>
public sealed class SandboxCommandTests
{
    private static readonly System.Collections.Generic.Dictionary<string, string> Wide = CliRun.Columns(1000);

    [Fact]
    public async Task ClientsList_PrintsEveryDemoClientInAlignedColumns()
    {
        var result = await CliRun.RunAsync(Wide, "clients", "list", "--sandbox");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(string.Empty, result.Error);
        var table = PrintedTable.Parse(CliRun.Lines(result.Output));
        // The columns people look for first lead; the rest follow in XPM's order.
        Assert.Equal(["Name", "UUID", "Email"], table.Headers.Take(3));
        Assert.Equal(DemoSeed.Clients.Select(c => c.Uuid), table.Rows.Select(row => row["UUID"]));
        foreach (var client in DemoSeed.Clients)
        {
            var row = table.Row("UUID", client.Uuid);
            Assert.Equal(client.Name, row["Name"]);
            Assert.Equal(client.Email ?? string.Empty, row["Email"]);
            Assert.Equal(client.Phone ?? string.Empty, row["Phone"]);
            Assert.Equal(client.IsArchived == true ? "Yes" : "No", row["Is Archived"]);
            Assert.Equal(client.AccountManager?.Name ?? string.Empty, row["Account Manager"]);
        }

        Assert.Contains(table.Rows, row => row["Is Archived"] == "Yes");
        Assert.Contains(table.Rows, row => row["Is Archived"] == "No");
        // The hidden ...Xml text twins of typed values never show.
        Assert.DoesNotContain(table.Headers, header => header.EndsWith("Xml", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(80)]
    [InlineData(100)]
    public async Task ClientsList_FitsTheTerminal_KeepingNameAndUuid(int columns)
    {
        var result = await CliRun.RunAsync(CliRun.Columns(columns), "clients", "list", "--sandbox");

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = CliRun.Lines(result.Output);
        Assert.All(lines, line => Assert.True(line.Length <= columns, $"'{line}' is wider than {columns}"));
        var table = PrintedTable.Parse(lines);
        Assert.Equal(["Name", "UUID"], table.Headers.Take(2));
        Assert.Equal(DemoSeed.Clients.Select(c => c.Uuid), table.Rows.Select(row => row["UUID"]));
    }

    [Fact]
    public async Task ClientsList_GlobalOptionsMayComeFirst()
    {
        var result = await CliRun.RunAsync(Wide, "--sandbox", "--output", "table", "clients", "list");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(DemoSeed.Clients.Select(c => c.Name), PrintedTable.Parse(CliRun.Lines(result.Output)).Rows.Select(row => row["Name"]));
    }

    [Fact]
    public async Task ClientsListDetailed_ShowsFieldsOnlyTheDetailedListHas()
    {
        var summary = PrintedTable.Parse(CliRun.Lines((await CliRun.RunAsync(Wide, "clients", "list", "--sandbox")).Output));
        var result = await CliRun.RunAsync(Wide, "clients", "list", "--detailed", "--sandbox");

        Assert.True(result.ExitCode == 0, result.ToString());
        var table = PrintedTable.Parse(CliRun.Lines(result.Output));
        Assert.DoesNotContain("Groups", summary.Headers);
        Assert.DoesNotContain("Business Structure", summary.Headers);
        foreach (var client in DemoSeed.Clients)
        {
            var row = table.Row("UUID", client.Uuid);
            Assert.Equal(client.BusinessStructure ?? string.Empty, row["Business Structure"]);
            // A nested list shows its count.
            var groups = DemoSeed.GroupNamesOf(client).Count;
            Assert.Equal(groups == 0 ? string.Empty : $"({groups})", row["Groups"]);
        }

        Assert.Contains(table.Rows, row => row["Groups"].Length > 0);
    }

    [Fact]
    public async Task ClientsListXml_IsIndentedXmlOfEveryClientInXpmElementNames_ThatTheGeneratedReaderReadsBack()
    {
        var result = await CliRun.RunAsync("clients", "list", "--sandbox", "--output", "xml");

        Assert.True(result.ExitCode == 0, result.ToString());
        var document = XDocument.Parse(result.Output);
        Assert.Equal("Clients", document.Root!.Name.LocalName);
        var clients = document.Root.Elements("Client").ToList();
        Assert.Equal(DemoSeed.Clients.Select(c => c.Uuid), clients.Select(c => c.Element("UUID")?.Value));
        Assert.Equal(DemoSeed.Clients.Select(c => c.Name), clients.Select(c => c.Element("Name")?.Value));
        Assert.Equal(DemoSeed.Clients.Select(c => c.IsArchived == true ? "Yes" : "No"), clients.Select(c => c.Element("IsArchived")?.Value));
        var billed = DemoSeed.Clients.First(c => c.BillingClient is not null);
        Assert.Equal(billed.BillingClient!.Name, clients.Single(c => c.Element("UUID")!.Value == billed.Uuid).Element("BillingClient")?.Element("Name")?.Value);
        // The list without --detailed is XPM's summary: no groups even for a client in one.
        Assert.All(clients, client => Assert.Null(client.Element("Groups")));
        Assert.Contains("\n  <Client>", result.Output, StringComparison.Ordinal);

        // What the CLI writes, the generated reader reads back.
        using var reader = XpmXml.CreateReader(new StringReader(result.Output));
        reader.MoveToContent();
        var read = XpmXml.ReadList(reader, "Client", ClientXml.Read);
        var withContacts = DemoSeed.ClientWithContacts();
        var expected = DemoSeed.ContactsOf(withContacts);
        var contacts = read.Single(c => c.Uuid == withContacts.Uuid).Contacts;
        Assert.Equal(expected.Select(c => c.Contact.Name), contacts.Select(c => c.Name));
        Assert.Equal(expected.Select(c => c.Link.IsPrimary ?? false), contacts.Select(c => c.IsPrimary ?? false));
        Assert.Equal(DemoSeed.Clients.Select(c => c.Email), read.Select(c => c.Email));
    }

    [Fact]
    public async Task ClientsGet_KnownUuid_ShowsAlignedDetailsAndContacts()
    {
        var client = DemoSeed.ClientWithContacts();

        var result = await CliRun.RunAsync(Wide, "clients", "get", client.Uuid!, "--sandbox");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(string.Empty, result.Error);
        var details = PrintedObject.Parse(CliRun.Lines(result.Output));
        Assert.Equal(client.Name, details["Name"]);
        Assert.Equal(client.Uuid, details["UUID"]);
        Assert.Equal(client.Email, details["Email"]);
        Assert.Equal(client.AccountManager?.Name, details["Account Manager"]);
        Assert.Equal(client.City, details["City"]);
        Assert.Equal(client.PostCode, details["Post Code"]);
        Assert.Equal(client.Country, details["Country"]);
        Assert.Equal(client.IsArchived == true ? "Yes" : "No", details["Is Archived"]);
        Assert.Equal("No", details["Is Deleted"]);

        var expected = DemoSeed.ContactsOf(client);
        var contacts = details.Sections["Contacts"];
        Assert.Equal(expected.Select(c => c.Contact.Name), contacts.Rows.Select(row => row["Name"]));
        foreach (var (contact, link) in expected)
        {
            var row = contacts.Row("Name", contact.Name);
            Assert.Equal(contact.Uuid, row["UUID"]);
            Assert.Equal(contact.Email ?? string.Empty, row["Email"]);
            Assert.Equal(link.IsPrimary == true ? "Yes" : "No", row["Is Primary"]);
        }
    }

    [Fact]
    public async Task ClientsGet_AnyCaseOfTheUuid_NamesTheBillingClient()
    {
        var client = DemoSeed.Clients.First(c => c.BillingClient is not null);
        var billing = DemoSeed.State.Clients.Find(client.BillingClient!.Uuid)!;

        var result = await CliRun.RunAsync(Wide, "clients", "get", client.Uuid!.ToUpperInvariant(), "--sandbox");

        Assert.True(result.ExitCode == 0, result.ToString());
        var details = PrintedObject.Parse(CliRun.Lines(result.Output));
        Assert.Equal(billing.Name, details["Billing Client"]);
        Assert.Equal(client.Uuid, details["UUID"]);
    }

    [Fact]
    public async Task ClientsGet_ShowsRelationshipsAndDateOfBirth()
    {
        var client = DemoSeed.Clients.First(c => c.DateOfBirth is not null && DemoSeed.RelationshipsOf(c).Count > 0);
        var relationships = DemoSeed.RelationshipsOf(client);

        var result = await CliRun.RunAsync(Wide, "clients", "get", client.Uuid!, "--sandbox");

        Assert.True(result.ExitCode == 0, result.ToString());
        var details = PrintedObject.Parse(CliRun.Lines(result.Output));
        Assert.Equal(client.DateOfBirth!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), details["Date Of Birth"]);
        var table = details.Sections["Relationships"];
        Assert.Equal(relationships.Select(r => r.RelatedClient?.Name), table.Rows.Select(row => row["Related Client"]));
        Assert.Equal(relationships.Select(r => r.RelationshipType?.Name), table.Rows.Select(row => row["Type"]));
    }

    [Fact]
    public async Task ClientsGetXml_IsTheClientElementThatTheGeneratedReaderReadsBack()
    {
        var client = DemoSeed.ClientWithContacts();

        var result = await CliRun.RunAsync("clients", "get", client.Uuid!, "--sandbox", "-o", "xml");

        Assert.True(result.ExitCode == 0, result.ToString());
        var element = XDocument.Parse(result.Output).Root!;
        Assert.Equal("Client", element.Name.LocalName);
        Assert.Equal(DemoSeed.ContactsOf(client).Count, element.Element("Contacts")!.Elements("Contact").Count());
        Assert.Equal(client.GstRegistered == true ? "Yes" : "No", element.Element("GSTRegistered")?.Value);

        using var reader = XpmXml.CreateReader(new StringReader(result.Output));
        reader.MoveToContent();
        var read = ClientXml.Read(reader);
        Assert.Equal(client.Uuid, read.Uuid);
        Assert.Equal(client.Name, read.Name);
        Assert.Equal(client.BusinessStructure, read.BusinessStructure);
        Assert.Equal(DemoSeed.GroupNamesOf(client), read.Groups.Select(g => g.Name));
    }

    [Fact]
    public async Task ClientsGet_UnknownUuid_ExitsFourWithXpmErrorDescription()
    {
        var result = await CliRun.RunAsync("clients", "get", "00000000-0000-0000-0000-000000000000", "--sandbox");

        var line = CliRun.AssertFailure(result, 4);
        Assert.Contains("Invalid client identifier", line, StringComparison.Ordinal);
        Assert.Contains("client.api/get/", line, StringComparison.Ordinal);
        // The sandbox's access tokens start so; none may reach the terminal.
        Assert.DoesNotContain("sbx_at_", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JobsCurrent_ListsEveryJobThatIsNotCompletedOrCancelled()
    {
        var result = await CliRun.RunAsync(Wide, "jobs", "current", "--sandbox");

        Assert.True(result.ExitCode == 0, result.ToString());
        var table = PrintedTable.Parse(CliRun.Lines(result.Output));
        Assert.Equal(["ID", "Name", "UUID"], table.Headers.Take(3));
        Assert.Equal(DemoSeed.CurrentJobs.Select(j => j.Id), table.Rows.Select(row => row["ID"]));
        foreach (var job in DemoSeed.CurrentJobs)
        {
            var row = table.Row("ID", job.Id);
            Assert.Equal(
                new string?[] { job.Name, job.Uuid, job.Client?.Name, job.State, Date(job.StartDate), Date(job.DueDate) },
                new string?[] { row["Name"], row["UUID"], row["Client"], row["State"], row["Start Date"], row["Due Date"] });
        }

        Assert.NotEmpty(DemoSeed.ClosedJobs);
        Assert.All(DemoSeed.ClosedJobs, job => Assert.DoesNotContain(job.Id!, result.Output, StringComparison.Ordinal));
    }

    [Fact]
    public async Task JobsCurrentDetailed_ShowsBudgetAndTasksThatOnlyDetailedJobsCarry()
    {
        var summary = PrintedTable.Parse(CliRun.Lines((await CliRun.RunAsync(Wide, "jobs", "current", "--sandbox")).Output));
        var result = await CliRun.RunAsync(Wide, "jobs", "current", "--detailed", "--sandbox");

        Assert.True(result.ExitCode == 0, result.ToString());
        var table = PrintedTable.Parse(CliRun.Lines(result.Output));
        Assert.DoesNotContain("Tasks", summary.Headers);
        foreach (var job in DemoSeed.CurrentJobs)
        {
            var row = table.Row("ID", job.Id);
            Assert.Equal(job.Manager?.Name ?? string.Empty, row["Manager"]);
            Assert.Equal(job.Budget, row["Budget"].Length == 0 ? null : decimal.Parse(row["Budget"], CultureInfo.InvariantCulture));
            Assert.Equal(job.Tasks.Count == 0 ? string.Empty : $"({job.Tasks.Count})", row["Tasks"]);
        }

        Assert.Contains(table.Rows, row => row["Budget"].Length > 0 && row["Tasks"].Length > 0);
    }

    [Fact]
    public async Task JobsCurrentXml_SummaryJobsHaveNoTasks_DetailedJobsDo()
    {
        var summary = XDocument.Parse((await CliRun.RunAsync("jobs", "current", "--sandbox", "--output", "xml")).Output).Root!;
        var detailedRun = await CliRun.RunAsync("jobs", "current", "--detailed", "--sandbox", "--output", "xml");
        var detailed = XDocument.Parse(detailedRun.Output).Root!;

        Assert.Equal("Jobs", summary.Name.LocalName);
        Assert.Equal(DemoSeed.CurrentJobs.Select(j => j.Id), summary.Elements("Job").Select(j => j.Element("ID")?.Value));
        Assert.All(summary.Elements("Job"), job => Assert.Null(job.Element("Tasks")));
        var job = DemoSeed.CurrentJobs.First(j => j.Tasks.Count > 1);
        var tasks = detailed.Elements("Job").Single(j => j.Element("ID")?.Value == job.Id).Element("Tasks")!.Elements("Task").ToList();
        Assert.Equal(job.Tasks.Select(t => t.Name), tasks.Select(t => t.Element("Name")?.Value));
        Assert.Equal(job.Tasks.Select(t => t.Completed == true ? "true" : "false"), tasks.Select(t => t.Element("Completed")?.Value));

        using var reader = XpmXml.CreateReader(new StringReader(detailedRun.Output));
        reader.MoveToContent();
        var read = XpmXml.ReadList(reader, "Job", JobXml.Read);
        Assert.Equal(DemoSeed.CurrentJobs.Select(j => j.Tasks.Count), read.Select(j => j.Tasks.Count));
    }

    [Fact]
    public async Task Sandbox_WithAnotherTenant_IsRefusedLikeXpm_ExitThree()
    {
        var result = await CliRun.RunAsync("clients", "list", "--sandbox", "--tenant", "11111111-2222-3333-4444-555555555555");

        var line = CliRun.AssertFailure(result, 3);
        Assert.Contains("HTTP 403", line, StringComparison.Ordinal);
        Assert.Contains("tenant", line, StringComparison.OrdinalIgnoreCase);
    }

    private static string Date(DateTime? value) => value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty;
}
