using System;
using System.Threading;
using System.Threading.Tasks;
using static XpmGen.Runtime.Tests.Fixtures;

namespace XpmGen.Runtime.Tests.Reliability;

/// <summary>A spent or nonsense day budget pauses a tenant until XPM's answer says otherwise, never for a blind 24 hours.</summary>
public sealed class DayBudgetTests
{
    private const string Ok = "<Response><Status>OK</Status><Clients /></Response>";

    [Fact]
    public async Task Zero_left_today_refuses_calls_unsent_then_rechecks_and_a_later_answer_ends_the_pause()
    {
        var answers = 0;
        await using var server = TestHttpServer.Start(_ =>
            CannedResponse.Xml(Ok, 200, ("X-DayLimit-Remaining", Interlocked.Increment(ref answers) == 1 ? "0" : "4000")));
        var client = Client(server, TimeSpan.FromMilliseconds(400));

        await client.SendAsync(ListClients(), Deadline());
        var refused = await Assert.ThrowsAsync<XpmRateLimitException>(() => client.SendAsync(ListClients(), Deadline()));
        Assert.Equal("day", refused.LimitProblem);
        Assert.InRange(refused.RetryAfter!.Value, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(400));
        Assert.Single(server.Requests);

        await Task.Delay(500);
        await client.SendAsync(ListClients(), Deadline());
        await client.SendAsync(ListClients(), Deadline());
        Assert.Equal(3, server.Requests.Count);
    }

    [Theory]
    [InlineData("-5")]
    [InlineData("lots")]
    [InlineData("")]
    public async Task A_nonsense_day_figure_blocks_nothing(string figure)
    {
        await using var server = TestHttpServer.Start(CannedResponse.Xml(Ok, 200, ("X-DayLimit-Remaining", figure)));
        var client = Client(server, TimeSpan.FromHours(1));

        for (var i = 0; i < 3; i++)
        {
            await client.SendAsync(ListClients(), Deadline());
        }

        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task A_day_429_with_Retry_After_pauses_until_then_only()
    {
        var answers = 0;
        await using var server = TestHttpServer.Start(_ => Interlocked.Increment(ref answers) == 1
            ? CannedResponse.Xml(string.Empty, 429, ("X-Rate-Limit-Problem", "day"), ("Retry-After", "1"))
            : CannedResponse.Xml(Ok));
        var client = Client(server, TimeSpan.FromHours(1));

        await Assert.ThrowsAsync<XpmRateLimitException>(() => client.SendAsync(ListClients(), Deadline()));
        var refused = await Assert.ThrowsAsync<XpmRateLimitException>(() => client.SendAsync(ListClients(), Deadline()));
        Assert.True(refused.RetryAfter <= TimeSpan.FromSeconds(1));
        Assert.Single(server.Requests);

        await Task.Delay(1200);
        await client.SendAsync(ListClients(), Deadline());
        Assert.Equal(2, server.Requests.Count);
    }

    private static XpmClient Client(TestHttpServer server, TimeSpan recheck) =>
        new(NewHttpClient(), new XpmClientOptions
        {
            BaseAddress = server.BaseAddress,
            TenantId = TenantId,
            AccessTokenProvider = new StaticAccessTokenProvider(Token),
            Retry = XpmRetryOptions.None,
            RateLimiter = new XpmRateLimiter(new XpmRateLimitOptions
            {
                ConcurrentRequestsPerTenant = 100,
                RequestsPerWindowPerTenant = 1_000_000,
                RequestsPerWindowPerApp = 1_000_000,
                DayLimitRecheck = recheck,
            }),
        });
}
