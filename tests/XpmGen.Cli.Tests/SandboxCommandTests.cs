using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using System.Xml.Linq;
using XpmGen.Models;
using XpmGen.Serialization;

namespace XpmGen.Cli.Tests;

/// <summary>
/// The commands end to end with <c>--sandbox</c>: the CLI starts the sandbox over the demo practice, calls it through
/// the runtime and prints. Expected values come from the seed (<see cref="DemoSeed"/>).
/// </summary>
public sealed class SandboxCommandTests
{
    [Fact]
    public async Task ClientList_PrintsEveryDemoClientInAlignedColumns()
    {
        var result = await CliRun.RunAsync("client", "list", "--sandbox");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(string.Empty, result.Error);
        var table = PrintedTable.Parse(Lines(result.Output));
        Assert.Equal(["Name", "Email", "Phone", "Archived", "UUID"], table.Headers);
        Assert.Equal(DemoSeed.Clients.Select(c => c.Uuid), table.Rows.Select(row => row["UUID"]));
        foreach (var client in DemoSeed.Clients)
        {
            var row = table.Row("UUID", client.Uuid);
            Assert.Equal(client.Name, row["Name"]);
            Assert.Equal(client.Email ?? string.Empty, row["Email"]);
            Assert.Equal(client.Phone ?? string.Empty, row["Phone"]);
            Assert.Equal(client.IsArchived == true ? "Yes" : "No", row["Archived"]);
        }

        Assert.Contains(table.Rows, row => row["Archived"] == "Yes");
        Assert.Contains(table.Rows, row => row["Archived"] == "No");
    }

    [Fact]
    public async Task ClientList_GlobalOptionsMayComeFirst()
    {
        var result = await CliRun.RunAsync("--sandbox", "--output", "table", "client", "list");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(DemoSeed.Clients.Select(c => c.Name), PrintedTable.Parse(Lines(result.Output)).Rows.Select(row => row["Name"]));
    }

    [Fact]
    public async Task ClientListDetailed_ShowsFieldsOnlyTheDetailedListHas()
    {
        var summary = PrintedTable.Parse(Lines((await CliRun.RunAsync("client", "list", "--sandbox")).Output));
        var result = await CliRun.RunAsync("client", "list", "--detailed", "--sandbox");

        Assert.True(result.ExitCode == 0, result.ToString());
        var table = PrintedTable.Parse(Lines(result.Output));
        Assert.Equal(["Name", "Email", "Phone", "Archived", "Account manager", "Structure", "Groups", "UUID"], table.Headers);
        Assert.DoesNotContain("Groups", summary.Headers);
        foreach (var client in DemoSeed.Clients)
        {
            var row = table.Row("UUID", client.Uuid);
            Assert.Equal(client.AccountManager?.Name ?? string.Empty, row["Account manager"]);
            Assert.Equal(client.BusinessStructure ?? string.Empty, row["Structure"]);
            Assert.Equal(string.Join(", ", DemoSeed.GroupNamesOf(client)), row["Groups"]);
        }

        Assert.Contains(table.Rows, row => row["Groups"].Length > 0);
    }

