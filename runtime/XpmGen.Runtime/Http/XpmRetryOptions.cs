using System;

namespace XpmGen;

/// <summary>
/// When an <see cref="XpmClient"/> sends a request again. A 429 is retried for every method (XPM did not
/// process the call); a 503, a timeout or a lost connection only for reads, because XPM has no idempotency
/// key and a repeated <c>POST job.api/add</c> would create a second job. A connection that could not be opened
/// at all is retried for every method: nothing was sent.
/// </summary>
public sealed class XpmRetryOptions
{
    /// <summary>Options that never retry.</summary>
    public static XpmRetryOptions None => new() { MaxRetries = 0 };

    /// <summary>How many times a request may be sent again after the first attempt. Default: 3.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first back-off delay when the response gives no <c>Retry-After</c>; it doubles with each retry, with jitter. Default: 1 second.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest back-off delay. Default: 30 seconds.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The longest <c>Retry-After</c> the client waits out; a longer one (a daily limit, say) fails at once with
    /// <see cref="XpmRateLimitException"/> so the caller can decide. Default: 2 minutes.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(2);

    internal string? Validate()
    {
        if (MaxRetries is < 0 or > 10)
        {
            return $"{nameof(XpmClientOptions)}.{nameof(XpmClientOptions.Retry)}.{nameof(MaxRetries)} must be between 0 and 10; it is {MaxRetries}.";
        }

        if (BaseDelay < TimeSpan.Zero || MaxDelay < BaseDelay || MaxRetryAfter < TimeSpan.Zero)
        {
            return $"{nameof(XpmClientOptions)}.{nameof(XpmClientOptions.Retry)} needs 0 <= {nameof(BaseDelay)} <= {nameof(MaxDelay)} and a non-negative {nameof(MaxRetryAfter)}.";
        }

        return null;
    }
}
