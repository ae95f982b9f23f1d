using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;
using XpmGen.Sandbox;
using XpmGen.Serialization;

namespace XpmGen.Cli.Tests;

/// <summary><c>xpm api</c>: any call through <c>SendRawAsync</c>, printed as XPM's XML or a generic JSON rendering of it.</summary>
public sealed class ApiCommandTests
{
    [Fact]
    public async Task Get_PrintsThePayloadXmlAsXpmSentIt_ThatTheGeneratedReaderReadsBack()
    {
        var client = DemoSeed.ClientWithContacts();

        var result = await CliRun.RunAsync("api", "GET", "client.api/get/" + client.Uuid, "--sandbox");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(string.Empty, result.Error);
        Assert.Equal("Client", XDocument.Parse(result.Output).Root!.Name.LocalName);
        using var reader = XpmXml.CreateReader(new StringReader(result.Output));
        reader.MoveToContent();
        var read = ClientXml.Read(reader);
        Assert.Equal((client.Uuid, client.Name, client.Email), (read.Uuid, read.Name, read.Email));
        Assert.Equal(DemoSeed.ContactsOf(client).Select(c => c.Contact.Name), read.Contacts.Select(c => c.Name));
    }

    [Fact]
    public async Task Json_ElementsAreObjects_RepeatedChildrenArrays_TextStrings()
    {
        var client = DemoSeed.ClientWithContacts();

        var result = await CliRun.RunAsync("api", "get", "/client.api/get/" + client.Uuid, "--sandbox", "-o", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var json = JsonDocument.Parse(result.Output).RootElement;
        Assert.Equal(client.Uuid, json.GetProperty("UUID").GetString());
        Assert.Equal(client.Name, json.GetProperty("Name").GetString());
        // XPM's words stay as XPM wrote them: no model says IsArchived is a flag.
        Assert.Equal(client.IsArchived == true ? "Yes" : "No", json.GetProperty("IsArchived").GetString());
        var contacts = json.GetProperty("Contacts").GetProperty("Contact");
        Assert.Equal(JsonValueKind.Array, contacts.ValueKind);
        Assert.Equal(DemoSeed.ContactsOf(client).Select(c => c.Contact.Name), contacts.EnumerateArray().Select(c => c.GetProperty("Name").GetString()));
        Assert.Equal(client.AccountManager?.Name, json.GetProperty("AccountManager").GetProperty("Name").GetString());
    }

    [Fact]
    public async Task Query_IsSentAsGiven()
    {
        var job = DemoSeed.CurrentJobs[0];
        var date = job.StartDate!.Value;

        var result = await CliRun.RunAsync(
            "api", "GET", "job.api/list", "--query", "from=" + date.AddDays(-1).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture),
            "-q", "to=" + date.AddDays(1).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture), "--sandbox", "-o", "xml");

        Assert.True(result.ExitCode == 0, result.ToString());
        var ids = XDocument.Parse(result.Output).Root!.Elements("Job").Select(j => j.Element("ID")!.Value).ToList();
        Assert.Contains(job.Id, ids);
    }

    [Fact]
    public async Task Post_WithBodyFromStandardInput_ThenGet_InOneSandbox()
    {
        await using var sandbox = await XpmSandbox.StartAsync();
        var environment = CliRun.CredentialsOf(sandbox);
        var baseUrl = sandbox.BaseAddress.AbsoluteUri;

        var added = await CliRun.RunWithInputAsync("<Client><Name>Pīwakawaka Tours</Name><Email>kia.ora@piwakawaka.example</Email></Client>", environment, CancellationToken.None, "api", "POST", "client.api/add", "--body", "-", "--base-url", baseUrl);
        Assert.True(added.ExitCode == 0, added.ToString());
        var uuid = XDocument.Parse(added.Output).Root!.Element("UUID")!.Value;
        var read = await CliRun.RunAsync(environment, "api", "GET", "client.api/get/" + uuid, "-o", "json", "--base-url", baseUrl);

        Assert.True(read.ExitCode == 0, read.ToString());
        Assert.Equal("Pīwakawaka Tours", JsonDocument.Parse(read.Output).RootElement.GetProperty("Name").GetString());
    }

    [Fact]
    public async Task Put_WithBodyFile()
    {
        await using var sandbox = await XpmSandbox.StartAsync();
        var staff = DemoSeed.State.Staff.All[0];
        var file = Path.Combine(Path.GetTempPath(), $"xpm-api-{Guid.NewGuid():N}.xml");
        await File.WriteAllTextAsync(file, $"<Staff><UUID>{staff.Uuid}</UUID><Name>{staff.Name}</Name><Phone>09 555 0199</Phone></Staff>");
        try
        {
            var result = await CliRun.RunAsync(CliRun.CredentialsOf(sandbox), "api", "PUT", "staff.api/update", "--body", file, "--base-url", sandbox.BaseAddress.AbsoluteUri);

            Assert.True(result.ExitCode == 0, result.ToString());
            var read = await sandbox.CreateClient().Staff.GetAsync(staff.Uuid!, CancellationToken.None);
            Assert.Equal("09 555 0199", read.Phone);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task XpmError_ExitsFour()
    {
        var result = await CliRun.RunAsync("api", "GET", "client.api/get/" + Guid.NewGuid(), "--sandbox");

        Assert.Contains("Invalid client identifier", CliRun.AssertFailure(result, 4), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("FETCH", "client.api/list")]
    [InlineData("GET", "https://api.xero.com/practicemanager/3.1/client.api/list")]
    [InlineData("GET", "client.api/list?detailed=true")]
    [InlineData("GET", "client.api//list")]
    [InlineData("GET", "client.api/../job.api/current")]
    [InlineData("GET", "client api/list")]
    [InlineData("GET", "client.api/list", "--query", "detailed")]
    [InlineData("GET", "client.api/list", "--query", "=true")]
    [InlineData("POST", "client.api/add", "--body", "/nonexistent/xpm-body.xml")]
    [InlineData("GET")]
    public async Task BadSyntax_IsAUsageError_BeforeAnythingIsSent(params string[] args)
    {
        // No credentials and no --sandbox: reaching the session would fail differently.
        var line = CliRun.AssertFailure(await CliRun.RunAsync(["api", .. args]), 2);

        Assert.DoesNotContain("Missing credentials", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BodyThatIsNotXml_IsAUsageError()
    {
        var result = await CliRun.RunWithInputAsync("Name=Acme", CliRun.NoEnvironment, CancellationToken.None, "api", "POST", "client.api/add", "--body", "-", "--sandbox");

        Assert.Contains("not valid XML", CliRun.AssertFailure(result, 2), StringComparison.Ordinal);
    }
}
