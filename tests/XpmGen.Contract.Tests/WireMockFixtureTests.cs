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
        var expected = System.IO.Directory.GetFiles(System.IO.Path.Combine(_server.ContractsDirectory, "mappings"), "*.json")
            .Sum(f => WireMockOrgMapping.ReadFile(f).Count);
        Assert.Equal(expected, _server.FileMappingCount);
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

    [Fact]
    public async Task Connection_reset_fault_resets_the_connection_without_a_response_and_is_journaled()
    {
        await using var stub = await _server.AddMappingAsync(
            """{ "request": { "method": "GET", "urlPath": "/practicemanager/3.1/fixture.api/reset" }, "response": { "fault": "CONNECTION_RESET_BY_PEER" } }""");
        using var http = new HttpClient();

        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(new Uri(_server.BaseAddress, "fixture.api/reset")));

        var socket = FindInner<System.Net.Sockets.SocketException>(ex);
        Assert.True(socket is { SocketErrorCode: System.Net.Sockets.SocketError.ConnectionReset }, "Expected a connection reset, got: " + ex);
        Assert.True((await _server.SingleRequestAsync("GET", "fixture.api/reset")).WasMatched);
    }

    [Fact]
    public async Task Empty_response_fault_closes_the_connection_without_a_response()
    {
        await using var stub = await _server.AddMappingAsync(
            """{ "request": { "method": "GET", "urlPath": "/practicemanager/3.1/fixture.api/empty" }, "response": { "fault": "EMPTY_RESPONSE" } }""");
        using var http = new HttpClient();

        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(new Uri(_server.BaseAddress, "fixture.api/empty")));

        Assert.True((await _server.SingleRequestAsync("GET", "fixture.api/empty")).WasMatched);
    }

    [Fact]
    public async Task Scenario_state_without_a_next_state_is_kept()
    {
        var scenario = "fixture-" + Guid.NewGuid().ToString("N");
        await using var first = await _server.AddMappingAsync(Text(scenario, "Started", "second", "one"));
        await using var second = await _server.AddMappingAsync(Text(scenario, "second", null, "two"));
        using var http = new HttpClient();
        var url = new Uri(_server.BaseAddress, "fixture.api/state");

        var answers = new[] { await http.GetStringAsync(url), await http.GetStringAsync(url), await http.GetStringAsync(url) };

        Assert.Equal(new[] { "one", "two", "two" }, answers);
    }

    [Fact]
    public async Task Priority_then_the_latest_stub_wins_as_in_WireMock_org()
    {
        const string Path = "/practicemanager/3.1/fixture.api/priority";
        using var http = new HttpClient();
        var url = new Uri(_server.BaseAddress, "fixture.api/priority");

        await using var high = await _server.AddMappingAsync(Stub(Path, "high", priority: 1));
        await using var defaultFirst = await _server.AddMappingAsync(Stub(Path, "default, first", priority: null));
        Assert.Equal("high", await http.GetStringAsync(url)); // 1 beats the default 5

        await using var five = await _server.AddMappingAsync(Stub(Path, "five, later", priority: 5));
        await using var highLater = await _server.AddMappingAsync(Stub(Path, "high, later", priority: 1));
        Assert.Equal("high, later", await http.GetStringAsync(url)); // equal priority: the later
    }

    [Fact]
    public async Task Path_patterns_and_header_patterns_match_the_whole_value()
    {
        await using var stub = await _server.AddMappingAsync(
            """
            { "request": { "method": "GET", "urlPathPattern": "/practicemanager/3\\.1/fixture\\.api/[a-z]+",
                           "headers": { "X-Fixture": { "matches": "ab+" } } },
              "response": { "status": 200, "body": "ok" } }
            """);
        using var http = new HttpClient();

        async Task<HttpStatusCode> Status(string path, string header)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_server.ServerAddress, path));
            request.Headers.Add("X-Fixture", header);
            using var response = await http.SendAsync(request);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await Status("/practicemanager/3.1/fixture.api/abc", "abb"));
        Assert.Equal(HttpStatusCode.NotFound, await Status("/practicemanager/3.1/fixture.api/abc/more", "abb"));
        Assert.Equal(HttpStatusCode.NotFound, await Status("/prefix/practicemanager/3.1/fixture.api/abc", "abb"));
        Assert.Equal(HttpStatusCode.NotFound, await Status("/practicemanager/3.1/fixture.api/abc", "xabb"));
    }

    [Theory]
    [InlineData("""{ "request": { "method": "GET", "urlPath": "/a", "cookies": { "c": { "equalTo": "1" } } }, "response": { "status": 200 } }""", "request.cookies")]
    [InlineData("""{ "request": { "method": "POST", "urlPath": "/a", "bodyPatterns": [ { "equalToXml": "<a/>" } ] }, "response": { "status": 200 } }""", "request.bodyPatterns[0].equalToXml")]
    [InlineData("""{ "request": { "method": "GET", "urlPath": "/a" }, "response": { "status": 200, "transformers": [ "response-template" ] } }""", "response.transformers")]
    [InlineData("""{ "request": { "method": "GET", "urlPath": "/a" }, "response": { "fault": "RANDOM_DATA_THEN_CLOSE" } }""", "response.fault")]
    public async Task A_mapping_key_that_is_not_translated_fails_loudly(string mapping, string key)
    {
        var ex = await Assert.ThrowsAsync<MappingTranslationException>(() => _server.AddMappingAsync(mapping));

        Assert.Equal("run-time mapping", ex.MappingSource);
        Assert.Contains(key, ex.Key, StringComparison.Ordinal);
    }

    private static string Text(string scenario, string required, string? next, string body) =>
        $$"""
        { "scenarioName": "{{scenario}}", "requiredScenarioState": "{{required}}", {{(next is null ? string.Empty : $"\"newScenarioState\": \"{next}\",")}}
          "request": { "method": "GET", "urlPath": "/practicemanager/3.1/fixture.api/state" },
          "response": { "status": 200, "body": "{{body}}" } }
        """;

    private static string Stub(string path, string body, int? priority) =>
        $$"""
        { {{(priority is null ? string.Empty : $"\"priority\": {priority},")}}
          "request": { "method": "GET", "urlPath": "{{path}}" }, "response": { "status": 200, "body": "{{body}}" } }
        """;

    private static T? FindInner<T>(Exception? ex)
        where T : Exception
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is T found)
            {
                return found;
            }
        }

        return null;
    }
}
