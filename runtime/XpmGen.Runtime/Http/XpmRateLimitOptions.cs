using System;

namespace XpmGen;

/// <summary>
/// Xero's limits, which an <see cref="XpmRateLimiter"/> keeps to before they are hit. The defaults are Xero's
/// published figures; tests scale them down. The daily budget is not configured: it is learned from the
/// <c>X-DayLimit-Remaining</c> header, since Xero's pricing tiers change it.
/// </summary>
public sealed class XpmRateLimitOptions
{
    /// <summary>Calls in progress at one time per tenant. Default: 5.</summary>
    public int ConcurrentRequestsPerTenant { get; set; } = 5;

    /// <summary>Calls per <see cref="Window"/> per tenant. Default: 60.</summary>
    public int RequestsPerWindowPerTenant { get; set; } = 60;

    /// <summary>Calls per <see cref="Window"/> across every tenant of the app. Default: 10,000.</summary>
    public int RequestsPerWindowPerApp { get; set; } = 10_000;

    /// <summary>The window the per-window figures apply to. Default: one minute.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How many calls may wait for a permit per tenant before further calls fail at once. Default: 10,000.</summary>
    public int QueueLimit { get; set; } = 10_000;

    /// <summary>
    /// How long a tenant's calls fail unsent after XPM reported no calls left today (<c>X-DayLimit-Remaining: 0</c>)
    /// when it gave no <c>Retry-After</c>. Then one call is sent again, and its answer decides: calls left, and the
    /// pause ends; still none, and it starts again. The client does not assume when XPM's day resets (Xero calls it a
    /// rolling 24 hours and publishes no reset time), so it re-checks instead of refusing calls for a blind 24 hours.
    /// Default: 5 minutes.
    /// </summary>
    public TimeSpan DayLimitRecheck { get; set; } = TimeSpan.FromMinutes(5);

    internal string? Validate()
    {
        if (DayLimitRecheck <= TimeSpan.Zero || DayLimitRecheck > TimeSpan.FromHours(24))
        {
            return $"{nameof(XpmRateLimitOptions)}.{nameof(DayLimitRecheck)} must be between zero and 24 hours; it is {DayLimitRecheck}.";
        }

        if (ConcurrentRequestsPerTenant < 1 || RequestsPerWindowPerTenant < 1 || RequestsPerWindowPerApp < 1 || QueueLimit < 0)
        {
            return $"{nameof(XpmRateLimitOptions)}: the limits must be at least 1 and {nameof(QueueLimit)} at least 0.";
        }

        if (Window < TimeSpan.FromMilliseconds(10))
        {
            return $"{nameof(XpmRateLimitOptions)}.{nameof(Window)} must be at least 10 ms; it is {Window}.";
        }

        return null;
    }
}

/// <summary>
/// The last limit figures XPM reported for a tenant (<c>X-MinLimit-Remaining</c>, <c>X-DayLimit-Remaining</c>,
/// <c>X-AppMinLimit-Remaining</c>), with when they were read. A figure is <see langword="null"/> until a response carried it.
/// </summary>
/// <param name="MinuteRemaining">Calls left this minute for the tenant.</param>
/// <param name="DayRemaining">Calls left today for the tenant.</param>
/// <param name="AppMinuteRemaining">Calls left this minute for the whole app.</param>
/// <param name="ObservedAt">When the response that carried the figures arrived.</param>
public sealed record XpmRateLimitStatus(int? MinuteRemaining, int? DayRemaining, int? AppMinuteRemaining, DateTimeOffset ObservedAt);
