using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using XpmGen.Contract.Tests.Infrastructure;
using Xunit;

namespace XpmGen.Contract.Tests.Resilience;

/// <summary>The client keeps to Xero's limits before they are hit; the limits are scaled down so the test takes seconds.</summary>
[Collection(WireMockCollection.Name)]
public sealed class RateLimitContractTests : IAsyncLifetime
{
    private readonly WireMockServer _server;
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));

    public RateLimitContractTests(WireMockServer server) => _server = server;

    private CancellationToken Ct => _timeout.Token;

    public Task InitializeAsync() => _server.ResetJournalAsync();

    public Task DisposeAsync()
    {
        _timeout.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_burst_of_200_calls_keeps_to_5_in_flight_and_the_per_window_figure()
    {
        const int Calls = 200;
        const int PerWindow = 50;
        var window = TimeSpan.FromSeconds(1);
        await using var slow = await _server.AddMappingAsync(
            """{ "priority": 1, "request": { "method": "GET", "urlPath": "/practicemanager/3.1/category.api/list" }, "response": { "status": 200, "fixedDelayMilliseconds": 40, "headers": { "Content-Type": "text/xml; charset=utf-8", "X-MinLimit-Remaining": "59", "X-DayLimit-Remaining": "4321", "X-AppMinLimit-Remaining": "9876" }, "body": "<Response><Status>OK</Status><Categories><Category><UUID>c1</UUID><Name>Tax</Name></Category></Categories></Response>" } }""",
            Ct);
        var meter = new InFlightMeter();
        using var http = new HttpClient(meter) { Timeout = TimeSpan.FromSeconds(30) };
        using var limiter = new XpmRateLimiter(new XpmRateLimitOptions { ConcurrentRequestsPerTenant = 5, RequestsPerWindowPerTenant = PerWindow, Window = window });
        var xpm = new XpmClient(http, new XpmClientOptions
        {
            BaseAddress = _server.BaseAddress,
            TenantId = ContractData.TenantId,
            AccessTokenProvider = new StaticAccessTokenProvider(ContractData.AccessToken),
            RateLimiter = limiter,
        });

        var results = await Task.WhenAll(Enumerable.Range(0, Calls).Select(_ => xpm.Categories.ListAsync(Ct)));

        Assert.All(results, static r => Assert.Equal("Tax", Assert.Single(r).Name));
        Assert.Equal(Calls, (await _server.FindRequestsAsync("GET", "/practicemanager/3.1/category.api/list", Ct)).Count);
        Assert.InRange(meter.MaxInFlight, 2, 5);
        var sent = meter.SentAt.OrderBy(static t => t).ToArray();
        var tolerance = TimeSpan.FromMilliseconds(50);
        for (var i = 0; i + PerWindow < sent.Length; i++)
        {
            var span = Stopwatch.GetElapsedTime(sent[i], sent[i + PerWindow]);
            Assert.True(span >= window - tolerance, $"Calls {i} to {i + PerWindow} ({PerWindow + 1} calls) left within {span.TotalMilliseconds:0} ms, inside one {window.TotalMilliseconds:0} ms window.");
        }

        var status = xpm.RateLimitStatus;
        Assert.NotNull(status);
        Assert.Equal((59, 4321, 9876), (status!.MinuteRemaining, status.DayRemaining, status.AppMinuteRemaining));
    }

    [Fact]
    public async Task Waiting_for_a_permit_honours_the_callers_cancellation()
    {
        using var limiter = new XpmRateLimiter(new XpmRateLimitOptions { RequestsPerWindowPerTenant = 1, Window = TimeSpan.FromMinutes(10) });
        using var http = new HttpClient();
        var xpm = new XpmClient(http, new XpmClientOptions
        {
            BaseAddress = _server.BaseAddress,
            TenantId = ContractData.TenantId,
            AccessTokenProvider = new StaticAccessTokenProvider(ContractData.AccessToken),
            RateLimiter = limiter,
        });
        await xpm.Categories.ListAsync(Ct);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => xpm.Categories.ListAsync(cancel.Token));

        Assert.Single(await _server.FindRequestsAsync("GET", "/practicemanager/3.1/category.api/list", Ct));
    }

    /// <summary>Counts requests in flight at the HTTP layer and records when each left.</summary>
    private sealed class InFlightMeter() : DelegatingHandler(new SocketsHttpHandler())
    {
        private int _inFlight;
        private int _maxInFlight;

        public ConcurrentBag<long> SentAt { get; } = new();

        public int MaxInFlight => Volatile.Read(ref _maxInFlight);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            SentAt.Add(Stopwatch.GetTimestamp());
            var now = Interlocked.Increment(ref _inFlight);
            int max;
            while (now > (max = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, max) != max)
            {
            }

            try
            {
                return await base.SendAsync(request, cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }
    }
}
