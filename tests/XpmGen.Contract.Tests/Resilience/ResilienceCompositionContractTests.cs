using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using XpmGen.Contract.Tests.Infrastructure;
using XpmGen.Models;
using Xunit;

namespace XpmGen.Contract.Tests.Resilience;

/// <summary>
/// Resilience composes: whatever is registered in the documented ways on the builder <c>AddXpmClient</c> returns
/// (nothing, the client's own retries, <c>AddStandardResilienceHandler()</c>, <c>AddXpmResilienceHandler()</c>),
/// WireMock's journal shows a GET against a 503 attempted at most 1 + MaxRetries times and a POST against a 503
/// or a reset sent once.
/// </summary>
[Collection(WireMockCollection.Name)]
public sealed class ResilienceCompositionContractTests : IAsyncLifetime
{
    private const int MaxRetries = 2;
    private readonly WireMockServer _server;
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(90));

    public ResilienceCompositionContractTests(WireMockServer server) => _server = server;

    public enum Setup
    {
        NoRetries,
        OwnRetries,
        StandardHandler,
        XpmHandler,
    }

    public enum Fault
    {
        Get503,
        Post503,
        PostReset,
    }

    public static TheoryData<Setup, Fault, int> Combinations => new()
    {
        { Setup.NoRetries, Fault.Get503, 1 },
        { Setup.NoRetries, Fault.Post503, 1 },
        { Setup.NoRetries, Fault.PostReset, 1 },
        { Setup.OwnRetries, Fault.Get503, 1 + MaxRetries },
        { Setup.OwnRetries, Fault.Post503, 1 },
        { Setup.OwnRetries, Fault.PostReset, 1 },
        { Setup.StandardHandler, Fault.Get503, 1 + MaxRetries },
        { Setup.StandardHandler, Fault.Post503, 1 },
        { Setup.StandardHandler, Fault.PostReset, 1 },
        { Setup.XpmHandler, Fault.Get503, 1 + MaxRetries },
        { Setup.XpmHandler, Fault.Post503, 1 },
        { Setup.XpmHandler, Fault.PostReset, 1 },
    };

    private CancellationToken Ct => _timeout.Token;

    public Task InitializeAsync() => _server.ResetJournalAsync();

    public Task DisposeAsync()
    {
        _timeout.Dispose();
        return Task.CompletedTask;
    }

    [Theory]
    [MemberData(nameof(Combinations))]
    public async Task Attempts_never_multiply_and_writes_are_never_sent_twice(Setup setup, Fault fault, int expectedHits)
    {
        var (method, path) = fault == Fault.Get503 ? ("GET", "client.api/list") : ("POST", "client.api/add");
        var response = fault == Fault.PostReset
            ? """{ "fault": "CONNECTION_RESET_BY_PEER" }"""
            : """{ "status": 503, "headers": { "Content-Type": "application/json" }, "body": "{\"Title\":\"Service Unavailable\",\"Status\":503}" }""";
        await using var stub = await _server.AddMappingAsync(
            $$"""{ "priority": 1, "request": { "method": "{{method}}", "urlPath": "/practicemanager/3.1/{{path}}" }, "response": {{response}} }""", Ct);
        await using var provider = BuildProvider(setup);
        var xpm = provider.GetRequiredService<XpmClient>();

        var ex = await Assert.ThrowsAnyAsync<XpmException>(() => fault == Fault.Get503
            ? xpm.Clients.ListAsync(cancellationToken: Ct)
            : xpm.Clients.AddAsync(new ClientAddRequest { Name = "Composed Ltd" }, Ct));

        Assert.Equal(expectedHits, (await _server.FindRequestsAsync(method, "/practicemanager/3.1/" + path, Ct)).Count);
        if (fault == Fault.PostReset)
        {
            var connection = Assert.IsType<XpmConnectionException>(ex);
            Assert.True(connection.MayHaveBeenProcessed);
        }
        else
        {
            Assert.IsType<XpmServiceUnavailableException>(ex);
        }
    }

    private ServiceProvider BuildProvider(Setup setup)
    {
        var services = new ServiceCollection();
        var builder = services.AddXpmClient(options =>
        {
            options.BaseAddress = _server.BaseAddress;
            options.TenantId = ContractData.TenantId;
            options.AccessTokenProvider = new StaticAccessTokenProvider(ContractData.AccessToken);
            options.RateLimiter = new XpmRateLimiter();
            options.Retry = setup == Setup.NoRetries
                ? XpmRetryOptions.None
                : new XpmRetryOptions { MaxRetries = MaxRetries, BaseDelay = TimeSpan.FromMilliseconds(20), MaxDelay = TimeSpan.FromMilliseconds(100) };
        });
        switch (setup)
        {
            case Setup.StandardHandler:
                builder.AddStandardResilienceHandler();
                break;
            case Setup.XpmHandler:
                builder.AddXpmResilienceHandler();
                break;
        }

        return services.BuildServiceProvider(validateScopes: true);
    }
}
