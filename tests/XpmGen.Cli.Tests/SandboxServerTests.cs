using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;
using XpmGen.Cli.Sandbox;

namespace XpmGen.Cli.Tests;

/// <summary>The sandbox on its own: the gateway checks, the envelope, and the runtime reading every endpoint it serves.</summary>
public sealed class SandboxServerTests : IAsyncLifetime
{
    private SandboxServer _sandbox = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _sandbox = await SandboxServer.StartAsync(CancellationToken.None);
        _http = new HttpClient(new SocketsHttpHandler { UseProxy = false });
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _sandbox.DisposeAsync();
    }

    private XpmClient CreateClient(string accessToken = SandboxServer.AccessToken, string tenantId = SandboxServer.TenantId) =>
        new(_http, new XpmClientOptions
        {
            BaseAddress = _sandbox.BaseAddress,
            TenantId = tenantId,
            AccessTokenProvider = new StaticAccessTokenProvider(accessToken),
        });

    private Task<HttpResponseMessage> GetAsync(string path, string? token, string? tenant)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_sandbox.BaseAddress, path));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (tenant is not null)
        {
            request.Headers.Add("xero-tenant-id", tenant);
        }

        return _http.SendAsync(request);
    }

    [Fact]
    public void ListensOnLoopbackUnderTheXpmPath()
    {
        Assert.Equal("127.0.0.1", _sandbox.BaseAddress.Host);
        Assert.NotEqual(0, _sandbox.BaseAddress.Port);
        Assert.Equal("/practicemanager/3.1/", _sandbox.BaseAddress.AbsolutePath);
    }

    [Fact]
    public async Task WrongToken_Is401()
    {
        using var response = await GetAsync("client.api/list", "not-the-sandbox-token", SandboxServer.TenantId);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("AuthenticationUnsuccessful", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingToken_Is401()
    {
        using var response = await GetAsync("staff.api/list", token: null, SandboxServer.TenantId);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("11111111-2222-3333-4444-555555555555")]
    public async Task RightTokenWithoutTheSandboxTenant_Is403(string? tenant)
    {
        using var response = await GetAsync("client.api/list", SandboxServer.AccessToken, tenant);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task RightCredentials_GetAnXpmEnvelopeAsTextXml()
    {
        using var response = await GetAsync("category.api/list", SandboxServer.AccessToken, SandboxServer.TenantId);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.True(response.Headers.Contains("xero-correlation-id"));
        var root = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        Assert.Equal("Response", root.Name.LocalName);
        Assert.Equal("OK", root.Element("Status")?.Value);
        Assert.Equal(["Compliance", "Advisory"], root.Element("Categories")!.Elements("Category").Select(c => c.Element("Name")!.Value));
    }

    [Fact]
    public async Task UnknownClient_IsHttp200WithStatusError()
    {
        using var response = await GetAsync("client.api/get/5d7e0a55-0000-4000-8000-000000000000", SandboxServer.AccessToken, SandboxServer.TenantId);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var root = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        Assert.Equal("ERROR", root.Element("Status")?.Value);
        Assert.Equal("Client not found", root.Element("ErrorDescription")?.Value);
    }

    [Fact]
    public async Task Runtime_ReadsClientsInSummaryAndDetail()
    {
        var xpm = CreateClient();

        var summary = await xpm.Clients.ListAsync(null, null, CancellationToken.None);
        var detailed = await xpm.Clients.ListAsync(true, null, CancellationToken.None);

        Assert.Equal(_sandbox.Practice.Clients.Select(c => c.Name), summary.Select(c => c.Name));
        Assert.All(summary, c => Assert.Empty(c.Groups));
        Assert.All(summary, c => Assert.NotEmpty(c.Contacts));
        Assert.Equal("Harris Family Trust", summary.Single(c => c.Uuid == DemoPractice.AnaHarrisUuid).BillingClient?.Name);
        Assert.Equal(["Harris Family"], detailed.Single(c => c.Uuid == DemoPractice.HarrisFamilyTrustUuid).Groups!.Select(g => g.Name));
        Assert.Equal("Company", detailed.Single(c => c.Uuid == DemoPractice.KowhaiLandscapingUuid).BusinessStructure);
    }

    [Fact]
    public async Task Runtime_GetsAClientWithItsWebUrlFromBesideTheEntity()
    {
        var client = await CreateClient().Clients.GetAsync(DemoPractice.KowhaiLandscapingUuid, CancellationToken.None);

        Assert.Equal("Kowhai Landscaping Ltd", client.Name);
        Assert.Equal(["Mere Parata", "Sam Whitcombe"], client.Contacts.Select(c => c.Name));
        Assert.Equal(_sandbox.Practice.ClientWebUrl(_sandbox.Practice.FindClient(DemoPractice.KowhaiLandscapingUuid)!), client.WebUrl);
    }

    [Fact]
    public async Task Runtime_UnknownClient_IsXpmApiExceptionWithTheDescription()
    {
        var error = await Assert.ThrowsAsync<XpmApiException>(() => CreateClient().Clients.GetAsync("nope", CancellationToken.None));

        Assert.Equal("Client not found", error.ErrorDescription);
        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
    }

    [Fact]
    public async Task Runtime_SearchesClientsByNameEmailOrContact()
    {
        var xpm = CreateClient();

        var byName = await xpm.Clients.SearchAsync("harris", null, CancellationToken.None);
        var byContact = await xpm.Clients.SearchAsync("Chloe", null, CancellationToken.None);
        var none = await xpm.Clients.SearchAsync("zzz-no-such-client", null, CancellationToken.None);

        Assert.Equal(["Harris Family Trust", "Ana Harris"], byName.Select(c => c.Name));
        Assert.Equal(["Southern Cross Cafe Pty Ltd"], byContact.Select(c => c.Name));
        Assert.Empty(none);
    }

    [Fact]
    public async Task Runtime_ReadsJobsStaffAndCategories()
    {
        var xpm = CreateClient();

        var jobs = await xpm.Jobs.CurrentAsync(null, CancellationToken.None);
        var job = await xpm.Jobs.GetAsync("J000415", CancellationToken.None);
        var staff = await xpm.Staff.ListAsync(CancellationToken.None);
        var categories = await xpm.Categories.ListAsync(CancellationToken.None);

        Assert.Equal(["J000412", "J000415", "J000418"], jobs.Select(j => j.Id));
        Assert.All(jobs, j => Assert.Empty(j.Tasks));
        Assert.Equal(3, job.Tasks.Count);
        Assert.Equal(new DateTime(2026, 12, 11), Assert.Single(job.Milestones).Date);
        Assert.Equal(3200.00m, job.Budget);
        Assert.EndsWith("id=J000415", job.WebUrl, StringComparison.Ordinal);
        Assert.Equal(["Aroha Ngata", "Liam O'Connor", "Priya Sharma"], staff.Select(s => s.Name));
        Assert.Equal(2, categories.Count);
        var missing = await Assert.ThrowsAsync<XpmApiException>(() => xpm.Jobs.GetAsync("J999999", CancellationToken.None));
        Assert.Equal("Job not found", missing.ErrorDescription);
    }

    [Fact]
    public async Task Runtime_ListsTimeWithinTheRangeOnly()
    {
        var xpm = CreateClient();

        var november = await xpm.Time.ListAsync(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30), CancellationToken.None);
        var october = await xpm.Time.ListAsync(new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31), CancellationToken.None);

        Assert.Equal(4, november.Count);
        Assert.All(november, t => Assert.Equal(11, t.Date!.Value.Month));
        var meeting = Assert.Single(october);
        Assert.Equal("Aroha Ngata", meeting.Staff?.Name);
        Assert.Equal("J000418", meeting.Job?.Id);
        Assert.Equal(60, meeting.Minutes);
        Assert.Equal(new TimeOnly(15, 0), meeting.End);
    }

    [Fact]
    public async Task Runtime_TimeRangeOfMoreThanAYear_IsRefusedWith400()
    {
        var error = await Assert.ThrowsAsync<XpmApiException>(() =>
            CreateClient().Time.ListAsync(new DateOnly(2025, 1, 1), new DateOnly(2026, 6, 30), CancellationToken.None));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Contains("one year", error.ErrorDescription, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TimeListWithoutRange_Is400WithStatusError()
    {
        using var response = await GetAsync("time.api/list", SandboxServer.AccessToken, SandboxServer.TenantId);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("ERROR", XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!.Element("Status")?.Value);
    }

    [Fact]
    public async Task Dispose_StopsListening()
    {
        var sandbox = await SandboxServer.StartAsync(CancellationToken.None);
        var address = new Uri(sandbox.BaseAddress, "staff.api/list");
        await sandbox.DisposeAsync();

        await Assert.ThrowsAsync<HttpRequestException>(() => _http.GetAsync(address));
    }
}
