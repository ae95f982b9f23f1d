using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;

namespace XpmGen.Sandbox.Tests;

/// <summary>XPM's limits enforced by the sandbox (<c>--limits</c>), with a short window so tests stay quick.</summary>
public sealed class LimitTests
{
    private static XpmSandboxOptions Limited() => new()
    {
        Limits = new XpmSandboxLimits { Enforce = true, PerWindow = 10, Window = TimeSpan.FromSeconds(1), Concurrent = 5 },
    };

    [Fact]
    public async Task A_burst_through_the_client_is_never_refused()
    {
        await using var sandbox = await TestSandbox.StartAsync(Limited());
        var xpm = sandbox.CreateClient();

        var results = await Task.WhenAll(Enumerable.Range(0, 25).Select(_ => xpm.Categories.ListAsync()));

        Assert.All(results, static categories => Assert.NotEmpty(categories));
        Assert.Equal(0, sandbox.ThrottledCalls);
    }

    [Fact]
    public async Task A_raw_burst_gets_429s_with_retry_after_and_the_problem()
    {
        await using var sandbox = await TestSandbox.StartAsync(Limited());
        using var http = new HttpClient();

        var responses = await Task.WhenAll(Enumerable.Range(0, 25).Select(_ => GatewayTests.SendAsync(http, sandbox, "category.api/list", sandbox.AccessToken, sandbox.TenantId)));
        try
        {
            var refused = responses.Where(static r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
            Assert.NotEmpty(refused);
            Assert.True(responses.Count(static r => r.StatusCode == HttpStatusCode.OK) <= 10);
            Assert.All(refused, static r =>
            {
                Assert.True(r.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
                Assert.Contains(r.Headers.GetValues("X-Rate-Limit-Problem").Single(), new[] { "minute", "concurrent" });
                Assert.True(r.Headers.Contains("X-MinLimit-Remaining"));
            });
            Assert.Equal(refused.Count, sandbox.ThrottledCalls);
        }
        finally
        {
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
    }

    [Fact]
    public async Task The_day_budget_refuses_with_problem_day_once_spent()
    {
        var options = Limited();
        options.Limits.PerDay = 3;
        await using var sandbox = await TestSandbox.StartAsync(options);
        using var http = new HttpClient();

        for (var i = 0; i < 3; i++)
        {
            using var ok = await GatewayTests.SendAsync(http, sandbox, "category.api/list", sandbox.AccessToken, sandbox.TenantId);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using var refused = await GatewayTests.SendAsync(http, sandbox, "category.api/list", sandbox.AccessToken, sandbox.TenantId);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("day", refused.Headers.GetValues("X-Rate-Limit-Problem").Single());
        Assert.Equal("0", refused.Headers.GetValues("X-DayLimit-Remaining").Single());
    }
}
