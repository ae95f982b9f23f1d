using System;

namespace XpmGen.Redis;

/// <summary>What a <see cref="RedisXpmRateLimiter"/> does when Redis cannot be reached.</summary>
public enum RedisUnavailableBehavior
{
    /// <summary>
    /// Each instance keeps XPM's limits on its own (an in-process <see cref="XpmRateLimiter"/> with the same figures) until
    /// Redis answers again. With N instances the tenant may get up to N times its share; XPM then answers 429, whose pause
    /// every instance obeys and whose call the retry stage sends again. Calls keep flowing. The default.
    /// </summary>
    UseLocalLimits,

    /// <summary>Calls fail unsent with <see cref="XpmRateLimiterUnavailableException"/> until Redis answers again.</summary>
    Fail,
}

/// <summary>Options of a <see cref="RedisXpmRateLimiter"/>.</summary>
public sealed class RedisXpmRateLimiterOptions
{
    /// <summary>XPM's limits; Xero's published ones by default. Every instance of the app must use the same figures.</summary>
    public XpmRateLimitOptions Limits { get; set; } = new();

    /// <summary>The prefix of every key (all keys share the hash tag <c>{prefix}</c>, so one cluster slot holds them). Default: <c>xpmgen</c>.</summary>
    public string KeyPrefix { get; set; } = "xpmgen";

    /// <summary>The Redis database. Default: -1, the connection's default.</summary>
    public int Database { get; set; } = -1;

    /// <summary>
    /// How long an in-flight slot is held without renewal: the holder renews it every third of this while its call runs,
    /// so only an instance that died (or stalled that long) loses it, and its slot comes back after this long. Default: 30 seconds.
    /// </summary>
    public TimeSpan InFlightLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a call waiting for an in-flight slot held by another instance asks again. Default: 10 ms.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>What happens when Redis cannot be reached. Default: <see cref="RedisUnavailableBehavior.UseLocalLimits"/>.</summary>
    public RedisUnavailableBehavior WhenUnavailable { get; set; } = RedisUnavailableBehavior.UseLocalLimits;

    /// <summary>After a failure, how long the limiter stays on its local limits before it tries Redis again. Default: 5 seconds.</summary>
    public TimeSpan RetryRedisAfter { get; set; } = TimeSpan.FromSeconds(5);

    internal string? Validate()
    {
        if (Limits is null)
        {
            return $"{nameof(RedisXpmRateLimiterOptions)}.{nameof(Limits)} must not be null.";
        }

        if (string.IsNullOrWhiteSpace(KeyPrefix) || KeyPrefix.AsSpan().IndexOfAny('{', '}') >= 0)
        {
            return $"{nameof(RedisXpmRateLimiterOptions)}.{nameof(KeyPrefix)} must be non-blank and hold no braces.";
        }

        if (InFlightLease < TimeSpan.FromMilliseconds(100) || PollInterval <= TimeSpan.Zero || PollInterval > TimeSpan.FromSeconds(1) || RetryRedisAfter < TimeSpan.Zero)
        {
            return $"{nameof(RedisXpmRateLimiterOptions)}: {nameof(InFlightLease)} must be at least 100 ms, {nameof(PollInterval)} between 0 and 1 s, {nameof(RetryRedisAfter)} not negative.";
        }

        return null;
    }
}
