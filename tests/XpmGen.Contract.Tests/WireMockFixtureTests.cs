using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading.Tasks;
using System.Xml.Linq;
using XpmGen.Contract.Tests.Infrastructure;
using Xunit;

namespace XpmGen.Contract.Tests;

/// <summary>The fixture itself: WireMock.Net is up, serves the contracts and records requests.</summary>
[Collection(WireMockCollection.Name)]
public sealed class WireMockFixtureTests : IAsyncLifetime
{
    private readonly WireMockServer _server;

    public WireMockFixtureTests(WireMockServer server) => _server = server;

    public Task InitializeAsync() => _server.ResetJournalAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Server_is_the_pinned_WireMock_on_loopback_with_every_contract_loaded()
    {
        using var http = new HttpClient();
        using var response = await http.GetAsync(new Uri(_server.ServerAddress, "__admin/health"));

        // No admin interface: the tests drive WireMock.Net in process, so this is just an unmatched request.
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var version = typeof(global::WireMock.Server.WireMockServer).Assembly
            .GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .Cast<System.Reflection.AssemblyInformationalVersionAttribute>()
            .Single().InformationalVersion;
        Assert.StartsWith(WireMockServer.ExpectedWireMockVersion, version, StringComparison.Ordinal);
        Assert.Equal("127.0.0.1", _server.BaseAddress.Host);
        Assert.Equal(WireMockServer.ApiBasePath, _server.BaseAddress.AbsolutePath);
        Assert.Equal(186, _server.FileMappingCount);
    }

    [Fact]
    public async Task Raw_call_to_a_stub_gets_the_XPM_response_and_is_journaled()
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_server.BaseAddress, "category.api/list"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ContractData.AccessToken);
        request.Headers.Add("Xero-Tenant-Id", ContractData.TenantId);

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.True(response.Headers.Contains("xero-correlation-id"));
        Assert.Equal("59", response.Headers.GetValues("X-MinLimit-Remaining").Single());
        Assert.Equal("4987", response.Headers.GetValues("X-DayLimit-Remaining").Single());
        Assert.Equal("9998", response.Headers.GetValues("X-AppMinLimit-Remaining").Single());
        var xml = XDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("OK", xml.Root!.Element("Status")!.Value);
        Assert.Equal(new[] { "Annual Accounts", "Tax Returns" }, xml.Root.Element("Categories")!.Elements("Category").Select(c => c.Element("Name")!.Value));

        var recorded = await _server.SingleRequestAsync("GET", "category.api/list");
        Assert.True(recorded.WasMatched);
        Assert.Equal("/practicemanager/3.1/category.api/list", recorded.AbsolutePath);
        Assert.Empty(recorded.Query);
        Assert.Equal(ContractData.TenantId, recorded.Header("xero-tenant-id"));
        Assert.Equal(ContractData.TenantId, recorded.Header("XERO-TENANT-ID"));
        Assert.Equal("Bearer " + ContractData.AccessToken, recorded.Header("authorization"));
        Assert.Equal(string.Empty, recorded.Body);
    }

    [Fact]
    public async Task Journal_decodes_query_parameters()
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(
            HttpMethod.Get,
            new Uri(_server.BaseAddress, "client.api/list?detailed=true&modifiedsince=2012-06-05T06%3A00%3A00"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ContractData.AccessToken);
        request.Headers.Add("xero-tenant-id", ContractData.TenantId);

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var recorded = await _server.SingleRequestAsync("GET", "client.api/list");
        Assert.Equal("true", recorded.QueryValue("detailed"));
        Assert.Equal("2012-06-05T06:00:00", recorded.QueryValue("modifiedsince"));
        Assert.Null(recorded.QueryValue("query"));
    }

    [Fact]
    public async Task Request_without_tenant_header_matches_no_stub()
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_server.BaseAddress, "staff.api/list"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ContractData.AccessToken);

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var recorded = await _server.SingleRequestAsync("GET", "staff.api/list");
        Assert.False(recorded.WasMatched);
    }

    [Fact]
    public async Task Write_stub_requires_its_documented_body()
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_server.BaseAddress, "client.api/delete"))
        {
            Content = new StringContent("<Client><Name>no uuid</Name></Client>", System.Text.Encoding.UTF8, "application/xml"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ContractData.AccessToken);
        request.Headers.Add("xero-tenant-id", ContractData.TenantId);

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var recorded = await _server.SingleRequestAsync("POST", "client.api/delete");
        Assert.Equal("<Client><Name>no uuid</Name></Client>", recorded.Body);
        Assert.Equal("Client", recorded.BodyAsXml().Root!.Name.LocalName);
    }

    [Fact]
    public async Task Reset_empties_the_journal()
    {
        using var http = new HttpClient();
        using (await http.GetAsync(new Uri(_server.BaseAddress, "staff.api/list")))
        {
        }

        Assert.NotEmpty(await _server.GetRequestsAsync());
        await _server.ResetJournalAsync();
        Assert.Empty(await _server.GetRequestsAsync());
    }

    [Fact]
    public async Task Mapping_added_at_run_time_is_served_until_removed()
    {
        const string Mapping = """
            {
              "request": { "method": "GET", "urlPath": "/practicemanager/3.1/fixture.api/ping" },
              "response": { "status": 200, "headers": { "Content-Type": "text/plain" }, "body": "pong" }
            }
            """;
        using var http = new HttpClient();
        var url = new Uri(_server.BaseAddress, "fixture.api/ping");

        await using (await _server.AddMappingAsync(Mapping))
        {
            Assert.Equal("pong", await http.GetStringAsync(url));
        }

        using var after = await http.GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
    }
}