    [Fact]
    public async Task ClientListXml_IsIndentedXmlOfEveryClientInXpmElementNames_ThatTheGeneratedReaderReadsBack()
    {
        var result = await CliRun.RunAsync("client", "list", "--sandbox", "--output", "xml");

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
    public async Task ClientGet_KnownUuid_ShowsAlignedDetailsAndContacts()
    {
        var client = DemoSeed.ClientWithContacts();

        var result = await CliRun.RunAsync("client", "get", client.Uuid!, "--sandbox");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(string.Empty, result.Error);
        var lines = Lines(result.Output);
        var details = Details(lines);
        Assert.Equal(client.Name, details["Name"]);
        Assert.Equal(client.Uuid, details["UUID"]);
        Assert.Equal(client.Email, details["Email"]);
        Assert.Equal(client.AccountManager?.Name, details["Account manager"]);
        Assert.StartsWith(client.Address + ", " + client.City + ", ", details["Address"], StringComparison.Ordinal);
        Assert.EndsWith(client.PostCode + ", " + client.Country, details["Address"], StringComparison.Ordinal);
        Assert.Equal(client.IsArchived == true ? "Yes" : "No", details["Archived"]);
        Assert.False(details.ContainsKey("Deleted"));

        var expected = DemoSeed.ContactsOf(client);
        var heading = lines.IndexOf($"Contacts ({expected.Count})");
        Assert.True(heading > 0, result.ToString());
        var contacts = PrintedTable.Parse(lines.Skip(heading + 1).TakeWhile(line => line.Length > 0).ToList(), indent: "  ");
        Assert.Equal(["Name", "Position", "Email", "Phone", "Mobile", "Primary"], contacts.Headers);
        Assert.Equal(expected.Select(c => c.Contact.Name), contacts.Rows.Select(row => row["Name"]));
        foreach (var (contact, link) in expected)
        {
            var row = contacts.Row("Name", contact.Name);
            Assert.Equal(link.Position ?? string.Empty, row["Position"]);
            Assert.Equal(contact.Email ?? string.Empty, row["Email"]);
            Assert.Equal(link.IsPrimary == true ? "Yes" : "No", row["Primary"]);
        }
    }

    [Fact]
    public async Task ClientGet_AnyCaseOfTheUuid_NamesTheBillingClient()
    {
        var client = DemoSeed.Clients.First(c => c.BillingClient is not null);
        var billing = DemoSeed.State.Clients.Find(client.BillingClient!.Uuid)!;

        var result = await CliRun.RunAsync("client", "get", client.Uuid!.ToUpperInvariant(), "--sandbox");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal($"{billing.Name} ({billing.Uuid})", Details(Lines(result.Output))["Billing client"]);
    }

    [Fact]
    public async Task ClientGet_ShowsRelationshipsAndDateOfBirth()
    {
        var client = DemoSeed.Clients.First(c => c.DateOfBirth is not null && DemoSeed.RelationshipsOf(c).Count > 0);
        var relationships = DemoSeed.RelationshipsOf(client);

        var result = await CliRun.RunAsync("client", "get", client.Uuid!, "--sandbox");

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = Lines(result.Output);
        Assert.Equal(client.DateOfBirth!.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), Details(lines)["Date of birth"]);
        var heading = lines.IndexOf($"Relationships ({relationships.Count})");
        Assert.True(heading > 0, result.ToString());
        var table = PrintedTable.Parse(lines.Skip(heading + 1).TakeWhile(line => line.Length > 0).ToList(), indent: "  ");
        Assert.Equal(relationships.Select(r => r.RelatedClient?.Name), table.Rows.Select(row => row["Related client"]));
        Assert.Equal(relationships.Select(r => r.RelationshipType?.Name), table.Rows.Select(row => row["Type"]));
    }

