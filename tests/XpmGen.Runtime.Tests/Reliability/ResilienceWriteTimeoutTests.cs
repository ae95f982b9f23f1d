using System;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Xunit.Abstractions;
using static XpmGen.Runtime.Tests.Fixtures;

namespace XpmGen.Runtime.Tests.Reliability;

/// <summary>
/// A write that times out inside a resilience handler of the <see cref="HttpClient"/>: a real loopback server receives
/// the POST and stalls, the client comes from DI, and the caller must get an <see cref="XpmConnectionException"/> with
/// <see cref="XpmConnectionException.MayHaveBeenProcessed"/> true, with the POST sent once.
/// </summary>
public sealed class ResilienceWriteTimeoutTests(ITestOutputHelper output)
{
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(1);

    public enum Setup
    {
        /// <summary><c>AddXpmClient(...).AddXpmResilienceHandler()</c>, the documented way.</summary>
        XpmHandler,

        /// <summary><c>AddXpmClient(...).AddStandardResilienceHandler()</c>, documented too.</summary>
        StandardHandlerOnXpmBuilder,

        /// <summary><c>ConfigureHttpClientDefaults(b =&gt; b.AddStandardResilienceHandler())</c>, as .NET Aspire's service defaults do.</summary>
        StandardHandlerForEveryClient,

        /// <summary>A hand-made <c>AddResilienceHandler</c> with a retry that handles every failure, for every method.</summary>
        CustomRetryHandler,
    }

    [Theory]
    [InlineData(Setup.XpmHandler)]
    [InlineData(Setup.StandardHandlerOnXpmBuilder)]
    [InlineData(Setup.StandardHandlerForEveryClient)]
    [InlineData(Setup.CustomRetryHandler)]
    public async Task A_POST_that_times_out_in_a_resilience_handler_may_have_been_processed_and_is_sent_once(Setup setup)
    {
        await using var server = TestHttpServer.Start(request => request.Method == "POST"
            ? new CannedResponse { Mode = BodyMode.StallBeforeHeaders }
            : CannedResponse.Xml("<Response><Status>OK</Status><Clients /></Response>"));
        await using var provider = BuildProvider(server, setup);
        var xpm = provider.GetRequiredService<XpmClient>();

        var clock = Stopwatch.StartNew();
        var ex = await Assert.ThrowsAsync<XpmConnectionException>(() => xpm.SendAsync(AddClient(new ClientModel { Name = "Acme" }), Deadline(30)));
        clock.Stop();

        // Any retry the handler could still make would arrive within its back-off (milliseconds here).
        await Task.Delay(300);
        output.WriteLine($"{setup}: {ex.Message} ({clock.Elapsed.TotalSeconds:F1} s)");
        Assert.Single(server.Requests, r => r.Method == "POST");
        Assert.True(ex.MayHaveBeenProcessed);
        Assert.True(ex.TimedOut);
        Assert.Equal(HttpMethod.Post, ex.Method);
        Assert.Contains("POST client.api/add", ex.Message, StringComparison.Ordinal);
        Assert.Contains("XPM may have processed it", ex.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), clock.Elapsed.ToString());
    }

    [Theory]
    [InlineData(Setup.StandardHandlerForEveryClient)]
    [InlineData(Setup.CustomRetryHandler)]
    public async Task A_write_that_got_a_500_is_not_sent_again_by_a_handler_that_ignores_XPMs_rule(Setup setup)
    {
        await using var server = TestHttpServer.Start(CannedResponse.Xml("<Response><Status>ERROR</Status><ErrorDescription>boom</ErrorDescription></Response>", 500));
        await using var provider = BuildProvider(server, setup);
        var xpm = provider.GetRequiredService<XpmClient>();

        var ex = await Assert.ThrowsAsync<XpmConnectionException>(() => xpm.SendAsync(AddClient(new ClientModel { Name = "Acme" }), Deadline(30)));

        await Task.Delay(300);
        output.WriteLine($"{setup}: {ex.Message}");
        Assert.Single(server.Requests);
        Assert.True(ex.MayHaveBeenProcessed);
        Assert.False(ex.TimedOut);
        Assert.Contains("after an attempt that got HTTP 500", ex.Message, StringComparison.Ordinal);
        Assert.Contains("AddXpmResilienceHandler()", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_write_that_got_a_500_through_the_documented_handler_keeps_its_status()
    {
        await using var server = TestHttpServer.Start(CannedResponse.Xml("<Response><Status>ERROR</Status><ErrorDescription>boom</ErrorDescription></Response>", 500));
        await using var provider = BuildProvider(server, Setup.XpmHandler);

        var ex = await Assert.ThrowsAnyAsync<XpmException>(() => provider.GetRequiredService<XpmClient>().SendAsync(AddClient(new ClientModel { Name = "Acme" }), Deadline(30)));

        Assert.Single(server.Requests);
        Assert.IsNotType<XpmConnectionException>(ex);
        Assert.Equal(System.Net.HttpStatusCode.InternalServerError, ex.StatusCode);
    }

    [Theory]
    [InlineData(Setup.XpmHandler)]
    [InlineData(Setup.StandardHandlerForEveryClient)]
    [InlineData(Setup.CustomRetryHandler)]
    public async Task A_read_that_times_out_is_still_retried_by_the_handler(Setup setup)
    {
        await using var server = TestHttpServer.Start(new CannedResponse { Mode = BodyMode.StallBeforeHeaders });
        await using var provider = BuildProvider(server, setup);
        var xpm = provider.GetRequiredService<XpmClient>();

        var ex = await Assert.ThrowsAsync<XpmConnectionException>(() => xpm.SendAsync(ListClients(), Deadline(30)));

        Assert.True(ex.TimedOut);
        Assert.Equal(3, server.Requests.Count);
    }

    private static ServiceProvider BuildProvider(TestHttpServer server, Setup setup)
    {
        var services = new ServiceCollection();
        if (setup == Setup.StandardHandlerForEveryClient)
        {
            services.ConfigureHttpClientDefaults(http => http.AddStandardResilienceHandler(Fast));
        }

        var builder = services.AddXpmClient(options =>
        {
            options.BaseAddress = server.BaseAddress;
            options.TenantId = TenantId;
            options.AccessTokenProvider = new StaticAccessTokenProvider(Token);
            options.RateLimiter = GenerousLimits();
            options.AttemptTimeout = AttemptTimeout;
            options.Retry = new XpmRetryOptions { MaxRetries = 2, BaseDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(50) };
        });
        switch (setup)
        {
            case Setup.XpmHandler:
                builder.AddXpmResilienceHandler();
                break;
            case Setup.StandardHandlerOnXpmBuilder:
                builder.AddStandardResilienceHandler();
                break;
            case Setup.CustomRetryHandler:
                builder.AddResilienceHandler("mine", pipeline => pipeline
                    .AddRetry(new HttpRetryStrategyOptions { MaxRetryAttempts = 2, Delay = TimeSpan.FromMilliseconds(10), BackoffType = DelayBackoffType.Constant })
                    .AddTimeout(AttemptTimeout));
                break;
        }

        return services.BuildServiceProvider(validateScopes: true);
    }

    /// <summary>The standard handler as an app might set it for every client: 2 retries, short back-off, a 1 s attempt timeout.</summary>
    private static void Fast(HttpStandardResilienceOptions options)
    {
        options.Retry.MaxRetryAttempts = 2;
        options.Retry.Delay = TimeSpan.FromMilliseconds(10);
        options.Retry.BackoffType = DelayBackoffType.Constant;
        options.AttemptTimeout.Timeout = AttemptTimeout;
        options.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(2);
        options.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(20);
    }
}
