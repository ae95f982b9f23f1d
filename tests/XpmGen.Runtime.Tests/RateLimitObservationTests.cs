using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;

namespace XpmGen.Runtime.Tests;

/// <summary>What a response means for the limits: the one place of the rule, used by every limiter (XpmGen.Redis's too).</summary>
public sealed class RateLimitObservationTests
{
    private static readonly XpmRateLimitOptions Options = new() { Window = TimeSpan.FromSeconds(60), DayLimitRecheck = TimeSpan.FromMinutes(5) };

    private static HttpResponseMessage Response(HttpStatusCode status, int? retryAfterSeconds = null, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status);
        if (retryAfterSeconds is { } seconds)
        {
            response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(seconds));
        }

        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }

    [Fact]
    public void A_429_pauses_for_Retry_After_or_a_window()
    {
        using var with = Response(HttpStatusCode.TooManyRequests, 7);
        Assert.Equal(TimeSpan.FromSeconds(7), XpmRateLimitObservation.From(with, Options, TimeProvider.System).Pause);
        using var without = Response(HttpStatusCode.TooManyRequests);
        Assert.Equal(TimeSpan.FromSeconds(60), XpmRateLimitObservation.From(without, Options, TimeProvider.System, limiterCountsEveryInstance: true).Pause);
    }

    [Fact]
    public void Minute_spent_pauses_a_process_local_limiter_but_not_one_that_counts_every_instance()
    {
        using var response = Response(HttpStatusCode.OK, null, ("X-MinLimit-Remaining", "0"), ("X-DayLimit-Remaining", "10"));
        Assert.Equal(TimeSpan.FromSeconds(60), XpmRateLimitObservation.From(response, Options, TimeProvider.System).Pause);
        var shared = XpmRateLimitObservation.From(response, Options, TimeProvider.System, limiterCountsEveryInstance: true);
        Assert.Null(shared.Pause);
        Assert.True(shared.DayUnblocked);
    }

    [Fact]
    public void Day_spent_blocks_until_Retry_After_or_the_recheck_and_calls_left_end_the_block()
    {
        using var zero = Response(HttpStatusCode.OK, null, ("X-DayLimit-Remaining", "0"));
        Assert.Equal(TimeSpan.FromMinutes(5), XpmRateLimitObservation.From(zero, Options, TimeProvider.System).DayBlock);
        using var day429 = Response(HttpStatusCode.TooManyRequests, 120, ("X-Rate-Limit-Problem", "day"));
        var observation = XpmRateLimitObservation.From(day429, Options, TimeProvider.System);
        Assert.Equal(TimeSpan.FromSeconds(120), observation.DayBlock);
        Assert.Equal(TimeSpan.FromSeconds(120), observation.Pause);
        using var left = Response(HttpStatusCode.OK, null, ("X-DayLimit-Remaining", "3"));
        var ok = XpmRateLimitObservation.From(left, Options, TimeProvider.System);
        Assert.True(ok.DayUnblocked);
        Assert.Null(ok.DayBlock);
        Assert.Null(ok.Pause);
    }
}