    [Fact]
    public async Task ClientGetXml_IsTheClientElementThatTheGeneratedReaderReadsBack()
    {
        var client = DemoSeed.ClientWithContacts();

        var result = await CliRun.RunAsync("client", "get", client.Uuid!, "--sandbox", "-o", "xml");

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
    public async Task ClientGet_UnknownUuid_ExitsOneWithXpmErrorDescription()
    {
        var result = await CliRun.RunAsync("client", "get", "00000000-0000-0000-0000-000000000000", "--sandbox");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(string.Empty, result.Output);
        Assert.Contains("Invalid client identifier", result.Error, StringComparison.Ordinal);
        Assert.Contains("client.api/get/", result.Error, StringComparison.Ordinal);
        CliRun.AssertNoStackTrace(result.Error);
        // The sandbox's access tokens start so; none may reach the terminal.
        Assert.DoesNotContain("sbx_at_", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JobCurrent_ListsEveryJobThatIsNotCompletedOrCancelled()
    {
        var result = await CliRun.RunAsync("job", "current", "--sandbox");

        Assert.True(result.ExitCode == 0, result.ToString());
        var table = PrintedTable.Parse(Lines(result.Output));
        Assert.Equal(["Number", "Name", "Client", "State", "Due"], table.Headers);
        Assert.Equal(DemoSeed.CurrentJobs.Select(j => j.Id), table.Rows.Select(row => row["Number"]));
        foreach (var job in DemoSeed.CurrentJobs)
        {
            var row = table.Row("Number", job.Id);
            Assert.Equal(
                new string?[] { job.Name, job.Client?.Name, job.State, job.DueDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) },
                new string?[] { row["Name"], row["Client"], row["State"], row["Due"] });
        }

        Assert.NotEmpty(DemoSeed.ClosedJobs);
        Assert.All(DemoSeed.ClosedJobs, job => Assert.DoesNotContain(job.Id!, result.Output, StringComparison.Ordinal));
    }

    [Fact]
    public async Task JobCurrentDetailed_ShowsBudgetAndTaskProgressThatOnlyDetailedJobsCarry()
    {
        var result = await CliRun.RunAsync("job", "current", "--detailed", "--sandbox");

        Assert.True(result.ExitCode == 0, result.ToString());
        var table = PrintedTable.Parse(Lines(result.Output));
        Assert.Equal(["Number", "Name", "Client", "State", "Due", "Manager", "Budget", "Tasks done", "Time"], table.Headers);
        foreach (var job in DemoSeed.CurrentJobs)
        {
            var row = table.Row("Number", job.Id);
            Assert.Equal(job.Manager?.Name ?? string.Empty, row["Manager"]);
            Assert.Equal(job.Budget?.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty, row["Budget"]);
            Assert.Equal($"{job.Tasks.Count(t => t.Completed == true)}/{job.Tasks.Count}", row["Tasks done"]);
            var actual = job.Tasks.Sum(DemoSeed.ActualMinutes);
            var estimated = job.Tasks.Sum(t => t.EstimatedMinutes ?? 0);
            Assert.Equal(DemoSeed.HoursAndMinutes(actual) + " of " + DemoSeed.HoursAndMinutes(estimated), row["Time"]);
        }

        Assert.Contains(table.Rows, row => row["Budget"].Length > 0 && row["Tasks done"] != "0/0");
    }

    [Fact]
    public async Task JobCurrentXml_SummaryJobsHaveNoTasks_DetailedJobsDo()
    {
        var summary = XDocument.Parse((await CliRun.RunAsync("job", "current", "--sandbox", "--output", "xml")).Output).Root!;
        var detailedRun = await CliRun.RunAsync("job", "current", "--detailed", "--sandbox", "--output", "xml");
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
    public async Task Endpoints_ListsEveryCatalogueEndpointWithItsScopes()
    {
        var result = await CliRun.RunAsync("endpoints");

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Output.TrimEnd('\n').Split('\n');
        Assert.Equal(2 + XpmEndpoints.All.Count, lines.Length);
        var pathColumn = lines[0].IndexOf("Path", StringComparison.Ordinal);
        var scopesColumn = lines[0].IndexOf("Scopes", StringComparison.Ordinal);
        for (var i = 0; i < XpmEndpoints.All.Count; i++)
        {
            var endpoint = XpmEndpoints.All[i];
            var line = lines[i + 2];
            Assert.StartsWith(endpoint.Method.Method + " ", line, StringComparison.Ordinal);
            Assert.Equal(endpoint.PathTemplate, line.Substring(pathColumn, scopesColumn - pathColumn).TrimEnd());
            Assert.Equal(string.Join(", ", endpoint.Scopes), line[scopesColumn..]);
        }

        Assert.Contains(lines, l => l.StartsWith("GET ", StringComparison.Ordinal) && l.Contains("client.api/get/{uuid}", StringComparison.Ordinal) && l.EndsWith("practicemanager.client.read", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EndpointsXml_HoldsEveryEndpointAndScope()
    {
        var result = await CliRun.RunAsync("endpoints", "--output", "xml");

        Assert.True(result.ExitCode == 0, result.ToString());
        var endpoints = XDocument.Parse(result.Output).Root!.Elements("Endpoint").ToList();
        Assert.Equal(XpmEndpoints.All.Select(e => e.Method.Method + " " + e.PathTemplate), endpoints.Select(e => e.Element("Method")!.Value + " " + e.Element("Path")!.Value));
        Assert.Equal(XpmEndpoints.All.Select(e => string.Join(",", e.Scopes)), endpoints.Select(e => string.Join(",", e.Element("Scopes")!.Elements("Scope").Select(s => s.Value))));
    }

    [Fact]
    public async Task Sandbox_WithAnotherTenant_IsRefusedLikeXpm()
    {
        var result = await CliRun.RunAsync("client", "list", "--sandbox", "--tenant", "11111111-2222-3333-4444-555555555555");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(string.Empty, result.Output);
        Assert.Contains("HTTP 403", result.Error, StringComparison.Ordinal);
        Assert.Contains("tenant", result.Error, StringComparison.OrdinalIgnoreCase);
        CliRun.AssertNoStackTrace(result.Error);
    }

    private static List<string> Lines(string output) => output.TrimEnd('\n').Split('\n').ToList();

    /// <summary>The labelled block at the top of client get, checking that every value starts in the same column.</summary>
    private static Dictionary<string, string> Details(IReadOnlyList<string> lines)
    {
        var block = lines.TakeWhile(line => line.Length > 0).ToList();
        var valueColumn = block[0].IndexOf(':', StringComparison.Ordinal) + 1;
        while (block[0][valueColumn] == ' ')
        {
            valueColumn++;
        }

        var details = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in block)
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            Assert.True(colon > 0 && colon < valueColumn - 1 && line[(colon + 1)..valueColumn].Trim().Length == 0 && line[valueColumn] != ' ',
                $"'{line}' does not start its value at column {valueColumn}");
            details.Add(line[..colon], line[valueColumn..]);
        }

        return details;
    }
}
