using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using System.Xml.Linq;
using XpmGen.Cli.Sandbox;
using XpmGen.Serialization;

namespace XpmGen.Cli.Tests;

/// <summary>The commands end to end with <c>--sandbox</c>: the CLI starts the fake XPM, calls it through the runtime and prints.</summary>
public sealed class SandboxCommandTests
{
    private static readonly DemoPractice Demo = new();

    [Fact]
    public async Task ClientList_PrintsEveryDemoClientInAlignedColumns()
    {
        var result = await CliRun.RunAsync("client", "list", "--sandbox");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(string.Empty, result.Error);
        Assert.Contains("Kowhai Landscaping Ltd", result.Output, StringComparison.Ordinal);
        var lines = result.Output.TrimEnd('\n').Split('\n');
        Assert.Equal(2 + Demo.Clients.Count, lines.Length);
        Assert.Equal(["Name", "Email", "Phone", "Archived", "UUID"], lines[0].Split("  ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

        // Every column starts at the same offset on every line: the UUID column is where the header says.
        var uuidColumn = lines[0].IndexOf("UUID", StringComparison.Ordinal);
        foreach (var client in Demo.Clients)
        {
            var line = Assert.Single(lines, l => l.StartsWith(client.Name + " ", StringComparison.Ordinal));
            Assert.Equal(uuidColumn, line.IndexOf(client.Uuid!, StringComparison.Ordinal));
            Assert.Contains(client.Email!, line, StringComparison.Ordinal);
        }

        var archived = Assert.Single(lines, l => l.StartsWith("Tasman Marine Supplies Ltd", StringComparison.Ordinal));
        Assert.Contains("  Yes  ", archived, StringComparison.Ordinal);
        Assert.Contains("  No  ", Assert.Single(lines, l => l.StartsWith("Ana Harris", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClientList_GlobalOptionsMayComeFirst()
    {
        var result = await CliRun.RunAsync("--sandbox", "--output", "table", "client", "list");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Southern Cross Cafe Pty Ltd", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClientListDetailed_ShowsFieldsOnlyTheDetailedListHas()
    {
        var result = await CliRun.RunAsync("client", "list", "--detailed", "--sandbox");

        Assert.True(result.ExitCode == 0, result.ToString());
        var trust = result.Output.Split('\n').Single(l => l.StartsWith("Harris Family Trust", StringComparison.Ordinal));
        Assert.Contains("Trust", trust[20..], StringComparison.Ordinal);
        Assert.Contains("Harris Family  ", trust, StringComparison.Ordinal);
        Assert.Contains("Account manager", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClientListXml_IsIndentedXmlOfEveryClientInXpmElementNames()
    {
        var result = await CliRun.RunAsync("client", "list", "--sandbox", "--output", "xml");

        Assert.True(result.ExitCode == 0, result.ToString());
        var document = XDocument.Parse(result.Output);
        Assert.Equal("Clients", document.Root!.Name.LocalName);
        var clients = document.Root.Elements("Client").ToList();
        Assert.Equal(Demo.Clients.Select(c => c.Uuid), clients.Select(c => c.Element("UUID")?.Value));
        Assert.Equal(Demo.Clients.Select(c => c.Name), clients.Select(c => c.Element("Name")?.Value));
        Assert.Equal("Yes", clients.Single(c => c.Element("UUID")!.Value == DemoPractice.TasmanMarineUuid).Element("IsArchived")?.Value);
        Assert.Equal("Harris Family Trust", clients.Single(c => c.Element("UUID")!.Value == DemoPractice.AnaHarrisUuid).Element("BillingClient")?.Element("Name")?.Value);
        Assert.Contains("\n  <Client>", result.Output, StringComparison.Ordinal);

        // What the CLI writes, the generated reader reads back.
        using var reader = XpmXml.CreateReader(new StringReader(result.Output));
        reader.MoveToContent();
        var read = XpmXml.ReadList(reader, "Client", ClientXml.Read);
        var kowhai = read.Single(c => c.Uuid == DemoPractice.KowhaiLandscapingUuid);
        Assert.Equal(["Mere Parata", "Sam Whitcombe"], kowhai.Contacts.Select(c => c.Name));
        Assert.True(kowhai.Contacts[0].IsPrimary);
    }

    [Fact]
    public async Task ClientGet_KnownUuid_ShowsDetailsAndContacts()
    {
        var result = await CliRun.RunAsync("client", "get", DemoPractice.KowhaiLandscapingUuid, "--sandbox");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(string.Empty, result.Error);
        var lines = result.Output.Split('\n');
        Assert.Equal("Name:               Kowhai Landscaping Ltd", lines[0]);
        Assert.Contains("UUID:               " + DemoPractice.KowhaiLandscapingUuid, lines);
        Assert.Contains("Account manager:    Aroha Ngata", lines);
        Assert.Contains("Address:            27 Kowhai Road, Takapuna, Auckland 0622, New Zealand", lines);
        Assert.Contains(lines, l => l.StartsWith("Web:", StringComparison.Ordinal) && l.EndsWith("/Detail", StringComparison.Ordinal));
        Assert.Contains("Contacts (2)", lines);
        var mere = Assert.Single(lines, l => l.StartsWith("  Mere Parata ", StringComparison.Ordinal));
        Assert.Contains("Director", mere, StringComparison.Ordinal);
        Assert.Contains("mere@kowhailandscaping.example", mere, StringComparison.Ordinal);
        Assert.EndsWith("Yes", mere, StringComparison.Ordinal);
        var sam = Assert.Single(lines, l => l.StartsWith("  Sam Whitcombe ", StringComparison.Ordinal));
        Assert.Contains("Office Manager", sam, StringComparison.Ordinal);
        Assert.EndsWith("No", sam, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClientGet_BilledClient_NamesItsBillingClientAndRelationship()
    {
        var result = await CliRun.RunAsync("client", "get", DemoPractice.AnaHarrisUuid.ToUpperInvariant(), "--sandbox");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"Billing client:     Harris Family Trust ({DemoPractice.HarrisFamilyTrustUuid})", result.Output, StringComparison.Ordinal);
        Assert.Contains("Relationships (1)", result.Output, StringComparison.Ordinal);
        Assert.Contains("Date of birth:      1988-06-14", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClientGetXml_IsTheClientElementWithItsWebUrl()
    {
        var result = await CliRun.RunAsync("client", "get", DemoPractice.KowhaiLandscapingUuid, "--sandbox", "-o", "xml");

        Assert.True(result.ExitCode == 0, result.ToString());
        var client = XDocument.Parse(result.Output).Root!;
        Assert.Equal("Client", client.Name.LocalName);
        Assert.Equal(2, client.Element("Contacts")!.Elements("Contact").Count());
        Assert.Equal("Yes", client.Element("GSTRegistered")?.Value);
        Assert.StartsWith("https://practicemanager.xero.com/Client/", client.Element("WebUrl")?.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClientGet_UnknownUuid_ExitsOneWithXpmErrorDescription()
    {
        var result = await CliRun.RunAsync("client", "get", "00000000-0000-0000-0000-000000000000", "--sandbox");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(string.Empty, result.Output);
        Assert.Contains("Client not found", result.Error, StringComparison.Ordinal);
        Assert.Contains("client.api/get/", result.Error, StringComparison.Ordinal);
        CliRun.AssertNoStackTrace(result.Error);
        Assert.DoesNotContain(SandboxServer.AccessToken, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JobCurrent_ListsEveryCurrentJob()
    {
        var result = await CliRun.RunAsync("job", "current", "--sandbox");

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Output.TrimEnd('\n').Split('\n');
        Assert.Equal(["Number", "Name", "Client", "State", "Due"], lines[0].Split("  ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Equal(2 + Demo.Jobs.Count, lines.Length);
        var gst = Assert.Single(lines, l => l.StartsWith("J000412 ", StringComparison.Ordinal));
        Assert.Equal(["J000412", "GST Return Sep-Oct 2026", "Kowhai Landscaping Ltd", "In Progress", "2026-11-27"],
            gst.Split("  ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        foreach (var job in Demo.Jobs)
        {
            Assert.Contains(lines, l => l.StartsWith(job.Id + " ", StringComparison.Ordinal) && l.Contains(job.Client!.Name!, StringComparison.Ordinal) && l.Contains(job.State!, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task JobCurrentDetailed_ShowsTaskProgressThatOnlyDetailedJobsCarry()
    {
        var result = await CliRun.RunAsync("job", "current", "--detailed", "--sandbox");

        Assert.True(result.ExitCode == 0, result.ToString());
        var gst = result.Output.Split('\n').Single(l => l.StartsWith("J000412 ", StringComparison.Ordinal));
        Assert.Contains("  450.00  ", gst, StringComparison.Ordinal);
        Assert.Contains("  1/3  ", gst, StringComparison.Ordinal);
        Assert.EndsWith("1h 55m of 3h 30m", gst, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JobCurrentXml_SummaryJobsHaveNoTasks_DetailedJobsDo()
    {
        var summary = XDocument.Parse((await CliRun.RunAsync("job", "current", "--sandbox", "--output", "xml")).Output).Root!;
        var detailed = XDocument.Parse((await CliRun.RunAsync("job", "current", "--detailed", "--sandbox", "--output", "xml")).Output).Root!;

        Assert.Equal("Jobs", summary.Name.LocalName);
        Assert.Equal(Demo.Jobs.Select(j => j.Id), summary.Elements("Job").Select(j => j.Element("ID")?.Value));
        Assert.All(summary.Elements("Job"), job => Assert.Null(job.Element("Tasks")));
        var tasks = detailed.Elements("Job").Single(j => j.Element("ID")?.Value == "J000412").Element("Tasks")!.Elements("Task").ToList();
        Assert.Equal(["Reconcile bank accounts", "Prepare GST return", "Partner review"], tasks.Select(t => t.Element("Name")?.Value));
        Assert.Equal("true", tasks[0].Element("Completed")?.Value);
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
        Assert.Contains("HTTP 403", result.Error, StringComparison.Ordinal);
        Assert.Contains("tenant", result.Error, StringComparison.OrdinalIgnoreCase);
        CliRun.AssertNoStackTrace(result.Error);
    }
}
