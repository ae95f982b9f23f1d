using System;
using System.Diagnostics;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using XpmGen.Contract.Tests.Infrastructure;
using XpmGen.Models;
using Xunit;

namespace XpmGen.Contract.Tests.Resilience;

/// <summary>
/// Retries against WireMock scenarios and faults: throttled calls are sent again after Retry-After, failed
/// reads are retried, and a write that may have reached XPM is never sent twice.
/// </summary>
[Collection(WireMockCollection.Name)]
public sealed class RetryContractTests : IAsyncLifetime
{
    private const string OkList = "<Response><Status>OK</Status><Clients><Client><UUID>c1</UUID><Name>Kowhai Landscaping Ltd</Name></Client></Clients></Response>";
    private const string OkClient = "<Response><Status>OK</Status><Client><UUID>c9</UUID><Name>Retry Test Ltd</Name></Client></Response>";
    private readonly WireMockServer _server;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));

    public RetryContractTests(WireMockServer server) => _server = server;

    private CancellationToken Ct => _timeout.Token;

    public Task InitializeAsync() => _server.ResetJournalAsync();

    public Task DisposeAsync()
    {
        _http.Dispose();
        _timeout.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_429_is_sent_again_after_retry_after()
    {
        var scenario = Scenario();
        await using var first = await _server.AddMappingAsync(Stub(scenario, "Started", "throttled", "GET", "client.api/list", Throttled(retryAfterSeconds: 1)), Ct);
        await using var second = await _server.AddMappingAsync(Stub(scenario, "throttled", null, "GET", "client.api/list", Ok(OkList)), Ct);
        var clock = Stopwatch.StartNew();

        var clients = await CreateClient().Clients.ListAsync(cancellationToken: Ct);

        Assert.Equal("Kowhai Landscaping Ltd", Assert.Single(clients).Name);
        Assert.Equal(2, (await _server.FindRequestsAsync("GET", "/practicemanager/3.1/client.api/list", Ct)).Count);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(900), $"The client retried after {clock.Elapsed}, before Retry-After (1 s).");
    }

    [Fact]
    public async Task A_throttled_write_is_sent_again_because_xpm_did_not_process_it()
    {
        var scenario = Scenario();
        await using var first = await _server.AddMappingAsync(Stub(scenario, "Started", "throttled", "POST", "client.api/add", Throttled(retryAfterSeconds: 0)), Ct);
        await using var second = await _server.AddMappingAsync(Stub(scenario, "throttled", null, "POST", "client.api/add", Ok(OkClient)), Ct);

        var client = await CreateClient().Clients.AddAsync(new ClientAddRequest { Name = "Retry Test Ltd" }, Ct);

        Assert.Equal("c9", client.Uuid);
        Assert.Equal(2, (await _server.FindRequestsAsync("POST", "/practicemanager/3.1/client.api/add", Ct)).Count);
    }

    [Fact]
    public async Task A_write_hit_by_a_connection_reset_is_sent_once_and_reported()
    {
        await using var fault = await _server.AddMappingAsync(Stub(Scenario(), null, null, "POST", "client.api/add", """{ "fault": "CONNECTION_RESET_BY_PEER" }"""), Ct);

        var ex = await Assert.ThrowsAsync<XpmConnectionException>(() => CreateClient().Clients.AddAsync(new ClientAddRequest { Name = "Retry Test Ltd" }, Ct));

        Assert.True(ex.MayHaveBeenProcessed);
        Assert.Contains("not sent again", ex.Message, StringComparison.Ordinal);
        Assert.Equal("client.api/add", ex.Path);
        Assert.Single(await _server.FindRequestsAsync("POST", "/practicemanager/3.1/client.api/add", Ct));
    }

    [Fact]
    public async Task A_read_hit_by_a_connection_reset_is_retried()
    {
        var scenario = Scenario();
        await using var first = await _server.AddMappingAsync(Stub(scenario, "Started", "reset", "GET", "client.api/list", """{ "fault": "CONNECTION_RESET_BY_PEER" }"""), Ct);
        await using var second = await _server.AddMappingAsync(Stub(scenario, "reset", null, "GET", "client.api/list", Ok(OkList)), Ct);

        var clients = await CreateClient().Clients.ListAsync(cancellationToken: Ct);

        Assert.Single(clients);
        Assert.Equal(2, (await _server.FindRequestsAsync("GET", "/practicemanager/3.1/client.api/list", Ct)).Count);
    }

    [Fact]
    public async Task A_503_on_a_write_is_not_retried()
    {
        await using var unavailable = await _server.AddMappingAsync(Stub(Scenario(), null, null, "POST", "client.api/add", """{ "status": 503, "headers": { "Content-Type": "application/json" }, "body": "{\"Title\":\"Service Unavailable\",\"Status\":503}" }"""), Ct);

        var ex = await Assert.ThrowsAsync<XpmServiceUnavailableException>(() => CreateClient().Clients.AddAsync(new ClientAddRequest { Name = "Retry Test Ltd" }, Ct));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ex.StatusCode);
        Assert.Single(await _server.FindRequestsAsync("POST", "/practicemanager/3.1/client.api/add", Ct));
    }

    [Fact]
    public async Task Retries_are_bounded()
    {
        await using var always = await _server.AddMappingAsync(Stub(Scenario(), null, null, "GET", "client.api/list", Throttled(retryAfterSeconds: 0)), Ct);

        var ex = await Assert.ThrowsAsync<XpmRateLimitException>(() => CreateClient().Clients.ListAsync(cancellationToken: Ct));

        Assert.Equal("minute", ex.LimitProblem);
        Assert.Equal(3, (await _server.FindRequestsAsync("GET", "/practicemanager/3.1/client.api/list", Ct)).Count);
    }

    private XpmClient CreateClient() => new(_http, new XpmClientOptions
    {
        BaseAddress = _server.BaseAddress,
        TenantId = ContractData.TenantId,
        AccessTokenProvider = new StaticAccessTokenProvider(ContractData.AccessToken),
        Retry = new XpmRetryOptions { MaxRetries = 2, BaseDelay = TimeSpan.FromMilliseconds(20), MaxDelay = TimeSpan.FromMilliseconds(100) },
        RateLimiter = new XpmRateLimiter(), // its own: a 429 pauses the tenant, which must not slow other tests
    });

    private static string Scenario() => "retry-" + Guid.NewGuid().ToString("N");

    private static string Throttled(int retryAfterSeconds) =>
        $$"""{ "status": 429, "headers": { "Retry-After": "{{retryAfterSeconds}}", "X-Rate-Limit-Problem": "minute", "X-MinLimit-Remaining": "0" } }""";

    private static string Ok(string xml) =>
        $$"""{ "status": 200, "headers": { "Content-Type": "text/xml; charset=utf-8" }, "body": {{System.Text.Json.JsonSerializer.Serialize(xml)}} }""";

    // Priority 1 puts the stub ahead of the committed contract fakes for the same endpoint.
    private static string Stub(string scenario, string? requiredState, string? newState, string method, string path, string response)
    {
        var state = requiredState is null
            ? string.Empty
            : $$""" "scenarioName": "{{scenario}}", "requiredScenarioState": "{{requiredState}}", """ + (newState is null ? string.Empty : $$""" "newScenarioState": "{{newState}}", """);
        return $$"""{ "priority": 1, {{state}} "request": { "method": "{{method}}", "urlPath": "/practicemanager/3.1/{{path}}" }, "response": {{response}} }""";
    }
}
