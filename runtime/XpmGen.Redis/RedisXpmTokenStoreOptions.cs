using System;
using XpmGen.Auth;

namespace XpmGen.Redis;

/// <summary>Options of a <see cref="RedisXpmTokenStore"/>.</summary>
public sealed class RedisXpmTokenStoreOptions
{
    /// <summary>The prefix of every key (all keys share the hash tag <c>{prefix}</c>). Default: <c>xpmgen</c>.</summary>
    public string KeyPrefix { get; set; } = "xpmgen";

    /// <summary>The Redis database. Default: -1, the connection's default.</summary>
    public int Database { get; set; } = -1;

    /// <summary>
    /// How long the refresh lock lasts without renewal. Its holder renews it every third of this while it refreshes, so
    /// only a holder that died (or stalled that long) loses it; then another process takes it after this long. Default: 15 seconds.
    /// </summary>
    public TimeSpan LockLease { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long a process waits for another's refresh before it gives up with <see cref="XpmTokenStoreException"/> (no token
    /// request is made). Longer than the token request's own timeout plus <see cref="LockLease"/>. Default: 60 seconds.
    /// </summary>
    public TimeSpan LockWaitTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often a process waiting for the refresh lock asks again. Default: 20 ms.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(20);

    internal string? Validate()
    {
        if (string.IsNullOrWhiteSpace(KeyPrefix) || KeyPrefix.AsSpan().IndexOfAny('{', '}') >= 0)
        {
            return $"{nameof(RedisXpmTokenStoreOptions)}.{nameof(KeyPrefix)} must be non-blank and hold no braces.";
        }

        if (LockLease < TimeSpan.FromMilliseconds(100) || LockWaitTimeout <= TimeSpan.Zero || PollInterval <= TimeSpan.Zero || PollInterval > TimeSpan.FromSeconds(1))
        {
            return $"{nameof(RedisXpmTokenStoreOptions)}: {nameof(LockLease)} must be at least 100 ms, {nameof(LockWaitTimeout)} positive, {nameof(PollInterval)} between 0 and 1 s.";
        }

        return null;
    }
}
